package retention

import (
	"context"
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// What the ARC sent about an alarm beyond its recordings (its documents,
// such as a post-incident report, and its address, words and extra
// columns) is personal data about the same alarm: it falls due under the
// same rule as the alert's recordings, is kept under the same legal hold,
// and leaves the same kind of destruction record. An alert with no
// recording at all still has its ARC data destroyed when its rule says so.

// PlannedARC is an ARC document, or an alert's ARC fields, with its verdict.
type PlannedARC struct {
	Item    store.ARCRetentionItem `json:"item"`
	Verdict Verdict                `json:"verdict"`
}

// planARC evaluates every ARC document and set of ARC fields a rule could
// reach at now: those due, and those held.
func planARC(ctx context.Context, st *store.Store, pol Policy, now time.Time) (due, held []PlannedARC, err error) {
	items, err := st.ARCRetentionCandidates(ctx, now.Add(-pol.shortestAmber()).Add(24*time.Hour).Unix())
	if err != nil {
		return nil, nil, fmt.Errorf("retention: list the ARC's documents and fields: %w", err)
	}
	if len(items) == 0 {
		return nil, nil, nil
	}
	from, to := items[0].RaisedAt, items[0].RaisedAt
	for _, it := range items {
		from, to = min(from, it.RaisedAt), max(to, it.RaisedAt)
	}
	reds, err := st.RedAlertsBetween(ctx, from-2*86400, to+2*86400)
	if err != nil {
		return nil, nil, fmt.Errorf("retention: list red alerts: %w", err)
	}
	idx := NewSameDayReds(reds)
	for _, it := range items {
		v := pol.Evaluate(it.RetentionItem, idx)
		switch {
		case v.Held:
			held = append(held, PlannedARC{it, v})
		case v.Due(now):
			due = append(due, PlannedARC{it, v})
		}
	}
	return due, held, nil
}

// shortestAmber is the shortest period an amber alert's data is kept.
func (p Policy) shortestAmber() time.Duration {
	return min(p.Amber.lowerBound(), p.AmberSameDay.lowerBound())
}

// destroyARC destroys the ARC data due and returns the vault files no
// longer named by anything live.
func destroyARC(ctx context.Context, st *store.Store, due []PlannedARC, by string, now time.Time) ([]store.ARCDestructionRecord, []string, error) {
	ds := make([]store.ARCDestruction, 0, len(due))
	for _, p := range due {
		ds = append(ds, store.ARCDestruction{Item: p.Item, Rule: p.Verdict.Rule, RuleText: p.Verdict.RuleText, DueAt: p.Verdict.DueAt.Unix()})
	}
	recs, files, err := st.DestroyARC(ctx, ds, store.Who{Actor: by, At: now.Unix()})
	if err != nil {
		return nil, nil, fmt.Errorf("retention: record destruction of the ARC's documents and fields: %w", err)
	}
	return recs, files, nil
}
