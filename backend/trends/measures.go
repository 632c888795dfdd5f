package trends

import (
	"fmt"
	"sort"
	"strings"
)

type colDef struct {
	name string
	f    func(periodRaw) Value
}

type measureDef struct {
	id, title, unit string
	better          Better
	target          *float64
	value           func(periodRaw) Value
	cols            []colDef
	note            string
	denominator     string
	breakdown       bool
	// hide applies secondary suppression to one period's shown cells.
	hide func(m *Measure, i int, pr periodRaw)
}

func target(v float64) *float64 { return &v }

func (g gathered) measures(o Options) []Measure {
	s := sharer(o.Shared)
	// count is the period's figure called name, as it may be published.
	count := func(name string) func(periodRaw) Value {
		return func(pr periodRaw) Value { return s.fig(pr.f(name)) }
	}
	rate := func(num, den string, scale float64) func(periodRaw) Value {
		return func(pr periodRaw) Value { return s.rateOf(pr.f(num), pr.f(den), scale) }
	}
	workers := g.rng["workers"]
	redCols := []colDef{{"Amber alerts", count("amber")}}
	for _, v := range validities {
		redCols = append(redCols, colDef{v.name, count("validity:" + v.key)})
	}
	defs := []measureDef{
		{id: "red_alerts", title: "Red alerts", unit: "count", better: Neither, value: count("red"), cols: redCols},
		{id: "incidents_per_1000", title: "Incidents per 1,000 lone workers", unit: "rate", better: Down,
			value: func(pr periodRaw) Value { return s.rateOf(pr.f("incidents"), workers, 1000) },
			cols: append([]colDef{{"Incidents (genuine or precautionary red alerts)", count("incidents")}},
				g.groupCols(s)...),
			denominator: g.denominator(), hide: g.hideGroups},
		{id: "false_alarm_rate", title: "False-alarm rate", unit: "percent", better: Down,
			value: rate("validity:false", "red", 100),
			cols:  []colDef{{"False alarms", count("validity:false")}, {"Red alerts", count("red")}}},
		g.escalationDef(s),
		{id: "answered_10s", title: "Red alerts answered within 10 seconds (BS 8484)", unit: "percent", better: Up, target: target(80),
			value: rate("within10", "answered", 100), cols: []colDef{{"Answered", count("answered")}}},
		{id: "answered_40s", title: "Red alerts answered within 40 seconds (BS 8484)", unit: "percent", better: Up, target: target(98.5),
			value: rate("within40", "answered", 100), cols: []colDef{{"Answered", count("answered")}}},
		{id: "hours_to_triage", title: "Median hours from red alert to triage", unit: "hours", better: Down,
			value: func(pr periodRaw) Value { return s.medianOf(pr.triageMed, 3600) },
			cols:  []colDef{{"Triaged", func(pr periodRaw) Value { return s.fig(pr.triageMed.count()) }}}},
		{id: "days_to_decision", title: "Median days from red alert to decision", unit: "days", better: Down,
			value: func(pr periodRaw) Value { return s.medianOf(pr.decisionMed, 86400) },
			cols:  []colDef{{"Decided", func(pr periodRaw) Value { return s.fig(pr.decisionMed.count()) }}}},
		{id: "sanction_rate", title: "Sanction rate (decisions with a sanction)", unit: "percent", better: Neither,
			value: rate("sanctioned", "decisions", 100),
			cols: []colDef{{"Criminal (police referral, private prosecution)", count("criminal")},
				{"Civil or administrative (letters, agreements)", count("sanction_letter")},
				{"Decisions", count("decisions")}}},
		{id: "warnings_issued", title: "Warnings issued", unit: "count", better: Neither,
			value: count("issued"), cols: []colDef{{"Breached", count("breached")}, {"Expired", count("expired")}}},
		{id: "reviews_in_time", title: "Post-incident reviews signed off in time", unit: "percent", better: Up,
			value: rate("reviews_in_time", "reviews", 100),
			cols:  []colDef{{"Signed off", count("reviews")}, {"Actions overdue at the end", count("overdue")}}},
		{id: "riddor_in_time", title: "RIDDOR reports made within 15 days", unit: "percent", better: Up, target: target(100),
			value: rate("riddor_in_time", "riddor", 100), cols: []colDef{{"Reported", count("riddor")}},
			note: "By the month of the incident."},
		{id: "destroyed_on_time", title: "Recordings destroyed on time", unit: "percent", better: Up, target: target(100),
			value: rate("destroyed_on_time", "destroyed", 100), cols: []colDef{{"Destroyed", count("destroyed")}},
			note: "On time: by the end of the day after the retention period ended."},
		{id: "no_amber", title: "Lone workers with no amber alert", unit: "percent", better: Down,
			value: func(pr periodRaw) Value { return s.rateOf(pr.f("no_amber"), workers, 100) },
			cols:  []colDef{{"Lone workers with no amber alert", count("no_amber")}},
			note:  "A device that is never used for an amber alert may not be carried.", denominator: g.denominator()},
		{id: "risks_reduced", title: "Risks re-scored lower", unit: "count", better: Up,
			value: count("risk_down"), cols: []colDef{{"Re-scored higher", count("risk_up")}, {"Re-scored the same", count("risk_same")}}},
	}
	out := make([]Measure, 0, len(defs))
	for _, d := range defs {
		m := Measure{ID: d.id, Title: d.title, Unit: d.unit, Better: d.better, Target: d.target, Note: d.note, Denominator: d.denominator, Breakdown: d.breakdown,
			Points: []Point{}, Columns: []Column{}, Signals: []Signal{}}
		for _, c := range d.cols {
			m.Columns = append(m.Columns, Column{Name: c.name, Values: []Value{}})
		}
		for _, pr := range g.periods {
			m.Points = append(m.Points, Point{Period: pr.p.key, Label: pr.p.label, Part: pr.p.part, Value: d.value(pr), Rules: []string{}})
			for i, c := range d.cols {
				m.Columns[i].Values = append(m.Columns[i].Values, c.f(pr))
			}
		}
		if d.id == "red_alerts" && o.Shared {
			// The validities add up to the red alerts shown.
			for i, pr := range g.periods {
				cells, ns := []*Value{}, []int{}
				for j, v := range validities {
					cells = append(cells, &m.Columns[j+1].Values[i])
					ns = append(ns, pr.f("validity:"+v.key).n)
				}
				SecondarySuppress(cells, ns, &m.Points[i].Value)
			}
		}
		if d.hide != nil && o.Shared {
			for i, pr := range g.periods {
				d.hide(&m, i, pr)
			}
		}
		analyse(&m, o)
		out = append(out, m)
	}
	return out
}

