package trends

import (
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
)

// DefaultMonths is the range shown when none is asked for: two years, since
// XmR limits need 13 whole periods and a year, with its month in progress,
// would never have them.
const DefaultMonths = 24

// Query is what a person asks for, as the window and redline-cli take it.
type Query struct {
	From   string `json:"from"` // YYYY-MM; empty: 23 months before To (two years: limits need 13 whole months)
	To     string `json:"to"`   // YYYY-MM inclusive; empty: this month
	By     string `json:"by"`   // month or week
	Shared bool   `json:"shared"`
	Run    int    `json:"run"` // 7 (default) or 6 points on one side of the mean
}

// Options checks q and turns it into Build's options at now.
func (q Query) Options(now time.Time) (Options, error) {
	o := Options{By: q.By, Shared: q.Shared, Now: now, Rules: DefaultRules()}
	if o.By == "" {
		o.By = "month"
	}
	if o.By != "month" && o.By != "week" {
		return o, &problem.Problem{Message: fmt.Sprintf("%q is not a period: choose month or week", q.By), Field: "by"}
	}
	switch q.Run {
	case 0:
	case 6, 7:
		o.Rules.Run = q.Run
	default:
		return o, &problem.Problem{Message: fmt.Sprintf("a run is 6 or 7 points on one side of the mean, not %d", q.Run), Field: "run"}
	}
	n := now.In(store.London)
	to := time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, store.London)
	if q.To != "" {
		t, err := time.ParseInLocation("2006-01", q.To, store.London)
		if err != nil {
			return o, &problem.Problem{Message: fmt.Sprintf("%q is not a month: write it as YYYY-MM, e.g. 2026-10", q.To), Field: "to"}
		}
		to = t
	}
	from := to.AddDate(0, -(DefaultMonths - 1), 0)
	if q.From != "" {
		t, err := time.ParseInLocation("2006-01", q.From, store.London)
		if err != nil {
			return o, &problem.Problem{Message: fmt.Sprintf("%q is not a month: write it as YYYY-MM, e.g. 2026-10", q.From), Field: "from"}
		}
		from = t
	}
	if to.Before(from) {
		return o, &problem.Problem{Message: fmt.Sprintf("the last month (%s) is before the first (%s)", to.Format("2006-01"), from.Format("2006-01")), Field: "to"}
	}
	if to.Sub(from) > 5*366*24*time.Hour {
		return o, &problem.Problem{Message: "choose at most five years at a time", Field: "from"}
	}
	o.From, o.To = from, to.AddDate(0, 1, 0)
	return o, nil
}
