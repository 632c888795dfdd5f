package letters

import (
	"context"
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/casework"
	"github.com/nhs-redline/redline/backend/store"
)

// WarningHorizon is how far ahead My work shows warnings reaching review or expiry.
const WarningHorizon = 30 * 24 * time.Hour

func init() { casework.AddSource("letters", myWork) }

// endOfDay is the last second of a London date.
func endOfDay(day string) int64 {
	t, err := time.ParseInLocation(time.DateOnly, day, store.London)
	if err != nil {
		return 0
	}
	return t.AddDate(0, 0, 1).Unix() - 1
}

// myWork puts letters to approve or issue, and warnings reaching review or
// expiry, in My work.
func myWork(ctx context.Context, st *store.Store, now time.Time) ([]casework.Item, error) {
	due, err := st.LettersDue(ctx, now, WarningHorizon)
	if err != nil {
		return nil, err
	}
	out := []casework.Item{}
	for _, d := range due {
		l := d.Letter
		it := casework.Item{CaseID: l.CaseID, Kind: "letter", Section: "letters"}
		switch d.Need {
		case "approve":
			it.Title, it.Detail = fmt.Sprintf("Approve letter %s", l.Ref), "Draft to "+l.Recipient
		case "issue":
			it.Title, it.Detail = fmt.Sprintf("Issue letter %s", l.Ref), "Approved; record when and how it goes out"
		default:
			it.Kind, it.DueAt = "warning_review", endOfDay(d.DueOn)
			it.Title = fmt.Sprintf("Warning %s reaches its %s", l.Ref, d.Need)
			it.Detail = fmt.Sprintf("%s: %s on %s", l.Recipient, d.Need, d.DueOn)
		}
		out = append(out, it)
	}
	return out, nil
}
