package evidence

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// Every is how often the app checks the evidence in the background.
const Every = 7 * 24 * time.Hour

// lastKey is the setting that holds the latest report, so My work can show
// its problems and the app knows when the next check is due.
const lastKey = "evidence.last_check"

// Run checks the evidence and keeps the report as the latest.
func Run(ctx context.Context, st *store.Store, v *vault.Vault, now time.Time, progress func(Progress)) (Report, error) {
	rep, err := Check(ctx, st, v, now, progress)
	if err != nil {
		return rep, err
	}
	b, err := json.Marshal(rep)
	if err != nil {
		return rep, err
	}
	if err := st.SetSetting(ctx, lastKey, string(b)); err != nil {
		return rep, fmt.Errorf("evidence check: keep the report: %w", err)
	}
	return rep, nil
}

// Last is the latest report; ok is false when the evidence was never checked.
func Last(ctx context.Context, st *store.Store) (rep Report, ok bool, err error) {
	s, err := st.Setting(ctx, lastKey, "")
	if err != nil || s == "" {
		return rep, false, err
	}
	if err := json.Unmarshal([]byte(s), &rep); err != nil {
		return rep, false, fmt.Errorf("evidence check: the saved report cannot be read (%v); check again", err)
	}
	return rep, true, nil
}

// NextDue is when the background check should next run: now if never.
func NextDue(ctx context.Context, st *store.Store, now time.Time) (time.Time, error) {
	last, ok, err := Last(ctx, st)
	if err != nil || !ok {
		return now, err
	}
	return time.Unix(last.At, 0).Add(Every), nil
}
