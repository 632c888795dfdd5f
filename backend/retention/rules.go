package retention

import (
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// Rules, as destruction records name them.
const (
	RuleFalseRed         = "false_red"
	RuleTestRed          = "test_red"
	RuleGenuineRed       = "genuine_red"
	RulePrecautionaryRed = "precautionary_red"
	RuleDuplicateRed     = "duplicate_red"
	RuleAmber            = "amber"
	RuleAmberSameDay     = "amber_same_day"
)

// Verdict is what the policy says about one recording.
type Verdict struct {
	Rule     string    `json:"rule"`     // empty when no rule applies yet
	RuleText string    `json:"ruleText"` // the rule in words, with the period in force
	DueAt    time.Time `json:"dueAt"`    // zero when kept without a date
	Held     bool      `json:"held"`     // legal hold: due or not, it is kept
	Kept     string    `json:"kept"`     // why it is kept without a date, in words
}

// Due reports whether the recording must be destroyed at now.
func (v Verdict) Due(now time.Time) bool {
	return v.Rule != "" && !v.Held && !v.DueAt.IsZero() && !now.Before(v.DueAt)
}

// SameDayReds answers "which red alerts did this worker raise on this London day?".
type SameDayReds map[sameDayKey][]store.RedDay

type sameDayKey struct {
	worker int64
	day    string
}

func londonDay(unix int64) string { return time.Unix(unix, 0).In(store.London).Format("2006-01-02") }

// NewSameDayReds indexes red alerts by worker and London day.
func NewSameDayReds(reds []store.RedDay) SameDayReds {
	idx := SameDayReds{}
	for _, r := range reds {
		k := sameDayKey{r.WorkerID, londonDay(r.RaisedAt)}
		idx[k] = append(idx[k], r)
	}
	return idx
}

// Evaluate applies the policy to one recording. A derived copy (a working
// copy of a recording) follows its alert's rule, so it goes with its original.
func (p Policy) Evaluate(it store.RetentionItem, reds SameDayReds) Verdict {
	v := p.evaluate(it, reds)
	if it.OnHold {
		v.Held = true
		v.Kept = fmt.Sprintf("Legal hold on case %s", it.HoldCase)
	}
	return v
}

func (p Policy) evaluate(it store.RetentionItem, reds SameDayReds) Verdict {
	raised, categorised := time.Unix(it.RaisedAt, 0), time.Unix(it.CategorisedAt, 0)
	if it.AlertType == "red" {
		switch it.Category {
		case "":
			return Verdict{Kept: "Waiting for the LSMS to categorise this red alert"}
		case "false":
			return Verdict{RuleFalseRed, fmt.Sprintf("False or accidental red alert: destroyed %s after being categorised false", p.FalseRed), p.FalseRed.After(categorised), false, ""}
		case "test":
			return Verdict{RuleTestRed, fmt.Sprintf("Test red alert: destroyed %s after being categorised a test", p.TestRed), p.TestRed.After(categorised), false, ""}
		case "genuine":
			return Verdict{RuleGenuineRed, fmt.Sprintf("Genuine red alert recording: kept %s", p.GenuineRed), p.GenuineRed.After(raised), false, ""}
		case "precautionary":
			return Verdict{RulePrecautionaryRed, fmt.Sprintf("Precautionary red alert: kept %s", p.PrecautionaryRed), p.PrecautionaryRed.After(raised), false, ""}
		case "duplicate":
			return Verdict{RuleDuplicateRed, fmt.Sprintf("Duplicate red alert: kept %s", p.DuplicateRed), p.DuplicateRed.After(raised), false, ""}
		}
		return Verdict{Kept: fmt.Sprintf("Unknown category %q: kept until re-categorised", it.Category)}
	}
	sameDay := reds[sameDayKey{it.WorkerID, londonDay(it.RaisedAt)}]
	for _, r := range sameDay {
		if r.Category == "genuine" {
			return Verdict{RuleAmberSameDay, fmt.Sprintf("Amber alert on the same day as a genuine red alert of the same worker: kept %s", p.AmberSameDay),
				p.AmberSameDay.After(raised), false, ""}
		}
	}
	for _, r := range sameDay {
		if r.Category == "" {
			return Verdict{Kept: "The worker raised a red alert that day that is still waiting for triage: kept until it is categorised"}
		}
	}
	return Verdict{RuleAmber, fmt.Sprintf("Amber alert: kept %s", p.Amber), p.Amber.After(raised), false, ""}
}
