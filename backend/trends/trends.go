// Package trends turns the alert rollups into what a Security Management
// Director asks for: alerts by month and type, red alerts by validity, the
// false-alarm rate, incidents per 1,000 staff, ARC answer times and device
// usage, with small counts suppressed in anything shared beyond the team.
package trends

import (
	"context"
	"sort"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// Options choose the window and whether small counts are hidden.
type Options struct {
	From, To time.Time // half-open, instants (use London month starts)
	// Shared hides counts from 1 to SuppressBelow-1, as anything sent beyond
	// the security team must.
	Shared        bool
	SuppressBelow int
}

// Count is a number that may be hidden.
type Count struct {
	N          int  `json:"n"`
	Suppressed bool `json:"suppressed"`
}

// Rate is a percentage or rate that is hidden when its numerator is.
type Rate struct {
	Value float64 `json:"value"`
	Known bool    `json:"known"` // false when there is no denominator or it was suppressed
}

// Month is one row of the monthly table.
type Month struct {
	Month         string           `json:"month"` // YYYY-MM, Europe/London
	Amber         Count            `json:"amber"`
	Red           Count            `json:"red"`
	RedByValidity map[string]Count `json:"redByValidity"`
	FalseRate     Rate             `json:"falseRate"` // false or accidental red alerts, % of red alerts
	ActiveUsers   Count            `json:"activeUsers"`
	InactiveUsers Count            `json:"inactiveUsers"` // no amber alert all month
	Within10      Rate             `json:"within10"`      // % of red alerts answered within 10 s
	Within40      Rate             `json:"within40"`
}

// Team is incidents per 1,000 staff for one team over the window.
type Team struct {
	Team        string `json:"team"`
	StaffGroup  string `json:"staffGroup"`
	Workers     int    `json:"workers"`
	Red         Count  `json:"red"`
	Incidents   Count  `json:"incidents"` // genuine or precautionary red alerts
	PerThousand Rate   `json:"perThousand"`
}

// Dashboard is the whole trends page.
type Dashboard struct {
	Months        []Month  `json:"months"`
	Teams         []Team   `json:"teams"`
	Validities    []string `json:"validities"`
	Shared        bool     `json:"shared"`
	SuppressBelow int      `json:"suppressBelow"`
}

// Build reads the rollups and a few indexed queries; it never scans all alerts.
func Build(ctx context.Context, st *store.Store, o Options) (Dashboard, error) {
	if o.SuppressBelow <= 0 {
		o.SuppressBelow = 5
	}
	d := Dashboard{Shared: o.Shared, SuppressBelow: o.SuppressBelow,
		Validities: []string{"genuine", "precautionary", "false", "test", "duplicate", "auto_closed"}}
	counts, err := st.MonthCounts(ctx)
	if err != nil {
		return d, err
	}
	usage, err := st.Usage(ctx, o.From, o.To)
	if err != nil {
		return d, err
	}
	answers, err := st.RedAnswerTimes(ctx, o.From, o.To)
	if err != nil {
		return d, err
	}
	sizes, err := st.TeamSizes(ctx)
	if err != nil {
		return d, err
	}
	c := o.count
	months := map[string]*monthTotals{}
	teams := map[int64]*teamTotals{}
	from, to := store.MonthKey(o.From.Unix()), store.MonthKey(o.To.Add(-time.Second).Unix())
	for _, mc := range counts {
		if mc.Month < from || mc.Month > to {
			continue
		}
		m := months[mc.Month]
		if m == nil {
			m = &monthTotals{byValidity: map[string]int{}}
			months[mc.Month] = m
		}
		t := teams[mc.TeamID]
		if t == nil {
			t = &teamTotals{}
			teams[mc.TeamID] = t
		}
		if mc.Type == "amber" {
			m.amber += mc.N
			continue
		}
		m.red += mc.N
		m.byValidity[mc.Validity] += mc.N
		t.red += mc.N
		if mc.Validity == "genuine" || mc.Validity == "precautionary" {
			t.incidents += mc.N
		}
	}
	ans := map[string]store.AnswerTimes{}
	for _, a := range answers {
		ans[a.Month] = a
	}
	for _, u := range usage {
		m := months[u.Month]
		if m == nil {
			m = &monthTotals{byValidity: map[string]int{}}
		}
		row := Month{Month: u.Month, Amber: c(m.amber), Red: c(m.red), RedByValidity: map[string]Count{},
			ActiveUsers: c(u.ActiveUsers), InactiveUsers: c(u.Workers - u.ActiveUsers)}
		for _, v := range d.Validities {
			row.RedByValidity[v] = c(m.byValidity[v])
		}
		row.FalseRate = o.percent(m.byValidity["false"], m.red)
		a := ans[u.Month]
		row.Within10, row.Within40 = o.percent(a.Within10, a.Answered), o.percent(a.Within40, a.Answered)
		d.Months = append(d.Months, row)
	}
	for _, s := range sizes {
		t := teams[s.TeamID]
		if t == nil {
			t = &teamTotals{}
		}
		row := Team{Team: s.Team, StaffGroup: s.StaffGroup, Workers: s.Workers, Red: c(t.red), Incidents: c(t.incidents)}
		if s.Workers > 0 && !c(t.incidents).Suppressed {
			row.PerThousand = Rate{Value: float64(t.incidents) * 1000 / float64(s.Workers), Known: true}
		}
		d.Teams = append(d.Teams, row)
	}
	sort.SliceStable(d.Teams, func(i, j int) bool { return d.Teams[i].PerThousand.Value > d.Teams[j].PerThousand.Value })
	return d, nil
}

type monthTotals struct {
	amber, red int
	byValidity map[string]int
}

type teamTotals struct{ red, incidents int }

func (o Options) count(n int) Count {
	if o.Shared && n > 0 && n < o.SuppressBelow {
		return Count{Suppressed: true}
	}
	return Count{N: n}
}

func (o Options) percent(num, den int) Rate {
	if den == 0 || o.count(num).Suppressed || o.count(den).Suppressed {
		return Rate{}
	}
	return Rate{Value: 100 * float64(num) / float64(den), Known: true}
}
