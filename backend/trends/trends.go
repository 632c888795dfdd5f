// Package trends turns the alert rollups and the casework tables into what a
// Security Management Director asks for, each measure as an NHS "Making Data
// Count" XmR series with its signals and a sentence of commentary, with small
// counts suppressed in anything shared beyond the security team.
package trends

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// Options choose the periods and the audience.
type Options struct {
	From, To time.Time // half-open; From and To are London month starts (To exclusive)
	By       string    // "month" (default) or "week"
	Shared   bool      // for sharing beyond the security team: see Suppress
	Rules    Rules
	Now      time.Time // periods not over by Now are part periods
}

// Value is a figure that may be unknown (null in JSON) or suppressed
// ({"suppressed": true}, never with its number).
type Value struct {
	V          float64
	Known      bool
	Suppressed bool
}

// Of is a known value.
func Of(v float64) Value { return Value{V: v, Known: true} }

// MarshalJSON writes a number, null, or {"suppressed": true}.
func (v Value) MarshalJSON() ([]byte, error) {
	switch {
	case v.Suppressed:
		return []byte(`{"suppressed":true}`), nil
	case !v.Known || math.IsNaN(v.V) || math.IsInf(v.V, 0):
		return []byte("null"), nil
	}
	return json.Marshal(math.Round(v.V*1000) / 1000)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (v *Value) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case "null":
		*v = Value{}
		return nil
	case `{"suppressed":true}`:
		*v = Value{Suppressed: true}
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*v = Of(f)
	return nil
}

// Point is one period of a measure.
type Point struct {
	Period string   `json:"period"` // 2026-10, or the Monday a week starts: 2026-10-05
	Label  string   `json:"label"`  // Oct 2026, w/c 05/10/2026
	Part   bool     `json:"part"`   // the period is not over (or not wholly in range): shown, not analysed
	Value  Value    `json:"value" ts_type:"number | { suppressed: true } | null"`
	Rules  []string `json:"rules"` // special-cause rules this point breaks
	Type   string   `json:"type"`  // common_cause, special_cause_improvement, special_cause_concern, special_cause_neither, or "" when not analysed
}

// Column is a figure beside a measure in its data table, one value per point.
type Column struct {
	Name   string  `json:"name"`
	Values []Value `json:"values" ts_type:"Array<number | { suppressed: true } | null>"`
}

// Signal is one special-cause point.
type Signal struct {
	Period string   `json:"period"`
	Rules  []string `json:"rules"`
	Type   string   `json:"type"`
}

// Measure is one XmR chart with its table and commentary.
type Measure struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Unit       string   `json:"unit"` // count, percent, rate, hours, days
	Better     Better   `json:"better"`
	Target     *float64 `json:"target"`
	Points     []Point  `json:"points"`
	Columns    []Column `json:"columns"`
	Mean       *float64 `json:"mean"`
	UpperLimit *float64 `json:"upperLimit"`
	LowerLimit *float64 `json:"lowerLimit"`
	UpperNear  *float64 `json:"upperNear"`
	LowerNear  *float64 `json:"lowerNear"`
	Signals    []Signal `json:"signals"`
	Variation  string   `json:"variation"`
	Assurance  string   `json:"assurance"`
	Commentary string   `json:"commentary"`
	Note       string   `json:"note"`
	// Denominator says what a rate is worked out over, for the chart's caption.
	Denominator string `json:"denominator"`
	// Breakdown: the columns split each period's total (drawn as stacked bars).
	Breakdown bool `json:"breakdown"`
}

// TeamRow is one team over the whole range.
type TeamRow struct {
	TeamID      int64  `json:"teamId"` // for Behind's team:ID; 0 for the total row and for alerts with no team
	Team        string `json:"team"`
	StaffGroup  string `json:"staffGroup"`
	Workers     Value  `json:"workers" ts_type:"number | { suppressed: true } | null"`
	Red         Value  `json:"red" ts_type:"number | { suppressed: true } | null"`
	Incidents   Value  `json:"incidents" ts_type:"number | { suppressed: true } | null"`
	PerThousand Value  `json:"perThousand" ts_type:"number | { suppressed: true } | null"`
	NoAmber     Value  `json:"noAmber" ts_type:"number | { suppressed: true } | null"` // lone workers with no amber alert in the range
}

