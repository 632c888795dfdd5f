// Package testclock holds the one instant every test treats as now, so no
// result depends on the day the suite runs.
//
// The instant is REDLINE_TEST_NOW (RFC 3339) when set, which is how the whole
// suite is re-run on a clock-change day, at a year's end or in summer;
// otherwise Default, chosen so the demo's three months contain the October
// clock change.
package testclock

import (
	"fmt"
	"os"
	"time"
)

// Default is the pinned instant: noon, London time, on 22 November 2026.
var Default = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// Env is the variable that moves the pinned instant for a whole test run.
const Env = "REDLINE_TEST_NOW"

// Now is the pinned instant. A malformed REDLINE_TEST_NOW panics: a run that
// silently fell back to the default would prove nothing about the day asked for.
func Now() time.Time {
	v := os.Getenv(Env)
	if v == "" {
		return Default
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		panic(fmt.Sprintf("%s=%q is not an RFC 3339 instant such as 2026-03-29T12:00:00Z", Env, v))
	}
	return t.UTC()
}
