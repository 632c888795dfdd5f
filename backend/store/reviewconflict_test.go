package store

import (
	"context"
	"errors"
	"testing"
)

// The LSMS and the line manager may both have one review open: two saves
// from the same starting point cannot both land.
func TestConflict_TwoClientsSaveOneReviewAtOnce_OneWinsTheOtherIsTold(t *testing.T) {
	twoClients(t, func(t *testing.T, a, b *Store) {
		ctx := context.Background()
		c, err := a.OpenCase(ctx, NewCase{Title: "Threats", Origin: "manual", IncidentAt: teamWho.At}, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		r, err := a.AssignReview(ctx, c.ID, "Jo Manager", "2026-12-01", teamWho)
		if err != nil {
			t.Fatal(err)
		}
		seen := ReviewSeen{At: r.UpdatedAt, By: r.UpdatedBy}
		who := [2]string{"lsms.jones", "jo.manager"}
		errs := race(func() error {
			return a.SaveReviewFormSeen(ctx, r.ID, ReviewForm{IncidentType: "Verbal abuse"}, seen, Who{Actor: who[0], At: teamWho.At + 60})
		}, func() error {
			return b.SaveReviewFormSeen(ctx, r.ID, ReviewForm{IncidentType: "Threats to kill"}, seen, Who{Actor: who[1], At: teamWho.At + 120})
		})
		win := oneWins(t, errs, who)
		got, err := b.Review(ctx, r.ID)
		want := map[int]string{0: "Verbal abuse", 1: "Threats to kill"}[win]
		if err != nil || got.Form.IncidentType != want || got.UpdatedBy != who[win] {
			t.Fatalf("saved %q by %q (%v), want the winner's %q", got.Form.IncidentType, got.UpdatedBy, err, want)
		}
		log, err := a.AuditOf(ctx, "review", r.ID, "review.save")
		if err != nil || len(log) != 1 || log[0].Actor != who[win] {
			t.Fatalf("audit entries %+v (%v), want one, the winner's", log, err)
		}
	})
}

func TestConflict_ReviewSavesFromOnePersonFollowOnAndAsCurrentOverwrites(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		c, err := st.OpenCase(ctx, NewCase{Title: "Threats", Origin: "manual", IncidentAt: teamWho.At}, teamWho)
		if err != nil {
			t.Fatal(err)
		}
		r, err := st.AssignReview(ctx, c.ID, "Jo Manager", "2026-12-01", teamWho)
		if err != nil {
			t.Fatal(err)
		}
		start := ReviewSeen{At: r.UpdatedAt, By: r.UpdatedBy}
		jo := Who{Actor: "jo.manager", At: teamWho.At + 60}
		// Two autosaves from the same start: the second is the same person's, so no conflict.
		for _, typed := range []string{"Verbal", "Verbal abuse"} {
			if err := st.SaveReviewFormSeen(ctx, r.ID, ReviewForm{IncidentType: typed}, start, jo); err != nil {
				t.Fatalf("autosave %q: %v", typed, err)
			}
		}
		// The LSMS, whose page still shows the review as assigned, is refused.
		lsms := Who{Actor: "lsms.jones", At: teamWho.At + 120}
		err = st.SaveReviewFormSeen(ctx, r.ID, ReviewForm{IncidentType: "Theft"}, start, lsms)
		var ch *ChangedError
		if !errors.As(err, &ch) || ch.By != "jo.manager" || ch.At != jo.At {
			t.Fatalf("stale save gave %v, want a ChangedError naming jo.manager", err)
		}
		if got, _ := st.Review(ctx, r.ID); got.Form.IncidentType != "Verbal abuse" {
			t.Fatalf("the refused save changed the review: %q", got.Form.IncidentType)
		}
		// Having looked again, the LSMS saves over the review as it now is.
		now, _ := st.Review(ctx, r.ID)
		if err := st.SaveReviewFormSeen(ctx, r.ID, ReviewForm{IncidentType: "Theft"}, ReviewSeen{At: now.UpdatedAt, By: now.UpdatedBy}, lsms); err != nil {
			t.Fatalf("save after looking again: %v", err)
		}
		if err := st.SaveReviewForm(ctx, r.ID, ReviewForm{IncidentType: "Assault"}, jo); err != nil {
			t.Fatalf("a save over whatever is current: %v", err)
		}
	})
}
