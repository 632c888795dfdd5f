package retention

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

func TestForAlert_FalseAlarmIsDueADayAfterCategorising(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	t0 := uk("01/03/2025 09:00")
	a, m := f.alert("R1", "red", t0, "false alarm bytes", false)
	if vs, err := ForAlert(ctx, f.st, a); err != nil || len(vs) != 1 || vs[0].DueAt != 0 || vs[0].Kept == "" {
		t.Fatalf("before triage %+v %v; want kept without a date", vs, err)
	}
	f.categorise(a, "false", t0.Add(time.Hour))
	vs, err := ForAlert(ctx, f.st, a)
	if err != nil || len(vs) != 1 || vs[0].MediaID != m || vs[0].DueAt != t0.Add(25*time.Hour).Unix() {
		t.Fatalf("after triage %+v %v; want due 24 hours after categorising", vs, err)
	}
	if vs, err := ForAlert(ctx, f.st, 999); err != nil || vs == nil || len(vs) != 0 {
		t.Fatalf("unknown alert %+v %v; want an empty list", vs, err)
	}
}

func TestPurgeNow_UsesThePolicyInForce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	t0 := uk("01/03/2025 09:00")
	a, m := f.alert("R1", "red", t0, "false alarm bytes", false)
	f.categorise(a, "false", t0)
	p := Default()
	p.FalseRed = Period{N: 48, Unit: "hours"}
	if err := SavePolicy(ctx, f.st, p, store.Who{Actor: "lsms", At: t0.Unix()}); err != nil {
		t.Fatal(err)
	}
	if rep, err := PurgeNow(ctx, f.st, f.v, t0.Add(30*time.Hour), "lsms", false); err != nil || len(rep.Due) != 0 || f.destroyed(m) {
		t.Fatalf("purged under the default 24 hours, not the trust's 48: %+v %v", rep, err)
	}
	if rep, err := PurgeNow(ctx, f.st, f.v, t0.Add(49*time.Hour), "lsms", false); err != nil || len(rep.Destroyed) != 1 {
		t.Fatalf("not purged after 48 hours: %+v %v", rep, err)
	}
	log, _ := f.st.AuditFor(ctx, "settings", SettingKey)
	if len(log) != 1 || log[0].Actor != "lsms" || !strings.Contains(log[0].Detail, `"falseRed":{"n":48`) {
		t.Fatalf("policy change audit %+v", log)
	}
}