// analyse runs the XmR rules over the whole, known periods of m.
func analyse(m *Measure, o Options) {
	var idx []int
	var ys []float64
	hidden := false
	for i, p := range m.Points {
		if p.Part {
			continue
		}
		if p.Value.Suppressed {
			hidden = true
			continue
		}
		if p.Value.Known {
			idx = append(idx, i)
			ys = append(ys, p.Value.V)
		}
	}
	if hidden {
		m.Commentary = "Limits and signals are not shown: some periods are hidden (small counts)."
		return
	}
	a := Analyse(ys, m.Better, m.Target, o.Rules)
	if len(ys) > 0 {
		m.Mean = &a.Mean
	}
	if a.HasLimits {
		m.UpperLimit, m.LowerLimit, m.UpperNear, m.LowerNear = &a.UpperLimit, &a.LowerLimit, &a.UpperNear, &a.LowerNear
	}
	for j, i := range idx {
		m.Points[i].Type = a.Types[j]
		m.Points[i].Rules = a.Rules[j]
		if len(a.Rules[j]) > 0 {
			m.Signals = append(m.Signals, Signal{Period: m.Points[i].Period, Rules: a.Rules[j], Type: a.Types[j]})
		}
	}
	m.Variation, m.Assurance = a.Variation, a.Assurance
	m.Commentary = commentary(m, a, ys, idx, o)
}

var typeWords = map[string]string{
	"special_cause_improvement": "Special-cause improvement",
	"special_cause_concern":     "Special-cause concern",
	"special_cause_neither":     "Special-cause variation",
}

