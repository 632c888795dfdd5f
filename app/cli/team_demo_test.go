package main

import (
	"context"
	"database/sql"
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
	"github.com/nhs-redline/redline/backend/testclock"
	"github.com/nhs-redline/redline/backend/workspace"
)

// TestTeamDemo_TheWholeStoryAsOnALaptop builds `demo --history` on a laptop
// and, under the administrator's login, in an empty team database, with the
// same --as-of, and finds the same Alerts listing, cases, letters, reviews,
// risks, trends and audit entries in both; the team database's audit chain
// verifies, each entry linked to the one before. A second `demo`
// into the now full team database is refused and changes nothing.
func TestTeamDemo_TheWholeStoryAsOnALaptop(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the demo with two years of history twice")
	}
	db := teamtest.NewDatabase(t)
	t.Setenv(dbEnv, "")
	asOf := testclock.Now().Format(time.RFC3339)
	laptop, local := t.TempDir(), t.TempDir()
	if code, _, errs := runCLI(t, "--data-dir", laptop, "demo", "--history", "--as-of", asOf); code != exitOK {
		t.Fatalf("demo on a laptop: exit %d: %s", code, errs)
	}
	if code, _, errs := runCLI(t, "team", "init", "--db", db); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs := runCLI(t, "--data-dir", local, "--db", db, "demo", "--history", "--as-of", asOf)
	if code != exitOK || !strings.Contains(out, "Demo data created in the team database") || !strings.Contains(out, "months of alert history") {
		t.Fatalf("demo --history into an empty team database: exit %d, stdout %q, stderr %q", code, out, errs)
	}

	lst, err := store.Open(workspace.DBPath(laptop))
	if err != nil {
		t.Fatal(err)
	}
	defer lst.Close()
	tst, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer tst.Close()
	// A letter's PDF differs from run to run, on any engine (fpdf writes its
	// font catalogue in map order), so each side's PDF hashes are named by
	// their letter before comparing; the Word documents must match exactly.
	lpdf, tpdf := pdfNames(t, lst), pdfNames(t, tst)

	// What the commands print, laptop and team side by side.
	for _, args := range [][]string{
		{"alerts", "--json", "--limit", "0"},
		{"alerts", "--json", "--limit", "0", "--type", "red", "--validity", "genuine"},
		{"risks"},
		{"letters"},
		{"reviews", "--json"},
		{"trends", "--as-of", asOf},
		{"trends", "--as-of", asOf, "--by", "week", "--shared"},
	} {
		lc, lout, lerr := runCLI(t, append([]string{"--data-dir", laptop}, args...)...)
		tc, tout, terr := runCLI(t, append([]string{"--data-dir", local, "--db", db}, args...)...)
		if lc != exitOK || tc != exitOK {
			t.Fatalf("%v: laptop exit %d (%s), team exit %d (%s)", args, lc, lerr, tc, terr)
		}
		sameText(t, strings.Join(args, " "), lpdf.Replace(lout), tpdf.Replace(tout))
	}

	l, tm := storyOf(t, lst), storyOf(t, tst)
	if len(l.Cases) < 4 || len(l.Letters) < 2 || len(l.Reviews) < 2 || len(l.Risks) < 3 || l.Alerts < 100000 || len(l.Audit) < 100 {
		t.Fatalf("the laptop demo's story is too thin to compare: %d alerts, %d cases, %d letters, %d reviews, %d risks",
			l.Alerts, len(l.Cases), len(l.Letters), len(l.Reviews), len(l.Risks))
	}
	lj, _ := json.Marshal(l)
	tj, _ := json.Marshal(tm)
	sameText(t, "the story's rows", lpdf.Replace(string(lj)), tpdf.Replace(string(tj)))

	approved := 0
	for _, l := range tm.Letters {
		if l.ApprovedBy != "" {
			approved++
			if strings.EqualFold(l.ApprovedBy, l.CreatedBy) {
				t.Errorf("letter %s was approved by its author, %s", l.Ref, l.CreatedBy)
			}
		}
	}
	if approved == 0 {
		t.Error("the team demo has no approved letter")
	}

	// The audit chain: every entry the laptop wrote, linked one to the next.
	_, lout, _ := runCLI(t, "--data-dir", laptop, "audit", "verify", "--json")
	code, tout, errs := runCLI(t, "--data-dir", local, "--db", db, "audit", "verify", "--json")
	var la, ta struct {
		Entries int  `json:"entries"`
		Intact  bool `json:"intact"`
	}
	oneJSON(t, lout, &la)
	oneJSON(t, tout, &ta)
	if !ta.Intact || ta.Entries != la.Entries || la.Entries < 100 || !strings.Contains(errs, "in order and each linked to the one before") {
		t.Fatalf("audit verify on the team demo: exit %d, %+v (laptop %+v), stderr %q", code, ta, la, errs)
	}

	// A second demo into the full team database is refused, whatever the flags.
	for _, args := range [][]string{{"demo"}, {"demo", "--force", "--history"}} {
		code, _, errs = runCLI(t, append([]string{"--data-dir", local, "--db", db}, args...)...)
		if code != exitBadInput || !strings.Contains(errs, "already holds the team's work") || !strings.Contains(errs, "cases") {
			t.Errorf("%v into the team demo: exit %d, stderr %q", args, code, errs)
		}
	}
	if again := storyOf(t, tst); again.Alerts != tm.Alerts || len(again.Cases) != len(tm.Cases) {
		t.Errorf("a refused demo changed the team database: %d alerts and %d cases, was %d and %d",
			again.Alerts, len(again.Cases), tm.Alerts, len(tm.Cases))
	}
}

