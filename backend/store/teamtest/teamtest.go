// Package teamtest gives a test a fresh, empty PostgreSQL database on the
// throwaway server REDLINE_TEST_PG names (scripts/pgtest.sh starts one), or
// skips the test, saying so, when no server was named. It also holds the
// one switch (REDLINE_TEST_ENGINE) that puts the store tests written for
// one engine onto PostgreSQL for a second pass.
package teamtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Env names the server: a postgres:// URL whose user may create databases.
const Env = "REDLINE_TEST_PG"

// Server is the URL of the test server, or "" when none was named.
func Server() string { return os.Getenv(Env) }

// EngineEnv chooses the engine of the store tests that open one store of
// their own (the store package's openTest, storetest.Open): unset or
// "sqlite" for a SQLite file, "postgres" for a fresh database on the
// REDLINE_TEST_PG server. `make test` runs the store package once each way;
// tests that run both engines themselves (eachEngine) run only their
// PostgreSQL half in the postgres pass.
const EngineEnv = "REDLINE_TEST_ENGINE"

// OnPostgres reports whether this is the postgres pass. Any value other than
// "", "sqlite" or "postgres" stops the run, so a typing slip cannot quietly
// run the SQLite pass twice.
func OnPostgres() bool {
	switch v := os.Getenv(EngineEnv); v {
	case "", "sqlite":
		return false
	case "postgres":
		return true
	default:
		panic(fmt.Sprintf("%s=%q: want sqlite or postgres", EngineEnv, v))
	}
}

// SQLiteOnly skips t in the postgres pass, giving the reason: for a test of
// something PostgreSQL does not have (the SQLite file, its PRAGMAs, the
// SQLite bulk import's deferred indexes). why should say what, in a line.
func SQLiteOnly(t testing.TB, why string) {
	t.Helper()
	if OnPostgres() {
		t.Skipf("SQLite only: %s", why)
	}
}

// Skip skips t, saying how to run it, when no test server was named. In the
// postgres pass a missing server fails t instead: that pass must not pass
// by skipping everything.
func Skip(t testing.TB) {
	t.Helper()
	if Server() == "" && OnPostgres() {
		t.Fatalf("%s=postgres needs a server: %s is not set", EngineEnv, Env)
	}
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
