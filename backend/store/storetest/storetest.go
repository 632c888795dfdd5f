// Package storetest gives tests a fresh database and evidence vault in a
// temporary folder, closed when the test ends.
package storetest

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// Seal is the fixed audit key tests seal their stores with, as the
// workspace seals a real one with the account's key (backend/auditkey).
var Seal = store.AuditSeal{Key: []byte("redline test audit key: not secret"), From: 1}

// Open makes an empty store, sealed with Seal, and vault under t.TempDir().
func Open(t testing.TB) (*store.Store, *vault.Vault) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "redline.db"))
	if err != nil {
		t.Fatal(err)
	}
	st.SealAudit(Seal)
	t.Cleanup(func() { st.Close() })
	v, err := vault.Open(filepath.Join(dir, "vault"))
	if err != nil {
		t.Fatal(err)
	}
	return st, v
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
