package retention

import (
	"context"
	"errors"
	"fmt"
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
	// FilesKept are files a destruction record says go, kept because an
	// import or copy made since names the same bytes as new evidence.
	FilesKept []string `json:"filesKept"`
	// The ARC's documents and fields about the alarms, under the same rules.
	ARCDue       []PlannedARC                 `json:"arcDue"`
	ARCHeld      []PlannedARC                 `json:"arcHeld"`
	ARCDestroyed []store.ARCDestructionRecord `json:"arcDestroyed"`
}

// fileLockWait bounds how long a purge waits for imports and other writers
// to let go of the evidence vault before leaving its files for the next
// purge; a variable so tests need not wait as long.
var fileLockWait = 30 * time.Second

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
	if rep.ARCDue, rep.ARCHeld, err = planARC(ctx, st, pol, now); err != nil {
		return rep, err
	}
	rep.ARCDestroyed = []store.ARCDestructionRecord{}
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
	// The recordings first, then the ARC's data: each transaction re-checks
	// holds and categories, so a hold placed between them still wins.
	arcRecs, arcFiles, err := destroyARC(ctx, st, rep.ARCDue, by, now)
	if err != nil {
		return rep, err
	}
	rep.ARCDestroyed = arcRecs
	return rep, removeFiles(ctx, st, v, append(files, arcFiles...), &rep)
}

// removeFiles removes the files of today's destructions and of earlier ones
// whose removal failed. The vault re-checks each against the database with
// writers held off, since an import may have attached the same bytes to a
// new recording after Destroy committed.
func removeFiles(ctx context.Context, st *store.Store, v *vault.Vault, files []string, rep *Report) error {
	retry, err := st.RemovedFiles(ctx)
	if err != nil {
		return err
	}
	rm, err := v.Remove(ctx, fileLockWait, append(files, retry...), st.VaultFileInUse)
	if errors.Is(err, vault.ErrBusy) {
		return fmt.Errorf("retention: an import or another writer kept the evidence vault busy for %s, so the files of destroyed recordings were not removed yet (their destruction is recorded); the next purge removes them", fileLockWait)
	}
	if err != nil {
		return fmt.Errorf("retention: remove evidence files: %w", err)
	}
	rep.FilesKept = rm.Kept
	for _, e := range rm.Failed {
		rep.FileErrs = append(rep.FileErrs, e.Error())
	}
	if len(rep.FileErrs) > 0 {
		return fmt.Errorf("retention: %d evidence file(s) could not be removed and will be retried: %s", len(rep.FileErrs), rep.FileErrs[0])
	}
	return nil
}
