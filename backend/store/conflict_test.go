package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// These tests are two people working on one record at once, as two laptops
// on one team database would: two stores (two connection pools) over the
// same database, each person's write made in its own goroutine. Exactly one
// write may land; the other is told who changed what, and nothing of theirs
// is stored.

// twoClients runs fn with two stores over one fresh database on each engine.
func twoClients(t *testing.T, fn func(t *testing.T, a, b *Store)) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "t.db")
		a, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		b, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		fn(t, a, b)
	})
	t.Run("postgres", func(t *testing.T) {
		url := initTeamTest(t)
		fn(t, openTeamURL(t, url), openTeamURL(t, url))
	})
}

// race runs one write per client at once and returns their errors in order.
func race(writes ...func() error) []error {
	errs := make([]error, len(writes))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, w := range writes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = w()
		}()
	}
	close(start)
	wg.Wait()
	return errs
}

// oneWins checks that exactly one of two writes succeeded and the other was
// refused with a *ChangedError naming the winner, and returns the winner's index.
func oneWins(t *testing.T, errs []error, actors [2]string) int {
	t.Helper()
	if len(errs) != 2 {
		t.Fatalf("%d results", len(errs))
	}
	win, lose := 0, 1
	if errs[0] != nil {
		win, lose = 1, 0
	}
	if errs[win] != nil {
		t.Fatalf("both writes failed: %v; %v", errs[0], errs[1])
	}
	var ch *ChangedError
	if !errors.Is(errs[lose], ErrChanged) || !errors.As(errs[lose], &ch) {
		t.Fatalf("the second write gave %v, want a ChangedError (the first succeeded)", errs[lose])
	}
	if ch.By != actors[win] || ch.At == 0 {
		t.Errorf("the refusal names %q at %d, want the winner %q and when", ch.By, ch.At, actors[win])
	}
	if msg := ch.Error(); !strings.Contains(msg, "Someone else changed") || !strings.Contains(msg, "Your change was not saved") {
		t.Errorf("message %q", msg)
	}
	return win
}

// meet is a check that holds each caller until both have read the record
// (or until wait passes: on SQLite the second cannot read until the first
// has committed, since each transaction takes the write lock first).
type meet struct {
	n    atomic.Int32
	both chan struct{}
	once sync.Once
}

func newMeet() *meet { return &meet{both: make(chan struct{})} }

func (m *meet) arrive(wait time.Duration) {
	if m.n.Add(1) == 2 {
		m.once.Do(func() { close(m.both) })
	}
	select {
	case <-m.both:
	case <-time.After(wait):
	}
}

func TestConflict_TwoClientsTriageOneAlertAtOnce_OneWinsTheOtherIsTold(t *testing.T) {
	twoClients(t, func(t *testing.T, a, b *Store) {
		ctx := context.Background()
		_, red, _, _ := teamAlerts(t, a)
		m := newMeet()
		wait := 300 * time.Millisecond
		if a.Engine() == Postgres {
			wait = 10 * time.Second // both must read "waiting" before either writes
		}
		check := func(_ Alert, prev *Triage, _ *string) error {
			if prev != nil {
				t.Errorf("a client read triage %+v; the alert was waiting", prev)
			}
			m.arrive(wait)
			return nil
		}
		who := [2]string{"lsms.jones", "lsms.smith"}
		var got [2]Triage
		errs := race(func() (err error) {
			got[0], err = a.CategoriseSeen(ctx, red, 0, "genuine", "", Who{Actor: who[0], At: teamWho.At}, check)
			return err
		}, func() (err error) {
			got[1], err = b.CategoriseSeen(ctx, red, 0, "false", "", Who{Actor: who[1], At: teamWho.At + 60}, check)
			return err
		})
		if a.Engine() == Postgres && m.n.Load() != 2 {
			t.Fatalf("only %d client(s) read the alert before the first wrote: the race was not run", m.n.Load())
		}
		win := oneWins(t, errs, who)
		for _, st := range []*Store{a, b} {
			cur, err := st.CurrentTriage(ctx, red)
			if err != nil || cur == nil || cur.ID != got[win].ID || cur.CategorisedBy != who[win] {
				t.Fatalf("current triage %+v (%v), want the winner's %+v", cur, err, got[win])
			}
			hist, err := st.TriageHistory(ctx, red)
			if err != nil || len(hist) != 1 {
				t.Fatalf("triage history %+v (%v), want the winner's alone", hist, err)
			}
			log, err := st.AuditOf(ctx, "alert", red, "alert.categorise", "alert.recategorise")
			if err != nil || len(log) != 1 || log[0].Actor != who[win] {
				t.Fatalf("audit entries %+v (%v), want one, the winner's", log, err)
			}
		}
		var ch *ChangedError
		errors.As(errs[1-win], &ch)
		if want := []string{"genuine", "false"}[win]; ch.Now != want || ch.What != "this alert's triage" {
			t.Errorf("refusal %+v, want it to say the triage is now %q", ch, want)
		}
	})
}

