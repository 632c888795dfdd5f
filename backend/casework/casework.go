// Package casework holds the rules of the LSMS workflow: triage of red alerts,
// the case state machine and its guards, the five decision routes, the
// investigation's records, the case timeline and the My work list.
package casework

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// Problem is a rule the user broke, written for them to read.
type Problem struct {
	Msg   string
	Field string // the form field it is about (the JSON name of the input), or empty
}

func (p *Problem) Error() string { return p.Msg }

// Problem marks it as written for the person who broke the rule (problem.Said).
func (p *Problem) Problem() bool { return true }

// FieldName is the form field the problem is about, so the window shows it there (problem.Explain).
func (p *Problem) FieldName() string { return p.Field }

func problem(format string, args ...any) error { return &Problem{Msg: fmt.Sprintf(format, args...)} }

// problemIn is a problem about one field of a form.
func problemIn(field, format string, args ...any) error {
	return &Problem{Msg: fmt.Sprintf(format, args...), Field: field}
}

// IsProblem reports whether err is a broken rule rather than a failure.
func IsProblem(err error) bool {
	var p *Problem
	return errors.As(err, &p)
}

// Categories an LSMS can give a red alert.
var Categories = []string{"genuine", "precautionary", "false", "test", "duplicate"}

var categoryLabels = map[string]string{"genuine": "genuine", "precautionary": "precautionary", "false": "false or accidental",
	"test": "a test", "duplicate": "a duplicate", "auto_closed": "closed by the system", "": "not closed"}

func known(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// ParseDay checks a yyyy-mm-dd date as a form sends it.
func ParseDay(field, s string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), store.London)
	if err != nil {
		return t, problem("%s: %q is not a date; use the date picker or type yyyy-mm-dd", field, s)
	}
	return t, nil
}

// Today is the London calendar date of an instant.
func Today(now time.Time) string { return now.In(store.London).Format("2006-01-02") }

func notFuture(field, s string, now time.Time) error {
	if _, err := ParseDay(field, s); err != nil {
		return err
	}
	if strings.TrimSpace(s) > Today(now) {
		return problem("%s: %s is in the future", field, s)
	}
	return nil
}

// TriageCheck returns the rule for categorising an alert as category: red
// alerts only; a reason when the LSMS disagrees with the ARC or changes their
// mind; never the same category twice in a row.
func TriageCheck(category string) store.TriageCheck {
	return func(a store.Alert, prev *store.Triage, reason *string) error {
		*reason = strings.TrimSpace(*reason)
		switch {
		case !known(Categories, category):
			return problem("%q is not a category: choose genuine, precautionary, false, test or duplicate", category)
		case a.Type != "red":
			return problem("alert %s is an amber alert: only red alerts are triaged", a.ARCRef)
		case prev != nil && prev.Category == category:
			return problem("alert %s is already categorised %s", a.ARCRef, categoryLabels[category])
		case prev != nil && *reason == "":
			return problem("alert %s was categorised %s on %s: say why you are changing it (for example, the worker closed the alarm under duress)",
				a.ARCRef, categoryLabels[prev.Category], time.Unix(prev.CategorisedAt, 0).In(store.London).Format("02/01/2006 15:04"))
		case prev == nil && *reason == "" && category != a.Validity:
			return problem("alert %s was closed by the ARC as %s: say why you categorise it as %s",
				a.ARCRef, categoryLabels[a.Validity], categoryLabels[category])
		case *reason == "":
			*reason = "Agrees with the ARC's closure."
		}
		return nil
	}
}
