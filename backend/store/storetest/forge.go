package storetest

import (
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

// Tamper runs stmts on the database at path directly, as someone with
// sqlite3 and the file would (or, for a team database's URL, its owner with
// psql), after dropping the audit log's append-only triggers (which such a
// person can do too). Close the store first. Statements are SQLite's; a
// `DROP TRIGGER name` is given its table on PostgreSQL, which needs it.
func Tamper(t testing.TB, path string, stmts ...string) {
	t.Helper()
	db := rawOpen(t, path)
	defer db.Close()
	for _, q := range append([]string{"DROP TRIGGER IF EXISTS audit_log_no_update", "DROP TRIGGER IF EXISTS audit_log_no_delete"}, stmts...) {
		if store.IsDatabaseURL(path) {
			q = pgDropTrigger(t, db, q)
		}
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

var dropTrigger = regexp.MustCompile(`(?i)^DROP TRIGGER (IF EXISTS )?(\w+)$`)

// pgDropTrigger turns SQLite's `DROP TRIGGER name` into PostgreSQL's, which
// names the table (the twin triggers share their names); other statements
// pass unchanged. A trigger that is not there is an error unless IF EXISTS.
func pgDropTrigger(t testing.TB, db *sql.DB, q string) string {
	t.Helper()
	m := dropTrigger.FindStringSubmatch(strings.TrimSpace(q))
	if m == nil {
		return q
	}
	var table string
	err := db.QueryRow(`SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = $1`, m[2]).Scan(&table)
	switch {
	case err == sql.ErrNoRows && m[1] != "":
		return "SELECT 1"
	case err != nil:
		t.Fatalf("%s: %v", q, err)
	}
	return fmt.Sprintf("DROP TRIGGER %s%s ON %s", m[1], m[2], table)
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
	ph := placeholders(path)
	prev := store.GenesisHash
	if err := db.QueryRow(ph(`SELECT hash FROM audit_log WHERE seq = ?`), seq-1).Scan(&prev); err != nil && err != sql.ErrNoRows {
		t.Fatal(err)
	}
	for _, e := range entriesFrom(t, db, ph, seq) {
		if e.Seq == seq {
			change(&e)
		}
		e.PrevHash = prev
		e.Hash = hashOf(e)
		if _, err := db.Exec(ph(`UPDATE audit_log SET at = ?, actor = ?, action = ?, object_type = ?, object_id = ?, detail = ?,
			prev_hash = ?, hash = ? WHERE seq = ?`), e.At, e.Actor, e.Action, e.ObjectType, e.ObjectID, e.Detail, e.PrevHash, e.Hash, e.Seq); err != nil {
			t.Fatal(err)
		}
		prev = e.Hash
	}
}

func entriesFrom(t testing.TB, db *sql.DB, ph func(string) string, seq int64) []store.AuditEntry {
	t.Helper()
	rows, err := db.Query(ph(`SELECT seq, at, actor, action, object_type, object_id, detail, prev_hash, hash
		FROM audit_log WHERE seq >= ? ORDER BY seq`), seq)
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

// placeholders numbers a query's ? for PostgreSQL ($1, $2, ...) when path is
// a team database's URL: these queries hold no ? in quotes.
func placeholders(path string) func(string) string {
	if !store.IsDatabaseURL(path) {
		return func(q string) string { return q }
	}
	return func(q string) string {
		var b strings.Builder
		n := 0
		for _, r := range q {
			if r == '?' {
				n++
				fmt.Fprintf(&b, "$%d", n)
				continue
			}
			b.WriteRune(r)
		}
		return b.String()
	}
}

// rawOpen opens the database itself, bypassing the store: the SQLite file,
// or a team database through pgx as its owner.
func rawOpen(t testing.TB, path string) *sql.DB {
	t.Helper()
	driver, dsn := "sqlite", store.FileURI(path)
	if store.IsDatabaseURL(path) {
		driver, dsn = "pgx", path
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	return db
}
