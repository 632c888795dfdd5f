package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
)

// writeExport writes a canonical ARC export of n amber alarms (and a fix
// for every hundredth) into a new folder, as bench/import generates one.
func writeExport(t *testing.T, arc string, n int) string {
	t.Helper()
	dir := t.TempDir()
	var a, p bytes.Buffer
	a.WriteString("arc,arc_ref,type,trigger,raised_at,answered_at,closed_at,validity,escalation,police_ref,operator,worker_ref,worker_name,team,staff_group,device_serial,memo,lat,lon,accuracy_m\n")
	p.WriteString("arc,arc_ref,fix_at,lat,lon,accuracy_m,source\n")
	start := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := range n {
		at := start.Add(time.Duration(i) * time.Minute).Format(time.RFC3339)
		w := i % 300
		fmt.Fprintf(&a, "%s,AMB%08d,amber,amber_memo,%s,,,,none,,,LW%05d,Worker %d,Team %d,Community nursing,IMEI%07d,Visit memo %d,%.6f,%.6f,%d\n",
			arc, i, at, w, w, w%4, w, i%97, 53.6+float64(i%400)/1000, -1.9+float64(i%500)/1000, 4+i%40)
		if i%100 == 0 {
			fmt.Fprintf(&p, "%s,AMB%08d,%s,53.8,-1.5,12,gps\n", arc, i, at)
		}
	}
	for name, b := range map[string][]byte{"alarms.csv": a.Bytes(), "positions.csv": p.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// teamRowCounts counts the rows of every table of the team database, the
// vault's included, one line per table.
func teamRowCounts(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query(`SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		tables = append(tables, s)
	}
	rows.Close()
	var b strings.Builder
	for _, tbl := range tables {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM "` + tbl + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %d\n", tbl, n)
	}
	return b.String()
}

// TestTeamMode_ImportAndDemoLoadTheTeamDatabase: with --db, `import` loads
// an export into the team database (the alerts command then lists it), and
// `demo` builds the demo trust only in an empty team database: a team's
// work is never replaced, --force or not.
func TestTeamMode_ImportAndDemoLoadTheTeamDatabase(t *testing.T) {
	db := teamtest.NewDatabase(t)
	local := t.TempDir()
	t.Setenv(dbEnv, "")
	if code, _, errs := runCLI(t, "team", "init", "--db", db); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs := runCLI(t, "--data-dir", local, "--db", db, "import", "--json", writeExport(t, "Team ARC", 250))
	var res struct {
		Status  string `json:"status"`
		Summary struct {
			Alerts struct{ New int } `json:"alerts"`
		} `json:"summary"`
	}
	oneJSON(t, out, &res)
	if code != exitOK || res.Status != "imported" || res.Summary.Alerts.New != 250 || !strings.Contains(errs, "no shared audit key") {
		t.Fatalf("import --db: exit %d, %+v, stderr %q", code, res, errs)
	}
	code, out, errs = runCLI(t, "--data-dir", local, "--db", db, "alerts", "--json", "--limit", "0")
	var alerts []store.Alert
	oneJSON(t, out, &alerts)
	if code != exitOK || len(alerts) != 250 || alerts[0].ARCRef != "AMB00000249" {
		t.Fatalf("alerts after the import: exit %d, %d alerts, stderr %q", code, len(alerts), errs)
	}
	if entries, _ := os.ReadDir(local); len(entries) != 1 || entries[0].Name() != "team" {
		t.Errorf("a team import wrote %v to this computer's data folder; want its team cache only", entries)
	}

	for _, args := range [][]string{{"demo", "--bare"}, {"demo", "--bare", "--force"}} {
		code, _, errs = runCLI(t, append([]string{"--data-dir", local, "--db", db}, args...)...)
		if code != exitBadInput || !strings.Contains(errs, "already holds the team's work") || !strings.Contains(errs, "alerts") {
			t.Errorf("%v on a team database holding alerts: exit %d, stderr %q", args, code, errs)
		}
	}
	code, out, _ = runCLI(t, "--data-dir", local, "--db", db, "alerts", "--json", "--limit", "0")
	if oneJSON(t, out, &alerts); code != exitOK || len(alerts) != 250 {
		t.Fatalf("the refused demo changed the team's alerts: %d", len(alerts))
	}

	empty := teamtest.NewDatabase(t)
	if code, _, errs := runCLI(t, "team", "init", "--db", empty); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs = runCLI(t, "--data-dir", local, "--db", empty, "demo", "--bare", "--as-of", "2026-11-22T12:00:00Z")
	if code != exitOK || !strings.Contains(out, "Demo data created in the team database") {
		t.Fatalf("demo into an empty team database: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, errs = runCLI(t, "--data-dir", local, "--db", empty, "alerts", "--json", "--limit", "0")
	if oneJSON(t, out, &alerts); code != exitOK || len(alerts) < 100 {
		t.Fatalf("alerts of the team demo: exit %d, %d alerts, stderr %q", code, len(alerts), errs)
	}
}

// cliChildEnv, in a re-executed test binary, holds redline-cli's arguments
// (separated by newlines): TestTeamImport_CLIChild then is redline-cli.
const cliChildEnv = "REDLINE_CLI_CHILD_ARGS"

// TestTeamImport_CLIChild is redline-cli in a child process of the kill
// test; run on its own it does nothing.
func TestTeamImport_CLIChild(t *testing.T) {
	args := os.Getenv(cliChildEnv)
	if args == "" {
		t.Skip("the child process of TestTeamImport_KilledMidCopyLeavesTheTeamDatabaseUnchanged")
	}
	os.Exit(run(context.Background(), strings.Split(args, "\n"), os.Stdout, os.Stderr))
}

// TestTeamImport_KilledMidCopyLeavesTheTeamDatabaseUnchanged runs
// `redline-cli import --db` on a large export in a child process, kills it
// with SIGKILL once its COPY into the team database is under way (seen in
// pg_stat_activity), and finds every table's rows and the audit chain's head
// exactly as before; a following import then completes.
func TestTeamImport_KilledMidCopyLeavesTheTeamDatabaseUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary and imports 60,000 alarms")
	}
	db := teamtest.NewDatabase(t)
	local := t.TempDir()
	t.Setenv(dbEnv, "")
	if code, _, errs := runCLI(t, "team", "init", "--db", db); code != exitOK {
		t.Fatal(errs)
	}
	// What the team had before: an earlier import and its audit entry.
	if code, _, errs := runCLI(t, "--data-dir", local, "--db", db, "import", writeExport(t, "Earlier ARC", 40)); code != exitOK {
		t.Fatal(errs)
	}
	big := writeExport(t, "Big ARC", 60_000)
	watch, err := sql.Open("pgx", db)
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close()
	watch.SetMaxOpenConns(1) // one backend of ours, left out of what is watched
	before := teamRowCounts(t, watch)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	head, err := st.CheckAuditLog(ctx)
	if err != nil || head.Problem != nil || head.Entries != 1 {
		t.Fatalf("audit log before: %+v %v", head, err)
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestTeamImport_CLIChild$")
	cmd.Env = append(os.Environ(), cliChildEnv+"="+strings.Join([]string{"--data-dir", local, "--db", db, "import", big}, "\n"))
	var childOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &childOut, &childOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	copying := false
	for end := time.Now().Add(60 * time.Second); time.Now().Before(end) && !copying; time.Sleep(10 * time.Millisecond) {
		var n int
		if err := watch.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
			AND pid <> pg_backend_pid() AND query ILIKE 'copy "alerts"%'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		copying = n > 0
	}
	if !copying {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the child never began copying alerts; it said:\n%s", childOut.String())
	}
	time.Sleep(300 * time.Millisecond) // a few batches in
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if strings.Contains(childOut.String(), "Imported") {
		t.Fatalf("the child finished before it was killed; the test proves nothing:\n%s", childOut.String())
	}

	// The server rolls the transaction back when it finds the client gone.
	for end := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var n int
		if err := watch.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
			AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND xact_start IS NOT NULL`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("the killed client's transaction is still open on the server")
		}
	}
	if after := teamRowCounts(t, watch); after != before {
		t.Errorf("after SIGKILL mid-COPY the team database holds\n%s\nwant\n%s", after, before)
	}
	again, err := st.CheckAuditLog(ctx)
	if err != nil || again.Problem != nil || again.Head != head.Head || again.Entries != head.Entries {
		t.Errorf("audit log after SIGKILL: %+v %v; want head %+v", again, err, head.Head)
	}

	code, out, errs := runCLI(t, "--data-dir", local, "--db", db, "import", "--json", big)
	var res struct {
		Status  string `json:"status"`
		Summary struct {
			Alerts struct{ New int } `json:"alerts"`
		} `json:"summary"`
	}
	if json.Unmarshal([]byte(out), &res); code != exitOK || res.Summary.Alerts.New != 60_000 {
		t.Fatalf("the import after the killed one: exit %d, %+v, stderr %q", code, res, errs)
	}
	if rep, err := st.CheckAuditLog(ctx); err != nil || rep.Problem != nil || rep.Entries != head.Entries+1 {
		t.Errorf("audit log after the following import: %+v %v", rep, err)
	}
}
