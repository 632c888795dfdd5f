package storetest

import (
	"database/sql"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

// Tamper runs stmts on the database file at path directly, as someone with
// sqlite3 and the file would, after dropping the audit log's append-only
// triggers (which such a person can do too). Close the store first.
func Tamper(t testing.TB, path string, stmts ...string) {
	t.Helper()
	db := rawOpen(t, path)
	defer db.Close()
	for _, q := range append([]string{"DROP TRIGGER IF EXISTS audit_log_no_update", "DROP TRIGGER IF EXISTS audit_log_no_delete"}, stmts...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// Forge rewrites the audit log as a forger holding the database file but not
// its key would: change edits entry seq, then every hash from it on is
// recomputed with hashOf (plain SHA-256, or an HMAC under a guessed key), so
// each entry still follows the one before. Close the store first.
func Forge(t testing.TB, path string, seq int64, change func(*store.AuditEntry), hashOf func(store.AuditEntry) string) {
	t.Helper()
	Tamper(t, path)
	db := rawOpen(t, path)
	defer db.Close()
	prev := store.GenesisHash
	if err := db.QueryRow(`SELECT hash FROM audit_log WHERE seq = ?`, seq-1).Scan(&prev); err != nil && err != sql.ErrNoRows {
		t.Fatal(err)
	}
	for _, e := range entriesFrom(t, db, seq) {
		if e.Seq == seq {
			change(&e)
		}
		e.PrevHash = prev
		e.Hash = hashOf(e)
		if _, err := db.Exec(`UPDATE audit_log SET at = ?, actor = ?, action = ?, object_type = ?, object_id = ?, detail = ?,
			prev_hash = ?, hash = ? WHERE seq = ?`, e.At, e.Actor, e.Action, e.ObjectType, e.ObjectID, e.Detail, e.PrevHash, e.Hash, e.Seq); err != nil {
			t.Fatal(err)
		}
		prev = e.Hash
	}
}

func entriesFrom(t testing.TB, db *sql.DB, seq int64) []store.AuditEntry {
	t.Helper()
	rows, err := db.Query(`SELECT seq, at, actor, action, object_type, object_id, detail, prev_hash, hash
		FROM audit_log WHERE seq >= ? ORDER BY seq`, seq)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var es []store.AuditEntry
	for rows.Next() {
		var e store.AuditEntry
		if err := rows.Scan(&e.Seq, &e.At, &e.Actor, &e.Action, &e.ObjectType, &e.ObjectID, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return es
}

func rawOpen(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", store.FileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	return db
}
