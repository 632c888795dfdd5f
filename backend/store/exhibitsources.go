package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
)

// Where an exhibit's bytes come from, for the two exhibits whose file is not
// simply a file received or kept: the ARC's operator log, which Redline holds
// as rows an import wrote, and a transcript PDF, which prints its own
// exhibit reference and so cannot be hashed before it is numbered.

// AlertReceipt is an import that brought an alert from the ARC, or changed
// it afterwards, with the audit entry that import wrote as it finished.
type AlertReceipt struct {
	Import ImportRecord
	// Files are the import's files that hold alert records (its alarms and
	// operator log files), as received, with their SHA-256.
	Files []ImportFile
	// Created says the import created the alert; false, it changed fields of it.
	Created bool
	// Line is the line of the alarms file the alert was created from; 0 when
	// not known (the demo, an import older than the line being kept).
	Line int64
	// Entry is the import's closing audit entry ("import.imported", ...);
	// Seq 0 when the audit log holds none.
	Entry AuditEntry
}

// AlertImports lists the imports that brought an alert and changed it, in
// the order they ran: the import that created it first (none when it was
// made otherwise), then each import that changed its fields.
func (s *Store) AlertImports(ctx context.Context, alertID int64) ([]AlertReceipt, error) {
	var first, line int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(import_id, 0), coalesce(import_line, 0) FROM alerts WHERE id = ?`, alertID).Scan(&first, &line)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("alert %d: %w", alertID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("alert %d: its import: %w", alertID, err)
	}
	later, err := queryList(ctx, s.db, `SELECT import_id FROM alert_history WHERE alert_id = ? AND import_id <> ?
		GROUP BY import_id ORDER BY min(id)`, []any{alertID, first},
		func(sc interface{ Scan(...any) error }) (int64, error) { var id int64; return id, sc.Scan(&id) })
	if err != nil {
		return nil, fmt.Errorf("alert %d: the imports that changed it: %w", alertID, err)
	}
	out := []AlertReceipt{}
	if first != 0 {
		r, err := s.alertReceipt(ctx, first)
		if err != nil {
			return nil, err
		}
		r.Created, r.Line = true, line
		out = append(out, r)
	}
	for _, id := range later {
		r, err := s.alertReceipt(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func (s *Store) alertReceipt(ctx context.Context, importID int64) (AlertReceipt, error) {
	var r AlertReceipt
	err := s.db.QueryRowContext(ctx, `SELECT id, started_at, coalesce(finished_at, 0), source, profile, imported_by, status, summary
		FROM imports WHERE id = ?`, importID).Scan(&r.Import.ID, &r.Import.StartedAt, &r.Import.FinishedAt, &r.Import.Source,
		&r.Import.Profile, &r.Import.ImportedBy, &r.Import.Status, &r.Import.Summary)
	if err == sql.ErrNoRows {
		return r, fmt.Errorf("import %d: %w", importID, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("import %d: %w", importID, err)
	}
	files, err := s.ImportFiles(ctx, importID)
	if err != nil {
		return r, err
	}
	for _, f := range files {
		if f.Kind == "alarms" || f.Kind == "log" {
			r.Files = append(r.Files, f)
		}
	}
	// The entry naming the import's final status is the one it wrote as it
	// finished; a report saved or rows fixed later are entries of their own.
	// An import that stored anything finished as imported or partial (the
	// demo's record keeps the default status "done" but writes the same entry).
	es, err := s.AuditOf(ctx, "import", importID, "import."+r.Import.Status, "import.imported", "import.partial")
	if err != nil {
		return r, fmt.Errorf("import %d: its audit entry: %w", importID, err)
	}
	if len(es) > 0 {
		r.Entry = es[0]
	}
	return r, nil
}

// CreateRenderedExhibit numbers a file that prints its own exhibit reference
// (a transcript PDF): in one transaction it takes the producer's next
// number, has render draw the file with that reference, hashes what it drew,
// keeps it and writes the audit entry, so the reference printed is the one
// the exhibit has and no other exhibit can take that number meanwhile. n's
// SHA256 and Bytes are ignored. render must not use the store: the
// transaction holds the write lock. If the drawn file is already the same
// item's exhibit it is returned as it is, with created false, and the number
// is not used.
func (s *Store) CreateRenderedExhibit(ctx context.Context, n NewExhibit, who Who, render func(ref string) ([]byte, error)) (x Exhibit, created bool, err error) {
	if n.Initials == "" || n.Kind == "" {
		return x, false, fmt.Errorf("exhibit %q: the producer's initials and the kind are both needed", n.Description)
	}
	err = s.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.lockExhibitNumbers(ctx, tx); err != nil {
			return err
		}
		var last int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(number), 0) FROM exhibits WHERE initials = ?`, n.Initials).Scan(&last); err != nil {
			return err
		}
		ref := n.Initials + n.Separator + strconv.Itoa(last+1)
		b, err := render(ref)
		if err != nil {
			return fmt.Errorf("exhibit %s: %w", ref, err)
		}
		h := sha256.Sum256(b)
		n.SHA256, n.Bytes = hex.EncodeToString(h[:]), b
		x, err = scanExhibit(tx.QueryRowContext(ctx, `SELECT `+exhibitColumns+` FROM exhibits
			WHERE case_id = ? AND source_type = ? AND source_id = ? AND sha256 = ?`, n.CaseID, n.SourceType, n.SourceID, n.SHA256))
		if err != sql.ErrNoRows {
			return err
		}
		x, err = s.insertExhibit(ctx, tx, n, last+1, who)
		created = err == nil
		return err
	})
	return x, created, err
}

// insertExhibit writes exhibit n under number, its file when it has one, and
// its audit entry, inside tx.
func (s *Store) insertExhibit(ctx context.Context, tx *sql.Tx, n NewExhibit, number int, who Who) (Exhibit, error) {
	x := Exhibit{CaseID: n.CaseID, Ref: n.Initials + n.Separator + strconv.Itoa(number), Initials: n.Initials, Number: number,
		Producer: n.Producer, Kind: n.Kind, Description: n.Description, SourceType: n.SourceType, SourceID: n.SourceID,
		SHA256: n.SHA256, FileName: n.FileName, KeptAt: n.KeptAt, CreatedAt: who.At, CreatedBy: who.Actor}
	id, err := insertRowID(ctx, tx, `INSERT INTO exhibits(case_id, ref, initials, number, producer, kind, description,
		source_type, source_id, sha256, file_name, kept_at, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		x.CaseID, x.Ref, x.Initials, x.Number, x.Producer, x.Kind, x.Description, x.SourceType, x.SourceID, x.SHA256,
		x.FileName, x.KeptAt, x.CreatedAt, x.CreatedBy)
	if err != nil {
		if isUniqueViolation(err) {
			return x, fmt.Errorf("exhibit reference %s is already taken (another producer with the same initials and separator?): %w", x.Ref, err)
		}
		return x, fmt.Errorf("exhibit %s: %w", x.Ref, err)
	}
	x.ID = id
	if n.Bytes != nil {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO exhibit_files(sha256, bytes) VALUES (?, ?)`, n.SHA256, n.Bytes); err != nil {
			return x, fmt.Errorf("exhibit %s: keep its file: %w", x.Ref, err)
		}
	}
	return x, s.audit(ctx, tx, who, "exhibit.create", "exhibit", x.ID, map[string]any{"ref": x.Ref, "caseId": x.CaseID,
		"kind": x.Kind, "description": x.Description, "source": x.SourceType, "sourceId": x.SourceID, "sha256": x.SHA256,
		"file": x.FileName})
}
