package review

import (
	"context"
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/casework"
	"github.com/nhs-redline/redline/backend/store"
)

func init() { casework.AddSource("reviews", myWork) }

func endOfDay(day string) int64 {
	t, err := time.ParseInLocation(time.DateOnly, day, store.London)
	if err != nil {
		return 0
	}
	return t.AddDate(0, 0, 1).Unix() - 1
}

// myWork lists unsigned reviews and open actions due within a week.
func myWork(ctx context.Context, st *store.Store, now time.Time) ([]casework.Item, error) {
	week := now.In(store.London).AddDate(0, 0, 7).Format(time.DateOnly)
	reviews, err := st.ReviewsDueBy(ctx, week)
	if err != nil {
		return nil, err
	}
	out := []casework.Item{}
	for _, r := range reviews {
		out = append(out, casework.Item{Kind: "review", CaseID: r.CaseID, Section: "review", DueAt: endOfDay(r.DueOn),
			Title: fmt.Sprintf("Post-incident review of %s", r.CaseRef), Detail: "Assigned to " + r.LineManager})
	}
	actions, err := st.ReviewActionsDueBy(ctx, week)
	if err != nil {
		return nil, err
	}
	for _, a := range actions {
		out = append(out, casework.Item{Kind: "review_action", CaseID: a.CaseID, Section: "review", DueAt: endOfDay(a.DueOn),
			Title: fmt.Sprintf("%s action: %s", a.CaseRef, a.Description), Detail: "Owner " + a.Owner})
	}
	return out, nil
}
