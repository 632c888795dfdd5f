package riddor

import (
	"strings"
	"testing"
)

func TestAssess(t *testing.T) {
	tests := []struct {
		name       string
		in         Input
		class      Class
		days       int
		reportable bool
		deadline   string
		on         string
	}{
		{"off 8 days from the day after: reportable by incident + 15",
			Input{Outcome: OutcomeInjury, IncidentDay: "2025-03-03", FirstAbsence: "2025-03-04", ReturnDay: "2025-03-12", Today: "2025-03-20"},
			ClassOver7, 8, true, "2025-03-18", ""},
		{"exactly 7 days is an over-3-day injury only",
			Input{Outcome: OutcomeInjury, IncidentDay: "2025-03-03", FirstAbsence: "2025-03-04", ReturnDay: "2025-03-11", Today: "2025-03-20"},
			ClassRecord, 7, false, "", ""},
		{"the incident day is not counted when the worker went home that day",
			Input{Outcome: OutcomeInjury, IncidentDay: "2025-03-03", FirstAbsence: "2025-03-03", ReturnDay: "2025-03-11", Today: "2025-03-20"},
			ClassRecord, 7, false, "", ""},
		{"weekends count: Friday incident, back the second Monday",
			Input{Outcome: OutcomeInjury, IncidentDay: "2025-03-07", FirstAbsence: "2025-03-08", ReturnDay: "2025-03-17", Today: "2025-03-20"},
			ClassOver7, 9, true, "2025-03-22", ""},
		{"4 days is over-3-day: record only",
			Input{Outcome: OutcomeInjury, IncidentDay: "2025-03-03", FirstAbsence: "2025-03-04", ReturnDay: "2025-03-08", Today: "2025-03-20"},
			ClassRecord, 4, false, "", ""},
		{"3 days is nothing under RIDDOR",
			Input{Outcome: OutcomeInjury, IncidentDay: "2025-03-03", FirstAbsence: "2025-03-04", ReturnDay: "2025-03-07", Today: "2025-03-20"},
			ClassNone, 3, false, "", ""},
		{"still off after 5 days: shows when it becomes reportable and the deadline",
			Input{Outcome: OutcomeInjury, IncidentDay: "2025-03-03", FirstAbsence: "2025-03-04", Today: "2025-03-08"},
			ClassRecord, 5, false, "2025-03-18", "2025-03-11"},
		{"still off for 8 days across the spring clock change: 30 March counts as one day",
			Input{Outcome: OutcomeInjury, IncidentDay: "2025-03-27", FirstAbsence: "2025-03-28", Today: "2025-04-04"},
			ClassOver7, 8, true, "2025-04-11", ""},
		{"deadline runs over a month end",
			Input{Outcome: OutcomeInjury, IncidentDay: "2024-02-20", FirstAbsence: "2024-02-21", ReturnDay: "2024-03-05", Today: "2024-03-20"},
			ClassOver7, 13, true, "2024-03-06", ""},
		{"absence starting later counts from the first day off",
			Input{Outcome: OutcomeInjury, IncidentDay: "2025-03-03", FirstAbsence: "2025-03-06", ReturnDay: "2025-03-14", Today: "2025-03-20"},
			ClassOver7, 8, true, "2025-03-18", ""},
		{"specified injury: immediately",
			Input{Outcome: OutcomeSpecified, IncidentDay: "2025-03-03"}, ClassImmediate, 0, true, "2025-03-03", ""},
		{"death: immediately",
			Input{Outcome: OutcomeDeath, IncidentDay: "2025-03-03"}, ClassImmediate, 0, true, "2025-03-03", ""},
		{"no absence recorded", Input{Outcome: OutcomeInjury, IncidentDay: "2025-03-03"}, ClassNone, 0, false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Assess(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if r.Class != tt.class || r.DaysCounted != tt.days || r.Reportable != tt.reportable || r.Deadline != tt.deadline || r.Reportable8 != tt.on {
				t.Fatalf("got class %s days %d reportable %v deadline %q on %q; want %s %d %v %q %q (%s)",
					r.Class, r.DaysCounted, r.Reportable, r.Deadline, r.Reportable8, tt.class, tt.days, tt.reportable, tt.deadline, tt.on, r.Explanation)
			}
		})
	}
}

func TestAssess_RejectsImpossibleDates(t *testing.T) {
	for name, in := range map[string]Input{
		"absence before incident": {Outcome: OutcomeInjury, IncidentDay: "2025-03-03", FirstAbsence: "2025-03-01", Today: "2025-03-05"},
		"return before absence":   {Outcome: OutcomeInjury, IncidentDay: "2025-03-03", FirstAbsence: "2025-03-04", ReturnDay: "2025-03-02", Today: "2025-03-05"},
		"not a date":              {Outcome: OutcomeInjury, IncidentDay: "03/03/2025"},
		"unknown outcome":         {Outcome: "bruise", IncidentDay: "2025-03-03"},
	} {
		if _, err := Assess(in); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestAssess_ExplanationUsesUKDates(t *testing.T) {
	r, err := Assess(Input{Outcome: OutcomeInjury, IncidentDay: "2026-11-02", FirstAbsence: "2026-11-03", ReturnDay: "2026-11-13"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Deadline != "2026-11-17" || !strings.Contains(r.Explanation, "report to the HSE by 17/11/2026") {
		t.Fatalf("deadline %s, explanation %q", r.Deadline, r.Explanation)
	}
}
