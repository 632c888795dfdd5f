package main

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
	"github.com/nhs-redline/redline/backend/workspace"
	"github.com/nhs-redline/redline/reports/exports"
)

var teamNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// teamDemo is a team database holding a copy of the demo laptop (as `team
// migrate` makes one), and the ids of the laptop's first page of alerts.
func teamDemo(t *testing.T) (db string, firstPage []int64) {
	t.Helper()
	db = teamtest.NewDatabase(t)
	ctx := context.Background()
	laptop, _, err := workspace.CreateDemo(ctx, t.TempDir(), teamNow, workspace.DemoOptions{Letters: exports.LetterDocs})
	if err != nil {
		t.Fatal(err)
	}
	defer laptop.Close()
	rows, err := laptop.Store.ListAlerts(ctx, store.AlertFilter{}, store.AlertSort{}, 0, 50)
	if err != nil || len(rows) != 50 {
		t.Fatalf("laptop alerts: %d, %v", len(rows), err)
	}
	for _, r := range rows {
		firstPage = append(firstPage, r.ID)
	}
	if _, err := store.InitTeam(ctx, db); err != nil {
		t.Fatal(err)
	}
	dst, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if _, err := store.CopyToTeam(ctx, laptop.Store, dst); err != nil {
		t.Fatal(err)
	}
	return db, firstPage
}

// teamSession starts the window's session as run() does, with REDLINE_DB
// set to db, and the app that emits its events to fp.
func teamSession(t *testing.T, db string) (*session, *app, *changeLog) {
	t.Helper()
	t.Setenv(teamDBEnv, db)
	s := &session{dir: t.TempDir(), log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		now: func() time.Time { return teamNow }, teamURL: teamURLFromEnv()}
	if err := s.openExisting(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	a := newApp(s)
	fp := &changeLog{}
	a.platform = fp
	s.notifyChanges(t.Context(), a.emitChange) // as app.startup does
	return s, a, fp
}

// teamWait polls cond for up to ten seconds: notices cross a real server.
func teamWait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("gave up waiting for %s", what)
}

// addNote changes case_notes through a connection of its own, as a
// colleague's Redline would.
func addNote(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	other, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	cases, err := other.ListCases(ctx, store.CaseFilter{})
	if err != nil || len(cases) == 0 {
		t.Fatalf("cases: %d, %v", len(cases), err)
	}
	if _, err := other.AddNote(ctx, cases[0].ID, "Rang the lone worker back.", store.Who{Actor: "colleague", At: teamNow.Unix()}); err != nil {
		t.Fatal(err)
	}
}

// TestTeamWindow_OpensTheTeamDatabaseAndHearsChanges: with REDLINE_DB set,
// the window skips the first-run choice, lists the team's alerts, tells the
// page when a colleague changes a table, and stops listening once closed.
func TestTeamWindow_OpensTheTeamDatabaseAndHearsChanges(t *testing.T) {
	db, want := teamDemo(t)
	s, a, fp := teamSession(t, db)

	st, _ := a.workspace.Status()
	if !st.Open || !st.Team || st.Problem != "" {
		t.Fatalf("status %+v: want the team database open", st)
	}
	ws, _ := s.workspace()
	if ws.Store.Engine() != store.Postgres || !strings.HasPrefix(ws.Dir, s.dir) {
		t.Fatalf("opened %s in %s: want the team database, cached under %s", ws.Store.Engine(), ws.Dir, s.dir)
	}
	page, err := a.alerts.List(AlertQuery{Limit: len(want)})
	if err != nil || len(page.Rows) != len(want) {
		t.Fatalf("alerts listed: %d, %v; want the team's %d", len(page.Rows), err, len(want))
	}
	for i, r := range page.Rows {
		if r.ID != want[i] {
			t.Fatalf("alert %d listed is %d, want the laptop's %d", i, r.ID, want[i])
		}
	}

	teamWait(t, "the listener to start", func() bool { return listenerCount(t, db) == 1 })
	addNote(t, db)
	teamWait(t, "data:changed for case_notes", func() bool { return slices.Contains(fp.seen(), "case_notes") })

	s.close()
	teamWait(t, "the listening connection to end", func() bool { return listenerCount(t, db) == 0 })
	before := len(fp.seen())
	addNote(t, db)
	time.Sleep(300 * time.Millisecond)
	if after := fp.seen(); len(after) != before {
		t.Fatalf("events after the session closed: %v", after[before:])
	}
}

