package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
	"github.com/nhs-redline/redline/backend/vault"
	"github.com/nhs-redline/redline/backend/workspace"
)

// demoLaptop is a data folder holding the demo (with recordings and
// letters in its vault), pinned to the default test instant.
func demoLaptop(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, errs := runCLI(t, "--data-dir", dir, "demo", "--as-of", "2026-11-22T12:00:00Z"); code != exitOK {
		t.Fatalf("demo: exit %d: %s", code, errs)
	}
	return dir
}

// TestTeamMigrate_DemoLaptopArrivesWhole: a migrated demo laptop compared
// with its source: the Alerts listing, the audit chain, and the vault, every
// file of which the team database now serves with its hash checked.
func TestTeamMigrate_DemoLaptopArrivesWhole(t *testing.T) {
	db := teamtest.NewDatabase(t)
	laptop := demoLaptop(t)
	t.Setenv(dbEnv, "")

	code, out, errs := runCLI(t, "team", "migrate", "--from", laptop, "--db", db, "--json")
	var res teamMigration
	if code != exitOK || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("migrate: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if res.Vault.Files == 0 || res.Vault.Stored != res.Vault.Files || len(res.Copy.Missing) != 0 || res.Copy.Rows == 0 {
		t.Fatalf("migrate copied %+v, rows %d, missing %v", res.Vault, res.Copy.Rows, res.Copy.Missing)
	}

	_, local, _ := runCLI(t, "--data-dir", laptop, "alerts", "--json", "--limit", "500")
	_, team, _ := runCLI(t, "--data-dir", t.TempDir(), "--db", db, "alerts", "--json", "--limit", "500")
	if local == "" || local != team {
		t.Fatalf("the Alerts listing differs after the copy:\nlaptop %.300s\n  team %.300s", local, team)
	}

	ws, err := workspace.Open(laptop)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	src, _ := ws.Store.CheckAuditLog(context.Background())
	if res.Copy.Audit.Entries != src.Entries || res.Copy.Audit.Head != src.Head || res.Copy.Audit.Problem != nil || src.Entries == 0 {
		t.Fatalf("audit chain: team %d entries to %s, laptop %d to %s", res.Copy.Audit.Entries, res.Copy.Audit.Head, src.Entries, src.Head)
	}

	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tv, err := vault.OpenTeam(t.TempDir(), st.VaultBlobs())
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(ws.Vault.Root(), "??", "*"))
	for _, f := range files {
		want, _ := os.ReadFile(f)
		p, err := tv.Path(filepath.Base(f))
		got, _ := os.ReadFile(p)
		if err != nil || string(got) != string(want) {
			t.Fatalf("evidence file %s in the team database: %v", filepath.Base(f), err)
		}
	}

	// The team's next case does not reuse a laptop's id.
	var maxCase, next int64
	teamQuery(t, db, `SELECT coalesce(max(id), 0) FROM cases`, &maxCase)
	teamQuery(t, db, `SELECT nextval(pg_get_serial_sequence('cases', 'id'))`, &next)
	if maxCase == 0 || next != maxCase+1 {
		t.Fatalf("cases: highest copied id %d, next id %d", maxCase, next)
	}

	// Again into the same database: refused, plainly, nothing changed.
	code, out, errs = runCLI(t, "team", "migrate", "--from", laptop, "--db", db)
	if code != exitFailure || !strings.Contains(errs, "already holds a team's work") || out != "" {
		t.Fatalf("second migrate: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// TestTeamMigrate_RefusesATamperedVaultAndCopiesNoRows: a file changed on the
// laptop stops the copy before any row goes in.
func TestTeamMigrate_RefusesATamperedVaultAndCopiesNoRows(t *testing.T) {
	db := teamtest.NewDatabase(t)
	laptop := demoLaptop(t)
	files, _ := filepath.Glob(filepath.Join(laptop, "vault", "??", "*"))
	if len(files) == 0 {
		t.Fatal("the demo has no evidence files")
	}
	os.Chmod(files[0], 0o600)
	if err := os.WriteFile(files[0], []byte("changed"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, "team", "migrate", "--from", laptop, "--db", db)
	if code != exitFailure || !strings.Contains(errs, "no longer match") || !strings.Contains(errs, filepath.Base(files[0])) {
		t.Fatalf("migrate over a changed file: exit %d, stderr %q", code, errs)
	}
	var alerts int64
	teamQuery(t, db, `SELECT count(*) FROM alerts`, &alerts)
	if alerts != 0 {
		t.Fatalf("%d alerts copied despite the changed file", alerts)
	}
}

func teamQuery(t *testing.T, db, q string, dest any) {
	t.Helper()
	conn, err := sql.Open("pgx", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.QueryRow(q).Scan(dest); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
