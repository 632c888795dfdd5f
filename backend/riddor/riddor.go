// Package riddor applies the RIDDOR 2013 reporting rules to a work-related
// injury: which class it falls in, how many days count, and the deadline.
package riddor

import (
	"fmt"
	"time"
)

// Outcome is how bad the injury was.
type Outcome string

const (
	OutcomeNone      Outcome = ""                 // no injury or absence recorded yet
	OutcomeInjury    Outcome = "injury"           // incapacity counted in days
	OutcomeSpecified Outcome = "specified_injury" // fractures, amputations, loss of sight, ...
	OutcomeDeath     Outcome = "death"
)

// Class is what the regulations require.
type Class string

const (
	ClassNone      Class = "none"       // 3 days or fewer: nothing to report or record under RIDDOR
	ClassRecord    Class = "over_3_day" // more than 3 days: record, do not report
	ClassOver7     Class = "over_7_day" // more than 7 days: report within 15 days of the incident
	ClassImmediate Class = "immediate"  // death or specified injury: report without delay
)

// Input is what the case records. Days are London calendar dates, yyyy-mm-dd.
type Input struct {
	Outcome      Outcome
	IncidentDay  string
	FirstAbsence string // first day the worker could not do their normal work
	ReturnDay    string // first day back at normal work; empty while still off
	Today        string
}

// Result is the assessment shown on the case and in My work.
type Result struct {
	Class       Class  `json:"class"`
	DaysCounted int    `json:"daysCounted"` // consecutive days off, the incident day excluded, weekends included
	StillOff    bool   `json:"stillOff"`
	Reportable  bool   `json:"reportable"`
	Deadline    string `json:"deadline"`     // yyyy-mm-dd; the incident day itself when immediate
	Reportable8 string `json:"reportableOn"` // while still off and not yet over 7 days: the day it becomes reportable
	Explanation string `json:"explanation"`
}

// The thresholds and deadline of the 2013 regulations (the 2009 guidance still says 3 days).
const (
	recordAfterDays = 3
	reportAfterDays = 7
	deadlineDays    = 15
)

// ParseDay reads a yyyy-mm-dd calendar date.
func ParseDay(s string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return t, fmt.Errorf("%q is not a date (yyyy-mm-dd)", s)
	}
	return t, nil
}

func day(t time.Time) string { return t.Format("2006-01-02") }

// ukDay writes a yyyy-mm-dd day the way the explanation's reader expects it.
func ukDay(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return t.Format("02/01/2006")
}

// Days between calendar dates, counted on UTC midnights so clock changes never shorten a day.
func daysBetween(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

// Assess classifies one injury.
func Assess(in Input) (Result, error) {
	incident, err := ParseDay(in.IncidentDay)
	if err != nil {
		return Result{}, fmt.Errorf("incident day: %w", err)
	}
	deadline := day(incident.AddDate(0, 0, deadlineDays))
	switch in.Outcome {
	case OutcomeDeath, OutcomeSpecified:
		return Result{Class: ClassImmediate, Reportable: true, Deadline: in.IncidentDay,
			Explanation: "A death or specified injury must be reported to the HSE without delay."}, nil
	case OutcomeNone:
		return Result{Class: ClassNone, Explanation: "No injury or absence recorded."}, nil
	case OutcomeInjury:
	default:
		return Result{}, fmt.Errorf("unknown RIDDOR outcome %q", in.Outcome)
	}
	if in.FirstAbsence == "" {
		return Result{Class: ClassNone, Explanation: "No absence recorded."}, nil
	}
	first, err := ParseDay(in.FirstAbsence)
	if err != nil {
		return Result{}, fmt.Errorf("first day of absence: %w", err)
	}
	if first.Before(incident) {
		return Result{}, fmt.Errorf("the first day of absence (%s) is before the incident (%s)", ukDay(in.FirstAbsence), ukDay(in.IncidentDay))
	}
	start := first
	if !start.After(incident) {
		start = incident.AddDate(0, 0, 1) // the day of the incident never counts
	}
	r := Result{StillOff: in.ReturnDay == ""}
	var last time.Time
	if r.StillOff {
		if last, err = ParseDay(in.Today); err != nil {
			return Result{}, fmt.Errorf("today: %w", err)
		}
	} else {
		back, err := ParseDay(in.ReturnDay)
		if err != nil {
			return Result{}, fmt.Errorf("return to work: %w", err)
		}
		if back.Before(first) {
			return Result{}, fmt.Errorf("the return to work (%s) is before the first day of absence (%s)", ukDay(in.ReturnDay), ukDay(in.FirstAbsence))
		}
		last = back.AddDate(0, 0, -1)
	}
	if !last.Before(start) {
		r.DaysCounted = daysBetween(start, last) + 1
	}
	switch {
	case r.DaysCounted > reportAfterDays:
		r.Class, r.Reportable, r.Deadline = ClassOver7, true, deadline
		r.Explanation = fmt.Sprintf("Off work for %d consecutive days (not counting the day of the incident): report to the HSE by %s, 15 days after the incident.", r.DaysCounted, ukDay(deadline))
	case r.DaysCounted > recordAfterDays:
		r.Class = ClassRecord
		r.Explanation = fmt.Sprintf("Off work for %d days: an over-3-day injury, to be recorded but not reported.", r.DaysCounted)
	default:
		r.Class = ClassNone
		r.Explanation = fmt.Sprintf("Off work for %d days: not reportable.", r.DaysCounted)
	}
	if r.StillOff && !r.Reportable {
		r.Reportable8, r.Deadline = day(start.AddDate(0, 0, reportAfterDays)), deadline
		r.Explanation += fmt.Sprintf(" Still off: it becomes reportable if the worker is still off on %s, and the report is then due by %s.", ukDay(r.Reportable8), ukDay(deadline))
	}
	return r, nil
}
