package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
)

// TestTeamPeople_TheLSMSManagesWhoMayUseTheDatabase walks the commands as a
// trust would: the administrator adds the first LSMS, the LSMS adds a line
// manager, the line manager is refused when they try the same, the LSMS
// disables them, and the list keeps them.
func TestTeamPeople_TheLSMSManagesWhoMayUseTheDatabase(t *testing.T) {
	admin := teamtest.NewDatabase(t)
	if code, _, errs := runCLI(t, "team", "init", "--db", admin); code != exitOK {
		t.Fatalf("team init: %s", errs)
	}
	b := make([]byte, 4)
	rand.Read(b)
	lsms, lm := "lsms_"+hex.EncodeToString(b), "lm_"+hex.EncodeToString(b)
	for _, l := range []string{lsms, lm} {
		t.Cleanup(func() { teamtest.Exec(t, teamtest.Server(), "DROP ROLE IF EXISTS "+l) })
	}
	pwFile := filepath.Join(t.TempDir(), "pw.txt")
	os.WriteFile(pwFile, []byte("a long pass phrase\n"), 0o600)
	as := func(login string) string {
		u, _ := url.Parse(admin)
		u.User = url.UserPassword(login, "a long pass phrase")
		return u.String()
	}

	code, out, errs := runCLI(t, "--db", admin, "team", "add-user", lsms, "--role", "lsms", "--name", "Ann Smith", "--password-file", pwFile)
	if code != exitOK || !strings.Contains(out, "as LSMS") {
		t.Fatalf("admin adds the LSMS: exit %d %q %q", code, out, errs)
	}
	code, out, errs = runCLI(t, "--db", as(lsms), "team", "add-user", lm, "--role", "line-manager", "--password-file", pwFile)
	if code != exitOK {
		t.Fatalf("LSMS adds a line manager: exit %d %q %q", code, out, errs)
	}
	code, _, errs = runCLI(t, "--db", as(lm), "team", "add-user", "x"+lm, "--role", "lsms", "--password-file", pwFile)
	if code != exitBadInput || !strings.Contains(errs, "Only the LSMS adds people") {
		t.Errorf("line manager adds an LSMS: exit %d %q", code, errs)
	}
	teamtest.Exec(t, admin,
		`INSERT INTO cases(id, ref, title, origin, incident_at, opened_at, opened_by, updated_at) VALUES
			(1, 'C-1', 'Assault', 'alert', 1, 1, 'x', 1), (2, 'C-2', 'Threat', 'alert', 1, 1, 'x', 1)`,
		`INSERT INTO reviews(id, case_id, line_manager, line_manager_login, assigned_at, assigned_by, updated_at, updated_by, due_on)
			VALUES (1, 1, 'Lee May', '`+lm+`', 1, 'x', 1, 'x', '2026-12-01'), (2, 2, 'Other', '', 1, 'x', 1, 'x', '')`)
	code, out, errs = runCLI(t, "--db", as(lm), "reviews", "--json")
	var reviews []store.AssignedReview
	if code != exitOK || json.Unmarshal([]byte(out), &reviews) != nil || len(reviews) != 1 || reviews[0].CaseRef != "C-1" {
		t.Errorf("line manager's reviews: exit %d %q %q", code, out, errs)
	}
	if code, out, _ = runCLI(t, "--db", as(lsms), "reviews"); code != exitOK || !strings.Contains(out, "C-2") ||
		!strings.Contains(out, "1 Dec 2026") {
		t.Errorf("LSMS's reviews: exit %d %q", code, out)
	}
	if code, _, errs = runCLI(t, "--db", as(lsms), "team", "disable", lm); code != exitOK {
		t.Fatalf("LSMS disables: %s", errs)
	}
	code, out, errs = runCLI(t, "--db", as(lsms), "team", "users", "--json")
	var members []store.Member
	if code != exitOK || json.Unmarshal([]byte(out), &members) != nil || len(members) != 2 {
		t.Fatalf("users: exit %d %q %q", code, out, errs)
	}
	if members[0].Login != lm || members[0].DisabledAt == 0 || members[0].DisabledBy != lsms ||
		members[1].Login != lsms || members[1].DisplayName != "Ann Smith" || members[1].Role != store.RoleLSMS {
		t.Errorf("users: %+v", members)
	}
}

