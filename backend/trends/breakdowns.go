package trends

import (
	"fmt"
	"sort"

	"github.com/nhs-redline/redline/backend/store"
)

// escalations are the ARC's second closure axis, in table order. Anything
// else an ARC writes is counted as "Other" rather than dropped.
var escalations = []struct{ key, name string }{
	{"none", "Not escalated"}, {"contact", "Escalation contact"}, {"101", "Police (101)"},
	{"999", "Police (999)"}, {"urn", "Police reference (URN)"},
}

// policeRoutes are the escalations that reached the police: the store's,
// so the figure and the list of alerts behind it agree.
var policeRoutes = store.PoliceEscalations

func otherEscalations(m map[string]int) int {
	n := 0
	for k, v := range m {
		known := false
		for _, e := range escalations {
			known = known || e.key == k
		}
		if !known {
			n += v
		}
	}
	return n
}

func police(pr periodRaw) int {
	n := 0
	for _, k := range policeRoutes {
		n += pr.escalation[k]
	}
	return n
}

// escalationDef is red alerts escalated to the police, with every
// escalation beside it in the table.
func (g gathered) escalationDef(s sharer) measureDef {
	cols := make([]colDef, 0, len(escalations)+1)
	for _, e := range escalations {
		cols = append(cols, colDef{e.name, func(pr periodRaw) Value { return s.fig(pr.f("escalation:" + e.key)) }})
	}
	cols = append(cols, colDef{"Other", func(pr periodRaw) Value { return s.fig(pr.f("escalation:other")) }})
	return measureDef{id: "escalated_police", title: "Red alerts escalated to the police", unit: "count", better: Neither,
		value: func(pr periodRaw) Value { return s.fig(pr.f("police")) }, cols: cols,
		note: "Police: 101, 999 or a police reference (URN) from the ARC. The table shows every escalation.",
		hide: hideEscalations, breakdown: true}
}

// hideEscalations keeps the shown escalations from giving away a hidden one:
// the police routes add up to the chart's value, and all of them to the
// period's red alerts.
func hideEscalations(m *Measure, i int, pr periodRaw) {
	cells, exact := []*Value{}, []int{}
	for j, e := range escalations {
		if e.key == "101" || e.key == "999" || e.key == "urn" {
			cells, exact = append(cells, &m.Columns[j].Values[i]), append(exact, pr.f("escalation:"+e.key).n)
		}
	}
	SecondarySuppress(cells, exact, &m.Points[i].Value)
	cells, exact = cells[:0], exact[:0]
	for j, e := range escalations {
		cells, exact = append(cells, &m.Columns[j].Values[i]), append(exact, pr.f("escalation:"+e.key).n)
	}
	last := len(escalations)
	cells, exact = append(cells, &m.Columns[last].Values[i]), append(exact, pr.f("escalation:other").n)
	red := sharer(true).fig(pr.f("red"))
	SecondarySuppress(cells, exact, &red)
}

// groupCols are a period's incidents by the lone worker's staff group.
func (g gathered) groupCols(s sharer) []colDef {
	var out []colDef
	for _, sg := range g.groups {
		if g.noWorkers(sg.ID) {
			continue
		}
		name := sg.Name
		if sg.ID == 0 {
			name = "no staff group"
		}
		key := fmt.Sprintf("group_incidents:%d", sg.ID)
		out = append(out, colDef{"Incidents: " + name, func(pr periodRaw) Value { return s.fig(pr.f(key)) }})
	}
	return out
}

// hideGroups keeps the staff groups' incidents, which add up to the
// period's incidents in the first column, from giving a hidden one away.
func (g gathered) hideGroups(m *Measure, i int, pr periodRaw) {
	var cells []*Value
	var exact []int
	j := 1
	for _, sg := range g.groups {
		if g.noWorkers(sg.ID) {
			continue
		}
		cells, exact = append(cells, &m.Columns[j].Values[i]), append(exact, pr.f(fmt.Sprintf("group_incidents:%d", sg.ID)).n)
		j++
	}
	SecondarySuppress(cells, exact, &m.Columns[0].Values[i])
}

// denominator says which head count a per-worker rate rests on. Redline
// keeps the register as it stands, not its history, so every period is
// divided by today's head count, and the chart says so.
func (g gathered) denominator() string {
	w := g.rng["workers"]
	if w.hidden {
		return "Denominator: the lone workers on the register today (fewer than 8, so not shown), for every period " +
			"(the register keeps no head count for earlier periods)."
	}
	who := "lone workers"
	if w.n == 1 {
		who = "lone worker"
	}
	return fmt.Sprintf("Denominator: the %s %s on the register today, for every period "+
		"(the register keeps no head count for earlier periods).", commas(w.n), who)
}

