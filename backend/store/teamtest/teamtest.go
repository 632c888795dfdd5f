// Package teamtest gives a test a fresh, empty PostgreSQL database on the
// throwaway server REDLINE_TEST_PG names (scripts/pgtest.sh starts one), or
// skips the test, saying so, when no server was named.
package teamtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Env names the server: a postgres:// URL whose user may create databases.
const Env = "REDLINE_TEST_PG"

// Server is the URL of the test server, or "" when none was named.
func Server() string { return os.Getenv(Env) }

// Skip skips t, saying how to run it, when no test server was named.
func Skip(t testing.TB) {
	t.Helper()
	if Server() == "" {
		t.Skipf("PostgreSQL half skipped: %s is not set (D=$(scripts/pgtest.sh start); "+
			"export %s=$(scripts/pgtest.sh url $D))", Env, Env)
	}
}

// NewDatabase creates an empty database for t alone and returns its URL; it
// is dropped when t ends. It skips t when no test server was named.
func NewDatabase(t testing.TB) string {
	t.Helper()
	Skip(t)
	admin, err := sql.Open("pgx", Server())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	b := make([]byte, 6)
	rand.Read(b)
	name := "redline_t_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database on %s: %v", Env, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	return WithDatabase(t, Server(), name)
}

// WithDatabase is u naming database name instead of its own.
func WithDatabase(t testing.TB, u, name string) string {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	p.Path = "/" + name
	return p.String()
}

// Exec runs statements on the database at u directly, as its owner could
// with psql: to set up a state Redline itself would never make.
func Exec(t testing.TB, u string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("pgx", u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}