// TestTeamDemo_RefusedUnderAPersonsLogin: a person's own login may write
// entries in its own name only, so the demo, whose entries name the demo's
// people, is refused before anything is written, saying whose login to use.
func TestTeamDemo_RefusedUnderAPersonsLogin(t *testing.T) {
	admin := teamtest.NewDatabase(t)
	t.Setenv(dbEnv, "")
	if code, _, errs := runCLI(t, "team", "init", "--db", admin); code != exitOK {
		t.Fatal(errs)
	}
	login := fmt.Sprintf("demo_lsms_%d", time.Now().UnixNano()%1e9)
	t.Cleanup(func() { teamtest.Exec(t, teamtest.Server(), "DROP ROLE IF EXISTS "+login) })
	pw := filepath.Join(t.TempDir(), "pw.txt")
	os.WriteFile(pw, []byte("a long pass phrase\n"), 0o600)
	if code, _, errs := runCLI(t, "--db", admin, "team", "add-user", login, "--role", "lsms", "--password-file", pw); code != exitOK {
		t.Fatalf("add the LSMS: %s", errs)
	}
	before := tableRows(t, admin) // the LSMS and the audit entry adding them
	u, _ := url.Parse(admin)
	u.User = url.UserPassword(login, "a long pass phrase")
	for _, args := range [][]string{{"demo"}, {"demo", "--bare"}, {"demo", "--history", "--force"}} {
		code, _, errs := runCLI(t, append([]string{"--data-dir", t.TempDir(), "--db", u.String()}, args...)...)
		want := "Set up the demo with the administrator's login, which ran team init; a person's own login can only write entries in their own name."
		if code != exitBadInput || !strings.Contains(errs, want) {
			t.Errorf("%v under an LSMS's login: exit %d, stderr %q", args, code, errs)
		}
	}
	if after := tableRows(t, admin); after != before {
		t.Fatalf("a refused demo changed the team database:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// pdfNames replaces each letter's PDF hash with the letter's reference.
func pdfNames(t *testing.T, st *store.Store) *strings.Replacer {
	t.Helper()
	ls, err := st.Letters(context.Background(), store.LetterFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var pairs []string
	for _, l := range ls {
		if l.PDFSHA256 == "" || l.DocxSHA256 == "" {
			t.Fatalf("letter %s has no rendered documents: %+v", l.Ref, l)
		}
		pairs = append(pairs, l.PDFSHA256, "PDF of "+l.Ref)
	}
	return strings.NewReplacer(pairs...)
}

// story is what the demo's story made, as the store lists it.
type story struct {
	Alerts, Pending int
	Cases           []store.CaseFile
	Decisions       [][]store.Decision
	Events          [][]store.CaseEvent
	Letters         []store.Letter
	LetterEvents    [][]store.LetterEvent
	Reviews         []store.Review
	Actions         [][]store.ReviewAction
	Risks           []store.Risk
	RiskHistory     [][]store.RiskScore
	KnownRisks      []store.KnownRiskLocation
	Triage          []store.TriageRow
	Audit           []store.AuditEntry // without their hashes: the laptop's are keyed, the team's plain
}

func storyOf(t *testing.T, st *store.Store) story {
	t.Helper()
	ctx := context.Background()
	var s story
	var err error
	must := func(e error) {
		t.Helper()
		if e != nil && err == nil {
			err = e
		}
	}
	s.Alerts, err = st.CountAlerts(ctx, store.AlertFilter{})
	n, e := st.CountPendingTriage(ctx)
	s.Pending = n
	must(e)
	s.Cases, e = st.ListCases(ctx, store.CaseFilter{})
	must(e)
	for _, c := range s.Cases {
		d, e := st.Decisions(ctx, c.ID)
		must(e)
		ev, e := st.CaseEvents(ctx, c.ID)
		must(e)
		s.Decisions, s.Events = append(s.Decisions, d), append(s.Events, ev)
	}
	s.Letters, e = st.Letters(ctx, store.LetterFilter{})
	must(e)
	for _, l := range s.Letters {
		ev, e := st.LetterEvents(ctx, l.ID)
		must(e)
		s.LetterEvents = append(s.LetterEvents, ev)
	}
	s.Reviews, e = st.Reviews(ctx, false)
	must(e)
	for _, r := range s.Reviews {
		a, e := st.ReviewActions(ctx, r.ID)
		must(e)
		s.Actions = append(s.Actions, a)
	}
	s.Risks, e = st.Risks(ctx, store.RiskFilter{})
	must(e)
	for _, r := range s.Risks {
		h, e := st.RiskHistory(ctx, r.ID)
		must(e)
		s.RiskHistory = append(s.RiskHistory, h)
	}
	s.KnownRisks, e = st.KnownRisks(ctx, false)
	must(e)
	s.Triage, e = st.TriageList(ctx, false, 0)
	must(e)
	s.Audit, e = st.AuditNaming(ctx, "", "")
	must(e)
	for i := range s.Audit {
		s.Audit[i].PrevHash, s.Audit[i].Hash = "", ""
	}
	if err != nil {
		t.Fatalf("list the demo's story: %v", err)
	}
	return s
}

// sameText fails t if the laptop's and the team's text differ, showing where.
func sameText(t *testing.T, what, laptop, team string) {
	t.Helper()
	if laptop == team {
		return
	}
	i := 0
	for i < len(laptop) && i < len(team) && laptop[i] == team[i] {
		i++
	}
	from := max(i-300, 0)
	t.Errorf("%s: the team demo differs from the laptop's at byte %d of %d/%d:\nlaptop: …%s…\nteam:   …%s…",
		what, i, len(laptop), len(team), laptop[from:min(i+300, len(laptop))], team[from:min(i+300, len(team))])
}

// tableRows counts the rows of every table of the team database at u.
func tableRows(t *testing.T, u string) string {
	t.Helper()
	db, err := sql.Open("pgx", u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return teamRowCounts(t, db)
}
