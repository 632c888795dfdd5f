package retention

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// This file holds the retention jobs the window and redline-cli share: the
// per-alert view triage shows, the purge under the policy in force, and
// changing that policy.

// View is what will happen to one recording of an alert.
type View struct {
	MediaID  int64  `json:"mediaId"`
	Name     string `json:"name"`
	SHA256   string `json:"sha256"`
	RuleText string `json:"ruleText"`
	DueAt    int64  `json:"dueAt"` // Unix seconds; 0 when kept without a date
	Kept     string `json:"kept"`  // why it is kept without a date (legal hold, awaiting triage...)
}

// sameDayWindow is how far either side of an alert to look for the worker's
// red alerts of the same London day: two days covers any clock change.
const sameDayWindow = 2 * 86400

// ForAlert says, under the policy in force, when each live recording of an
// alert falls due and by which rule, or why it is kept. Never nil.
func ForAlert(ctx context.Context, st *store.Store, alertID int64) ([]View, error) {
	pol, err := Load(ctx, st)
	if err != nil {
		return nil, err
	}
	items, err := st.RetentionItemsForAlert(ctx, alertID)
	if err != nil || len(items) == 0 {
		return []View{}, err
	}
	reds, err := st.RedAlertsBetween(ctx, items[0].RaisedAt-sameDayWindow, items[0].RaisedAt+sameDayWindow)
	if err != nil {
		return nil, err
	}
	idx := NewSameDayReds(reds)
	out := make([]View, 0, len(items))
	for _, it := range items {
		v := pol.Evaluate(it, idx)
		rv := View{MediaID: it.MediaID, Name: it.OriginalName, SHA256: it.SHA256, RuleText: v.RuleText, Kept: v.Kept}
		if !v.DueAt.IsZero() {
			rv.DueAt = v.DueAt.Unix()
		}
		out = append(out, rv)
	}
	return out, nil
}

// PurgeNow runs Purge under the policy in force: the purge the window's
// schedule runs as the system and `redline-cli purge` runs as a person.
func PurgeNow(ctx context.Context, st *store.Store, v *vault.Vault, now time.Time, by string, dryRun bool) (Report, error) {
	pol, err := Load(ctx, st)
	if err != nil {
		return Report{At: now, DryRun: dryRun, By: by}, err
	}
	return Purge(ctx, st, v, pol, now, by, dryRun)
}

// SavePolicy checks and stores new periods and records who changed them.
// The caller re-plans any scheduled purge: a shorter period can make
// recordings due at once.
func SavePolicy(ctx context.Context, st *store.Store, p Policy, who store.Who) error {
	if err := Save(ctx, st, p); err != nil {
		return err
	}
	b, _ := json.Marshal(p)
	if _, err := st.Audit(ctx, store.AuditEntry{At: who.At, Actor: who.Actor, Action: "settings.retention",
		ObjectType: "settings", ObjectID: SettingKey, Detail: string(b)}); err != nil {
		return fmt.Errorf("the retention periods were saved but the audit log could not record the change: %w", err)
	}
	return nil
}
