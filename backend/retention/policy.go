// Package retention applies the recording retention rules (NG 9.14, PT 10.8):
// which recordings fall due, when, under which rule, and the purge that
// overwrites and removes them and leaves a destruction record.
package retention

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// Period is a retention period: hours are elapsed time; months are calendar
// months in Europe/London.
type Period struct {
	N    int    `json:"n"`
	Unit string `json:"unit"` // hours or months
}

func (p Period) String() string {
	unit := p.Unit
	if p.N == 1 {
		unit = unit[:len(unit)-1]
	}
	return fmt.Sprintf("%d %s", p.N, unit)
}

// Policy holds the periods a trust has chosen. Red alerts follow the LSMS
// categorisation (never the ARC's); a red alert still waiting for triage is
// kept, and so is an amber memo from the same day as one.
type Policy struct {
	FalseRed         Period `json:"falseRed"`         // after being categorised false
	TestRed          Period `json:"testRed"`          // after being categorised a test
	GenuineRed       Period `json:"genuineRed"`       // after the alert
	PrecautionaryRed Period `json:"precautionaryRed"` // after the alert
	DuplicateRed     Period `json:"duplicateRed"`     // after the alert
	Amber            Period `json:"amber"`            // after the alert
	AmberSameDay     Period `json:"amberSameDay"`     // after the alert, when the worker raised a genuine red that London day
}

// Default is the guidance's table. Test, precautionary and duplicate red
// alerts are not in the table: a test is treated like a false alarm, the
// others like a genuine one, and each is a setting.
func Default() Policy {
	return Policy{
		FalseRed:         Period{24, "hours"},
		TestRed:          Period{24, "hours"},
		GenuineRed:       Period{12, "months"},
		PrecautionaryRed: Period{12, "months"},
		DuplicateRed:     Period{12, "months"},
		Amber:            Period{3, "months"},
		AmberSameDay:     Period{12, "months"},
	}
}

// SettingKey is where a trust's policy is kept in the settings table.
const SettingKey = "retention.policy"

// Validate checks every period.
func (p Policy) Validate() error {
	for name, per := range p.periods() {
		if per.N <= 0 || (per.Unit != "hours" && per.Unit != "months") {
			return fmt.Errorf("retention setting %s: %q is not a period; use a positive number of hours or months", name, per.String())
		}
	}
	if p.AmberSameDay.lowerBound() < p.Amber.lowerBound() {
		return fmt.Errorf("retention: amber memos on the day of a genuine red alert must be kept at least as long as other amber memos")
	}
	return nil
}

func (p Policy) periods() map[string]Period {
	return map[string]Period{"falseRed": p.FalseRed, "testRed": p.TestRed, "genuineRed": p.GenuineRed,
		"precautionaryRed": p.PrecautionaryRed, "duplicateRed": p.DuplicateRed, "amber": p.Amber, "amberSameDay": p.AmberSameDay}
}

// Load reads the trust's policy, or the default when none is set.
func Load(ctx context.Context, st *store.Store) (Policy, error) {
	raw, err := st.Setting(ctx, SettingKey, "")
	if err != nil || raw == "" {
		return Default(), err
	}
	p := Default()
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return Default(), fmt.Errorf("retention setting %s is not valid JSON: %w", SettingKey, err)
	}
	return p, p.Validate()
}

// Save stores a trust's policy after checking it.
func Save(ctx context.Context, st *store.Store, p Policy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	b, _ := json.Marshal(p)
	return st.SetSetting(ctx, SettingKey, string(b))
}

// After is the instant period p after t. Months keep the London wall-clock
// time, clamp to the month's last day (30 November + 3 months = 28 or 29
// February), take the end of a spring-forward gap when the time does not
// exist, and the earlier instant when it happens twice in autumn.
func (p Period) After(t time.Time) time.Time {
	if p.Unit == "hours" {
		return t.Add(time.Duration(p.N) * time.Hour)
	}
	l := t.In(store.London)
	y, m, d := l.Date()
	first := time.Date(y, m+time.Month(p.N), 1, 0, 0, 0, 0, time.UTC)
	if last := first.AddDate(0, 1, -1).Day(); d > last {
		d = last
	}
	return londonWallTime(first.Year(), first.Month(), d, l.Hour(), l.Minute(), l.Second())
}

// londonWallTime is the first instant at which London clocks show the given
// time, or the end of the gap when they skip it.
func londonWallTime(y int, mo time.Month, d, h, mi, s int) time.Time {
	t := time.Date(y, mo, d, h, mi, s, 0, store.London)
	want := time.Date(y, mo, d, h, mi, s, 0, time.UTC)
	wall := func(x time.Time) time.Time {
		l := x.In(store.London)
		return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
	}
	if !wall(t).Equal(want) { // in a gap: the clocks jumped over this time
		start, end := t.ZoneBounds()
		if wall(t).After(want) {
			return start
		}
		return end
	}
	if earlier := t.Add(-time.Hour); wall(earlier).Equal(want) { // happens twice: take the first
		return earlier
	}
	return t
}

// lowerBound is the shortest time the period can span, for prefiltering.
func (p Period) lowerBound() time.Duration {
	if p.Unit == "hours" {
		return time.Duration(p.N) * time.Hour
	}
	return time.Duration(p.N)*28*24*time.Hour - 2*time.Hour
}
