package trends

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
)

// Behind is a page of the alerts or cases behind one figure of the report.
type Behind struct {
	Measure string       `json:"measure"`
	Title   string       `json:"title"`
	Period  string       `json:"period"` // as in Point.Period; "" for the whole range
	Label   string       `json:"label"`  // the period in words
	Key     string       `json:"key"`    // the breakdown cell, "" for the figure itself
	Shared  bool         `json:"shared"` // for sharing: nothing is listed
	Kind    string       `json:"kind"`   // alert or case
	Total   int          `json:"total"`
	Offset  int          `json:"offset"`
	Items   []BehindItem `json:"items"`
}

// BehindItem is one alert or case in a Behind list.
type BehindItem struct {
	Kind      string `json:"kind"` // alert or case
	ID        int64  `json:"id"`
	Reference string `json:"reference"`
	At        int64  `json:"at"`    // raised (alert) or incident (case), Unix seconds UTC
	Label     string `json:"label"` // type and validity, or the case's title
}

// MaxBehind is the longest page Behind returns.
const MaxBehind = 200

// behindSets are the alerts each measure counts. A rate or median lists the
// alerts it rests on (the red alerts of a false-alarm rate, the answered
// ones of an answer time), since those are what a director would open.
var behindSets = map[string]string{
	"red_alerts": store.SetRed, "incidents_per_1000": store.SetIncidents, "false_alarm_rate": store.SetRed,
	"escalated_police": store.SetPolice, "answered_10s": store.SetAnswered, "answered_40s": store.SetAnswered,
	"hours_to_triage": store.SetTriaged, "days_to_decision": store.SetDecided,
}

// HasBehind says whether a measure can list what lies behind its figures.
func HasBehind(measure string) bool {
	_, ok := behindSets[measure]
	return ok || measure == "riddor_in_time"
}

// BehindOf lists the alerts or cases behind measure's figure for period
// (a Point.Period of o, or "" for the whole range), optionally one breakdown
// cell: key "team:ID", "group:ID" or "escalation:KEY". Nothing is listed for
// sharing beyond the security team, where no names may appear.
func BehindOf(ctx context.Context, st *store.Store, o Options, measure, periodKey, key string, offset, limit int) (Behind, error) {
	if o.By != "week" {
		o.By = "month"
	}
	b := Behind{Measure: measure, Period: periodKey, Key: key, Shared: o.Shared, Offset: offset, Items: []BehindItem{}}
	title, ok := measureTitle(o, measure)
	if !ok || !HasBehind(measure) {
		return b, &problem.Problem{Message: fmt.Sprintf("%q has no list of alerts or cases behind it", measure), Field: "measure"}
	}
	b.Title = title
	from, to, label, err := periodRange(o, periodKey)
	if err != nil {
		return b, err
	}
	b.Label = label
	if offset < 0 || limit < 1 || limit > MaxBehind {
		return b, &problem.Problem{Message: fmt.Sprintf("a page is 1 to %d items from 0 on", MaxBehind), Field: "limit"}
	}
	b.Kind = "alert"
	if measure == "riddor_in_time" {
		b.Kind = "case"
	}
	director, err := countsOnly(ctx, st)
	if err != nil {
		return b, err
	}
	if director {
		return b, ErrCountsOnly
	}
	if o.Shared {
		return b, nil
	}
	var items []store.BehindItem
	if b.Kind == "case" {
		if key != "" {
			return b, &problem.Problem{Message: "RIDDOR reports have no breakdown", Field: "key"}
		}
		items, b.Total, err = st.RiddorCasesBehind(ctx, from, to, offset, limit)
	} else {
		f := store.BehindFilter{Set: behindSets[measure], From: from, To: to}
		if err := narrow(&f, key); err != nil {
			return b, err
		}
		items, b.Total, err = st.AlertsBehind(ctx, f, offset, limit)
	}
	for _, it := range items {
		b.Items = append(b.Items, BehindItem{Kind: it.Kind, ID: it.ID, Reference: it.Reference, At: it.At, Label: itemLabel(it)})
	}
	return b, err
}

func measureTitle(o Options, id string) (string, bool) {
	for _, m := range (gathered{}).measures(o) {
		if m.ID == id {
			return m.Title, true
		}
	}
	return "", false
}

// periodRange is the half-open span of a period key of o, or of o's whole range.
func periodRange(o Options, key string) (from, to int64, label string, err error) {
	ps := periods(o, time.Time{})
	if key == "" {
		// The span the team and staff-group tables add up: from the first
		// period's start, which for weeks may be before From.
		if len(ps) == 0 {
			return o.From.Unix(), o.To.Unix(), "", nil
		}
		return ps[0].start.Unix(), ps[len(ps)-1].end.Unix(), ps[0].label + " to " + ps[len(ps)-1].label, nil
	}
	layout := map[bool]string{true: "2006-01-02", false: "2006-01"}[o.By == "week"]
	s, perr := time.ParseInLocation(layout, key, store.London)
	if perr != nil || s.Format(layout) != key {
		return 0, 0, "", &problem.Problem{Message: fmt.Sprintf("%q is not a %s of the report", key, o.By), Field: "period"}
	}
	for _, p := range ps {
		if p.key == key {
			return p.start.Unix(), p.end.Unix(), p.label, nil
		}
	}
	return 0, 0, "", &problem.Problem{Message: fmt.Sprintf("%s is outside the report's range", key), Field: "period"}
}

// narrow turns a breakdown key into the filter's team, staff group or escalation.
func narrow(f *store.BehindFilter, key string) error {
	if key == "" {
		return nil
	}
	kind, v, _ := strings.Cut(key, ":")
	bad := &problem.Problem{Message: fmt.Sprintf("%q is not a breakdown of this measure", key), Field: "key"}
	switch kind {
	case "team", "group":
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 0 {
			return bad
		}
		if kind == "team" {
			f.TeamID = &id
		} else {
			f.GroupID = &id
		}
	case "escalation":
		if f.Set != store.SetPolice || v == "" {
			return bad
		}
		// A column of the escalation table: any red alert with that escalation.
		f.Set, f.Escalation = store.SetRed, v
	default:
		return bad
	}
	return nil
}

var validityNames = func() map[string]string {
	m := map[string]string{"": "not closed yet"}
	for _, v := range validities {
		m[v.key] = strings.ToLower(v.name)
	}
	m["auto_closed"] = "closed by the ARC"
	return m
}()

func itemLabel(it store.BehindItem) string {
	if it.Kind == "case" {
		return it.Title
	}
	v, ok := validityNames[it.Validity]
	if !ok {
		v = it.Validity
	}
	return map[string]string{"red": "Red alert", "amber": "Amber alert"}[it.Type] + ", " + v
}
