package retention

import (
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// uk is a London wall-clock time, for readable test tables.
func uk(s string) time.Time {
	t, err := time.ParseInLocation("02/01/2006 15:04", s, store.London)
	if err != nil {
		panic(err)
	}
	return t
}

func utc(s string) time.Time {
	t, err := time.Parse("02/01/2006 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestPeriodAfter(t *testing.T) {
	tests := []struct {
		name string
		p    Period
		from time.Time
		want time.Time
	}{
		{"24 hours is elapsed time across the spring clock change", Period{24, "hours"}, uk("29/03/2025 12:00"), uk("30/03/2025 13:00")},
		{"24 hours is elapsed time across the autumn clock change", Period{24, "hours"}, uk("25/10/2025 12:00"), uk("26/10/2025 11:00")},
		{"3 calendar months keep the London wall-clock time over a clock change", Period{3, "months"}, uk("15/01/2025 09:30"), uk("15/04/2025 09:30")},
		{"months clamp to the end of a short month", Period{3, "months"}, uk("30/11/2024 10:00"), uk("28/02/2025 10:00")},
		{"months clamp to 29 February in a leap year", Period{3, "months"}, uk("30/11/2023 10:00"), uk("29/02/2024 10:00")},
		{"12 months from 29 February is 28 February", Period{12, "months"}, uk("29/02/2024 10:00"), uk("28/02/2025 10:00")},
		{"a time the spring change skips becomes the end of the gap", Period{3, "months"}, uk("30/12/2024 01:30"), utc("30/03/2025 01:00")},
		{"a time the autumn change repeats becomes the first of the two", Period{3, "months"}, uk("26/07/2025 01:30"), utc("26/10/2025 00:30")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.After(tt.from); !got.Equal(tt.want) {
				t.Fatalf("%v after %v = %v, want %v", tt.p, tt.from.In(store.London), got.In(store.London), tt.want.In(store.London))
			}
		})
	}
}

func red(worker int64, raised time.Time, category string, categorised time.Time) store.RetentionItem {
	var cat int64
	if !categorised.IsZero() {
		cat = categorised.Unix()
	}
	return store.RetentionItem{MediaID: 1, AlertID: 1, AlertType: "red", WorkerID: worker, RaisedAt: raised.Unix(), Category: category, CategorisedAt: cat}
}

func amber(worker int64, raised time.Time) store.RetentionItem {
	return store.RetentionItem{MediaID: 2, AlertID: 2, AlertType: "amber", WorkerID: worker, RaisedAt: raised.Unix()}
}

func TestRetention_Rules(t *testing.T) {
	pol := Default()
	reds := NewSameDayReds([]store.RedDay{
		{AlertID: 10, WorkerID: 7, RaisedAt: uk("15/06/2025 10:00").Unix(), Category: "genuine"},
		{AlertID: 11, WorkerID: 8, RaisedAt: uk("15/06/2025 10:00").Unix(), Category: "false"},
		{AlertID: 12, WorkerID: 9, RaisedAt: uk("15/06/2025 10:00").Unix(), Category: ""},
		{AlertID: 13, WorkerID: 5, RaisedAt: uk("26/10/2025 23:30").Unix(), Category: "genuine"}, // 25-hour day
		{AlertID: 14, WorkerID: 6, RaisedAt: uk("15/06/2025 00:10").Unix(), Category: "genuine"},
	})
	held := amber(1, uk("01/01/2025 10:00"))
	held.OnHold, held.HoldCase = true, "RL-2025-0001"
	heldRed := red(1, uk("01/01/2025 10:00"), "false", uk("01/01/2025 11:00"))
	heldRed.OnHold, heldRed.HoldCase = true, "RL-2025-0001"
	tests := []struct {
		name     string
		item     store.RetentionItem
		now      time.Time
		rule     string
		due      bool
		wantDue  time.Time
		wantKept bool
	}{
		{"false red is kept for just under 24 hours after being categorised false",
			red(1, uk("01/03/2025 09:00"), "false", uk("02/03/2025 10:00")), uk("03/03/2025 09:59"), RuleFalseRed, false, uk("03/03/2025 10:00"), false},
		{"false red is due 24 hours after being categorised false",
			red(1, uk("01/03/2025 09:00"), "false", uk("02/03/2025 10:00")), uk("03/03/2025 10:00"), RuleFalseRed, true, uk("03/03/2025 10:00"), false},
		{"false red categorised the day before the spring change goes 24 elapsed hours later, 13:00 BST",
			red(1, uk("29/03/2025 09:00"), "false", uk("29/03/2025 12:00")), uk("30/03/2025 12:30"), RuleFalseRed, false, uk("30/03/2025 13:00"), false},
		{"false red counts from the categorisation, not the alert",
			red(1, uk("01/01/2025 09:00"), "false", uk("01/06/2025 09:00")), uk("01/06/2025 20:00"), RuleFalseRed, false, uk("02/06/2025 09:00"), false},
		{"test red follows the false-alarm period",
			red(1, uk("01/03/2025 09:00"), "test", uk("01/03/2025 10:00")), uk("02/03/2025 10:00"), RuleTestRed, true, uk("02/03/2025 10:00"), false},
		{"genuine red recording is kept 12 months",
			red(1, uk("10/04/2024 14:00"), "genuine", uk("10/04/2024 15:00")), uk("10/04/2025 13:59"), RuleGenuineRed, false, uk("10/04/2025 14:00"), false},
		{"genuine red recording is due after 12 calendar months",
			red(1, uk("10/04/2024 14:00"), "genuine", uk("10/04/2024 15:00")), uk("10/04/2025 14:00"), RuleGenuineRed, true, uk("10/04/2025 14:00"), false},
		{"precautionary red is kept like a genuine one",
			red(1, uk("10/04/2024 14:00"), "precautionary", uk("10/04/2024 15:00")), uk("10/03/2025 14:00"), RulePrecautionaryRed, false, uk("10/04/2025 14:00"), false},
		{"red still waiting for triage is never destroyed",
			red(1, uk("10/04/2020 14:00"), "", time.Time{}), uk("10/04/2025 14:00"), "", false, time.Time{}, true},
		{"amber is kept 3 months",
			amber(1, uk("10/01/2025 08:00")), uk("10/04/2025 07:59"), RuleAmber, false, uk("10/04/2025 08:00"), false},
		{"amber is due after 3 calendar months, across the spring change",
			amber(1, uk("10/01/2025 08:00")), uk("10/04/2025 08:00"), RuleAmber, true, uk("10/04/2025 08:00"), false},
		{"amber on the same day as the worker's genuine red is kept 12 months",
			amber(7, uk("15/06/2025 08:00")), uk("16/09/2025 08:00"), RuleAmberSameDay, false, uk("15/06/2026 08:00"), false},
		{"amber the London day after midnight BST counts as that day though UTC says the day before",
			amber(6, uk("15/06/2025 00:05")), uk("16/09/2025 08:00"), RuleAmberSameDay, false, uk("15/06/2026 00:05"), false},
		{"amber at 23:55 BST the day before is not the same day though UTC agrees",
			amber(6, uk("14/06/2025 23:55")), uk("15/09/2025 08:00"), RuleAmber, true, uk("14/09/2025 23:55"), false},
		{"amber on the 25-hour autumn day is the same day as a red at 23:30 GMT",
			amber(5, uk("26/10/2025 00:30")), uk("27/01/2026 08:00"), RuleAmberSameDay, false, uk("26/10/2026 00:30"), false},
		{"amber of another worker on that day keeps 3 months",
			amber(4, uk("15/06/2025 08:00")), uk("16/09/2025 08:00"), RuleAmber, true, uk("15/09/2025 08:00"), false},
		{"amber on the same day as a false red keeps 3 months",
			amber(8, uk("15/06/2025 08:00")), uk("16/09/2025 08:00"), RuleAmber, true, uk("15/09/2025 08:00"), false},
		{"amber on the same day as a red waiting for triage is kept",
			amber(9, uk("15/06/2025 08:00")), uk("16/09/2026 08:00"), "", false, time.Time{}, true},
		{"legal hold keeps an amber past its date", held, uk("01/01/2030 10:00"), RuleAmber, false, uk("01/04/2025 10:00"), true},
		{"legal hold keeps a false red past its date", heldRed, uk("01/01/2030 10:00"), RuleFalseRed, false, uk("02/01/2025 11:00"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := pol.Evaluate(tt.item, reds)
			if v.Rule != tt.rule || v.Due(tt.now) != tt.due || !v.DueAt.Equal(tt.wantDue) || (v.Kept != "") != tt.wantKept {
				t.Fatalf("got rule %q due %v at %v kept %q; want %q %v at %v kept=%v",
					v.Rule, v.Due(tt.now), v.DueAt.In(store.London), v.Kept, tt.rule, tt.due, tt.wantDue.In(store.London), tt.wantKept)
			}
		})
	}
}

func TestRetention_PeriodsAreSettings(t *testing.T) {
	pol := Default()
	pol.Amber = Period{6, "months"}
	pol.FalseRed = Period{12, "hours"}
	if v := pol.Evaluate(amber(1, uk("10/01/2025 08:00")), nil); !v.DueAt.Equal(uk("10/07/2025 08:00")) {
		t.Fatalf("amber with 6 months due %v", v.DueAt)
	}
	if v := pol.Evaluate(red(1, uk("01/03/2025 09:00"), "false", uk("01/03/2025 10:00")), nil); !v.DueAt.Equal(uk("01/03/2025 22:00")) {
		t.Fatalf("false red with 12 hours due %v", v.DueAt)
	}
	bad := Default()
	bad.AmberSameDay = Period{1, "months"}
	if bad.Validate() == nil {
		t.Fatal("same-day period shorter than the amber period accepted")
	}
	bad = Default()
	bad.GenuineRed = Period{0, "months"}
	if bad.Validate() == nil {
		t.Fatal("zero period accepted")
	}
}
