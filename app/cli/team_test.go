package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
)

func TestTeamInit_SetsUpThenFindsItUpToDate(t *testing.T) {
	db := teamtest.NewDatabase(t)
	code, out, errs := runCLI(t, "team", "init", "--db", db)
	if code != exitOK || !strings.Contains(out, "set up: schema version ") {
		t.Fatalf("first init: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	t.Setenv(dbEnv, db) // the second run finds the database the way scripts name it
	code, out, errs = runCLI(t, "team", "init", "--json")
	var res struct {
		Before, After int
		Applied       []string
		Database      string
	}
	if code != exitOK || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("second init: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if res.Before == 0 || res.Before != res.After || len(res.Applied) != 0 {
		t.Fatalf("second init did something: %+v", res)
	}
	u, _ := url.Parse(db)
	if pw, _ := u.User.Password(); pw != "" && strings.Contains(out, pw) {
		t.Fatalf("the report shows the password: %s", out)
	}
}

// TestTeamInit_SaysWhatIsWrong: each way a team database cannot be used is a
// sentence a person can act on, with a kind scripts can branch on.
func TestTeamInit_SaysWhatIsWrong(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	cases := []struct {
		name, db, kind, says string
		code                 int
		needsServer          bool
	}{
		{"no address", "", "usage", "say which database", exitBadInput, false},
		{"not a postgres address", "/home/me/redline.db", "bad_input", "not a PostgreSQL address", exitBadInput, false},
		{"plain text to another computer", "postgres://u:pw@db.trust.nhs.uk/redline?sslmode=disable", "insecure", "need TLS", exitBadInput, false},
		{"host unreachable", "postgres://u:pw@" + closed + "/redline?sslmode=disable", "unreachable", "Cannot reach", exitFailure, false},
		{"wrong password", "wrong-password", "refused", "refused the user name or password", exitFailure, true},
		{"not a Redline database", "not-redline", "not_redline", "not Redline's", exitFailure, true},
		{"schema newer than this Redline", "newer", "newer", "newer Redline", exitFailure, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := c.db
			if c.needsServer {
				db = teamCase(t, c.db)
			}
			t.Setenv(dbEnv, "")
			args := []string{"team", "init", "--json"}
			if db != "" {
				args = append(args, "--db", db)
			}
			code, out, errs := runCLI(t, args...)
			var j jsonError
			if err := json.Unmarshal([]byte(out), &j); err != nil {
				t.Fatalf("stdout %q is not a JSON error: %v", out, err)
			}
			if code != c.code || j.Error.Kind != c.kind || !strings.Contains(errs, c.says) {
				t.Fatalf("exit %d kind %q stderr %q; want exit %d kind %q saying %q", code, j.Error.Kind, errs, c.code, c.kind, c.says)
			}
			if strings.Contains(errs, ":pw@") || strings.Contains(errs, "not-the-password") {
				t.Fatalf("the message shows the password: %s", errs)
			}
		})
	}
}

// teamCase makes the database a case of TestTeamInit_SaysWhatIsWrong needs.
func teamCase(t *testing.T, which string) string {
	t.Helper()
	db := teamtest.NewDatabase(t)
	switch which {
	case "wrong-password":
		u, _ := url.Parse(db)
		u.User = url.UserPassword(u.User.Username(), "not-the-password")
		return u.String()
	case "not-redline":
		teamtest.Exec(t, db, `CREATE TABLE patients (id int)`)
	case "newer":
		if code, _, errs := runCLI(t, "team", "init", "--db", db); code != exitOK {
			t.Fatal(errs)
		}
		teamtest.Exec(t, db, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (9999, '9999_future.sql', 0)`)
	}
	return db
}

// teamWithAlerts is a team database, set up by `team init`, holding n amber
// alerts and n audit entries, written through the store as a client would.
func teamWithAlerts(t *testing.T, n int) string {
	t.Helper()
	db := teamtest.NewDatabase(t)
	if code, _, errs := runCLI(t, "team", "init", "--db", db); code != exitOK {
		t.Fatal(errs)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	err = st.Write(ctx, func(w *store.Writer) error {
		for i := range n {
			if _, err := w.Alert(store.NewAlert{ARC: "t", ARCRef: fmt.Sprintf("T%03d", i), Type: "amber", RaisedAt: 1_750_000_000 + int64(i)*60}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, err := st.Audit(ctx, store.AuditEntry{At: int64(1000 + i), Actor: "tester", Action: "alert.view",
			ObjectType: "alert", ObjectID: fmt.Sprint(i + 1)}); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// TestTeamMode_StoreCommandsReadTheTeamDatabase: with --db or REDLINE_DB the
// commands that need only the database read the team's, not the data folder's
// (which is empty here, so reading it would fail).
func TestTeamMode_StoreCommandsReadTheTeamDatabase(t *testing.T) {
	db := teamWithAlerts(t, 7)
	empty := t.TempDir()
	t.Setenv(dbEnv, "")

	code, out, errs := runCLI(t, "--data-dir", empty, "--db", db, "alerts", "--json")
	var alerts []store.Alert
	oneJSON(t, out, &alerts)
	if code != exitOK || errs != "" || len(alerts) != 7 || alerts[0].ARCRef != "T006" {
		t.Fatalf("alerts --db: exit %d, %d alerts, stderr %q; want the team's 7, newest first", code, len(alerts), errs)
	}

	t.Setenv(dbEnv, db) // scripts name it once
	for _, args := range [][]string{{"risks"}, {"letters"}, {"hotspots", "--json"}} {
		code, out, errs := runCLI(t, append([]string{"--data-dir", empty}, args...)...)
		if code != exitOK || errs != "" {
			t.Fatalf("%v with %s: exit %d, stdout %q, stderr %q", args, dbEnv, code, out, errs)
		}
		var v any
		oneJSON(t, out, &v)
	}

	// The chain is checked on the team database; with no team audit key yet
	// it cannot be confirmed, and the command says why rather than pass.
	code, out, errs = runCLI(t, "--data-dir", empty, "audit", "verify", "--json")
	var rep struct {
		Entries int  `json:"entries"`
		Intact  bool `json:"intact"`
		Keyed   bool `json:"keyed"`
	}
	oneJSON(t, out, &rep)
	if code != exitFailure || rep.Entries != 7 || !rep.Intact || rep.Keyed || !strings.Contains(errs, "no shared audit key yet") {
		t.Fatalf("audit verify: exit %d, report %+v, stderr %q; want 7 intact entries, unkeyed, said plainly", code, rep, errs)
	}
	if strings.Contains(errs, "Open it with Redline") {
		t.Fatalf("audit verify gives the laptop's advice in team mode: %s", errs)
	}

	// A rewritten entry in the team database is found.
	teamtest.Exec(t, db, `ALTER TABLE audit_log DISABLE TRIGGER USER`,
		`UPDATE audit_log SET actor = 'someone else' WHERE seq = 3`)
	code, _, errs = runCLI(t, "--data-dir", empty, "audit", "verify")
	if code != exitFailure || !strings.Contains(errs, "audit log broken at entry 3") {
		t.Fatalf("audit verify after tampering: exit %d, stderr %q", code, errs)
	}
}

// TestTeamMode_CommandsNeedingEvidenceSaySo: the commands that need
// evidence files, import and demo among them, try the team database and say
// plainly that it cannot be reached, touching nothing in the data folder.
// No server is needed: they never get through.
func TestTeamMode_CommandsNeedingEvidenceSaySo(t *testing.T) {
	dir := t.TempDir()
	export := t.TempDir() // an export folder that exists, outside the data folder
	t.Setenv(dbEnv, "postgres://u@db.invalid/redline?sslmode=verify-full")
	for _, args := range [][]string{{"vault", "verify"}, {"purge", "--dry-run"}, {"recordings", "listens", "A1"}, {"transcribe", "--json", "A1"},
		{"trends", "--json"}, {"import", export}, {"demo"}} {
		code, _, errs := runCLI(t, append([]string{"--data-dir", dir}, args...)...)
		if code == exitOK || strings.Contains(errs, "does not work in team mode") || !strings.Contains(errs, "Cannot reach") {
			t.Errorf("%v on an unreachable team database: exit %d, stderr %q", args, code, errs)
		}
	}
	code, out, _ := runCLI(t, "--data-dir", dir, "import", "--json", export)
	var j jsonError
	if err := json.Unmarshal([]byte(out), &j); err != nil || code == exitOK || j.Error.Kind != string(store.TeamUnreachable) {
		t.Fatalf("import --json: exit %d, stdout %q; want kind %q", code, out, store.TeamUnreachable)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a refused command wrote to the data folder: %v", entries)
	}
	t.Setenv(dbEnv, "")
	code, _, errs := runCLI(t, "--db", filepath.Join(dir, "redline.db"), "alerts", "--json")
	if code != exitBadInput || !strings.Contains(errs, "not a PostgreSQL address") {
		t.Fatalf("--db with a file: exit %d, stderr %q", code, errs)
	}
}