// TestTeamWindow_UnreachableDatabaseIsExplainedOnTheFirstRunScreen: a team
// database that cannot be reached leaves the window running, on the
// first-run screen with the plain reason, and the demo is refused.
func TestTeamWindow_UnreachableDatabaseIsExplainedOnTheFirstRunScreen(t *testing.T) {
	s, a, _ := teamSession(t, "postgres://nobody:secret@127.0.0.1:1/redline?sslmode=disable")
	st, err := a.workspace.Status()
	if err != nil || st.Open || !st.Team || st.Problem == "" {
		t.Fatalf("status %+v, %v: want closed with a problem", st, err)
	}
	t.Logf("first-run screen: %s", st.Problem)
	if strings.Contains(st.Problem, "secret") || strings.Contains(st.Problem, "reference") {
		t.Fatalf("problem %q: want a plain message without the password", st.Problem)
	}
	if _, err := a.workspace.OpenEmpty(); err == nil || err.Error() != st.Problem {
		t.Fatalf("retry: %v, want %q", err, st.Problem)
	}
	if _, err := a.workspace.OpenDemo(); err != errTeamNoDemo {
		t.Fatalf("demo in team mode: %v", err)
	}
	if _, err := s.workspace(); err == nil {
		t.Fatal("a workspace is open")
	}
}

// TestTeamWindow_LaptopUnchangedWithoutTeamDatabase: REDLINE_DB unset or
// naming a folder leaves the laptop's first run as it was.
func TestTeamWindow_LaptopUnchangedWithoutTeamDatabase(t *testing.T) {
	for _, v := range []string{"", "/some/folder"} {
		t.Setenv(teamDBEnv, v)
		if u := teamURLFromEnv(); u != "" {
			t.Fatalf("REDLINE_DB=%q: team URL %q", v, u)
		}
	}
	s, ws := testSession(t, teamNow)
	a := newApp(s)
	if st, _ := a.workspace.Status(); !st.Open || st.Team || st.Problem != "" || ws.Store.Engine() != store.SQLite {
		t.Fatalf("laptop status %+v", st)
	}
	if s.listening != nil {
		t.Fatal("listening on a laptop database")
	}
}

// listenerCount is how many connections to db are waiting for change
// notices, as the server sees them.
func listenerCount(t *testing.T, db string) int {
	t.Helper()
	conn, err := sql.Open("pgx", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	err = conn.QueryRow(`SELECT count(*) FROM pg_stat_activity
		WHERE datname = current_database() AND query = 'LISTEN ' || $1`, store.ChangeChannel).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// changeLog records the tables data:changed events name.
type changeLog struct {
	nullPlatform
	mu     sync.Mutex
	tables []string
}

func (c *changeLog) Emit(ev string, data any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ev == dataChangedEvent {
		c.tables = append(c.tables, data.(string))
	}
}

func (c *changeLog) seen() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.tables)
}

// TestTeamWindow_EmptyDatabaseSaysToSetItUp: a database nobody has run
// `team init` on is not opened, and the first-run screen says what to do.
func TestTeamWindow_EmptyDatabaseSaysToSetItUp(t *testing.T) {
	db := teamtest.NewDatabase(t)
	_, a, _ := teamSession(t, db)
	st, _ := a.workspace.Status()
	if st.Open || !strings.Contains(st.Problem, "team init") {
		t.Fatalf("status %+v: want closed, saying to run team init", st)
	}
}
