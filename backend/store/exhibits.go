package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
)

// Exhibit is an item of a case that may go to court, under its reference.
type Exhibit struct {
	ID          int64  `json:"id"`
	CaseID      int64  `json:"caseId"`
	Ref         string `json:"ref"` // AM/1
	Initials    string `json:"initials"`
	Number      int    `json:"number"`
	Producer    string `json:"producer"`
	Kind        string `json:"kind"` // recording, working_copy, transcript, operator_log, map, letter, document, photograph
	Description string `json:"description"`
	SourceType  string `json:"sourceType"` // media, transcript, letter, alert, file
	SourceID    int64  `json:"sourceId"`
	SHA256      string `json:"sha256"`
	FileName    string `json:"fileName"`
	KeptAt      string `json:"keptAt"`
	CreatedAt   int64  `json:"createdAt"`
	CreatedBy   string `json:"createdBy"`
}

// NewExhibit is an exhibit to number. Bytes, when set, is the file itself,
// kept in the database (a transcript's PDF, an operator log, a document the
// user added); recordings and letters leave it nil and stay in the vault.
type NewExhibit struct {
	CaseID      int64
	Initials    string
	Separator   string
	Producer    string
	Kind        string
	Description string
	SourceType  string
	SourceID    int64
	SHA256      string
	FileName    string
	KeptAt      string
	Bytes       []byte
}

const exhibitColumns = `id, case_id, ref, initials, number, producer, kind, description, source_type, source_id, sha256,
	file_name, kept_at, created_at, created_by`

func scanExhibit(sc interface{ Scan(...any) error }) (Exhibit, error) {
	var x Exhibit
	return x, sc.Scan(&x.ID, &x.CaseID, &x.Ref, &x.Initials, &x.Number, &x.Producer, &x.Kind, &x.Description, &x.SourceType,
		&x.SourceID, &x.SHA256, &x.FileName, &x.KeptAt, &x.CreatedAt, &x.CreatedBy)
}

// CreateExhibit numbers an item as the next exhibit of its producer and
// writes the audit entry, in one transaction. The number is one past the
// highest the producer has ever had, so none is reused. The same item (case,
// source and hash) already an exhibit is returned as it is, with created false.
func (s *Store) CreateExhibit(ctx context.Context, n NewExhibit, who Who) (x Exhibit, created bool, err error) {
	if n.Initials == "" || n.SHA256 == "" || n.Kind == "" {
		return x, false, fmt.Errorf("exhibit %q: the producer's initials, the kind and the SHA-256 are all needed", n.Description)
	}
	err = s.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.lockExhibitNumbers(ctx, tx); err != nil {
			return err
		}
		x, err = scanExhibit(tx.QueryRowContext(ctx, `SELECT `+exhibitColumns+` FROM exhibits
			WHERE case_id = ? AND source_type = ? AND source_id = ? AND sha256 = ?`, n.CaseID, n.SourceType, n.SourceID, n.SHA256))
		if err == nil {
			return nil
		}
		if err != sql.ErrNoRows {
			return err
		}
		var last int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(number), 0) FROM exhibits WHERE initials = ?`, n.Initials).Scan(&last); err != nil {
			return err
		}
		x, err = s.insertExhibit(ctx, tx, n, last+1, who)
		created = err == nil
		return err
	})
	return x, created, err
}

// exhibitLockKey is the advisory lock that numbers exhibits one at a time in
// a team database.
const exhibitLockKey int64 = 0x5265646c696e6558

// lockExhibitNumbers makes exhibit numbering take turns on PostgreSQL until
// tx ends, as SQLite's single writer does: otherwise two transactions read
// the same highest number and the second fails on the reference. An advisory
// lock needs no privilege on the table, whichever role is signed in.
func (s *Store) lockExhibitNumbers(ctx context.Context, tx *sql.Tx) error {
	if s.Engine() != Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, exhibitLockKey); err != nil {
		return fmt.Errorf("exhibit: wait for another exhibit's number: %w", err)
	}
	return nil
}

// Exhibits lists a case's exhibits in the order they were numbered.
func (s *Store) Exhibits(ctx context.Context, caseID int64) ([]Exhibit, error) {
	return queryList(ctx, s.db, `SELECT `+exhibitColumns+` FROM exhibits WHERE case_id = ? ORDER BY id`, []any{caseID}, scanExhibit)
}

// ExhibitByRef finds one exhibit by its reference.
func (s *Store) ExhibitByRef(ctx context.Context, ref string) (Exhibit, error) {
	x, err := scanExhibit(s.db.QueryRowContext(ctx, `SELECT `+exhibitColumns+` FROM exhibits WHERE ref = ?`, ref))
	if err == sql.ErrNoRows {
		return x, fmt.Errorf("exhibit %s: %w", ref, ErrNotFound)
	}
	return x, err
}

// ExhibitFile returns a file kept for an exhibit, by its SHA-256.
func (s *Store) ExhibitFile(ctx context.Context, sha string) ([]byte, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, `SELECT bytes FROM exhibit_files WHERE sha256 = ?`, sha).Scan(&b)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("exhibit file %s: %w", sha, ErrNotFound)
	}
	return b, err
}

// CaseByRef returns one case by its reference (RL-2026-0001).
func (s *Store) CaseByRef(ctx context.Context, ref string) (CaseFile, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM cases WHERE ref = ?`, ref).Scan(&id)
	if err == sql.ErrNoRows {
		return CaseFile{}, fmt.Errorf("case %s: %w", ref, ErrNotFound)
	}
	if err != nil {
		return CaseFile{}, err
	}
	return loadCase(ctx, s.db, id)
}

