package trends

import (
	"context"
	"sort"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// validities are the ARC's closures of a red alert, in table order.
var validities = []struct{ key, name string }{
	{"genuine", "Genuine"}, {"precautionary", "Precautionary"}, {"false", "False alarm"},
	{"test", "Test"}, {"duplicate", "Duplicate"}, {"auto_closed", "Closed by the ARC"},
}

// periodRaw is one period's exact figures, before suppression.
type periodRaw struct {
	p                            period
	amber, red                   int
	byValidity                   map[string]int
	incidents                    int
	answered, within10, within40 int
	triage, decision             []int64
	routes                       map[string]int
	issued, breached, expired    int
	reviews, reviewsInTime       int
	overdue                      int
	riddor, riddorInTime         int
	destroyed, destroyedOnTime   int
	amberUsers                   int
	riskDown, riskUp, riskSame   int
	escalation                   map[string]int // red alerts by the ARC's escalation
	groupInc                     map[int64]int  // incidents by the lone worker's staff group
	groupRed                     map[int64]int  // red alerts by the lone worker's staff group
	// What the measures read: the counts above by name (exactFigures), or
	// the director's figures from the database.
	figs                   map[string]fig
	triageMed, decisionMed med
}

type gathered struct {
	periods   []periodRaw
	workers   int
	teams     []store.TeamSize
	teamRed   map[int64]int
	teamInc   map[int64]int
	teamAmber map[int64]int
	held      int
	bands     map[string]int
	groups    []store.StaffGroupSize
	bandMoves []store.BandMove
	// rng is what the team, staff-group and snapshot tables read: the counts
	// above by name (exactRange), or the director's figures from the database.
	rng map[string]fig
}

func gather(ctx context.Context, st *store.Store, o Options) (gathered, error) {
	g := gathered{teamRed: map[int64]int{}, teamInc: map[int64]int{}}
	first, err := st.FirstAlertMonth(ctx)
	if err != nil || first == "" {
		return g, err
	}
	firstAt, err := time.ParseInLocation("2006-01", first, store.London)
	if err != nil {
		return g, err
	}
	if g.teams, err = st.TeamSizes(ctx); err != nil {
		return g, err
	}
	for _, t := range g.teams {
		g.workers += t.Workers
	}
	if g.groups, err = st.StaffGroupSizes(ctx); err != nil {
		return g, err
	}
	var rollup map[string][]store.MonthCount
	if o.By == "month" {
		all, err := st.MonthCounts(ctx)
		if err != nil {
			return g, err
		}
		rollup = map[string][]store.MonthCount{}
		for _, c := range all {
			rollup[c.Month] = append(rollup[c.Month], c)
		}
	}
	ps := periods(o, firstAt)
	for _, p := range ps {
		from, to := p.start.Unix(), p.end.Unix()
		pr := periodRaw{p: p, byValidity: map[string]int{}, escalation: map[string]int{}, groupInc: map[int64]int{}, groupRed: map[int64]int{}}
		var counts []store.PeriodAlertCount
		if rollup != nil {
			for _, c := range rollup[p.key] {
				counts = append(counts, store.PeriodAlertCount{Type: c.Type, Validity: c.Validity, TeamID: c.TeamID, N: c.N})
			}
		} else if counts, err = st.AlertCountsBetween(ctx, from, to); err != nil {
			return g, err
		}
		for _, c := range counts {
			if c.Type == "amber" {
				pr.amber += c.N
				continue
			}
			pr.red += c.N
			pr.byValidity[c.Validity] += c.N
			g.teamRed[c.TeamID] += c.N
			if c.Validity == "genuine" || c.Validity == "precautionary" {
				pr.incidents += c.N
				g.teamInc[c.TeamID] += c.N
			}
		}
		if err := pr.addBreakdown(ctx, st); err != nil {
			return g, err
		}
		if pr.answered, pr.within10, pr.within40, err = st.AnswersBetween(ctx, from, to); err != nil {
			return g, err
		}
		if pr.triage, pr.decision, err = st.RedDelaysBetween(ctx, from, to); err != nil {
			return g, err
		}
		if pr.routes, err = st.DecisionRoutesBetween(ctx, from, to); err != nil {
			return g, err
		}
		if pr.issued, pr.breached, pr.expired, err = st.WarningsBetween(ctx, londonDay(p.start), londonDay(p.end)); err != nil {
			return g, err
		}
		reviews, err := st.ReviewsSignedOffBetween(ctx, from, to)
		if err != nil {
			return g, err
		}
		for _, rv := range reviews {
			pr.reviews++
			if rv.DueOn == "" || londonDay(time.Unix(rv.SignedOffAt, 0)) <= rv.DueOn {
				pr.reviewsInTime++
			}
		}
		end := p.end
		if !o.Now.IsZero() && end.After(o.Now) {
			end = o.Now
		}
		if pr.overdue, err = st.ActionsOverdueAt(ctx, londonDay(end), end.Unix()); err != nil {
			return g, err
		}
		reports, err := st.RiddorReportsBetween(ctx, from, to)
		if err != nil {
			return g, err
		}
		for _, rr := range reports {
			pr.riddor++
			inc := time.Unix(rr.IncidentAt, 0).In(store.London)
			day := time.Date(inc.Year(), inc.Month(), inc.Day(), 0, 0, 0, 0, time.UTC)
			if rep, err := time.Parse("2006-01-02", rr.ReportedOn); err == nil && !rep.After(day.AddDate(0, 0, 15)) {
				pr.riddorInTime++
			}
		}
		if pr.destroyed, pr.destroyedOnTime, err = st.DestructionsBetween(ctx, from, to); err != nil {
			return g, err
		}
		users, err := st.AmberUsersBetween(ctx, from, to)
		if err != nil {
			return g, err
		}
		for _, n := range users {
			pr.amberUsers += n
		}
		if pr.riskDown, pr.riskUp, pr.riskSame, err = st.RiskMovesBetween(ctx, from, to); err != nil {
			return g, err
		}
		pr.exactFigures(g.workers)
		g.periods = append(g.periods, pr)
	}
	if len(ps) > 0 {
		if g.teamAmber, err = st.AmberUsersBetween(ctx, ps[0].start.Unix(), ps[len(ps)-1].end.Unix()); err != nil {
			return g, err
		}
	}
	if g.bandMoves, err = st.RiskBandMovesBetween(ctx, o.From.Unix(), o.To.Unix()); err != nil {
		return g, err
	}
	if g.held, err = st.RecordingsHeld(ctx); err != nil {
		return g, err
	}
	if g.bands, err = st.OpenRisksByBand(ctx); err != nil {
		return g, err
	}
	g.exactRange()
	return g, nil
}

// addBreakdown counts the period's red alerts by escalation and staff group.
func (pr *periodRaw) addBreakdown(ctx context.Context, st *store.Store) error {
	rows, err := st.RedBreakdownBetween(ctx, pr.p.start.Unix(), pr.p.end.Unix())
	if err != nil {
		return err
	}
	for _, b := range rows {
		pr.escalation[b.Escalation] += b.N
		pr.groupRed[b.StaffGroupID] += b.N
		if b.Validity == "genuine" || b.Validity == "precautionary" {
			pr.groupInc[b.StaffGroupID] += b.N
		}
	}
	return nil
}

func median(xs []int64) float64 {
	s := append([]int64(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return float64(s[n/2-1]+s[n/2]) / 2
}