func TestConflict_RecategorisingOverAStaleTriageIsRefused(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		_, red, _, _ := teamAlerts(t, st)
		ok := func(Alert, *Triage, *string) error { return nil }
		first, err := st.CategoriseSeen(ctx, red, 0, "precautionary", "", teamWho, ok)
		if err != nil {
			t.Fatal(err)
		}
		// A page that still shows the alert waiting must not write over it.
		if _, err := st.CategoriseSeen(ctx, red, 0, "genuine", "", Who{Actor: "lsms.smith", At: teamWho.At + 1}, ok); !errors.Is(err, ErrChanged) {
			t.Fatalf("categorising a waiting alert someone has triaged: %v, want ErrChanged", err)
		}
		second, err := st.CategoriseSeen(ctx, red, first.ID, "genuine", "heard a blow", Who{Actor: "lsms.smith", At: teamWho.At + 2}, ok)
		if err != nil || second.Supersedes == nil || *second.Supersedes != first.ID {
			t.Fatalf("re-categorising over the triage seen: %+v (%v)", second, err)
		}
		if _, err := st.CategoriseSeen(ctx, red, first.ID, "false", "no", teamWho, ok); !errors.Is(err, ErrChanged) {
			t.Fatalf("re-categorising over a superseded triage: %v, want ErrChanged", err)
		}
		// The command line acts on whatever is current.
		if _, err := st.Categorise(ctx, red, "false", "test call", teamWho, ok); err != nil {
			t.Fatal(err)
		}
		if hist, _ := st.TriageHistory(ctx, red); len(hist) != 3 {
			t.Fatalf("history %+v, want three categorisations", hist)
		}
	})
}

