package testclock

import (
	"testing"
	"time"
)

func TestNow_DefaultPutsAClockChangeInsideTheDemo(t *testing.T) {
	t.Setenv(Env, "")
	end := Now()
	start := end.AddDate(0, -3, 0)
	london, _ := time.LoadLocation("Europe/London")
	_, startOff := start.In(london).Zone()
	_, endOff := end.In(london).Zone()
	if startOff == endOff {
		t.Fatalf("the demo's three months before %s have no clock change", end)
	}
}

func TestNow_ReadsTheEnvironment(t *testing.T) {
	t.Setenv(Env, "2027-03-28T09:00:00+01:00")
	if got, want := Now(), time.Date(2027, 3, 28, 8, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("Now() = %s, want %s", got, want)
	}
}

func TestNow_RefusesAMalformedInstant(t *testing.T) {
	t.Setenv(Env, "28/03/2027")
	defer func() {
		if recover() == nil {
			t.Fatal("a malformed instant was accepted")
		}
	}()
	Now()
}
