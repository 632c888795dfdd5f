package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	Seq        int64  `json:"seq"`
	At         int64  `json:"at"`
	Actor      string `json:"actor"`
	Action     string `json:"action"`
	ObjectType string `json:"objectType"`
	ObjectID   string `json:"objectId"`
	Detail     string `json:"detail"`
	PrevHash   string `json:"prevHash"`
	Hash       string `json:"hash"`
}

// GenesisHash is the prev_hash of the first entry.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// AuditHash is the chained hash of an entry: every field, length-prefixed so
// no two different entries can run together into the same bytes.
func AuditHash(e AuditEntry) string {
	h := sha256.New()
	for _, f := range []string{strconv.FormatInt(e.Seq, 10), strconv.FormatInt(e.At, 10), e.Actor, e.Action,
		e.ObjectType, e.ObjectID, e.Detail, e.PrevHash} {
		fmt.Fprintf(h, "%d:%s|", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// AppendAudit adds an entry inside tx, chaining it to the last one. Redline's
// transactions take the write lock when they begin, so appends never interleave.
func AppendAudit(ctx context.Context, tx *sql.Tx, e AuditEntry) (AuditEntry, error) {
	var lastSeq sql.NullInt64
	var lastHash sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).Scan(&lastSeq, &lastHash)
	if err != nil && err != sql.ErrNoRows {
		return e, fmt.Errorf("audit: read last entry: %w", err)
	}
	e.Seq, e.PrevHash = lastSeq.Int64+1, GenesisHash
	if lastHash.Valid {
		e.PrevHash = lastHash.String
	}
	e.Hash = AuditHash(e)
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log(seq, at, actor, action, object_type, object_id, detail, prev_hash, hash)
		VALUES (?,?,?,?,?,?,?,?,?)`, e.Seq, e.At, e.Actor, e.Action, e.ObjectType, e.ObjectID, e.Detail, e.PrevHash, e.Hash)
	if err != nil {
		return e, fmt.Errorf("audit: append %s: %w", e.Action, err)
	}
	return e, nil
}

// Audit appends one entry in its own transaction.
func (s *Store) Audit(ctx context.Context, e AuditEntry) (AuditEntry, error) {
	var out AuditEntry
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = AppendAudit(ctx, tx, e)
		return err
	})
	return out, err
}

const auditColumns = `seq, at, actor, action, object_type, object_id, detail, prev_hash, hash`

func scanAudit(rows interface{ Scan(...any) error }) (AuditEntry, error) {
	var e AuditEntry
	err := rows.Scan(&e.Seq, &e.At, &e.Actor, &e.Action, &e.ObjectType, &e.ObjectID, &e.Detail, &e.PrevHash, &e.Hash)
	return e, err
}

// AuditFor lists the entries about one object, oldest first.
func (s *Store) AuditFor(ctx context.Context, objectType, objectID string) ([]AuditEntry, error) {
	return queryList(ctx, s.db, `SELECT `+auditColumns+` FROM audit_log WHERE object_type = ? AND object_id = ? ORDER BY seq`,
		[]any{objectType, objectID}, scanAudit)
}

// AuditProblem says where the chain first breaks.
type AuditProblem struct {
	Seq    int64  `json:"seq"`    // the entry at which verification failed
	Reason string `json:"reason"` // plain English
}

// VerifyAudit walks the whole log in sequence order and reports the first
// break, or nil: a missing number, a row that does not follow its
// predecessor's hash (removed, changed or reordered before it), or a row
// whose own fields no longer match its hash.
func (s *Store) VerifyAudit(ctx context.Context) (*AuditProblem, int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	prev, want := GenesisHash, int64(1)
	var n int64
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, n, err
		}
		n++
		switch {
		case e.Seq != want:
			return &AuditProblem{Seq: want, Reason: fmt.Sprintf("entry %d is missing (the next entry found is %d): removed or renumbered", want, e.Seq)}, n, nil
		case e.PrevHash != prev:
			return &AuditProblem{Seq: e.Seq, Reason: fmt.Sprintf("entry %d does not follow entry %d: an entry before it was removed, changed or reordered", e.Seq, e.Seq-1)}, n, nil
		case AuditHash(e) != e.Hash:
			return &AuditProblem{Seq: e.Seq, Reason: fmt.Sprintf("entry %d (%s) was altered after it was written", e.Seq, strings.TrimSpace(e.Action))}, n, nil
		}
		prev, want = e.Hash, want+1
	}
	return nil, n, rows.Err()
}
