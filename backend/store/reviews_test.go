package store

import (
	"context"
	"testing"

	"github.com/nhs-redline/redline/backend/store/teamtest"
)

// A review's and a finding's "no action needed" and reason, and an action's
// case and finding, read back as written on both engines (the flag is an
// INTEGER column on each).
func TestReviews_NoActionNeededAndActionCaseOnBothEngines(t *testing.T) {
	check := func(t *testing.T, st *Store) {
		ctx := context.Background()
		who := Who{Actor: "lsms", At: 1_700_000_000}
		c, err := st.OpenCase(ctx, NewCase{Title: "Threats", Origin: "manual", IncidentAt: who.At}, who)
		if err != nil {
			t.Fatal(err)
		}
		r, err := st.AssignReview(ctx, c.ID, "Jo Manager", "2023-12-01", who)
		if err != nil {
			t.Fatal(err)
		}
		if r.Form.NoActionNeeded || r.Form.NoActionReason != "" {
			t.Fatalf("a new review says no action is needed: %+v", r.Form)
		}
		f := ReviewForm{IncidentType: "Verbal abuse", NoActionNeeded: true, NoActionReason: "Marker added the same day"}
		if err := st.SaveReviewForm(ctx, r.ID, f, who); err != nil {
			t.Fatal(err)
		}
		got, err := st.Review(ctx, r.ID)
		if err != nil || got.Form != f {
			t.Fatalf("read back %+v (%v), want %+v", got.Form, err, f)
		}
		f.NoActionNeeded = false
		if err := st.SaveReviewForm(ctx, r.ID, f, who); err != nil {
			t.Fatal(err)
		}
		if got, _ = st.Review(ctx, r.ID); got.Form.NoActionNeeded {
			t.Fatal("untick did not stick")
		}
		finding, err := st.AddContributingFactor(ctx, ContributingFactor{ReviewID: r.ID, Category: "organisation", Description: "Markers not shared"}, who)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddReviewAction(ctx, ReviewAction{ReviewID: r.ID, FactorID: finding, Description: "Share markers", Owner: "LSMS", DueOn: "2023-11-20"}, who); err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddReviewAction(ctx, ReviewAction{ReviewID: r.ID, Description: "Brief the team", Owner: "LSMS", DueOn: "2023-12-20"}, who); err != nil {
			t.Fatal(err)
		}
		due, err := st.ReviewActionsDueBy(ctx, "2023-11-30")
		if err != nil || len(due) != 1 || due[0].CaseID != c.ID || due[0].CaseRef != c.Ref || due[0].FactorID != finding {
			t.Fatalf("due actions %+v (%v), want one naming case %d and finding %d", due, err, c.ID, finding)
		}
		if err := st.MarkFactorNoAction(ctx, r.ID, finding, "Covered by the action", who); err != nil {
			t.Fatal(err)
		}
		fs, err := st.ContributingFactors(ctx, r.ID)
		if err != nil || len(fs) != 1 || fs[0].NoActionReason != "Covered by the action" {
			t.Fatalf("findings %+v (%v)", fs, err)
		}
		// Removing the finding keeps its action, on the review as a whole.
		if err := st.RemoveContributingFactor(ctx, r.ID, finding, who); err != nil {
			t.Fatal(err)
		}
		all, _ := st.ReviewActions(ctx, r.ID)
		if len(all) != 2 || all[0].FactorID != 0 {
			t.Fatalf("actions after the finding went: %+v", all)
		}
	}
	t.Run("sqlite", func(t *testing.T) { check(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) {
		url := teamtest.NewDatabase(t)
		if _, err := InitTeam(context.Background(), url); err != nil {
			t.Fatal(err)
		}
		check(t, openTeamURL(t, url))
	})
}