// Report is the director's trends for a range.
type Report struct {
	From       string    `json:"from"` // YYYY-MM
	To         string    `json:"to"`   // YYYY-MM, inclusive
	By         string    `json:"by"`
	Shared     bool      `json:"shared"`
	Rules      Rules     `json:"rules"`
	Measures   []Measure `json:"measures"`
	Teams      []TeamRow `json:"teams"`
	TeamsTotal TeamRow   `json:"teamsTotal"`
	// StaffGroups are incidents per 1,000 lone workers by staff group.
	StaffGroups      []GroupRow   `json:"staffGroups"`
	StaffGroupsTotal GroupRow     `json:"staffGroupsTotal"`
	RiskMovement     RiskMovement `json:"riskMovement"`
	// Denominator says which head count the per-1,000 rates rest on.
	Denominator string   `json:"denominator"`
	Snapshot    []Column `json:"snapshot"` // figures as they stand now: recordings held, open risks by band
	Notice      string   `json:"notice"`   // what sharing does, when Shared; what the database hides, for the director
}

// SharedNotice is what the page and the board pack say about suppression.
const SharedNotice = "For sharing beyond the security team: counts from 1 to 7 are shown as * and other counts are rounded to the nearest 5. " +
	"Where a total would reveal a hidden count, a further count is hidden too. Rates are worked out from the rounded counts; " +
	"a rate or median resting on a hidden count is hidden."

// DirectorNotice is what the security director's page says about the
// counts the database hides from them.
const DirectorNotice = "Counts from 1 to 7 are shown as *, and where a total would reveal a hidden count, a further count is hidden too: " +
	"the security director's view shows no small numbers. A rate or median resting on a hidden count is hidden."

// period is one month or week in London time.
type period struct {
	key, label string
	start, end time.Time
	part       bool
}

func periods(o Options, first time.Time) []period {
	var out []period
	start := o.From
	if o.By == "week" {
		d := o.From.In(store.London)
		start = time.Date(d.Year(), d.Month(), d.Day()-(int(d.Weekday())+6)%7, 0, 0, 0, 0, store.London)
	}
	for s := start; s.Before(o.To); {
		var e time.Time
		var p period
		if o.By == "week" {
			e = time.Date(s.Year(), s.Month(), s.Day()+7, 0, 0, 0, 0, store.London)
			p = period{key: s.Format("2006-01-02"), label: "w/c " + s.Format("02/01/2006")}
		} else {
			e = s.AddDate(0, 1, 0)
			p = period{key: s.Format("2006-01"), label: s.Format("Jan 2006")}
		}
		p.start, p.end = s, e
		p.part = s.Before(o.From) || e.After(o.To) || (!o.Now.IsZero() && e.After(o.Now))
		if !e.After(first) {
			s = e
			continue // before the first data: not shown as zeros
		}
		if !o.Now.IsZero() && !s.Before(o.Now) {
			break // the future
		}
		out = append(out, p)
		s = e
	}
	return out
}

func londonDay(t time.Time) string { return t.In(store.London).Format("2006-01-02") }

// Build reads each period through the rollups and indexed queries; it never
// scans all alerts. The security director's login reads the database's
// aggregates instead, with counts 1 to 7 hidden by the database itself.
func Build(ctx context.Context, st *store.Store, o Options) (Report, error) {
	if o.By != "week" {
		o.By = "month"
	}
	o.Rules = o.Rules.orDefault()
	r := Report{From: o.From.In(store.London).Format("2006-01"), To: o.To.In(store.London).AddDate(0, 0, -1).Format("2006-01"),
		By: o.By, Shared: o.Shared, Rules: o.Rules, Measures: []Measure{}, Teams: []TeamRow{}, Snapshot: []Column{},
		StaffGroups: []GroupRow{}, RiskMovement: RiskMovement{Bands: []string{}, Moves: []BandMove{}}}
	if o.Shared {
		r.Notice = SharedNotice
	}
	director, err := countsOnly(ctx, st)
	if err != nil {
		return r, err
	}
	gatherer := gather
	if director {
		gatherer = gatherDirector
		if !o.Shared {
			r.Notice = DirectorNotice
		}
	}
	raw, err := gatherer(ctx, st, o)
	if err != nil {
		return r, err
	}
	r.Measures = raw.measures(o)
	r.Teams, r.TeamsTotal = raw.teamRows(o)
	r.StaffGroups, r.StaffGroupsTotal = raw.groupRows(o)
	r.RiskMovement = raw.movement(o)
	r.Denominator = raw.denominator()
	r.Snapshot = raw.snapshot(o)
	return r, nil
}

// formatValue writes a figure for commentary and documents.
func FormatValue(v Value, unit string) string {
	switch {
	case v.Suppressed:
		return "*"
	case !v.Known:
		return "–"
	case unit == "percent":
		return fmt.Sprintf("%.1f%%", v.V)
	case unit == "count":
		return fmt.Sprintf("%.0f", v.V)
	}
	return fmt.Sprintf("%.1f", v.V)
}
