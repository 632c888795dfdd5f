package demo

import (
	"context"
	"math"
	"math/rand/v2"
	"time"

	"github.com/nhs-redline/redline/backend/retention"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// HistoryMonths is how much alert history `redline-cli demo --history` puts
// before the demo's own months: two years, so a director's XmR charts have
// the 13 points their limits need on first run.
const HistoryMonths = 24

// historySeq starts the history's ARC references well clear of the demo's own.
const historySeq = 9_000_000

// HistorySummary counts what AddHistory wrote.
type HistorySummary struct {
	Amber, Red, Media, Triaged, Destroyed int
}

// AddHistory writes months of the ARC's alerts before cfg's own months for
// the same teams and workers, left as the LSMS and the retention purge would
// have left them: every red alert triaged the next working morning, and
// every recording that the default retention policy would have destroyed by
// cfg.End destroyed, with its destruction record. It runs after the demo's
// story, so the casework stays in the recent months, and it leaves those
// months exactly as they were.
func AddHistory(ctx context.Context, st *store.Store, v *vault.Vault, cfg Config, months int) (HistorySummary, error) {
	var hs HistorySummary
	if months <= 0 {
		return hs, nil
	}
	// The same seed replays people() to the same workers and habits; the
	// history then draws from a stream of its own.
	g := &gen{cfg: cfg, r: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)), vault: v, seq: historySeq}
	if !cfg.NoMedia {
		lease, err := g.lease(ctx)
		if err != nil {
			return hs, err
		}
		defer lease.Release()
		if err := g.storeRecordings(lease); err != nil {
			return hs, err
		}
	}
	to := startOfDay(cfg.End.In(store.London).AddDate(0, -cfg.Months, 0))
	// From the first of a month, so the history's first month is a whole one.
	from := to.AddDate(0, -months, 0)
	from = time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, store.London)
	err := st.Write(ctx, func(w *store.Writer) error {
		g.w = w
		if err := g.people(); err != nil {
			return err
		}
		g.r = rand.New(rand.NewPCG(cfg.Seed^0x4845_4953_544f_5259, cfg.Seed)) // "HISTORY"
		imp, err := w.Import(store.ImportRecord{StartedAt: to.Unix(), FinishedAt: to.Unix(),
			Source: "Demo data history (generated)", Profile: "demo", ImportedBy: "Redline demo", Status: "done"})
		if err != nil {
			return err
		}
		g.importID = imp
		g.sum = Summary{}
		lapsed := make([]bool, len(g.workers))
		for day := from; day.Before(to); day = day.AddDate(0, 0, 1) {
			if err := ctx.Err(); err != nil {
				return err
			}
			for i := range g.workers {
				if day.Day() == 1 || day.Equal(from) {
					lapsed[i] = g.r.Float64() < 0.06 // about one worker in 16 leaves the device in a drawer for a month
				}
				if err := g.historyDay(&g.workers[i], day, lapsed[i]); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return hs, err
	}
	hs.Amber, hs.Red, hs.Media = g.sum.Amber, g.sum.Red, g.sum.Media
	if hs.Triaged, err = triagePast(ctx, st, from, to); err != nil {
		return hs, err
	}
	hs.Destroyed, err = destroyPast(ctx, st, g.r, from, to, cfg.End)
	return hs, err
}

// historyDay is workerDay for the past: amber alerts carry their fix on the
// alert alone (no position rows: the history is for trends, and a quarter
// of a million rows would make the demo slow to build), a worker now and
// then goes a month without using the device, and red alerts have a
// season, up to 60% more in midwinter than in midsummer.
func (g *gen) historyDay(wk *worker, day time.Time, lapsed bool) error {
	weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
	rate := wk.perDay
	if weekend {
		rate *= 0.15
	}
	if lapsed {
		rate = 0
	}
	n := g.poisson(rate)
	visits := make([]visit, n)
	for i := range visits {
		visits[i].at = day.Add(time.Duration(8*3600+1800+g.r.IntN(9*3600)) * time.Second)
		g.place(wk, &visits[i])
	}
	winter := (1 + math.Cos(2*math.Pi*float64(day.YearDay()-15)/365)) / 2 // 1 in mid-January, 0 in mid-July
	redRate := (1 + 0.6*winter) * 2.0 / 365
	if wk.hotspot >= 0 {
		redRate *= 2.5
	}
	hasRed := g.r.Float64() < redRate
	if hasRed && len(visits) == 0 {
		if weekend {
			hasRed = false
		} else {
			visits = append(visits, visit{at: day.Add(time.Duration(9*3600+g.r.IntN(8*3600)) * time.Second)})
			g.place(wk, &visits[0])
		}
	}
	for i, v := range visits {
		if !lapsed && wk.perDay > 0 {
			if err := g.amber(wk, v, hasRed, false); err != nil {
				return err
			}
		}
		if hasRed && i == len(visits)-1 {
			if err := g.red(wk, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// triagePast categorises the history's red alerts the next working morning,
// agreeing with the ARC (an alarm the ARC closed unanswered counted as false).
func triagePast(ctx context.Context, st *store.Store, from, to time.Time) (int, error) {
	reds, err := st.RedAlertsBetween(ctx, from.Unix(), to.Unix())
	if err != nil {
		return 0, err
	}
	items := make([]store.PastTriage, 0, len(reds))
	for i, r := range reds {
		a, err := st.Alert(ctx, r.AlertID)
		if err != nil {
			return 0, err
		}
		category, reason := a.Validity, "Agrees with the ARC."
		if category == "auto_closed" {
			category, reason = "false", "The ARC closed it when nobody answered; the worker confirmed it was set off by accident."
		}
		items = append(items, store.PastTriage{AlertID: r.AlertID, Category: category, Reason: reason, By: "Alex Morgan (LSMS)",
			At: nextMorning(time.Unix(r.RaisedAt, 0), i).Unix()})
	}
	who := store.Who{Actor: "Redline demo", At: to.Unix()}
	return len(items), st.RecordPastTriage(ctx, items, who, "the demo's history: red alerts the LSMS triaged at the time")
}

// nextMorning is the working morning after t in London, at a time that varies with i.
func nextMorning(t time.Time, i int) time.Time {
	d := startOfDay(t.In(store.London)).AddDate(0, 0, 1)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d.Add(8*time.Hour + 40*time.Minute + time.Duration(i%5)*17*time.Minute)
}

// destroyPast applies the default retention policy to the history's
// recordings as the daily purge would have: each one due by end is
// destroyed a few hours after it fell due (now and then a few days late,
// when the purge did not run), with its destruction record.
func destroyPast(ctx context.Context, st *store.Store, r *rand.Rand, from, to, end time.Time) (int, error) {
	items, err := st.RetentionCandidates(ctx, to.Unix())
	if err != nil {
		return 0, err
	}
	reds, err := st.RedAlertsBetween(ctx, from.Unix(), to.Unix())
	if err != nil {
		return 0, err
	}
	idx, pol := retention.NewSameDayReds(reds), retention.Default()
	var out []store.PastDestruction
	for _, it := range items {
		if it.RaisedAt < from.Unix() || it.RaisedAt >= to.Unix() {
			continue // not the history's: the demo's own months are left alone
		}
		v := pol.Evaluate(it, idx)
		if !v.Due(end) {
			continue
		}
		at := v.DueAt.Add(time.Duration(1+r.IntN(6)) * time.Hour)
		if r.Float64() < 0.03 {
			at = at.Add(time.Duration(2+r.IntN(3)) * 24 * time.Hour)
		}
		if at.After(end) {
			continue // falls due just now: the next purge takes it
		}
		out = append(out, store.PastDestruction{Item: it, Rule: v.Rule, RuleText: v.RuleText, DueAt: v.DueAt.Unix(), DestroyedAt: at.Unix()})
	}
	who := store.Who{Actor: "system", At: end.Unix()}
	return len(out), st.RecordPastDestructions(ctx, out, who, "the demo's history: recordings the scheduled purge destroyed at the time")
}