// TestTeamPeople_SaysWhatIsWrong: each mistake is named before the database
// is asked, and a password is never taken on the command line.
func TestTeamPeople_SaysWhatIsWrong(t *testing.T) {
	dir := t.TempDir()
	short := filepath.Join(dir, "short.txt")
	os.WriteFile(short, []byte("tiny\n"), 0o600)
	long := filepath.Join(dir, "long.txt")
	os.WriteFile(long, []byte(strings.Repeat("x", 2000)), 0o600)
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("a long pass phrase"), 0o600)
	db := "postgres://u@127.0.0.1:1/redline"
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"team", "add-user", "ann", "--role", "boss", "--password-file", good}, "--role must be"},
		{[]string{"team", "add-user", "ann", "--role", "lsms"}, "--password-file FILE, never on the command line"},
		{[]string{"team", "add-user", "ann", "--role", "lsms", "--password-file", short}, "at least 12 characters"},
		{[]string{"team", "add-user", "ann", "--role", "lsms", "--password-file", long}, "line 1: longer than 1024 bytes"},
		{[]string{"team", "add-user", "Ann Smith", "--role", "lsms", "--password-file", good}, "lower-case letters"},
		{[]string{"team", "add-user", "--role", "lsms", "--password-file", good}, "name one login"},
		{[]string{"team", "add-user", "ann", "--role", "lsms", "--password-file", filepath.Join(dir, "none")}, "cannot read the password file"},
	} {
		code, _, errs := runCLI(t, append([]string{"--db", db}, c.args...)...)
		if code != exitBadInput || !strings.Contains(errs, c.says) {
			t.Errorf("%v: exit %d %q; want it to say %q", c.args, code, errs, c.says)
		}
	}
	t.Setenv(dbEnv, "")
	code, _, errs := runCLI(t, "--data-dir", dir, "team", "users")
	if code != exitBadInput || !strings.Contains(errs, "belong to a team database") {
		t.Errorf("users on a laptop: exit %d %q", code, errs)
	}
}

// TestTeamAssign_CasesToInvestigatorsAndReviewsToLineManagers: `team assign`
// gives an investigator a case (they then list it, and no other) and a line
// manager a case's review (they then list it); the audit log names the LSMS
// who did it, and a director is refused in words.
func TestTeamAssign_CasesToInvestigatorsAndReviewsToLineManagers(t *testing.T) {
	admin := teamtest.NewDatabase(t)
	if code, _, errs := runCLI(t, "team", "init", "--db", admin); code != exitOK {
		t.Fatalf("team init: %s", errs)
	}
	b := make([]byte, 4)
	rand.Read(b)
	sfx := hex.EncodeToString(b)
	lsms, inv, lm, dir := "lsms_"+sfx, "inv_"+sfx, "lm_"+sfx, "dir_"+sfx
	for _, l := range []string{lsms, inv, lm, dir} {
		t.Cleanup(func() { teamtest.Exec(t, teamtest.Server(), "DROP ROLE IF EXISTS "+l) })
	}
	pwFile := filepath.Join(t.TempDir(), "pw.txt")
	os.WriteFile(pwFile, []byte("a long pass phrase\n"), 0o600)
	as := func(login string) string {
		u, _ := url.Parse(admin)
		u.User = url.UserPassword(login, "a long pass phrase")
		return u.String()
	}
	for login, role := range map[string]string{lsms: "lsms", inv: "investigator", lm: "line_manager", dir: "director"} {
		if code, _, errs := runCLI(t, "--db", admin, "team", "add-user", login, "--role", role, "--name", "Lee May", "--password-file", pwFile); code != exitOK {
			t.Fatalf("add %s: %s", login, errs)
		}
	}
	teamtest.Exec(t, admin, `INSERT INTO cases(id, ref, title, origin, incident_at, opened_at, opened_by, updated_at) VALUES
		(1, 'C-1', 'Assault', 'alert', 1, 1, 'x', 1), (2, 'C-2', 'Threat', 'alert', 1, 1, 'x', 1)`)

	if code, out, errs := runCLI(t, "--db", as(lsms), "team", "assign", "C-1", inv); code != exitOK || !strings.Contains(out, "now has case C-1") {
		t.Fatalf("assign the investigator: exit %d %q %q", code, out, errs)
	}
	if code, out, errs := runCLI(t, "--db", as(lsms), "team", "assign", "C-2", lm, "--due", "2026-12-01"); code != exitOK || !strings.Contains(out, "My reviews") {
		t.Fatalf("assign the review: exit %d %q %q", code, out, errs)
	}
	code, out, errs := runCLI(t, "--db", as(lm), "reviews", "--json")
	var reviews []store.AssignedReview
	if code != exitOK || json.Unmarshal([]byte(out), &reviews) != nil || len(reviews) != 1 || reviews[0].CaseRef != "C-2" || reviews[0].LineManager != "Lee May" {
		t.Errorf("the line manager's reviews: exit %d %q %q", code, out, errs)
	}
	st, err := store.Open(as(inv))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cases, err := st.ListCases(t.Context(), store.CaseFilter{})
	if err != nil || len(cases) != 1 || cases[0].Ref != "C-1" {
		t.Errorf("the investigator's cases: %+v %v", cases, err)
	}
	var actor string
	teamQuery(t, admin, `SELECT actor FROM audit_log WHERE action = 'case.assign'`, &actor)
	if actor != lsms {
		t.Errorf("case.assign actor %q, want %s", actor, lsms)
	}
	if code, _, errs := runCLI(t, "--db", as(lsms), "team", "assign", "C-1", dir); code != exitBadInput || !strings.Contains(errs, "cases go to investigators") {
		t.Errorf("assigning a director: exit %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "--db", as(lsms), "team", "assign", "C-9", inv); code != exitBadInput || !strings.Contains(errs, "There is no case C-9") {
		t.Errorf("a case that does not exist: exit %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "--db", as(inv), "team", "assign", "C-2", inv); code == exitOK || strings.Contains(errs, "SQLSTATE") {
		t.Errorf("an investigator assigned themselves: exit %d %q", code, errs)
	}
}