// noWorkers says a staff group has no lone workers (a hidden head count is some).
func (g gathered) noWorkers(id int64) bool {
	w := g.rng[fmt.Sprintf("group:%d:workers", id)]
	return !w.hidden && w.n == 0
}

func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// GroupRow is one staff group over the whole range.
type GroupRow struct {
	GroupID     int64  `json:"groupId"` // for Behind's group:ID; 0 for the total row and for "No staff group"
	StaffGroup  string `json:"staffGroup"`
	Workers     Value  `json:"workers" ts_type:"number | { suppressed: true } | null"`
	Red         Value  `json:"red" ts_type:"number | { suppressed: true } | null"`
	Incidents   Value  `json:"incidents" ts_type:"number | { suppressed: true } | null"`
	PerThousand Value  `json:"perThousand" ts_type:"number | { suppressed: true } | null"`
}

// groupRows are red alerts and incidents per 1,000 lone workers by staff
// group over the whole range, with a total row.
func (g gathered) groupRows(o Options) ([]GroupRow, GroupRow) {
	s := sharer(o.Shared)
	rows := []GroupRow{}
	var red, inc, workers []int
	for _, sg := range g.groups {
		key := fmt.Sprintf("group:%d:", sg.ID)
		w, r, n := g.rng[key+"workers"], g.rng[key+"red"], g.rng[key+"incidents"]
		if g.noWorkers(sg.ID) && !r.hidden && r.n == 0 {
			continue
		}
		name := sg.Name
		if sg.ID == 0 {
			name = "No staff group"
		}
		rows = append(rows, GroupRow{GroupID: sg.ID, StaffGroup: name, Workers: s.fig(w), Red: s.fig(r), Incidents: s.fig(n),
			PerThousand: s.rateOf(n, w, 1000)})
		red, inc, workers = append(red, r.n), append(inc, n.n), append(workers, w.n)
	}
	tw, ti := g.rng["groups:workers"], g.rng["groups:incidents"]
	total := GroupRow{StaffGroup: "All staff groups", Workers: s.fig(tw), Red: s.fig(g.rng["groups:red"]),
		Incidents: s.fig(ti), PerThousand: s.rateOf(ti, tw, 1000)}
	if o.Shared {
		col := func(get func(*GroupRow) *Value, exact []int, tot *Value) {
			cells := make([]*Value, len(rows))
			for i := range rows {
				cells[i] = get(&rows[i])
			}
			SecondarySuppress(cells, exact, tot)
		}
		col(func(r *GroupRow) *Value { return &r.Workers }, workers, &total.Workers)
		col(func(r *GroupRow) *Value { return &r.Red }, red, &total.Red)
		col(func(r *GroupRow) *Value { return &r.Incidents }, inc, &total.Incidents)
		for i := range rows {
			if rows[i].Incidents.Suppressed || rows[i].Workers.Suppressed {
				rows[i].PerThousand = Value{Suppressed: true}
			}
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].PerThousand.V > rows[j].PerThousand.V })
	return rows, total
}

// BandMove is how many re-scores moved a risk from one band to another.
type BandMove struct {
	From string `json:"from"`
	To   string `json:"to"`
	N    Value  `json:"n" ts_type:"number | { suppressed: true } | null"`
}

// RiskMovement is risk band-to-band movement over the range: Bands in
// order, lowest first, and a cell for each pair that happened.
type RiskMovement struct {
	Bands []string   `json:"bands"`
	Moves []BandMove `json:"moves"`
}

// movement orders the bands by the lowest rating seen in each, so a trust's
// own band set reads low to high without the trends knowing it.
func (g gathered) movement(o Options) RiskMovement {
	s := sharer(o.Shared)
	low := map[string]int{}
	see := func(b string, r int) {
		if v, ok := low[b]; !ok || r < v {
			low[b] = r
		}
	}
	out := RiskMovement{Bands: []string{}, Moves: []BandMove{}}
	for _, m := range g.bandMoves {
		see(m.From, m.FromRating)
		see(m.To, m.ToRating)
		out.Moves = append(out.Moves, BandMove{From: m.From, To: m.To, N: s.fig(fig{n: m.N, hidden: m.Hidden})})
	}
	for b := range low {
		out.Bands = append(out.Bands, b)
	}
	sort.Slice(out.Bands, func(i, j int) bool { return low[out.Bands[i]] < low[out.Bands[j]] })
	return out
}
