package trends

import (
	"fmt"
	"sort"
)

// teamRows are red alerts, incidents per 1,000 lone workers and lone workers
// with no amber alert, per team over the whole range, with a total row.
func (g gathered) teamRows(o Options) ([]TeamRow, TeamRow) {
	s := sharer(o.Shared)
	rows := []TeamRow{}
	var red, inc, noAmber, workers []int
	for _, t := range g.teams {
		key := fmt.Sprintf("team:%d:", t.TeamID)
		w, r, n, na := g.rng[key+"workers"], g.rng[key+"red"], g.rng[key+"incidents"], g.rng[key+"no_amber"]
		rows = append(rows, TeamRow{TeamID: t.TeamID, Team: t.Team, StaffGroup: t.StaffGroup, Workers: s.fig(w),
			Red: s.fig(r), Incidents: s.fig(n), PerThousand: s.rateOf(n, w, 1000), NoAmber: s.fig(na)})
		red, inc, noAmber, workers = append(red, r.n), append(inc, n.n), append(noAmber, na.n), append(workers, w.n)
	}
	tw, ti := g.rng["teams:workers"], g.rng["teams:incidents"]
	total := TeamRow{Team: "All teams", Workers: s.fig(tw), Red: s.fig(g.rng["teams:red"]), Incidents: s.fig(ti),
		PerThousand: s.rateOf(ti, tw, 1000), NoAmber: s.fig(g.rng["teams:no_amber"])}
	if o.Shared {
		col := func(get func(*TeamRow) *Value, exact []int, tot *Value) {
			cells := make([]*Value, len(rows))
			for i := range rows {
				cells[i] = get(&rows[i])
			}
			SecondarySuppress(cells, exact, tot)
		}
		col(func(r *TeamRow) *Value { return &r.Workers }, workers, &total.Workers)
		col(func(r *TeamRow) *Value { return &r.Red }, red, &total.Red)
		col(func(r *TeamRow) *Value { return &r.Incidents }, inc, &total.Incidents)
		col(func(r *TeamRow) *Value { return &r.NoAmber }, noAmber, &total.NoAmber)
		for i := range rows {
			if rows[i].Incidents.Suppressed || rows[i].Workers.Suppressed {
				rows[i].PerThousand = Value{Suppressed: true}
			}
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].PerThousand.V > rows[j].PerThousand.V })
	return rows, total
}

// snapshot is what stands now rather than per period.
func (g gathered) snapshot(o Options) []Column {
	s := sharer(o.Shared)
	out := []Column{{Name: "Recordings held on legal hold", Values: []Value{s.fig(g.rng["held"])}}}
	for _, b := range g.openBands() {
		out = append(out, Column{Name: "Open risks rated " + b, Values: []Value{s.fig(g.rng["open_risks:"+b])}})
	}
	return out
}
