package auditkey

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
)

var now = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

func ring(t *testing.T) *Ring {
	t.Helper()
	r, err := Open(filepath.Join(t.TempDir(), "keys"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func openDB(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func appendN(t *testing.T, st *store.Store, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		if _, err := st.Audit(context.Background(), store.AuditEntry{At: int64(i), Actor: "lsms", Action: "case.note_add",
			ObjectType: "case", ObjectID: "1"}); err != nil {
			t.Fatal(err)
		}
	}
}

// sealed opens path and seals it from r, as the workspace does.
func sealed(t *testing.T, r *Ring, path string) (*store.Store, Key) {
	t.Helper()
	st := openDB(t, path)
	k, err := r.Seal(context.Background(), st, now)
	if err != nil {
		t.Fatal(err)
	}
	return st, k
}

func report(t *testing.T, st *store.Store) store.AuditReport {
	t.Helper()
	rep, err := st.CheckAuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestSeal_NewDatabaseIsKeyedFromEntryOne(t *testing.T) {
	r := ring(t)
	path := filepath.Join(t.TempDir(), "redline.db")
	st, k := sealed(t, r, path)
	if k.From != 1 || k.Elsewhere || len(k.Secret) != secretLen {
		t.Fatalf("new key %+v", k)
	}
	appendN(t, st, 3)
	if rep := report(t, st); !rep.Authentic() || rep.KeyedFrom != 1 || rep.Plain != 0 {
		t.Fatalf("%+v", rep)
	}
	st.Close()
	st2, k2 := sealed(t, r, path)
	if k2.ID != k.ID || string(k2.Secret) != string(k.Secret) {
		t.Fatalf("reopened with another key: %+v", k2)
	}
	if rep := report(t, st2); !rep.Authentic() || rep.Entries != 3 {
		t.Fatalf("reopened: %+v", rep)
	}
}

func TestSeal_KeyFileIsPrivateAndOutsideTheDatabase(t *testing.T) {
	r := ring(t)
	st, k := sealed(t, r, filepath.Join(t.TempDir(), "redline.db"))
	if id, _ := st.Setting(context.Background(), SettingKey, ""); id != k.ID {
		t.Fatalf("the database names %q, the key is %q", id, k.ID)
	}
	raw, err := os.ReadFile(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), string(k.Secret)) {
		t.Fatal("the secret is in the database file")
	}
	if runtime.GOOS == "windows" {
		return
	}
	for p, want := range map[string]os.FileMode{r.Dir(): 0o700, r.path(k.ID): 0o600} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v (%v), want %v", p, fi.Mode().Perm(), err, want)
		}
	}
}

// TestSeal_LegacyDatabaseKeyedAfterItsEntries: a database whose log
// predates keys keeps its entries as plain SHA-256 and is keyed from the
// next; the switch point is in the key file.
func TestSeal_LegacyDatabaseKeyedAfterItsEntries(t *testing.T) {
	r := ring(t)
	path := filepath.Join(t.TempDir(), "redline.db")
	appendN(t, openDB(t, path), 4)
	st, k := sealed(t, r, path)
	if k.From != 5 || k.Before.Seq != 4 || k.Elsewhere {
		t.Fatalf("legacy key %+v", k)
	}
	appendN(t, st, 2)
	if rep := report(t, st); !rep.Authentic() || rep.Plain != 4 || rep.KeyedFrom != 5 || rep.Entries != 6 {
		t.Fatalf("%+v", rep)
	}
}

// TestSeal_SwitchPointSurvivesEditsToTheDatabase: a forger rewrites the
// whole keyed log as plain SHA-256 and removes (or changes) the database's
// key name, so Redline would take it for an old unkeyed database and move
// the switch point past the end. The key made for this file is found
// instead, with its switch point, and the forgery fails at its first entry.
func TestSeal_SwitchPointSurvivesEditsToTheDatabase(t *testing.T) {
	for name, edit := range map[string]string{
		"key name removed": `DELETE FROM settings WHERE key = 'audit.key_id'`,
		"key name changed": `UPDATE settings SET value = '0123456789abcdef0123456789abcdef' WHERE key = 'audit.key_id'`,
		"key name garbage": `UPDATE settings SET value = '../../elsewhere' WHERE key = 'audit.key_id'`,
	} {
		t.Run(name, func(t *testing.T) {
			r := ring(t)
			path := filepath.Join(t.TempDir(), "redline.db")
			st, k := sealed(t, r, path)
			appendN(t, st, 5)
			st.Close()
			storetest.Forge(t, path, 1, func(e *store.AuditEntry) {}, store.AuditHash)
			storetest.Tamper(t, path, edit)
			st2, k2 := sealed(t, r, path)
			if k2.ID != k.ID || k2.From != 1 {
				t.Fatalf("found key %+v, want the one made for this file", k2)
			}
			rep := report(t, st2)
			if rep.Problem == nil || rep.Problem.Seq != 1 || !strings.Contains(rep.Note, "does not name the audit key") {
				t.Fatalf("forged log with its key name edited: %+v", rep)
			}
		})
	}
}

// TestSeal_InterruptedFirstUseIsCompleted: the key was saved but the
// database never named it; the next open takes that key up silently.
func TestSeal_InterruptedFirstUseIsCompleted(t *testing.T) {
	r := ring(t)
	path := filepath.Join(t.TempDir(), "redline.db")
	st := openDB(t, path)
	appendN(t, st, 2)
	head, _ := st.AuditHead(context.Background())
	k := Key{ID: strings.Repeat("ab", 16), Secret: random(secretLen), From: 3, Before: head, Database: absPath(path), Made: now}
	if err := r.Save(k); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st2, got := sealed(t, r, path)
	if got.ID != k.ID || got.note != "" {
		t.Fatalf("took up %+v", got)
	}
	if id, _ := st2.Setting(context.Background(), SettingKey, ""); id != k.ID {
		t.Fatalf("database names %q", id)
	}
}

// TestSeal_KeyMissing: a database that names a key this computer does not
// hold (made elsewhere, or the key deleted) gets a new key from its next
// entry; the older entries are counted as unverifiable, never as authentic.
func TestSeal_KeyMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "redline.db")
	st, _ := sealed(t, ring(t), path)
	appendN(t, st, 3)
	st.Close()
	st2, k := sealed(t, ring(t), path) // another computer, or this one with the key deleted
	if !k.Elsewhere || k.From != 4 {
		t.Fatalf("key for a database from elsewhere: %+v", k)
	}
	if rep := report(t, st2); rep.Problem != nil || rep.Authentic() || rep.Unverifiable != 3 {
		t.Fatalf("%+v", rep)
	}
}

func TestLoad_DamagedOrAbsent(t *testing.T) {
	r := ring(t)
	if _, err := r.Load(strings.Repeat("cd", 16)); !errors.Is(err, ErrNotHeld) {
		t.Fatalf("absent key: %v", err)
	}
	id := strings.Repeat("ef", 16)
	os.WriteFile(r.path(id), []byte("not a key"), 0o600)
	if _, err := r.Load(id); err == nil || errors.Is(err, ErrNotHeld) || !strings.Contains(err.Error(), "cannot be read") {
		t.Fatalf("damaged key: %v", err)
	}
}

func TestRing_RefusedInsideTheDataFolder(t *testing.T) {
	data := t.TempDir()
	inside, err := Open(filepath.Join(data, "keys"))
	if err != nil {
		t.Fatal(err)
	}
	if err := inside.Outside(data); err == nil {
		t.Fatal("a key folder inside the data folder was accepted")
	}
	if err := ring(t).Outside(data); err != nil {
		t.Fatal(err)
	}
}