// AuditOf lists the entries about one object with one of actions (all
// actions when none is given), oldest first.
func (s *Store) AuditOf(ctx context.Context, objectType string, objectID int64, actions ...string) ([]AuditEntry, error) {
	q, args := `SELECT `+auditColumns+` FROM audit_log WHERE object_type = ? AND object_id = ?`, []any{objectType, strconv.FormatInt(objectID, 10)}
	if len(actions) > 0 {
		q += ` AND action IN (` + placeholders(len(actions)) + `)`
		for _, a := range actions {
			args = append(args, a)
		}
	}
	return queryList(ctx, s.db, q+` ORDER BY seq`, args, scanAudit)
}

// AuditNaming lists the entries whose action starts with actionPrefix and
// whose detail contains text (a SHA-256, say), oldest first: the import that
// received a file, the packages a file was copied into.
func (s *Store) AuditNaming(ctx context.Context, actionPrefix, text string) ([]AuditEntry, error) {
	return queryList(ctx, s.db, `SELECT `+auditColumns+` FROM audit_log WHERE action LIKE ? ESCAPE '\' AND instr(detail, ?) > 0
		ORDER BY seq`, []any{escapeLike(actionPrefix) + "%", text}, scanAudit)
}

// SameDayRecordings lists the live recordings of a worker's other alerts
// raised in [from, to), for a case's schedule of unused material.
func (s *Store) SameDayRecordings(ctx context.Context, workerID int64, from, to int64, except []int64) ([]Media, error) {
	q := `SELECT ` + prefixed("m.", mediaColumns) + ` FROM media m JOIN alerts a ON a.id = m.alert_id
		WHERE a.worker_id = ? AND a.raised_at >= ? AND a.raised_at < ? AND m.destroyed_at IS NULL`
	args := []any{workerID, from, to}
	if len(except) > 0 {
		q += ` AND m.alert_id NOT IN (` + placeholders(len(except)) + `)`
		for _, id := range except {
			args = append(args, id)
		}
	}
	return queryList(ctx, s.db, q+` ORDER BY a.raised_at, m.id`, args, scanMedia)
}

// DecodeDetail reads an audit entry's JSON detail into a map; a detail that
// is not a JSON object gives an empty map.
func DecodeDetail(e AuditEntry) map[string]any {
	m := map[string]any{}
	_ = json.Unmarshal([]byte(e.Detail), &m)
	return m
}
