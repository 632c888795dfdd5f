package casework

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

func TestMyWork_UntriagedPoliceOrGenuineRedComesBeforeRoutineWork(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	err := st.Write(ctx, func(w *store.Writer) error {
		wk, err := w.Worker(store.Worker{Ref: "W1", Name: "Sam Lone"})
		if err != nil {
			return err
		}
		for _, a := range []store.NewAlert{
			{ARCRef: "FALSE", Validity: "false", Escalation: "none"},
			{ARCRef: "POLICE", Validity: "precautionary", Escalation: "999"},
			{ARCRef: "GENUINE", Validity: "genuine", Escalation: "none"},
		} {
			a.ARC, a.Type, a.WorkerID, a.RaisedAt = "T", "red", wk, t0.Unix()
			if _, err := w.Alert(a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	items, err := triageItems(ctx, st, t0)
	if err != nil {
		t.Fatal(err)
	}
	// Routine work as other sources add it: a letter to approve (no deadline),
	// a task due tomorrow, and a task already overdue.
	items = append(items,
		Item{Kind: "letter", Title: "Approve letter L1"},
		Item{Kind: "task", Title: "due tomorrow", DueAt: t0.Add(24 * time.Hour).Unix()},
		Item{Kind: "task", Title: "overdue", DueAt: t0.Add(-time.Hour).Unix()},
	)
	SortItems(items, t0)
	var got []string
	for _, it := range items {
		got = append(got, it.Title)
	}
	want := []string{"overdue", "Triage red alert POLICE (Sam Lone)", "Triage red alert GENUINE (Sam Lone)",
		"due tomorrow", "Triage red alert FALSE (Sam Lone)", "Approve letter L1"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %q, want %q", got, want)
		}
	}
	if items[1].Why != "Urgent: police called on 999" || items[2].Why != "Urgent: the ARC closed it as genuine" {
		t.Errorf("why: %q, %q", items[1].Why, items[2].Why)
	}
	if items[4].Urgent {
		t.Error("a false alarm is not urgent")
	}
}

func TestDecisionCheck_ProblemsNameTheirField(t *testing.T) {
	c := store.CaseFile{Ref: "RL-1", State: Investigating}
	for _, tc := range []struct {
		d     store.Decision
		field string
	}{
		{store.Decision{}, "route"},
		{store.Decision{Route: RoutePolice}, "reasons"},
		{store.Decision{Route: RouteSanctionLetter, Reasons: "abuse"}, "sanction"},
		{store.Decision{Route: RoutePolice, Reasons: "assault"}, "referredTo"},
	} {
		err := DecisionCheck(&tc.d, t0)(c, nil, nil)
		var p *Problem
		if !errors.As(err, &p) || p.Field != tc.field {
			t.Errorf("%+v: got %v, want a problem in %q", tc.d, err, tc.field)
		}
	}
}