// commentary says in a sentence or two what the rules found.
func commentary(m *Measure, a Analysis, ys []float64, idx []int, o Options) string {
	unit := map[bool]string{true: "weeks", false: "months"}[o.By == "week"]
	if len(idx) == 0 {
		return "No data yet."
	}
	if !a.HasLimits {
		u := unit
		if len(idx) == 1 {
			u = strings.TrimSuffix(unit, "s")
		}
		return fmt.Sprintf("Only %d whole %s so far: limits and signals need %d. The mean so far is %s.",
			len(idx), u, o.Rules.MinPoints, meanText(a.Mean, m.Unit))
	}
	var parts []string
	last := -1
	for j := len(idx) - 1; j >= 0; j-- {
		if len(a.Rules[j]) > 0 {
			last = j
			break
		}
	}
	if last < 0 {
		parts = append(parts, fmt.Sprintf("Common-cause variation: no signals. Expect between %s and %s.",
			FormatValue(Of(max(a.LowerLimit, 0)), m.Unit), FormatValue(Of(a.UpperLimit), m.Unit)))
	} else {
		what := describe(a, ys, last, m.Points[idx[last]].Label, unit)
		if last == len(idx)-1 {
			parts = append(parts, fmt.Sprintf("%s: %s.", typeWords[a.Types[last]], what))
		} else {
			parts = append(parts, fmt.Sprintf("Common-cause variation in the latest %s; the last signal was %s (%s).",
				strings.TrimSuffix(unit, "s"), strings.ToLower(typeWords[a.Types[last]]), what))
		}
	}
	if m.Target != nil {
		t := FormatValue(Of(*m.Target), m.Unit)
		switch a.Assurance {
		case "consistent_pass":
			parts = append(parts, fmt.Sprintf("The target of %s will be met consistently.", t))
		case "consistent_fail":
			parts = append(parts, fmt.Sprintf("The target of %s will not be met without a change to the process.", t))
		case "inconsistent":
			parts = append(parts, fmt.Sprintf("The target of %s will be met in some %s and missed in others.", t, unit))
		}
	}
	return strings.Join(parts, " ")
}

// describe says which rule the j-th analysed point breaks, in words.
func describe(a Analysis, ys []float64, j int, label, unit string) string {
	rules := append([]string(nil), a.Rules[j]...)
	sort.SliceStable(rules, func(x, y int) bool { return rank(rules[x]) < rank(rules[y]) })
	side := map[bool]string{true: "above", false: "below"}[a.Sides[j] > 0]
	switch rules[0] {
	case RuleOutside:
		lim := map[bool]string{true: "the upper", false: "the lower"}[a.Sides[j] > 0]
		return fmt.Sprintf("%s is %s %s limit", label, side, lim)
	case RuleRun:
		k := 0
		for i := j; i >= 0 && a.Sides[i] == a.Sides[j] && a.Sides[i] != 0; i-- {
			k++
		}
		return fmt.Sprintf("%d %s %s the mean", k, unit, side)
	case RuleTrend:
		k := 1
		for i := j; i > 0 && has(a.Rules[i-1], RuleTrend) && sign(ys[i]-ys[i-1]) == sign(ys[j]-ys[j-1]); i-- {
			k++
		}
		dir := map[bool]string{true: "rising", false: "falling"}[ys[j] > ys[j-1]]
		return fmt.Sprintf("%d %s in a row %s", k, unit, dir)
	}
	lim := map[bool]string{true: "upper", false: "lower"}[a.Sides[j] > 0]
	return fmt.Sprintf("2 of 3 %s close to the %s limit", unit, lim)
}

func rank(r string) int {
	return map[string]int{RuleOutside: 0, RuleRun: 1, RuleTrend: 2, RuleTwoOfThree: 3}[r]
}

func has(rules []string, r string) bool {
	for _, x := range rules {
		if x == r {
			return true
		}
	}
	return false
}

// meanText writes a mean: counts to one decimal place, as a mean of counts need not be whole.
func meanText(v float64, unit string) string {
	if unit == "count" {
		return fmt.Sprintf("%.1f", v)
	}
	return FormatValue(Of(v), unit)
}
