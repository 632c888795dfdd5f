package review

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/problem"
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
		AARDifference: "Risk marker missing", AARLearn: "Check the log before every visit",
		NoActionNeeded: true, NoActionReason: "The risk marker was added the same day"}
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
	if m := Missing(Complete(), nil, nil); len(m) != 0 {
		t.Fatalf("complete form missing %v", m)
	}
	m := Missing(store.ReviewForm{}, nil, nil)
	if len(m) != 15 {
		t.Fatalf("empty form: %d missing (%v), want 10 factors + 4 questions + the actions", len(m), m)
	}
	if m[0].Field != "incidentType" || m[14].Field != "actions" {
		t.Fatalf("gaps out of the form's order: %v", m)
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

// fieldOf is the form field a problem names, or "" for none.
func fieldOf(err error) string {
	var p *problem.Problem
	if errors.As(err, &p) {
		return p.Field
	}
	return ""
}

func TestSignOff_NeedsALiveActionOrAStatedNoActionNeeded(t *testing.T) {
	ctx := context.Background()
	st, c := openCase(t)
	r, _ := Assign(ctx, st, c.ID, "Jo Manager", "2025-04-01", at(0))
	form := Complete()
	form.NoActionNeeded, form.NoActionReason = false, ""
	if err := Save(ctx, st, r.ID, form, at(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := SignOff(ctx, st, r.ID, "Jo Manager", at(2)); fieldOf(err) != "actions" || !strings.Contains(err.Error(), Citation) {
		t.Fatalf("signed off with no action and no statement: %v (field %q)", err, fieldOf(err))
	}
	// An action agreed and then cancelled is no answer.
	id, err := AddAction(ctx, st, store.ReviewAction{ReviewID: r.ID, Description: "Second visitor", Owner: "Team lead", DueOn: "2025-04-01"}, at(3))
	if err != nil {
		t.Fatal(err)
	}
	if err := UpdateAction(ctx, st, store.ReviewAction{ID: id, ReviewID: r.ID, Owner: "Team lead", DueOn: "2025-04-01", Status: "cancelled"}, at(4)); err != nil {
		t.Fatal(err)
	}
	if _, err := SignOff(ctx, st, r.ID, "Jo Manager", at(5)); fieldOf(err) != "actions" {
		t.Fatalf("a cancelled action let the review be signed off: %v", err)
	}
	// "No action needed" needs its reason, on saving and on signing.
	form.NoActionNeeded = true
	if err := Save(ctx, st, r.ID, form, at(6)); fieldOf(err) != "noActionReason" {
		t.Fatalf("no action needed saved without a reason: %v", err)
	}
	form.NoActionReason = "Marker added the same day; nothing more to do"
	if err := Save(ctx, st, r.ID, form, at(7)); err != nil {
		t.Fatal(err)
	}
	got, err := st.Review(ctx, r.ID)
	if err != nil || !got.Form.NoActionNeeded || got.Form.NoActionReason != form.NoActionReason {
		t.Fatalf("stored form %+v %v", got.Form, err)
	}
	if r, err = SignOff(ctx, st, r.ID, "Jo Manager", at(8)); err != nil || r.SignedOffAt == nil {
		t.Fatalf("complete review with no action needed not signed off: %v", err)
	}
}

func TestSignOff_ErrorTakesThePersonToTheFirstGap(t *testing.T) {
	ctx := context.Background()
	st, c := openCase(t)
	r, _ := Assign(ctx, st, c.ID, "Jo Manager", "2025-04-01", at(0))
	form := Complete()
	form.Severity, form.TrainingNeeds = 0, " "
	if err := Save(ctx, st, r.ID, form, at(1)); err != nil {
		t.Fatal(err)
	}
	_, err := SignOff(ctx, st, r.ID, "Jo Manager", at(2))
	if fieldOf(err) != "severity" || !strings.Contains(err.Error(), "Still needed: severity; training needs.") {
		t.Fatalf("sign-off error %v (field %q)", err, fieldOf(err))
	}
	if err := Save(ctx, st, r.ID, Complete(), at(3)); err != nil {
		t.Fatal(err)
	}
	_, err = SignOff(ctx, st, r.ID, "Someone Else", at(4))
	if fieldOf(err) != "signer" {
		t.Fatalf("wrong signer: %v (field %q)", err, fieldOf(err))
	}
	if !problem.Is(err) {
		t.Fatalf("sign-off error is not shown to the person as written: %v", err)
	}
}

func TestMyWork_ReviewActionOpensTheCaseReview(t *testing.T) {
	ctx := context.Background()
	st, c := openCase(t)
	r, _ := Assign(ctx, st, c.ID, "Jo Manager", "2025-03-20", at(0))
	if _, err := AddAction(ctx, st, store.ReviewAction{ReviewID: r.ID, Description: "Add risk marker", Owner: "LSMS", DueOn: "2025-03-18"}, at(1)); err != nil {
		t.Fatal(err)
	}
	items, err := myWork(ctx, st, t0)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, it := range items {
		kinds = append(kinds, it.Kind)
		if it.CaseID != c.ID || it.Section != "review" {
			t.Errorf("%s item opens case %d section %q, want case %d's review", it.Kind, it.CaseID, it.Section, c.ID)
		}
	}
	if strings.Join(kinds, ",") != "review,review_action" {
		t.Fatalf("items %v", kinds)
	}
}

func TestSignOff_EachFindingHasAnActionOrNoActionNeeded(t *testing.T) {
	ctx := context.Background()
	st, c := openCase(t)
	r, _ := Assign(ctx, st, c.ID, "Jo Manager", "2025-04-01", at(0))
	form := Complete()
	form.NoActionNeeded, form.NoActionReason = false, ""
	if err := Save(ctx, st, r.ID, form, at(1)); err != nil {
		t.Fatal(err)
	}
	markers, _ := AddFactor(ctx, st, store.ContributingFactor{ReviewID: r.ID, Category: "organisation", Description: "Markers not shared"}, at(2))
	signal, _ := AddFactor(ctx, st, store.ContributingFactor{ReviewID: r.ID, Category: "equipment", Description: "Weak signal"}, at(2))
	// An action on the review as a whole answers neither finding.
	if _, err := AddAction(ctx, st, store.ReviewAction{ReviewID: r.ID, Description: "Team briefing", Owner: "LSMS", DueOn: "2025-04-01"}, at(3)); err != nil {
		t.Fatal(err)
	}
	_, err := SignOff(ctx, st, r.ID, "Jo Manager", at(4))
	if want := fmt.Sprintf("finding-%d", markers); fieldOf(err) != want || !strings.Contains(err.Error(), `an action or "no action needed" for the finding "Weak signal"`) {
		t.Fatalf("sign-off with unanswered findings: %v (field %q, want %q)", err, fieldOf(err), want)
	}
	if _, err := AddAction(ctx, st, store.ReviewAction{ReviewID: r.ID, FactorID: markers, Description: "Share markers", Owner: "LSMS", DueOn: "2025-04-01"}, at(5)); err != nil {
		t.Fatal(err)
	}
	if _, err := SignOff(ctx, st, r.ID, "Jo Manager", at(6)); fieldOf(err) != fmt.Sprintf("finding-%d", signal) {
		t.Fatalf("the second finding is still unanswered: %v", err)
	}
	if err := MarkNoAction(ctx, st, r.ID, signal, "  Device upgrade already under way  ", at(7)); err != nil {
		t.Fatal(err)
	}
	fs, _ := st.ContributingFactors(ctx, r.ID)
	if fs[1].NoActionReason != "Device upgrade already under way" {
		t.Fatalf("finding %+v", fs[1])
	}
	// An action for a finding of another review is refused.
	if _, err := AddAction(ctx, st, store.ReviewAction{ReviewID: r.ID, FactorID: 999, Description: "x", Owner: "o", DueOn: "2025-04-01"}, at(8)); err == nil {
		t.Fatal("an action was tied to a finding the review does not have")
	}
	if r, err = SignOff(ctx, st, r.ID, "Jo Manager", at(9)); err != nil || r.SignedOffAt == nil {
		t.Fatalf("every finding answered, yet: %v", err)
	}
	if err := MarkNoAction(ctx, st, r.ID, signal, "", at(10)); err == nil {
		t.Fatal("a signed-off review's finding was changed")
	}
}
