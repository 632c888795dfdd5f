package arc

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/demo"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/vault"
)

// demoEnd is fixed so fixtures are the same on every run; the month holds
// the October clock change.
var demoEnd = time.Date(2025, 11, 3, 12, 0, 0, 0, time.UTC)

type space struct {
	st *store.Store
	v  *vault.Vault
}

func newSpace(t testing.TB) space {
	t.Helper()
	st, v := storetest.Open(t)
	return space{st, v}
}

var (
	demoOnce  sync.Once
	demoSpace space
	demoSum   demo.Summary
	demoErr   error
)

// demoTrust is a small generated trust shared by the tests (read-only).
func demoTrust(t testing.TB) (space, demo.Summary) {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := osMkdirTemp()
		if err != nil {
			demoErr = err
			return
		}
		st, err := store.Open(filepath.Join(dir, "redline.db"))
		if err != nil {
			demoErr = err
			return
		}
		v, _ := vault.Open(filepath.Join(dir, "vault"))
		demoSpace = space{st, v}
		demoSum, demoErr = demo.Generate(context.Background(), st, v,
			demo.Config{Seed: 7, End: demoEnd, Months: 1, WorkersPerTeam: 6})
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoSpace, demoSum
}

// exportDemo writes the demo trust in profile p into a fresh folder.
func exportDemo(t testing.TB, p *Profile) (string, demo.Summary) {
	t.Helper()
	sp, sum := demoTrust(t)
	dir := t.TempDir()
	if _, err := Export(context.Background(), sp.st, sp.v, dir, p); err != nil {
		t.Fatal(err)
	}
	return dir, sum
}

func mustProfile(t testing.TB, name string) *Profile {
	t.Helper()
	p, err := ProfileByName(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func count(t testing.TB, st *store.Store, table string) int {
	t.Helper()
	var n int
	err := st.Write(context.Background(), func(w *store.Writer) error {
		return w.Tx().QueryRow("SELECT count(*) FROM " + table).Scan(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