func TestConflict_TwoClientsDecideOneCaseAtOnce_OneWinsTheOtherIsTold(t *testing.T) {
	twoClients(t, func(t *testing.T, a, b *Store) {
		ctx := context.Background()
		worker, red, _, _ := teamAlerts(t, a)
		c, err := a.OpenCase(ctx, NewCase{Title: "Assault", Origin: "alert", IncidentAt: 1790000000, WorkerID: worker, AlertIDs: []int64{red}}, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		who := [2]string{"lsms.jones", "lsms.smith"}
		errs := race(func() error {
			_, err := a.RecordDecisionSeen(ctx, Decision{CaseID: c.ID, Route: "police", Reasons: "assault"}, 0, Who{Actor: who[0], At: teamWho.At}, noDecisionCheck)
			return err
		}, func() error {
			_, err := b.RecordDecisionSeen(ctx, Decision{CaseID: c.ID, Route: "no_sanction", Reasons: "apology"}, 0, Who{Actor: who[1], At: teamWho.At + 60}, noDecisionCheck)
			return err
		})
		win := oneWins(t, errs, who)
		ds, err := b.Decisions(ctx, c.ID)
		if err != nil || len(ds) != 1 || ds[0].DecidedBy != who[win] || ds[0].Supersedes != nil {
			t.Fatalf("decisions %+v (%v), want the winner's alone", ds, err)
		}
		log, err := a.AuditOf(ctx, "case", c.ID, "case.decide")
		if err != nil || len(log) != 1 || log[0].Actor != who[win] {
			t.Fatalf("audit entries %+v (%v), want one, the winner's", log, err)
		}
		// A change made over the decision seen is recorded and supersedes it.
		d, err := a.RecordDecisionSeen(ctx, Decision{CaseID: c.ID, Route: "police", ChangeReason: "new evidence"}, ds[0].ID, teamWho, noDecisionCheck)
		if err != nil || d.Supersedes == nil || *d.Supersedes != ds[0].ID {
			t.Fatalf("change of decision %+v (%v)", d, err)
		}
	})
}

func TestConflict_TwoClientsRescoreOneRiskAtOnce_OneWinsTheOtherIsTold(t *testing.T) {
	twoClients(t, func(t *testing.T, a, b *Store) {
		ctx := context.Background()
		rid, err := a.CreateRisk(ctx, RiskFields{Title: "Lone visits at night", Owner: "lsms.jones", ReviewOn: "2027-01-01"},
			[]RiskScore{{Kind: "current", Consequence: 4, Likelihood: 3, Band: "High", BandSet: "{}"}}, nil, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		h, err := a.RiskHistory(ctx, rid)
		if err != nil || len(h) != 1 {
			t.Fatalf("history %+v (%v)", h, err)
		}
		seen := h[0].ID
		who := [2]string{"lsms.jones", "lsms.smith"}
		errs := race(func() error {
			return a.AddRiskScoreSeen(ctx, rid, seen, RiskScore{Kind: "current", Consequence: 4, Likelihood: 2, Band: "Moderate", BandSet: "{}", Reason: "lights fitted"},
				Who{Actor: who[0], At: teamWho.At})
		}, func() error {
			return b.AddRiskScoreSeen(ctx, rid, seen, RiskScore{Kind: "current", Consequence: 5, Likelihood: 4, Band: "Extreme", BandSet: "{}", Reason: "second assault"},
				Who{Actor: who[1], At: teamWho.At + 60})
		})
		win := oneWins(t, errs, who)
		h, err = b.RiskHistory(ctx, rid)
		if err != nil || len(h) != 2 || h[1].ScoredBy != who[win] {
			t.Fatalf("history %+v (%v), want the first score and the winner's", h, err)
		}
		log, err := a.AuditOf(ctx, "risk", rid, "risk.score")
		if err != nil || len(log) != 2 || log[1].Actor != who[win] {
			t.Fatalf("score audit entries %+v (%v), want the first and the winner's", log, err)
		}
	})
}

func TestConflict_CaseStateTaskNoteRiskAndLetterChangesOverStaleReadsAreRefused(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		worker, red, _, _ := teamAlerts(t, st)
		smith := Who{Actor: "lsms.smith", At: teamWho.At + 120}
		c, err := st.OpenCase(ctx, NewCase{Title: "Assault", Origin: "alert", IncidentAt: 1790000000, WorkerID: worker, AlertIDs: []int64{red}}, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		anyMove := func(CaseFacts, string) error { return nil }
		if err := st.SetCaseStateSeen(ctx, c.ID, "open", "investigating", "", smith, anyMove); err != nil {
			t.Fatal(err)
		}
		err = st.SetCaseStateSeen(ctx, c.ID, "open", "closed", "", teamWho, anyMove)
		var ch *ChangedError
		if !errors.As(err, &ch) || ch.Now != "investigating" || ch.By != smith.Actor || ch.At != smith.At {
			t.Fatalf("moving a case from a state it has left: %v (%+v)", err, ch)
		}
		if got, _ := st.Case(ctx, c.ID); got.State != "investigating" {
			t.Fatalf("state %q after a refused move", got.State)
		}

		// The case's own fields: a colleague's crime reference is not written over by a form loaded before it.
		ref, force, blank := "13/123456/25", "West Yorkshire Police", ""
		if err := st.UpdateCaseSeen(ctx, c.ID, &CasePatch{PoliceRef: &blank}, CasePatch{PoliceRef: &ref}, smith, nil); err != nil {
			t.Fatal(err)
		}
		err = st.UpdateCaseSeen(ctx, c.ID, &CasePatch{PoliceRef: &blank, PoliceForce: &blank}, CasePatch{PoliceRef: &blank, PoliceForce: &force}, teamWho, nil)
		if !errors.As(err, &ch) || ch.By != smith.Actor || ch.What != "case "+c.Ref+" (crime reference)" {
			t.Fatalf("saving police details loaded before a colleague's: %v (%+v)", err, ch)
		}
		if got, _ := st.Case(ctx, c.ID); got.PoliceRef != ref || got.PoliceForce != "" {
			t.Fatalf("case %+v after a refused save", got)
		}
		people, err := st.People(ctx, c.ID)
		if err != nil || len(people) != 1 {
			t.Fatalf("people %+v (%v)", people, err)
		}
		loaded := people[0]
		fixed := loaded
		fixed.Address = "1 Ward Street"
		if _, err := st.CorrectPersonSeen(ctx, &loaded, fixed, smith); err != nil {
			t.Fatal(err)
		}
		mine := loaded
		mine.Contact = "07700 900123"
		if _, err := st.CorrectPersonSeen(ctx, &loaded, mine, teamWho); !errors.As(err, &ch) || ch.By != smith.Actor {
			t.Fatalf("correcting a person from details a colleague has corrected since: %v", err)
		}
		if ps, _ := st.People(ctx, c.ID); ps[0].Address != "1 Ward Street" || ps[0].Contact != "" {
			t.Fatalf("person %+v after a refused correction", ps[0])
		}

		task, err := st.AddTask(ctx, Task{CaseID: c.ID, Title: "Ring the worker", Owner: "lsms.jones"}, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.CompleteTask(ctx, c.ID, task, true, smith); err != nil {
			t.Fatal(err)
		}
		if err := st.CompleteTask(ctx, c.ID, task, true, teamWho); !errors.As(err, &ch) || ch.By != smith.Actor || ch.Now != "done" {
			t.Fatalf("completing a task a colleague completed: %v", err)
		}
		if ts, _ := st.Tasks(ctx, c.ID); len(ts) != 1 || ts[0].DoneBy != smith.Actor {
			t.Fatalf("tasks %+v: who did it was overwritten", ts)
		}

		note, err := st.AddNote(ctx, c.ID, "first", teamWho)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.ReviseNoteSeen(ctx, c.ID, note, 1, "smith's", smith); err != nil {
			t.Fatal(err)
		}
		if err := st.ReviseNoteSeen(ctx, c.ID, note, 1, "jones's", teamWho); !errors.As(err, &ch) || ch.By != smith.Actor {
			t.Fatalf("revising a note from revision 1 after a colleague saved revision 2: %v", err)
		}
		if ns, _ := st.Notes(ctx, c.ID); len(ns[0].Revisions) != 2 || ns[0].Revisions[1].Body != "smith's" {
			t.Fatalf("notes %+v", ns)
		}

		f := RiskFields{Title: "Night visits", Owner: "lsms.jones", ReviewOn: "2027-01-01", Status: "open"}
		rid, err := st.CreateRisk(ctx, f, nil, nil, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		g := f
		g.Controls = "pairs after dark"
		if err := st.UpdateRiskSeen(ctx, rid, &f, g, smith); err != nil {
			t.Fatal(err)
		}
		h := f
		h.Owner = "lsms.brown"
		err = st.UpdateRiskSeen(ctx, rid, &f, h, teamWho)
		if !errors.As(err, &ch) || ch.By != smith.Actor || !strings.Contains(ch.What, "controls") {
			t.Fatalf("saving a risk form loaded before a colleague's save: %v", err)
		}
		if r, _ := st.Risk(ctx, rid); r.Owner != "lsms.jones" || r.Controls != "pairs after dark" {
			t.Fatalf("risk %+v after a refused save", r)
		}
		if err := st.LinkRisk(ctx, rid, RiskLink{Kind: "alert", Target: "7"}, teamWho); err != nil {
			t.Fatal(err)
		}
		if err := st.UnlinkRisk(ctx, rid, "alert", "7", "wrong alert", smith); err != nil {
			t.Fatal(err)
		}
		if err := st.UnlinkRisk(ctx, rid, "alert", "7", "not this one", teamWho); !errors.As(err, &ch) || ch.By != smith.Actor || ch.Now != "not linked" {
			t.Fatalf("unlinking what a colleague unlinked: %v (%+v)", err, ch)
		}
		if err := st.UnlinkRisk(ctx, rid+100, "alert", "7", "", teamWho); !errors.Is(err, ErrNotFound) {
			t.Fatalf("unlinking from a risk that does not exist: %v", err)
		}

		l, err := st.CreateLetter(ctx, Letter{Ref: c.Ref + "/L1", CaseID: c.ID, Kind: "sanction", Recipient: "J Bloggs",
			LetterDate: "2026-11-18", Fields: "{}"}, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ChangeLetter(ctx, l.ID, LetterChange{From: []string{"draft", "approved"}, To: "revoked"}, smith); err != nil {
			t.Fatal(err)
		}
		_, err = st.ChangeLetter(ctx, l.ID, LetterChange{From: []string{"draft"}, To: "approved",
			Set: map[string]any{"approved_at": teamWho.At, "approved_by": teamWho.Actor}}, teamWho)
		if !errors.As(err, &ch) || ch.Now != "Revoked" || ch.By != smith.Actor {
			t.Fatalf("approving a letter a colleague revoked: %v", err)
		}

		// New dates for a warning in force are given over the dates the page showed.
		w, err := st.CreateLetter(ctx, Letter{Ref: c.Ref + "/L2", CaseID: c.ID, Kind: "sanction", Recipient: "J Bloggs",
			LetterDate: "2026-11-18", Fields: "{}"}, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ChangeLetter(ctx, w.ID, LetterChange{From: []string{"draft"}, To: "in_force",
			Set: map[string]any{"review_on": "2027-05-18", "expires_on": "2027-11-18"}}, teamWho); err != nil {
			t.Fatal(err)
		}
		shown := map[string]any{"review_on": "2027-05-18", "expires_on": "2027-11-18"}
		extend := func(review string, who Who) error {
			_, err := st.ChangeLetter(ctx, w.ID, LetterChange{From: []string{"in_force"}, To: "in_force",
				Set: map[string]any{"review_on": review, "expires_on": "2028-11-18"}, Expect: shown}, who)
			return err
		}
		if err := extend("2027-08-18", smith); err != nil {
			t.Fatal(err)
		}
		if err := extend("2027-09-18", teamWho); !errors.As(err, &ch) || ch.Now != "" || ch.By != smith.Actor {
			t.Fatalf("new dates over dates a colleague changed: %v (%+v)", err, ch)
		}
		if got, _ := st.Letter(ctx, w.ID); got.ReviewOn != "2027-08-18" {
			t.Fatalf("review on %s after a refused change, want the colleague's", got.ReviewOn)
		}
	})
}

func TestConflict_TwoClientsApproveOneLetterAtOnce_OneWins(t *testing.T) {
	twoClients(t, func(t *testing.T, a, b *Store) {
		ctx := context.Background()
		worker, red, _, _ := teamAlerts(t, a)
		c, err := a.OpenCase(ctx, NewCase{Title: "Assault", Origin: "alert", IncidentAt: 1790000000, WorkerID: worker, AlertIDs: []int64{red}}, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		l, err := a.CreateLetter(ctx, Letter{Ref: c.Ref + "/L1", CaseID: c.ID, Kind: "sanction", Recipient: "J Bloggs",
			LetterDate: "2026-11-18", Fields: "{}"}, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		who := [2]string{"lsms.jones", "lsms.smith"}
		approve := func(st *Store, i int) func() error {
			return func() error {
				w := Who{Actor: who[i], At: teamWho.At + int64(i)}
				_, err := st.ChangeLetter(ctx, l.ID, LetterChange{From: []string{"draft"}, To: "approved",
					Set: map[string]any{"approved_at": w.At, "approved_by": w.Actor}}, w)
				return err
			}
		}
		win := oneWins(t, race(approve(a, 0), approve(b, 1)), who)
		if got, _ := b.Letter(ctx, l.ID); got.ApprovedBy != who[win] {
			t.Fatalf("approved by %q, want the winner %q", got.ApprovedBy, who[win])
		}
		if ev, _ := b.LetterEvents(ctx, l.ID); len(ev) != 2 {
			t.Fatalf("letter events %+v, want drafted and one approval", ev)
		}
	})
}

func TestConflict_TwoClientsSaveOneSettingAtOnce_OneWins(t *testing.T) {
	twoClients(t, func(t *testing.T, a, b *Store) {
		ctx := context.Background()
		// Both forms loaded the defaults (the setting never saved).
		loadedDefaults := func(value string) func(string, bool) (bool, string) {
			return func(old string, found bool) (bool, string) { return !found, value }
		}
		who := [2]string{"lsms.jones", "lsms.smith"}
		save := func(st *Store, i int, value string) func() error {
			return func() error {
				return st.SaveSettingSeen(ctx, "test.setting", value, "settings.test", Who{Actor: who[i], At: teamWho.At + int64(i)}, loadedDefaults(value))
			}
		}
		win := oneWins(t, race(save(a, 0, `"jones"`), save(b, 1, `"smith"`)), who)
		if v, err := a.Setting(ctx, "test.setting", ""); err != nil || v != []string{`"jones"`, `"smith"`}[win] {
			t.Fatalf("setting %q (%v), want the winner's", v, err)
		}
		var n int
		var actor string
		if err := b.db.QueryRow(`SELECT count(*), max(actor) FROM audit_log WHERE action = 'settings.test'`).Scan(&n, &actor); err != nil || n != 1 || actor != who[win] {
			t.Fatalf("%d audit entries by %q (%v), want the winner's alone", n, actor, err)
		}
	})
}
