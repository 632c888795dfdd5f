package main

import (
	"encoding/json"
	"net"
	"net/url"
	"strings"
	"testing"

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
