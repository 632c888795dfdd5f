package risk

import (
	"context"
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/casework"
	"github.com/nhs-redline/redline/backend/store"
)

func init() { casework.AddSource("risks", myWork) }

// myWork lists open risks due for review within a week.
func myWork(ctx context.Context, st *store.Store, now time.Time) ([]casework.Item, error) {
	risks, err := st.RisksDueBy(ctx, now.In(store.London).AddDate(0, 0, 7).Format(time.DateOnly))
	if err != nil {
		return nil, err
	}
	out := []casework.Item{}
	for _, r := range risks {
		t, _ := time.ParseInLocation(time.DateOnly, r.ReviewOn, store.London)
		band := ""
		if r.Current != nil {
			band = " (" + r.Current.Band + ")"
		}
		out = append(out, casework.Item{Kind: "risk_review", DueAt: t.AddDate(0, 0, 1).Unix() - 1,
			Title: fmt.Sprintf("Review risk %s%s", r.Ref, band), Detail: r.Title})
	}
	return out, nil
}
