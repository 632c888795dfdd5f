package review

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

var t0 = time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)

func at(min int) store.Who {
	return store.Who{Actor: "lsms", At: t0.Add(time.Duration(min) * time.Minute).Unix()}
}

// Complete is a fully answered form; tests blank one field at a time.
func Complete() store.ReviewForm {
	return store.ReviewForm{IncidentType: "Verbal abuse and threats", Severity: 2, Recurrence: 4, CostHuman: "Two days' absence",
		StaffGroups: "District nursing", WeaknessProcedural: "No second visitor at known-risk address", TrainingNeeds: "Conflict resolution refresher",
		MeasuresReview: "Known-risk log not checked before visit", SupportRating: "effective", SupportEffectiveness: "Debrief next day",
		Technology: "Device worked; ARC answered in 6 s", AARExpected: "Routine visit", AARHappened: "Relative became aggressive",
		AARDifference: "Risk marker missing", AARLearn: "Check the log before every visit"}
}

func openCase(t *testing.T) (*store.Store, store.CaseFile) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var wid int64
	st.Write(context.Background(), func(w *store.Writer) error {
		wid, err = w.Worker(store.Worker{Ref: "W1", Name: "Alex Nurse", LineManager: "Jo Manager"})
		return err
	})
	c, err := st.OpenCase(context.Background(), store.NewCase{Title: "Threats", Origin: "manual", IncidentAt: t0.Unix(), WorkerID: wid}, at(0))
	if err != nil {
		t.Fatal(err)
	}
	return st, c
}

func TestSignOff_MarksTheCaseOnlyWhenCompleteAndByTheLineManager(t *testing.T) {
	ctx := context.Background()
	st, c := openCase(t)
	r, err := Assign(ctx, st, c.ID, "", "", at(1))
	if err != nil {
		t.Fatal(err)
	}
	if r.LineManager != "Jo Manager" || r.DueOn != "2025-03-28" {
		t.Fatalf("assigned %+v", r)
	}
	form := Complete()
	form.AARLearn = ""
	if err := Save(ctx, st, r.ID, form, at(2)); err != nil {
		t.Fatal(err)
	}
	if _, err := SignOff(ctx, st, r.ID, "Jo Manager", at(3)); err == nil || !strings.Contains(err.Error(), "what we learn") {
		t.Fatalf("incomplete review signed off: %v", err)
	}
	if err := Save(ctx, st, r.ID, Complete(), at(4)); err != nil {
		t.Fatal(err)
	}
	if _, err := SignOff(ctx, st, r.ID, "Somebody Else", at(5)); err == nil || !strings.Contains(err.Error(), "Jo Manager") {
		t.Fatalf("signed by someone else: %v", err)
	}
	r, err = SignOff(ctx, st, r.ID, " jo manager ", at(6))
	if err != nil || r.SignedOffAt == nil || r.SignedOffBy != "Jo Manager" || r.SignedOffRecordedBy != "lsms" {
		t.Fatalf("sign-off %+v %v", r, err)
	}
	c, _ = st.Case(ctx, c.ID)
	if c.ReviewSignedOffAt == nil {
		t.Fatal("the case was not marked as review signed off")
	}
	if err := Save(ctx, st, r.ID, store.ReviewForm{}, at(7)); err == nil {
		t.Fatal("a signed-off review was changed")
	}
	// Actions continue after sign-off.
	id, err := AddAction(ctx, st, store.ReviewAction{ReviewID: r.ID, Description: "Add risk marker", Owner: "LSMS", DueOn: "2025-04-01"}, at(8))
	if err != nil {
		t.Fatal(err)
	}
	if err := UpdateAction(ctx, st, store.ReviewAction{ID: id, ReviewID: r.ID, Owner: "LSMS", DueOn: "2025-04-01", Status: "done"}, at(9)); err != nil {
		t.Fatal(err)
	}
	due, _ := st.ReviewActionsDueBy(ctx, "2025-12-31")
	if len(due) != 0 {
		t.Fatalf("done action still due: %+v", due)
	}
	entries, _ := st.AuditFor(ctx, "review", "1")
	if len(entries) != 6 { // assign, save x2, sign-off, action add, action update
		t.Fatalf("audit entries %d", len(entries))
	}
}

func TestMissing_NamesEachEmptyFactor(t *testing.T) {
	if m := Missing(Complete()); len(m) != 0 {
		t.Fatalf("complete form missing %v", m)
	}
	if m := Missing(store.ReviewForm{}); len(m) != 14 {
		t.Fatalf("empty form: %d missing (%v), want 10 factors + 4 questions", len(m), m)
	}
}

func TestAction_NeedsOwnerAndRealDueDate(t *testing.T) {
	ctx := context.Background()
	st, c := openCase(t)
	r, _ := Assign(ctx, st, c.ID, "Jo Manager", "2025-04-01", at(0))
	for _, a := range []store.ReviewAction{{Description: "x", DueOn: "2025-04-01"}, {Description: "x", Owner: "o", DueOn: "31/02/2025"}, {Owner: "o", DueOn: "2025-04-01"}} {
		a.ReviewID = r.ID
		if _, err := AddAction(ctx, st, a, at(1)); err == nil {
			t.Errorf("accepted %+v", a)
		}
	}
}
