// Package storetest gives tests a fresh database and evidence vault in a
// temporary folder, closed when the test ends.
package storetest

import (
	"path/filepath"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// Open makes an empty store and vault under t.TempDir().
func Open(t testing.TB) (*store.Store, *vault.Vault) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "redline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	v, err := vault.Open(filepath.Join(dir, "vault"))
	if err != nil {
		t.Fatal(err)
	}
	return st, v
}
