package main

import (
	"context"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/retention"
	"github.com/nhs-redline/redline/backend/testclock"
)

func TestRetention_SavePolicyChecksAuditsAndPersists(t *testing.T) {
	s, ws := testSession(t, testclock.Now())
	r := &Retention{s: s, purger: func() *purger { return nil }}

	got, err := r.Policy()
	if err != nil || got.Policy != retention.Default() {
		t.Fatalf("fresh policy %+v (%v), want the guidance's defaults", got, err)
	}
	bad := retention.Default()
	bad.AmberSameDay = retention.Period{N: 1, Unit: "months"}
	if _, err := r.SavePolicy(bad); err == nil || !strings.Contains(err.Error(), "same day") && !strings.Contains(err.Error(), "day of a genuine red") {
		t.Fatalf("same-day amber shorter than amber accepted: %v", err)
	}
	p := retention.Default()
	p.GenuineRed = retention.Period{N: 24, Unit: "months"}
	if got, err = r.SavePolicy(p); err != nil || got.Policy.GenuineRed.N != 24 {
		t.Fatalf("save: %+v %v", got, err)
	}
	entries, err := ws.Store.AuditFor(context.Background(), "settings", retention.SettingKey)
	if err != nil || len(entries) != 1 || !strings.Contains(entries[0].Detail, `"genuineRed":{"n":24`) {
		t.Fatalf("audit of the change: %+v %v", entries, err)
	}
}
