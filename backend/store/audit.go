package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash"
	"strconv"
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

// AuditSeal keys the audit chain. A plain hash chain only shows accidents:
// anyone holding the database file can rewrite an entry and recompute every
// later hash. An HMAC needs the key, which lives outside the database
// (backend/auditkey), so a rewrite without it shows at the entry rewritten.
type AuditSeal struct {
	Key []byte // the HMAC-SHA-256 key
	// From is the first entry sealed with Key. Entries before it were written
	// before the key existed. It is kept with the key, not in the database:
	// otherwise a forger could rewrite the whole log as plain SHA-256 and move
	// the switch point past the end.
	From int64
	// Before is the last entry before From as it stood when the key was made,
	// recorded with the key, so the entries that predate it cannot be
	// rewritten either without this record disagreeing.
	Before AuditAnchor
	// Elsewhere says the entries before From were sealed with a key this
	// computer does not hold (the database came from another computer or
	// account, or its key was lost): their links can be checked, their
	// authenticity cannot. Otherwise they are plain SHA-256.
	Elsewhere bool
	// Note, when set, is something a person checking the log should be told
	// about how the key was found (auditkey writes it).
	Note string
}

// SealAudit keys every entry appended from now on and every check of the log
// with seal. The workspace calls it as soon as it opens a data directory.
// A store never sealed (a unit test's) writes and checks plain SHA-256, and
// says so in its AuditReport.
func (s *Store) SealAudit(seal AuditSeal) {
	seal.Key = append([]byte(nil), seal.Key...)
	s.seal.Store(&seal)
}

// auditFields writes every field of e except its own hash, length-prefixed so
// no two different entries can run together into the same bytes.
func auditFields(h hash.Hash, e AuditEntry) string {
	for _, f := range []string{strconv.FormatInt(e.Seq, 10), strconv.FormatInt(e.At, 10), e.Actor, e.Action,
		e.ObjectType, e.ObjectID, e.Detail, e.PrevHash} {
		fmt.Fprintf(h, "%d:%s|", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// AuditHash is the plain SHA-256 of an entry, as entries written before
// their database had a key are chained.
func AuditHash(e AuditEntry) string { return auditFields(sha256.New(), e) }

// AuditMAC is the HMAC-SHA-256 of an entry under key, as entries are chained
// once their database has one.
func AuditMAC(key []byte, e AuditEntry) string { return auditFields(hmac.New(sha256.New, key), e) }

// sealEntry is the hash a new entry gets: keyed whenever the store is sealed,
// so nothing appended after the key was made can pass as an older plain entry.
func (s *Store) sealEntry(e AuditEntry) string {
	if seal := s.seal.Load(); seal != nil {
		return AuditMAC(seal.Key, e)
	}
	return AuditHash(e)
}

// AppendAudit adds an entry inside tx, chaining it to the last one. Redline's
// SQLite transactions take the write lock when they begin, and on PostgreSQL
// lockAudit serialises appends, so appends never interleave.
func (s *Store) AppendAudit(ctx context.Context, tx *sql.Tx, e AuditEntry) (AuditEntry, error) {
	if err := s.lockAudit(ctx, tx); err != nil {
		return e, err
	}
	var lastSeq sql.NullInt64
	var lastHash sql.NullString
	err := tx.QueryRowContext(ctx, s.auditHeadQuery()).Scan(&lastSeq, &lastHash)
	if err != nil && err != sql.ErrNoRows {
		return e, fmt.Errorf("audit: read last entry: %w", err)
	}
	e.Seq, e.PrevHash = lastSeq.Int64+1, GenesisHash
	if lastHash.Valid {
		e.PrevHash = lastHash.String
	}
	e.Hash = s.sealEntry(e)
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
		out, err = s.AppendAudit(ctx, tx, e)
		return err
	})
	return out, err
}

// Audit appends an entry inside the Writer's transaction, for packages that
// record what a whole import did in the same commit.
func (w *Writer) Audit(e AuditEntry) (AuditEntry, error) { return w.store.AppendAudit(w.ctx, w.tx, e) }

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
