// Package storetest gives tests a fresh database and evidence vault in a
// temporary folder, closed when the test ends: a SQLite file, or in the
// postgres pass (REDLINE_TEST_ENGINE=postgres, see teamtest) a team
// database of the test's own with its vault in that database.
package storetest

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
	"github.com/nhs-redline/redline/backend/vault"
)

// Seal is the fixed audit key tests seal their stores with, as the
// workspace seals a real one with the account's key (backend/auditkey).
var Seal = store.AuditSeal{Key: []byte("redline test audit key: not secret"), From: 1}

// Open makes an empty store, sealed with Seal, and vault under t.TempDir():
// on PostgreSQL in the postgres pass (Target), the vault's files then in
// the database as a team workspace keeps them.
func Open(t testing.TB) (*store.Store, *vault.Vault) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(Target(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	st.SealAudit(Seal)
	t.Cleanup(func() { st.Close() })
	var v *vault.Vault
	if b := st.VaultBlobs(); b != nil {
		v, err = vault.OpenTeam(filepath.Join(dir, "vault"), b)
	} else {
		v, err = vault.Open(filepath.Join(dir, "vault"))
	}
	if err != nil {
		t.Fatal(err)
	}
	return st, v
}

// Target is what store.Open should open for a fresh, empty store: a SQLite
// file in dir, or in the postgres pass the URL of a new team database, set
// up as `redline-cli team init` would and dropped when t ends. Tests that
// close and reopen their store open Target's answer again.
func Target(t testing.TB, dir string) string {
	t.Helper()
	if !teamtest.OnPostgres() {
		return filepath.Join(dir, "redline.db")
	}
	url := teamtest.NewDatabase(t)
	if _, err := store.InitTeam(context.Background(), url); err != nil {
		t.Fatalf("team init: %v", err)
	}
	return url
}

// SQLiteOnly skips t in the postgres pass, saying why (teamtest.SQLiteOnly).
func SQLiteOnly(t testing.TB, why string) {
	t.Helper()
	teamtest.SQLiteOnly(t, why)
}

// Put stores r in v under a lease of its own, released at once: tests seed
// the vault before anything that could purge it runs.
func Put(t testing.TB, v *vault.Vault, r io.Reader) vault.Stored {
	t.Helper()
	l, err := v.Lease(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	st, err := l.Put(r)
	if err != nil {
		t.Fatal(err)
	}
	return st
}
