package store

import (
	"context"
	"errors"
	"testing"
)

// These tests run the casework, letters, reviews, risks, triage, retention,
// exhibits and import records through the store on both engines: each new
// row's id comes back from the insert itself (PostgreSQL has no
// LastInsertId), and reads see what was written on either engine.

var teamWho = Who{Actor: "lsms.jones", At: 1795000000} // 2026-11-18, a fixed instant

// teamAlerts seeds one worker, one red alert with a recording, and one amber.
func teamAlerts(t *testing.T, st *Store) (worker, red, amber, media int64) {
	t.Helper()
	err := st.Write(context.Background(), func(w *Writer) error {
		team, err := w.Team("Leeds North", 0, "")
		if err != nil {
			return err
		}
		if worker, err = w.Worker(Worker{Ref: "LW1", Name: "Sarah Collins", TeamID: team}); err != nil {
			return err
		}
		if red, err = w.Alert(NewAlert{ARC: "X", ARCRef: "R1", Type: "red", WorkerID: worker, TeamID: team, RaisedAt: 1790000000}); err != nil {
			return err
		}
		if amber, err = w.Alert(NewAlert{ARC: "X", ARCRef: "A1", Type: "amber", WorkerID: worker, TeamID: team, RaisedAt: 1790000100}); err != nil {
			return err
		}
		media, err = w.Media(Media{AlertID: red, Kind: "original", OriginalName: "r1.wav", SHA256: sha64("a"), Size: 10,
			Codec: "pcm", SampleRate: 8000, Channels: 1, DurationMS: 1000, VaultPath: "aa/r1"}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return worker, red, amber, media
}

func sha64(c string) string {
	b := make([]byte, 64)
	for i := range b {
		b[i] = c[0]
	}
	return string(b)
}

func noDecisionCheck(CaseFile, []Person, *Decision) error { return nil }

func TestTeamwork_CaseLifeOnBothEngines(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		worker, red, amber, _ := teamAlerts(t, st)
		c, err := st.OpenCase(ctx, NewCase{Title: "Verbal abuse", Origin: "alert", IncidentAt: 1790000000, WorkerID: worker,
			AlertIDs: []int64{red}}, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		if c.ID == 0 || c.Ref != "RL-2026-0001" {
			t.Fatalf("case %d %q, want a new id and RL-2026-0001", c.ID, c.Ref)
		}
		c2, err := st.OpenCase(ctx, NewCase{Title: "Second", Origin: "manual", IncidentAt: 1790000000}, teamWho)
		if err != nil || c2.ID == c.ID || c2.Ref != "RL-2026-0002" {
			t.Fatalf("second case %d %q (%v)", c2.ID, c2.Ref, err)
		}
		if err := st.LinkAlert(ctx, c.ID, amber, teamWho); err != nil {
			t.Fatal(err)
		}
		pid, err := st.AddPerson(ctx, Person{CaseID: c.ID, Role: "alleged_offender", Name: "J Bloggs"}, teamWho)
		if err != nil || pid == 0 {
			t.Fatalf("person %d: %v", pid, err)
		}
		tid, err := st.AddTask(ctx, Task{CaseID: c.ID, Title: "Ring the police", Owner: "lsms.jones", DueOn: "2026-11-20"}, teamWho)
		if err != nil || tid == 0 {
			t.Fatalf("task %d: %v", tid, err)
		}
		if err := st.CompleteTask(ctx, c.ID, tid, true, teamWho); err != nil {
			t.Fatal(err)
		}
		nid, err := st.AddNote(ctx, c.ID, "first", teamWho)
		if err != nil || nid == 0 {
			t.Fatalf("note %d: %v", nid, err)
		}
		if err := st.ReviseNote(ctx, c.ID, nid, "second", teamWho); err != nil {
			t.Fatal(err)
		}
		sid, err := st.AddSupport(ctx, Support{CaseID: c.ID, Kind: "occupational_health", OfferedOn: "2026-11-18", TakenUp: "yes"}, teamWho)
		if err != nil || sid == 0 {
			t.Fatalf("support %d: %v", sid, err)
		}
		uid, err := st.AddUpdate(ctx, Update{CaseID: c.ID, Person: "Sarah Collins", Role: "victim", OnDay: "2026-11-18", Method: "phone", Summary: "told of the decision"}, teamWho)
		if err != nil || uid == 0 {
			t.Fatalf("update %d: %v", uid, err)
		}
		d, err := st.RecordDecision(ctx, Decision{CaseID: c.ID, Route: "police", Reasons: "threats", LSMSAgrees: true}, teamWho, noDecisionCheck)
		if err != nil || d.ID == 0 {
			t.Fatalf("decision %d: %v", d.ID, err)
		}
		d2, err := st.RecordDecision(ctx, Decision{CaseID: c.ID, Route: "police", Reasons: "more", ChangeReason: "new facts"}, teamWho, noDecisionCheck)
		if err != nil || d2.Supersedes == nil || *d2.Supersedes != d.ID {
			t.Fatalf("second decision supersedes %v, want %d (%v)", d2.Supersedes, d.ID, err)
		}

		got, err := st.Case(ctx, c.ID)
		if err != nil || got.State != "decided" {
			t.Fatalf("case state %q (%v), want decided", got.State, err)
		}
		tasks, _ := st.Tasks(ctx, c.ID)
		notes, _ := st.Notes(ctx, c.ID)
		people, _ := st.People(ctx, c.ID)
		ds, _ := st.Decisions(ctx, c.ID)
		if len(tasks) != 1 || tasks[0].ID != tid || tasks[0].DoneAt == nil || len(notes) != 1 || notes[0].ID != nid ||
			len(people) < 1 || len(ds) != 2 || !ds[0].LSMSAgrees {
			t.Fatalf("tasks %+v notes %+v people %d decisions %+v", tasks, notes, len(people), ds)
		}
		open, err := st.ListCases(ctx, CaseFilter{Open: true, AlertID: red})
		if err != nil || len(open) != 1 || open[0].ID != c.ID {
			t.Fatalf("open cases for the alert: %+v (%v)", open, err)
		}
		if problem, n, err := st.VerifyAudit(ctx); err != nil || problem != nil || n < 10 {
			t.Fatalf("audit after casework: %d entries, problem %+v (%v)", n, problem, err)
		}
	})
}

func TestTeamwork_LettersReviewsRisksOnBothEngines(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		worker, red, _, _ := teamAlerts(t, st)
		c, err := st.OpenCase(ctx, NewCase{Title: "Assault", Origin: "alert", IncidentAt: 1790000000, WorkerID: worker, AlertIDs: []int64{red}}, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := st.NextLetterRef(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		l, err := st.CreateLetter(ctx, Letter{Ref: ref, CaseID: c.ID, Kind: "sanction", Recipient: "J Bloggs", LetterDate: "2026-11-18",
			ExpiresOn: "2027-11-18", Fields: "{}"}, teamWho)
		if err != nil || l.ID == 0 || l.Status != "draft" {
			t.Fatalf("letter %+v: %v", l, err)
		}
		if _, err := st.ChangeLetter(ctx, l.ID, LetterChange{From: []string{"draft"}, To: "approved",
			Set: map[string]any{"approved_at": teamWho.At, "approved_by": teamWho.Actor}}, teamWho); err != nil {
			t.Fatal(err)
		}
		ls, err := st.Letters(ctx, LetterFilter{CaseID: c.ID, Status: []string{"approved"}})
		if err != nil || len(ls) != 1 || ls[0].ID != l.ID {
			t.Fatalf("approved letters %+v (%v)", ls, err)
		}
		if ev, err := st.LetterEvents(ctx, l.ID); err != nil || len(ev) != 2 {
			t.Fatalf("letter events %+v (%v)", ev, err)
		}

		r, err := st.AssignReview(ctx, c.ID, "M Manager", "2026-12-01", teamWho)
		if err != nil || r.ID == 0 {
			t.Fatalf("review %+v: %v", r, err)
		}
		fid, err := st.AddContributingFactor(ctx, ContributingFactor{ReviewID: r.ID, Category: "environment", Description: "poor lighting"}, teamWho)
		if err != nil || fid == 0 {
			t.Fatalf("factor %d: %v", fid, err)
		}
		aid, err := st.AddReviewAction(ctx, ReviewAction{ReviewID: r.ID, Description: "fit lights", Owner: "estates", DueOn: "2026-12-10"}, teamWho)
		if err != nil || aid == 0 {
			t.Fatalf("action %d: %v", aid, err)
		}
		if err := st.SaveReviewForm(ctx, r.ID, ReviewForm{IncidentType: "assault"}, teamWho); err != nil {
			t.Fatal(err)
		}
		if err := st.SignReviewOff(ctx, r.ID, "M Manager", teamWho); err != nil {
			t.Fatal(err)
		}
		fs, _ := st.ContributingFactors(ctx, r.ID)
		as, _ := st.ReviewActions(ctx, r.ID)
		got, err := st.ReviewForCase(ctx, c.ID)
		if err != nil || got.SignedOffAt == nil || len(fs) != 1 || fs[0].ID != fid || len(as) != 1 || as[0].ID != aid {
			t.Fatalf("review %+v factors %+v actions %+v (%v)", got, fs, as, err)
		}

		rid, err := st.CreateRisk(ctx, RiskFields{Title: "Lone visits at night", Owner: "lsms.jones", ReviewOn: "2027-01-01"},
			[]RiskScore{{Kind: "inherent", Consequence: 4, Likelihood: 3, Band: "high", BandSet: "{}"}},
			[]RiskLink{{Kind: "case", Target: "1", Label: c.Ref}}, teamWho)
		if err != nil || rid == 0 {
			t.Fatalf("risk %d: %v", rid, err)
		}
		if err := st.AddRiskScore(ctx, rid, RiskScore{Kind: "current", Consequence: 4, Likelihood: 2, Band: "moderate", BandSet: "{}"}, teamWho); err != nil {
			t.Fatal(err)
		}
		h, err := st.RiskHistory(ctx, rid)
		if err != nil || len(h) != 2 || h[0].ID == 0 || h[0].ID == h[1].ID {
			t.Fatalf("risk history %+v (%v)", h, err)
		}
		rs, err := st.Risks(ctx, RiskFilter{Text: "LONE"})
		if err != nil || len(rs) != 1 || rs[0].Ref != "RR-0001" {
			t.Fatalf("risks matching LONE (any case): %+v (%v)", rs, err)
		}
	})
}

func TestTeamwork_TriageExhibitsRetentionImportsOnBothEngines(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		worker, red, _, media := teamAlerts(t, st)
		tr, err := st.Categorise(ctx, red, "precautionary", "", teamWho, func(Alert, *Triage, *string) error { return nil })
		if err != nil || tr.ID == 0 {
			t.Fatalf("triage %+v: %v", tr, err)
		}
		tr2, err := st.Categorise(ctx, red, "genuine", "heard a blow", teamWho, func(Alert, *Triage, *string) error { return nil })
		if err != nil || tr2.Supersedes == nil || *tr2.Supersedes != tr.ID {
			t.Fatalf("second triage %+v: %v", tr2, err)
		}
		if cur, err := st.CurrentTriage(ctx, red); err != nil || cur == nil || cur.ID != tr2.ID {
			t.Fatalf("current triage %+v (%v)", cur, err)
		}

		c, err := st.OpenCase(ctx, NewCase{Title: "Exhibits", Origin: "alert", IncidentAt: 1790000000, WorkerID: worker, AlertIDs: []int64{red}}, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		n := NewExhibit{CaseID: c.ID, Initials: "SJ", Separator: "/", Producer: "S Jones", Kind: "document", Description: "log",
			SourceType: "document", SHA256: sha64("b"), FileName: "log.txt", Bytes: []byte("log")}
		x, created, err := st.CreateExhibit(ctx, n, teamWho)
		if err != nil || !created || x.ID == 0 || x.Ref != "SJ/1" {
			t.Fatalf("exhibit %+v created %v: %v", x, created, err)
		}
		n.Description, n.SHA256, n.FileName = "second", sha64("c"), "two.txt"
		n.Bytes = []byte("two")
		x2, _, err := st.CreateExhibit(ctx, n, teamWho)
		if err != nil || x2.Ref != "SJ/2" || x2.ID == x.ID {
			t.Fatalf("second exhibit %+v: %v", x2, err)
		}
		if b, err := st.ExhibitFile(ctx, sha64("b")); err != nil || string(b) != "log" {
			t.Fatalf("exhibit file %q (%v)", b, err)
		}

		items, err := st.RetentionItemsForAlert(ctx, red)
		if err != nil || len(items) != 1 || items[0].MediaID != media {
			t.Fatalf("retention items %+v (%v)", items, err)
		}
		recs, files, err := st.Destroy(ctx, []Destruction{{Item: items[0], Rule: "red_3y", RuleText: "three years", DueAt: 1}}, teamWho)
		if err != nil || len(recs) != 1 || recs[0].ID == 0 || len(files) != 1 {
			t.Fatalf("destroy %+v files %v: %v", recs, files, err)
		}
		kept, err := st.DestructionRecords(ctx, red, 10)
		if err != nil || len(kept) != 1 || kept[0].ID != recs[0].ID {
			t.Fatalf("destruction records %+v (%v)", kept, err)
		}

		id, err := st.RecordRejectedImport(ctx, ImportRecord{StartedAt: teamWho.At, FinishedAt: teamWho.At, Source: "bad.csv",
			ImportedBy: teamWho.Actor, Status: "rejected", Summary: "{}"},
			[]ImportProblem{{File: "bad.csv", Kind: "format", Line: 3, Column: "raised", Value: "x", Severity: "error", Reason: "not a date"}},
			AuditEntry{At: teamWho.At, Actor: teamWho.Actor, Action: "import.reject", ObjectType: "import"})
		if err != nil || id == 0 {
			t.Fatalf("rejected import %d: %v", id, err)
		}
		ps, err := st.ImportProblems(ctx, id)
		if err != nil || len(ps) != 1 || ps[0].Line != 3 {
			t.Fatalf("import problems %+v (%v)", ps, err)
		}
		if _, err := st.ImportByID(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ImportByID(ctx, id+100); !errors.Is(err, ErrNotFound) && err == nil {
			t.Fatalf("a missing import was found")
		}
	})
}

func TestTeamwork_RecordingsTranscriptsEvidencePlacesOnBothEngines(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		worker, red, _, media := teamAlerts(t, st)
		wc, err := st.AddWorkingCopy(ctx, Media{AlertID: red, OriginalName: "r1-clean.wav", SHA256: sha64("d"), Size: 9, Codec: "pcm",
			SampleRate: 8000, Channels: 1, DurationMS: 1000, VaultPath: "dd/r1", DerivedFrom: &media},
			Provenance{SourceSHA256: sha64("a"), Command: "noise reduction", ToolVersion: "1", Actor: teamWho.Actor, At: teamWho.At})
		if err != nil || wc == 0 || wc == media {
			t.Fatalf("working copy %d: %v", wc, err)
		}
		if p, err := st.MediaProvenance(ctx, wc); err != nil || p.SourceID != media {
			t.Fatalf("provenance %+v (%v)", p, err)
		}
		tid, err := st.CreateTranscript(ctx, Transcript{MediaID: media, Engine: "manual", CreatedBy: teamWho.Actor, CreatedAt: teamWho.At,
			Segments: "[]"}, "started")
		if err != nil || tid == 0 {
			t.Fatalf("transcript %d: %v", tid, err)
		}
		rev, err := st.SaveTranscript(ctx, TranscriptEdit{ID: tid, Base: 1, Segments: `[{"text":"help"}]`, Speakers: "[]",
			Summary: "typed", Actor: teamWho.Actor, At: teamWho.At + 60})
		if err != nil || rev != 2 {
			t.Fatalf("save transcript: revision %d (%v), want 2", rev, err)
		}
		if revs, err := st.TranscriptRevisions(ctx, tid); err != nil || len(revs) != 2 {
			t.Fatalf("revisions %+v (%v)", revs, err)
		}

		if used, err := st.VaultFileInUse(ctx, sha64("a")); err != nil || !used {
			t.Fatalf("the recording's file in use: %v (%v)", used, err)
		}
		if state, err := st.VaultFileState(ctx, sha64("e")); err != nil || state != VaultUnreferenced {
			t.Fatalf("a file nothing names: %q (%v)", state, err)
		}
		live, err := st.LiveMediaAfter(ctx, 0, 10)
		if err != nil || len(live) != 2 {
			t.Fatalf("live media %+v (%v)", live, err)
		}
		c, err := st.OpenCase(ctx, NewCase{Title: "Held", Origin: "alert", IncidentAt: 1790000000, WorkerID: worker, AlertIDs: []int64{red}}, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		if item, err := st.LiveEvidenceItem(ctx, media); err != nil || item.Cases != c.Ref {
			t.Fatalf("evidence item %+v (%v), want it on %s", item, err, c.Ref)
		}
		if n, size, err := st.LiveMediaTotals(ctx); err != nil || n != 2 || size != 19 {
			t.Fatalf("live totals %d files %d bytes (%v)", n, size, err)
		}

		kid, err := st.AddKnownRisk(ctx, KnownRiskLocation{Label: "12 High St", Lat: 53.79, Lon: -1.54, RadiusM: 50, Reason: "dog",
			AddedBy: teamWho.Actor, AddedAt: teamWho.At, Active: true})
		if err != nil || kid == 0 {
			t.Fatalf("known-risk place %d: %v", kid, err)
		}
		if ks, err := st.KnownRisks(ctx, true); err != nil || len(ks) != 1 || !ks[0].Active || ks[0].ID != kid {
			t.Fatalf("known-risk places %+v (%v)", ks, err)
		}
		if es, err := st.AuditNaming(ctx, "case.", c.Ref); err != nil || len(es) == 0 {
			t.Fatalf("audit entries naming %s: %+v (%v)", c.Ref, es, err)
		}
		if es, err := st.AuditOf(ctx, "case", c.ID); err != nil || len(es) == 0 {
			t.Fatalf("audit entries of case %d: %+v (%v)", c.ID, es, err)
		}
	})
}
