package main

import (
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/testclock"
)

func TestDemo_SameAsOfGivesTheSameAlertsByteForByte(t *testing.T) {
	asOf := testclock.Now().Format(time.RFC3339)
	listing := func() string {
		dir := t.TempDir()
		if code, _, errs := runCLI(t, "--data-dir", dir, "demo", "--bare", "--as-of", asOf); code != 0 {
			t.Fatalf("demo --as-of %s: exit %d: %s", asOf, code, errs)
		}
		code, out, errs := runCLI(t, "--data-dir", dir, "alerts", "--json", "--limit", "1000")
		if code != 0 {
			t.Fatalf("alerts: exit %d: %s", code, errs)
		}
		return out
	}
	a, b := listing(), listing()
	if a != b {
		t.Fatalf("two demos for %s list different alerts (%d and %d bytes)", asOf, len(a), len(b))
	}
	if !strings.Contains(a, `"arcRef"`) {
		t.Fatalf("the listing holds no alerts: %.200s", a)
	}
}

func TestDemo_AsOfMustBeAnInstant(t *testing.T) {
	code, _, errs := runCLI(t, "--data-dir", t.TempDir(), "demo", "--as-of", "22/11/2026")
	if code == 0 || !strings.Contains(errs, "--as-of") || !strings.Contains(errs, "2026-03-29T12:00:00Z") {
		t.Fatalf("exit %d, stderr %q; want a refusal that names --as-of and shows the form", code, errs)
	}
}

func TestDemoEnd_DefaultsToNow(t *testing.T) {
	now := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	got, err := demoEnd("", func() time.Time { return now })
	if err != nil || !got.Equal(now) {
		t.Fatalf("demoEnd without --as-of = %v, %v; want %v", got, err, now)
	}
	got, err = demoEnd("2026-03-29T13:00:00+01:00", nil)
	if err != nil || !got.Equal(time.Date(2026, 3, 29, 12, 0, 0, 0, time.UTC)) {
		t.Fatalf("demoEnd with an offset = %v, %v; want 12:00 UTC", got, err)
	}
}
