package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
	"github.com/nhs-redline/redline/backend/teamprofile"
)

// connSession starts the window's session as run() does, without
// REDLINE_DB, with profile as the user's profile folder.
func connSession(t *testing.T, profile string) (*session, *app) {
	t.Helper()
	t.Setenv(teamDBEnv, "")
	s := &session{dir: t.TempDir(), log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		now: func() time.Time { return teamNow }, teamURL: teamURLFromEnv(), profileDir: profile}
	if err := s.openExisting(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	return s, newApp(s)
}

// formFor is the connection form filled in for the test database db.
func formFor(t *testing.T, db string) teamprofile.Form {
	t.Helper()
	u, err := url.Parse(db)
	if err != nil {
		t.Fatal(err)
	}
	pw, _ := u.User.Password()
	return teamprofile.Form{Host: u.Hostname(), Port: u.Port(), Database: strings.TrimPrefix(u.Path, "/"),
		User: u.User.Username(), Password: pw}
}

// fieldOf is the form field a bound method's error is about.
func fieldOf(err error) string {
	var p *problem.Problem
	if errors.As(err, &p) {
		return p.Field
	}
	return ""
}

// TestTeamConnect_TestConnectSaveReconnectDisconnect: the first-run form
// tests the team database, connects (the Alerts list is the team's), saves
// the connection without the password in plain text, the next start
// reconnects on its own, and Disconnect forgets it.
func TestTeamConnect_TestConnectSaveReconnectDisconnect(t *testing.T) {
	db, want := teamDemo(t)
	profile := filepath.Join(t.TempDir(), "Redline")
	form := formFor(t, db)
	s, a := connSession(t, profile)
	if st, _ := a.workspace.Status(); st.Open || st.Team {
		t.Fatalf("first start: %+v, want the first-run choice", st)
	}

	check, err := a.workspace.TestConnection(form)
	if err != nil || !strings.Contains(check.Message, "Redline can use the database "+form.Database) {
		t.Fatalf("test connection: %+v, %v", check, err)
	}
	if _, err := os.Stat(filepath.Join(profile, teamprofile.FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("testing saved something: %v", err)
	}
	wrong := form
	wrong.Password = "not-the-password"
	if _, err := a.workspace.Connect(wrong); fieldOf(err) != "password" {
		t.Fatalf("wrong password: %v (field %q), want a problem beside the password", err, fieldOf(err))
	}

	st, err := a.workspace.Connect(form)
	if err != nil || !st.Open || !st.Team || st.TeamFromEnv || !st.SavedPassword || st.Connection == nil ||
		st.Connection.User != form.User || st.Connection.Database != form.Database {
		t.Fatalf("connect: %+v, %v", st, err)
	}
	wantFirstPage(t, a, want)
	saved, err := os.ReadFile(filepath.Join(profile, teamprofile.FileName))
	if err != nil || strings.Contains(string(saved), form.Password) || !strings.Contains(string(saved), form.Host) {
		t.Fatalf("saved profile %s, %v: want the details without the password", saved, err)
	}
	s.close()

	_, a2 := connSession(t, profile)
	if st, _ := a2.workspace.Status(); !st.Open || !st.Team || st.Problem != "" {
		t.Fatalf("next start: %+v, want the team database reopened", st)
	}
	wantFirstPage(t, a2, want)
	st, err = a2.workspace.Disconnect()
	if err != nil || st.Open || st.Team || st.Connection != nil {
		t.Fatalf("disconnect: %+v, %v", st, err)
	}
	if _, err := os.Stat(filepath.Join(profile, teamprofile.FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("saved connection kept after Disconnect: %v", err)
	}
	if _, a3 := connSession(t, profile); func() bool { st, _ := a3.workspace.Status(); return st.Open || st.Team }() {
		t.Fatal("the start after Disconnect opened something")
	}
}

func wantFirstPage(t *testing.T, a *app, want []int64) {
	t.Helper()
	page, err := a.alerts.List(AlertQuery{Limit: len(want)})
	if err != nil || len(page.Rows) != len(want) {
		t.Fatalf("alerts listed: %d, %v; want the team's %d", len(page.Rows), err, len(want))
	}
	for i, r := range page.Rows {
		if r.ID != want[i] {
			t.Fatalf("alert %d listed is %d, want the team's %d", i, r.ID, want[i])
		}
	}
}

// TestTeamConnect_FailedReconnectWaitsOnTheFirstRunScreen: a saved
// connection that no longer works is not replaced by the laptop's database:
// the first-run screen says why, beside the field, with the saved details;
// choosing this laptop then forgets the connection.
func TestTeamConnect_FailedReconnectWaitsOnTheFirstRunScreen(t *testing.T) {
	db := teamtest.NewDatabase(t)
	if _, err := store.InitTeam(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	profile := t.TempDir()
	form := formFor(t, db)
	c, err := teamprofile.Parse(form)
	if err != nil {
		t.Fatal(err)
	}
	if err := teamprofile.Save(profile, c, "an-old-password"); err != nil {
		t.Fatal(err)
	}
	_, a := connSession(t, profile)
	st, _ := a.workspace.Status()
	if st.Open || !st.Team || st.Connection == nil || *st.Connection != c || !st.SavedPassword ||
		st.ProblemField != "password" || !strings.Contains(st.Problem, "refused the user name or password") {
		t.Fatalf("status %+v: want closed, the saved details, the refusal beside the password", st)
	}
	if strings.Contains(st.Problem, "an-old-password") {
		t.Fatalf("problem shows the password: %s", st.Problem)
	}
	// The saved password stands in for an empty box, for this connection only.
	empty := form
	empty.Password = ""
	if _, err := a.workspace.Connect(empty); fieldOf(err) != "password" || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("connect with the saved password: %v", err)
	}
	elsewhere := empty
	elsewhere.Database = "another"
	if _, err := a.workspace.TestConnection(elsewhere); fieldOf(err) != "password" || !strings.Contains(err.Error(), "Enter your password") {
		t.Fatalf("saved password offered to another database: %v", err)
	}

	st, err = a.workspace.OpenEmpty()
	if err != nil || !st.Open || st.Team {
		t.Fatalf("work on this laptop: %+v, %v", st, err)
	}
	if p, _ := teamprofile.Load(profile); p != nil {
		t.Fatal("the saved connection outlived choosing this laptop")
	}
}

// TestTeamConnect_TamperedPasswordIsRefusedPlainly: a sealed password that
// was changed is not used; the first-run screen asks for it again, and the
// connection works once it is typed.
func TestTeamConnect_TamperedPasswordIsRefusedPlainly(t *testing.T) {
	db := teamtest.NewDatabase(t)
	if _, err := store.InitTeam(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	profile := t.TempDir()
	form := formFor(t, db)
	c, _ := teamprofile.Parse(form)
	if err := teamprofile.Save(profile, c, form.Password); err != nil {
		t.Fatal(err)
	}
	tamper(t, filepath.Join(profile, teamprofile.FileName))

	_, a := connSession(t, profile)
	st, _ := a.workspace.Status()
	if st.Open || st.SavedPassword || st.ProblemField != "password" || !strings.Contains(st.Problem, "Enter the password again") {
		t.Fatalf("status %+v: want the password asked for again", st)
	}
	empty := form
	empty.Password = ""
	if _, err := a.workspace.Connect(empty); fieldOf(err) != "password" {
		t.Fatalf("connect on the tampered password: %v", err)
	}
	if st, err := a.workspace.Connect(form); err != nil || !st.Open || !st.SavedPassword {
		t.Fatalf("connect with the password typed: %+v, %v", st, err)
	}
}

// TestTeamConnect_EachFailureSaysWhatIsWrong: every way a team database
// cannot be used gets its own plain message beside the right field, and
// never the password.
func TestTeamConnect_EachFailureSaysWhatIsWrong(t *testing.T) {
	ctx := context.Background()
	ready := teamtest.NewDatabase(t)
	if _, err := store.InitTeam(ctx, ready); err != nil {
		t.Fatal(err)
	}
	behind := teamtest.NewDatabase(t)
	if _, err := store.InitTeam(ctx, behind); err != nil {
		t.Fatal(err)
	}
	teamtest.Exec(t, behind, `DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)`)
	newer := teamtest.NewDatabase(t)
	if _, err := store.InitTeam(ctx, newer); err != nil {
		t.Fatal(err)
	}
	teamtest.Exec(t, newer, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (9999, '9999_future.sql', 0)`)
	foreign := teamtest.NewDatabase(t)
	teamtest.Exec(t, foreign, `CREATE TABLE payroll (id int)`)
	empty := teamtest.NewDatabase(t)

	with := func(db string, edit func(*teamprofile.Form)) teamprofile.Form {
		f := formFor(t, db)
		if edit != nil {
			edit(&f)
		}
		return f
	}
	cases := []struct {
		name  string
		form  teamprofile.Form
		field string
		says  string
	}{
		{"no server", with(ready, func(f *teamprofile.Form) { f.Host = "" }), "host", "Enter the server's name"},
		{"an address, not a server", with(ready, func(f *teamprofile.Form) { f.Host = "postgres://x" }), "host", "not a server name"},
		{"no password", with(ready, func(f *teamprofile.Form) { f.Password = "" }), "password", "Enter your password"},
		{"host unreachable", with(ready, func(f *teamprofile.Form) { f.Port = "1" }), "host", "Cannot reach the database"},
		{"wrong password", with(ready, func(f *teamprofile.Form) { f.Password = "wrong-" + f.Password }), "password", ") refused the user name or password"},
		{"unknown user", with(ready, func(f *teamprofile.Form) { f.User = "nobody" }), "password", "refused the user name or password"},
		{"no such database", with(ready, func(f *teamprofile.Form) { f.Database = "no_such_db" }), "database", `has no database called "no_such_db". Check the name`},
		{"not a Redline database", with(foreign, nil), "database", "not Redline's"},
		{"not set up yet", with(empty, nil), "database", "has not been set up for Redline yet"},
		{"older schema", with(behind, nil), "database", "set up by an older Redline"},
		{"newer schema", with(newer, nil), "database", "upgraded by a newer Redline"},
	}
	_, a := connSession(t, t.TempDir())
	for _, tc := range cases {
		_, err := a.workspace.TestConnection(tc.form)
		if err == nil || fieldOf(err) != tc.field || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: %v (field %q); want %q beside %s", tc.name, err, fieldOf(err), tc.says, tc.field)
			continue
		}
		if pw := formFor(t, ready).Password; strings.Contains(err.Error(), pw) || strings.Contains(err.Error(), "postgres://") && !strings.Contains(tc.form.Host, "postgres://") {
			t.Errorf("%s: %q shows the password or an address, not what the person typed", tc.name, err)
		}
		t.Logf("%s: %s", tc.name, err)
	}
	if _, err := a.workspace.TestConnection(with(ready, nil)); err != nil {
		t.Fatalf("a ready database: %v", err)
	}
}

// TestTeamConnect_REDLINE_DBWins: with REDLINE_DB set the saved connection is
// not used, and the window cannot change or leave the team database.
func TestTeamConnect_REDLINE_DBWins(t *testing.T) {
	db := teamtest.NewDatabase(t)
	if _, err := store.InitTeam(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	profile := t.TempDir()
	c := teamprofile.Connection{Host: "127.0.0.1", Port: 1, Database: "elsewhere", User: "u"}
	if err := teamprofile.Save(profile, c, "pw"); err != nil {
		t.Fatal(err)
	}
	t.Setenv(teamDBEnv, db)
	s := &session{dir: t.TempDir(), log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		now: func() time.Time { return teamNow }, teamURL: teamURLFromEnv(), profileDir: profile}
	if err := s.openExisting(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	a := newApp(s)
	st, _ := a.workspace.Status()
	if !st.Open || !st.TeamFromEnv || st.Connection != nil || st.TeamAddress != store.RedactURL(db) {
		t.Fatalf("status %+v: want REDLINE_DB's database", st)
	}
	if _, err := a.workspace.Connect(formFor(t, db)); err != errTeamFromEnv {
		t.Fatalf("connect: %v", err)
	}
	if _, err := a.workspace.Disconnect(); err != errTeamFromEnv {
		t.Fatalf("disconnect: %v", err)
	}
	if p, _ := teamprofile.Load(profile); p == nil {
		t.Fatal("the saved connection was removed")
	}
}

// tamper changes one bit of the sealed password in a saved profile.
func tamper(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	b, err := base64.StdEncoding.DecodeString(m["sealedPassword"].(string))
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 1
	m["sealedPassword"] = base64.StdEncoding.EncodeToString(b)
	raw, _ = json.Marshal(m)
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}
