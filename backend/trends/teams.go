package trends

import "sort"

// teamRows are red alerts, incidents per 1,000 lone workers and lone workers
// with no amber alert, per team over the whole range, with a total row.
func (g gathered) teamRows(o Options) ([]TeamRow, TeamRow) {
	s := sharer(o.Shared)
	rows := []TeamRow{}
	var red, inc, noAmber, workers []int
	for _, t := range g.teams {
		na := max(t.Workers-g.teamAmber[t.TeamID], 0)
		rows = append(rows, TeamRow{TeamID: t.TeamID, Team: t.Team, StaffGroup: t.StaffGroup, Workers: s.count(t.Workers),
			Red: s.count(g.teamRed[t.TeamID]), Incidents: s.count(g.teamInc[t.TeamID]),
			PerThousand: s.rate(g.teamInc[t.TeamID], t.Workers, 1000), NoAmber: s.count(na)})
		red, inc, noAmber, workers = append(red, g.teamRed[t.TeamID]), append(inc, g.teamInc[t.TeamID]), append(noAmber, na), append(workers, t.Workers)
	}
	total := TeamRow{Team: "All teams", Workers: s.count(sum(workers)), Red: s.count(sum(red)), Incidents: s.count(sum(inc)),
		PerThousand: s.rate(sum(inc), sum(workers), 1000), NoAmber: s.count(sum(noAmber))}
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

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// snapshot is what stands now rather than per period.
func (g gathered) snapshot(o Options) []Column {
	s := sharer(o.Shared)
	out := []Column{{Name: "Recordings held on legal hold", Values: []Value{s.count(g.held)}}}
	bands := make([]string, 0, len(g.bands))
	for b := range g.bands {
		bands = append(bands, b)
	}
	sort.Strings(bands)
	for _, b := range bands {
		out = append(out, Column{Name: "Open risks rated " + b, Values: []Value{s.count(g.bands[b])}})
	}
	return out
}
