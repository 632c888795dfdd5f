package trends

import (
	"context"
	"time"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
)

// ErrCountsOnly is the director's answer to a list of the alerts or cases
// behind a figure: their role sees counts, never the records themselves.
var ErrCountsOnly = &problem.Problem{
	Message: "The security director's Reports show counts only: the alerts and cases behind a figure are not listed. " +
		"Ask the LSMS if you need them.",
}

// countsOnly says whether the person signed in is the security director,
// whose login reads the trends through the database's aggregates alone
// (migrations_pg/0087_director_views.sql). On a laptop, and for the LSMS,
// the trends read the tables themselves.
func countsOnly(ctx context.Context, st *store.Store) (bool, error) {
	_, role, err := st.SignedIn(ctx)
	return role == store.RoleDirector, err
}

// DrillDown says whether the person signed in may list the alerts and cases
// behind a figure.
func DrillDown(ctx context.Context, st *store.Store) (bool, error) {
	c, err := countsOnly(ctx, st)
	return !c, err
}

// gatherDirector reads the same figures as gather through the database's
// aggregates, where counts 1 to 7 arrive hidden. Every total comes from the
// database, so nothing here adds up cells.
func gatherDirector(ctx context.Context, st *store.Store, o Options) (gathered, error) {
	var g gathered
	first, err := st.DirectorFirstMonth(ctx)
	if err != nil || first == "" {
		return g, err
	}
	firstAt, err := time.ParseInLocation("2006-01", first, store.London)
	if err != nil {
		return g, err
	}
	names, err := st.DirectorTeams(ctx)
	if err != nil {
		return g, err
	}
	for _, t := range names {
		g.teams = append(g.teams, store.TeamSize{TeamID: t.ID, Team: t.Name, StaffGroup: t.StaffGroup})
	}
	if g.groups, err = st.DirectorStaffGroups(ctx); err != nil {
		return g, err
	}
	ps := periods(o, firstAt)
	for _, p := range ps {
		if err := g.addDirectorPeriod(ctx, st, o, p); err != nil {
			return g, err
		}
	}
	from, to := o.From.Unix(), o.To.Unix()
	if len(ps) > 0 {
		from, to = ps[0].start.Unix(), ps[len(ps)-1].end.Unix()
	}
	rng, err := st.DirectorRange(ctx, from, to)
	if err != nil {
		return g, err
	}
	g.rng = map[string]fig{}
	for k, v := range rng {
		g.rng[k] = fig{n: v.N, hidden: v.Hidden}
	}
	g.bandMoves, err = st.DirectorBandMoves(ctx, o.From.Unix(), o.To.Unix())
	return g, err
}

func (g *gathered) addDirectorPeriod(ctx context.Context, st *store.Store, o Options, p period) error {
	end := p.end
	if !o.Now.IsZero() && end.After(o.Now) {
		end = o.Now
	}
	figs, err := st.DirectorPeriod(ctx, p.start.Unix(), p.end.Unix(), end.Unix())
	if err != nil {
		return err
	}
	delays, err := st.DirectorDelays(ctx, p.start.Unix(), p.end.Unix())
	if err != nil {
		return err
	}
	pr := periodRaw{p: p, figs: map[string]fig{}}
	for k, v := range figs {
		pr.figs[k] = fig{n: v.N, hidden: v.Hidden}
	}
	of := func(m store.TrendMedian) med { return med{records: m.Records, seconds: m.Seconds, hidden: m.Hidden} }
	pr.triageMed, pr.decisionMed = of(delays["triage"]), of(delays["decision"])
	g.periods = append(g.periods, pr)
	return nil
}
