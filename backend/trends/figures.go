package trends

import (
	"fmt"
	"sort"
)

// fig is one count the report shows: exact for the security team, or as the
// database gave it to the director, where counts 1 to 7 arrive hidden. Every
// measure reads its counts by name through figures, so both audiences go
// through the same code and a total is always a figure of its own, never a
// sum of cells some of which may be hidden.
type fig struct {
	n      int
	hidden bool
}

func exact(n int) fig { return fig{n: n} }

// med is a median of seconds over records alerts.
type med struct {
	records int
	seconds float64
	hidden  bool
}

func medOf(xs []int64) med {
	if len(xs) == 0 {
		return med{}
	}
	return med{records: len(xs), seconds: median(xs)}
}

// f is the period's figure called name (0 when there is none).
func (pr periodRaw) f(name string) fig { return pr.figs[name] }

// fig publishes a figure: hidden stays hidden, the rest as count does.
func (s sharer) fig(f fig) Value {
	if f.hidden {
		return Value{Suppressed: true}
	}
	return s.count(f.n)
}

// rateOf is num/den × scale from the published figures; hidden when either is.
func (s sharer) rateOf(num, den fig, scale float64) Value {
	a, b := s.fig(num), s.fig(den)
	if a.Suppressed || b.Suppressed {
		return Value{Suppressed: true}
	}
	if b.V == 0 {
		return Value{}
	}
	return Of(a.V * scale / b.V)
}

// medianOf is m in units of div; hidden when the database hid it, or when
// shared and resting on 1 to 7 records.
func (s sharer) medianOf(m med, div float64) Value {
	switch {
	case m.hidden || (bool(s) && m.records > 0 && m.records <= hideUpTo):
		return Value{Suppressed: true}
	case m.records == 0:
		return Value{}
	}
	return Of(m.seconds / div)
}

// count of a median's records, as a figure.
func (m med) count() fig { return fig{n: m.records, hidden: m.hidden} }

// exactFigures names the period's exact counts as the director's database
// functions name theirs (migrations_pg/0087_director_views.sql).
func (pr *periodRaw) exactFigures(workers int) {
	f := map[string]fig{
		"amber": exact(pr.amber), "red": exact(pr.red), "incidents": exact(pr.incidents),
		"escalation:other": exact(otherEscalations(pr.escalation)), "police": exact(police(*pr)),
		"answered": exact(pr.answered), "within10": exact(pr.within10), "within40": exact(pr.within40),
		"criminal":        exact(pr.routes["police"] + pr.routes["private_prosecution"]),
		"sanction_letter": exact(pr.routes["sanction_letter"]),
		"sanctioned":      exact(pr.routes["police"] + pr.routes["private_prosecution"] + pr.routes["sanction_letter"]),
		"issued":          exact(pr.issued), "breached": exact(pr.breached), "expired": exact(pr.expired),
		"reviews": exact(pr.reviews), "reviews_in_time": exact(pr.reviewsInTime), "overdue": exact(pr.overdue),
		"riddor": exact(pr.riddor), "riddor_in_time": exact(pr.riddorInTime),
		"destroyed": exact(pr.destroyed), "destroyed_on_time": exact(pr.destroyedOnTime),
		"no_amber":  exact(workers - pr.amberUsers),
		"risk_down": exact(pr.riskDown), "risk_up": exact(pr.riskUp), "risk_same": exact(pr.riskSame),
	}
	n := 0
	for _, v := range pr.routes {
		n += v
	}
	f["decisions"] = exact(n)
	for _, v := range validities {
		f["validity:"+v.key] = exact(pr.byValidity[v.key])
	}
	for _, e := range escalations {
		f["escalation:"+e.key] = exact(pr.escalation[e.key])
	}
	for id, n := range pr.groupInc {
		f[fmt.Sprintf("group_incidents:%d", id)] = exact(n)
	}
	pr.figs = f
	pr.triageMed, pr.decisionMed = medOf(pr.triage), medOf(pr.decision)
}

// exactRange names the whole range's exact counts as redline_trend_range does.
func (g *gathered) exactRange() {
	f := map[string]fig{"workers": exact(g.workers), "held": exact(g.held)}
	var tw, tr, ti, tn int
	for _, t := range g.teams {
		na := max(t.Workers-g.teamAmber[t.TeamID], 0)
		key := fmt.Sprintf("team:%d:", t.TeamID)
		f[key+"workers"], f[key+"red"], f[key+"incidents"], f[key+"no_amber"] =
			exact(t.Workers), exact(g.teamRed[t.TeamID]), exact(g.teamInc[t.TeamID]), exact(na)
		tw, tr, ti, tn = tw+t.Workers, tr+g.teamRed[t.TeamID], ti+g.teamInc[t.TeamID], tn+na
	}
	f["teams:workers"], f["teams:red"], f["teams:incidents"], f["teams:no_amber"] = exact(tw), exact(tr), exact(ti), exact(tn)
	var gw, gr, gi int
	for _, sg := range g.groups {
		r, n := 0, 0
		for _, pr := range g.periods {
			r, n = r+pr.groupRed[sg.ID], n+pr.groupInc[sg.ID]
		}
		key := fmt.Sprintf("group:%d:", sg.ID)
		f[key+"workers"], f[key+"red"], f[key+"incidents"] = exact(sg.Workers), exact(r), exact(n)
		gw, gr, gi = gw+sg.Workers, gr+r, gi+n
	}
	f["groups:workers"], f["groups:red"], f["groups:incidents"] = exact(gw), exact(gr), exact(gi)
	for b, n := range g.bands {
		f["open_risks:"+b] = exact(n)
	}
	g.rng = f
}

// openBands are the bands with open risks, in name order.
func (g gathered) openBands() []string {
	var out []string
	for k := range g.rng {
		if len(k) > len("open_risks:") && k[:len("open_risks:")] == "open_risks:" {
			out = append(out, k[len("open_risks:"):])
		}
	}
	sort.Strings(out)
	return out
}
