package main

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
)

// TestTrends_DirectorsLoginReadsCountsOnly: `redline-cli --db URL trends
// --json` under the security director's own login gives the LSMS's figures
// but for counts from 1 to 7, which the database hides (with a further count
// where a total would give one away), and no names.
func TestTrends_DirectorsLoginReadsCountsOnly(t *testing.T) {
	admin := teamtest.NewDatabase(t)
	if code, _, errs := runCLI(t, "team", "init", "--db", admin); code != exitOK {
		t.Fatalf("team init: %s", errs)
	}
	b := make([]byte, 4)
	rand.Read(b)
	lsms, dir := "lsms_"+hex.EncodeToString(b), "dir_"+hex.EncodeToString(b)
	pwFile := filepath.Join(t.TempDir(), "pw.txt")
	os.WriteFile(pwFile, []byte("a long pass phrase\n"), 0o600)
	for login, role := range map[string]string{lsms: "lsms", dir: "director"} {
		t.Cleanup(func() { teamtest.Exec(t, teamtest.Server(), "DROP ROLE IF EXISTS "+login) })
		if code, _, errs := runCLI(t, "--db", admin, "team", "add-user", login, "--role", role, "--password-file", pwFile); code != exitOK {
			t.Fatalf("add %s: %s", role, errs)
		}
	}
	as := func(login string) string {
		u, _ := url.Parse(admin)
		u.User = url.UserPassword(login, "a long pass phrase")
		return u.String()
	}
	// October: 12 red alerts in one team of 10 lone workers, 9 genuine and 3 false alarms.
	oct := time.Date(2026, 10, 5, 10, 0, 0, 0, store.London).Unix()
	stmts := []string{
		`INSERT INTO staff_groups(id, name) VALUES (1, 'District nurses')`,
		`INSERT INTO teams(id, name, staff_group_id) VALUES (1, 'Harehills nurses', 1)`,
		`INSERT INTO workers(id, ref, name, team_id) SELECT g, 'W' || g, 'Wilma Quixby ' || g, 1 FROM generate_series(1, 10) g`,
		fmt.Sprintf(`INSERT INTO alerts(id, arc, arc_ref, type, raised_at, answered_at, worker_id, team_id, validity)
			SELECT g, 'X', 'QREF-' || g, 'red', %d + g * 3600, %d + g * 3600 + 5, 1 + g %% 10, 1,
				CASE WHEN g <= 3 THEN 'false' ELSE 'genuine' END FROM generate_series(1, 12) g`, oct, oct),
		`INSERT INTO alert_month_counts(month, type, validity, team_id, n) VALUES ('2026-10', 'red', 'genuine', 1, 9), ('2026-10', 'red', 'false', 1, 3)`,
	}
	teamtest.Exec(t, admin, stmts...)
	run := func(login string) map[string]json.RawMessage {
		code, out, errs := runCLI(t, "--db", as(login), "trends", "--json", "--from", "2026-10", "--to", "2026-11",
			"--as-of", "2026-12-05T12:00:00Z")
		if code != exitOK {
			t.Fatalf("%s: trends: exit %d %s", login, code, errs)
		}
		if strings.Contains(out, "Quixby") || strings.Contains(out, "QREF") {
			t.Errorf("%s: the trends name a worker or an alert: %s", login, out)
		}
		var r struct {
			Measures []struct {
				ID      string                            `json:"id"`
				Points  []struct{ Value json.RawMessage } `json:"points"`
				Columns []struct {
					Name   string            `json:"name"`
					Values []json.RawMessage `json:"values"`
				} `json:"columns"`
			} `json:"measures"`
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		got := map[string]json.RawMessage{}
		for _, m := range r.Measures {
			if m.ID == "red_alerts" && len(m.Points) > 0 {
				got["red"] = m.Points[0].Value
				for _, c := range m.Columns {
					got[c.Name] = c.Values[0]
				}
			}
			if m.ID == "false_alarm_rate" && len(m.Points) > 0 {
				got["rate"] = m.Points[0].Value
			}
		}
		return got
	}
	want := map[string]map[string]string{
		lsms: {"red": "12", "Genuine": "9", "False alarm": "3", "rate": "25"},
		// 12 - 9 would give the 3 false alarms away, so the 9 is hidden too.
		dir: {"red": "12", "Genuine": `{"suppressed":true}`, "False alarm": `{"suppressed":true}`, "rate": `{"suppressed":true}`},
	}
	for login, w := range want {
		got := run(login)
		for k, v := range w {
			if string(got[k]) != v {
				t.Errorf("%s: October's %s is %s, want %s", login, k, got[k], v)
			}
		}
	}
	// The tables as CSV, with the export's audit entry in the signed-in person's own name.
	out := t.TempDir()
	code, stdout, errs := runCLI(t, "--db", as(lsms), "trends", "--csv", out, "--from", "2026-10", "--to", "2026-11",
		"--as-of", "2026-12-05T12:00:00Z")
	if code != exitOK || !strings.Contains(stdout, "tables written") {
		t.Fatalf("LSMS's CSV: exit %d %q %q", code, stdout, errs)
	}
	var actor string
	if err := queryRow(admin, `SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1`, &actor); err != nil || actor != lsms {
		t.Errorf("the export's audit entry names %q (%v), want %s", actor, err, lsms)
	}
}

func queryRow(u, q string, dest ...any) error {
	db, err := sql.Open("pgx", u)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.QueryRow(q).Scan(dest...)
}
