package retention

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// Planned is a recording with its verdict.
type Planned struct {
	Item    store.RetentionItem `json:"item"`
	Verdict Verdict             `json:"verdict"`
}

// Plan is what a purge at one instant would do.
type Plan struct {
	At       time.Time `json:"at"`
	Due      []Planned `json:"due"`      // to destroy now
	Held     []Planned `json:"held"`     // due, or not, but under legal hold
	Upcoming []Planned `json:"upcoming"` // red alert recordings with a date still ahead, soonest first
}

// NextDue is the soonest instant a planned recording falls due, or zero.
func (p Plan) NextDue() time.Time {
	if len(p.Upcoming) == 0 {
		return time.Time{}
	}
	return p.Upcoming[0].Verdict.DueAt
}

// MakePlan evaluates every recording a rule could reach at now.
func MakePlan(ctx context.Context, st *store.Store, pol Policy, now time.Time) (Plan, error) {
	plan := Plan{At: now}
	shortest := pol.Amber.lowerBound()
	if s := pol.AmberSameDay.lowerBound(); s < shortest {
		shortest = s
	}
	items, err := st.RetentionCandidates(ctx, now.Add(-shortest).Add(24*time.Hour).Unix())
	if err != nil {
		return plan, fmt.Errorf("retention: list recordings: %w", err)
	}
	if len(items) == 0 {
		return plan, nil
	}
	// Red alerts within two days either side of the candidates cover every London day they fall on.
	from, to := items[0].RaisedAt, items[0].RaisedAt
	for _, it := range items {
		from, to = min(from, it.RaisedAt), max(to, it.RaisedAt)
	}
	reds, err := st.RedAlertsBetween(ctx, from-2*86400, to+2*86400)
	if err != nil {
		return plan, fmt.Errorf("retention: list red alerts: %w", err)
	}
	idx := NewSameDayReds(reds)
	for _, it := range items {
		v := pol.Evaluate(it, idx)
		switch {
		case v.Held:
			plan.Held = append(plan.Held, Planned{it, v})
		case v.Due(now):
			plan.Due = append(plan.Due, Planned{it, v})
		case v.Rule != "" && it.AlertType == "red":
			plan.Upcoming = append(plan.Upcoming, Planned{it, v})
		}
	}
	sort.SliceStable(plan.Upcoming, func(i, j int) bool { return plan.Upcoming[i].Verdict.DueAt.Before(plan.Upcoming[j].Verdict.DueAt) })
	return plan, nil
}

// Report is the outcome of a purge.
type Report struct {
	At        time.Time                 `json:"at"`
	DryRun    bool                      `json:"dryRun"`
	By        string                    `json:"by"`
	Due       []Planned                 `json:"due"`       // what was (or, in a dry run, would be) destroyed
	Destroyed []store.DestructionRecord `json:"destroyed"` // records written; empty in a dry run
	Held      []Planned                 `json:"held"`
	NextDueAt *time.Time                `json:"nextDueAt"` // the next red alert recording to fall due
	FileErrs  []string                  `json:"fileErrors"`
}

// Purge destroys every recording due at now: it marks them destroyed and
// writes destruction records and audit entries in one transaction, then
// overwrites and removes the vault files no kept recording shares. A file
// that fails to go is retried on the next purge. by is a person, or
// audit.System for the scheduled purge.
func Purge(ctx context.Context, st *store.Store, v *vault.Vault, pol Policy, now time.Time, by string, dryRun bool) (Report, error) {
	plan, err := MakePlan(ctx, st, pol, now)
	rep := Report{At: now, DryRun: dryRun, By: by, Due: plan.Due, Held: plan.Held, Destroyed: []store.DestructionRecord{}}
	if err != nil {
		return rep, err
	}
	if next := plan.NextDue(); !next.IsZero() {
		rep.NextDueAt = &next
	}
	if dryRun {
		return rep, nil
	}
	ds := make([]store.Destruction, 0, len(plan.Due))
	for _, p := range plan.Due {
		rule, text := p.Verdict.Rule, p.Verdict.RuleText
		if p.Item.DerivedFrom != nil {
			text = fmt.Sprintf("Working copy of recording %d, destroyed with it. %s", *p.Item.DerivedFrom, text)
		}
		ds = append(ds, store.Destruction{Item: p.Item, Rule: rule, RuleText: text, DueAt: p.Verdict.DueAt.Unix()})
	}
	recs, files, err := st.Destroy(ctx, ds, store.Who{Actor: by, At: now.Unix()})
	if err != nil {
		return rep, fmt.Errorf("retention: record destruction: %w", err)
	}
	rep.Destroyed = recs
	// Files whose earlier removal failed are tried again alongside today's.
	retry, err := st.RemovedFiles(ctx)
	if err != nil {
		return rep, err
	}
	seen := map[string]bool{}
	for _, sum := range append(files, retry...) {
		if seen[sum] {
			continue
		}
		seen[sum] = true
		if err := destroyFile(v, sum); err != nil {
			rep.FileErrs = append(rep.FileErrs, err.Error())
		}
	}
	if len(rep.FileErrs) > 0 {
		return rep, fmt.Errorf("retention: %d evidence file(s) could not be removed and will be retried: %s", len(rep.FileErrs), rep.FileErrs[0])
	}
	return rep, nil
}

func destroyFile(v *vault.Vault, sum string) error {
	p, err := v.Path(sum)
	if err != nil {
		return err
	}
	if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err := v.Destroy(sum); err != nil {
		return fmt.Errorf("evidence file %s: %w", sum, err)
	}
	return nil
}
