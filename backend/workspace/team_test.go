package workspace

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
)

func TestTeamCacheDir_OnePerDatabaseAndNeverThePassword(t *testing.T) {
	local := t.TempDir()
	a, err := TeamCacheDir(local, "postgres://lsms:s3cret@db.trust.nhs.uk:5432/redline?sslmode=verify-full")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := TeamCacheDir(local, "postgres://lsms:changed@db.trust.nhs.uk:5432/redline?sslmode=verify-full")
	other, _ := TeamCacheDir(local, "postgres://lsms@db.trust.nhs.uk:5432/redline_training")
	if a != again || a == other || filepath.Dir(filepath.Dir(a)) != local {
		t.Fatalf("cache folders %s, %s (new password), %s (other database)", a, again, other)
	}
	for _, secret := range []string{"s3cret", "db.trust", "lsms"} {
		if strings.Contains(a, secret) {
			t.Fatalf("the cache folder %s names %q", a, secret)
		}
	}
	if _, err := OpenTeam(filepath.Join(local, "redline.db"), local); err == nil {
		t.Fatal("a file path was opened as a team database")
	}
}

// TestOpenTeam_StoreAndVaultAreTheTeamDatabases: what one workspace stores,
// a workspace on another computer (another local folder) reads back; the
// local folder holds only a checked cache.
func TestOpenTeam_StoreAndVaultAreTheTeamDatabases(t *testing.T) {
	db := teamtest.NewDatabase(t)
	ctx := context.Background()
	if _, err := store.InitTeam(ctx, db); err != nil {
		t.Fatal(err)
	}
	one, err := OpenTeam(db, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	lease, err := one.Vault.Lease(ctx)
	if err != nil {
		t.Fatal(err)
	}
	put, err := lease.Put(strings.NewReader("999 call, 02:14"))
	lease.Release()
	if err != nil || !one.Vault.Team() {
		t.Fatalf("put: %v (team vault %v)", err, one.Vault.Team())
	}
	if err := one.Store.SetSetting(ctx, "team.test", "shared"); err != nil {
		t.Fatal(err)
	}

	otherLocal := t.TempDir()
	two, err := OpenTeam(db, otherLocal)
	if err != nil {
		t.Fatal(err)
	}
	defer two.Close()
	if v, _ := two.Store.Setting(ctx, "team.test", ""); v != "shared" {
		t.Fatalf("setting read back as %q", v)
	}
	f, err := two.Vault.Open(put.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	f.Close()
	if string(b) != "999 call, 02:14" || !strings.HasPrefix(f.Name(), otherLocal) || !strings.HasPrefix(two.Dir, otherLocal) {
		t.Fatalf("read %q from %s (workspace %s)", b, f.Name(), two.Dir)
	}
	if _, err := os.Stat(filepath.Join(otherLocal, "redline.db")); err == nil {
		t.Fatal("a team workspace made a SQLite database in the local folder")
	}
}
