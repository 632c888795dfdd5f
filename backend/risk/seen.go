package risk

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// UpdateSeen changes the text fields provided they are still seen, the
// fields as the person's form loaded them; a colleague's save in between is
// refused (a *store.ChangedError) rather than written over.
func UpdateSeen(ctx context.Context, st *store.Store, id int64, seen, f store.RiskFields, who store.Who) (store.Risk, error) {
	f, err := CheckFields(f, time.Unix(who.At, 0))
	if err != nil {
		return store.Risk{}, err
	}
	if err := st.UpdateRiskSeen(ctx, id, &seen, f, who); err != nil {
		return store.Risk{}, err
	}
	return st.Risk(ctx, id)
}

// RescoreSeen is Rescore provided the score of that kind in force is still
// seenScore (its id; 0 when the risk had none of that kind).
func RescoreSeen(ctx context.Context, st *store.Store, riskID, seenScore int64, ns NewScore, reason string, caseID int64, who store.Who) (store.Risk, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return store.Risk{}, errors.New("say why the risk is being re-scored: the reason is kept in its history")
	}
	bs, err := Bands(ctx, st)
	if err != nil {
		return store.Risk{}, err
	}
	sc, err := classify(bs, ns, reason, caseID)
	if err != nil {
		return store.Risk{}, err
	}
	if err := st.AddRiskScoreSeen(ctx, riskID, seenScore, sc, who); err != nil {
		return store.Risk{}, err
	}
	if caseID != 0 {
		if err := st.LinkRisk(ctx, riskID, store.RiskLink{Kind: "case", Target: strconv.FormatInt(caseID, 10), Note: "re-scored after this incident"}, who); err != nil {
			return store.Risk{}, err
		}
		if err := st.SetRiskOutcome(ctx, caseID, "updated", "", who); err != nil {
			return store.Risk{}, fmt.Errorf("risk re-scored, but the case could not be marked as risk updated: %w", err)
		}
	}
	return st.Risk(ctx, riskID)
}

// SetBandsSeen is SetBands provided the band set stored is still seen, as
// the settings form loaded it (a *store.ChangedError otherwise).
func SetBandsSeen(ctx context.Context, st *store.Store, seen, bs BandSet, who store.Who) error {
	for i := range bs {
		bs[i].Label = strings.TrimSpace(bs[i].Label)
	}
	if err := bs.Validate(); err != nil {
		return err
	}
	return st.SaveSettingSeen(ctx, SettingKey, bs.JSON(), "settings.risk_bands", who, func(old string, found bool) (bool, string) {
		cur := DefaultBands
		if found {
			parsed, err := ParseBands(old)
			if err != nil {
				// An unreadable set is put right by saving one, whatever the form loaded.
				return true, fmt.Sprintf(`{"from":%q,"to":%s}`, old, bs.JSON())
			}
			cur = parsed
		}
		return reflect.DeepEqual(cur, seen), fmt.Sprintf(`{"from":%s,"to":%s}`, cur.JSON(), bs.JSON())
	})
}
