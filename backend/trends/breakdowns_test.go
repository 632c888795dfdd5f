package trends

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

type redSpec struct {
	worker           int // index into the fixture's workers
	validity, escape string
	n                int
}

// breakdownFixture: team A (district nurses) has two workers, one of whom is
// a midwife by their own record; team B (midwives) has one. October's red
// alerts are spread over escalations as reds says.
func breakdownFixture(t *testing.T, reds []redSpec) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	err = st.Write(context.Background(), func(w *store.Writer) error {
		dn, _ := w.StaffGroup("District nurses")
		mw, _ := w.StaffGroup("Community midwives")
		a, _ := w.Team("A", dn, "")
		b, _ := w.Team("B", mw, "")
		w1, _ := w.Worker(store.Worker{Ref: "1", Name: "One", TeamID: a})
		w2, _ := w.Worker(store.Worker{Ref: "2", Name: "Two", TeamID: a, StaffGroupID: mw})
		w3, _ := w.Worker(store.Worker{Ref: "3", Name: "Three", TeamID: b})
		ids, teams := []int64{w1, w2, w3}, []int64{a, a, b}
		k := 0
		for _, r := range reds {
			for i := 0; i < r.n; i++ {
				k++
				if _, err := w.Alert(store.NewAlert{ARC: "X", ARCRef: fmt.Sprint("R", k), Type: "red", WorkerID: ids[r.worker],
					TeamID: teams[r.worker], RaisedAt: at(2026, 10, 1+k%28, 10), Validity: r.validity, Escalation: r.escape}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestBuild_RedAlertsByEscalation(t *testing.T) {
	st := breakdownFixture(t, []redSpec{{0, "genuine", "999", 2}, {0, "genuine", "urn", 1}, {1, "precautionary", "contact", 2},
		{2, "false", "none", 4}, {2, "genuine", "101", 1}, {2, "test", "odd", 1}})
	r, err := Build(context.Background(), st, window())
	if err != nil {
		t.Fatal(err)
	}
	m := measure(t, r, "escalated_police")
	if m.Points[0].Value != Of(4) {
		t.Errorf("red alerts escalated to the police in October: %+v, want 4 (two 999, one URN, one 101)", m.Points[0].Value)
	}
	want := map[string]Value{"Not escalated": Of(4), "Escalation contact": Of(2), "Police (101)": Of(1), "Police (999)": Of(2),
		"Police reference (URN)": Of(1), "Other": Of(1)}
	for _, c := range m.Columns {
		if c.Values[0] != want[c.Name] {
			t.Errorf("%s in October: %+v, want %+v", c.Name, c.Values[0], want[c.Name])
		}
		delete(want, c.Name)
	}
	if len(want) > 0 {
		t.Errorf("columns missing: %v", want)
	}
}

func TestBuild_IncidentsByStaffGroupUseTheWorkersOwnGroup(t *testing.T) {
	// Worker 1 (district nurse): 3 genuine; worker 2 (a midwife in team A): 2 precautionary;
	// worker 3 (midwife): 1 genuine and 4 false.
	st := breakdownFixture(t, []redSpec{{0, "genuine", "999", 3}, {1, "precautionary", "contact", 2},
		{2, "genuine", "101", 1}, {2, "false", "none", 4}})
	r, err := Build(context.Background(), st, window())
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]GroupRow{}
	for _, g := range r.StaffGroups {
		rows[g.StaffGroup] = g
	}
	dn, mw := rows["District nurses"], rows["Community midwives"]
	if dn.Workers != Of(1) || dn.Incidents != Of(3) || dn.PerThousand != Of(3000) || dn.Red != Of(3) {
		t.Errorf("district nurses %+v: 1 worker, 3 incidents, 3,000 per 1,000", dn)
	}
	if mw.Workers != Of(2) || mw.Incidents != Of(3) || mw.PerThousand != Of(1500) || mw.Red != Of(7) {
		t.Errorf("midwives %+v: 2 workers, 3 incidents of 7 red alerts, 1,500 per 1,000", mw)
	}
	if r.StaffGroups[0].StaffGroup != "District nurses" || r.StaffGroupsTotal.Incidents != Of(6) || r.StaffGroupsTotal.Workers != Of(3) {
		t.Errorf("highest rate first, total 6 incidents over 3 workers: %+v %+v", r.StaffGroups, r.StaffGroupsTotal)
	}
	inc := measure(t, r, "incidents_per_1000")
	cols := map[string]Value{}
	for _, c := range inc.Columns {
		cols[c.Name] = c.Values[0]
	}
	if cols["Incidents: District nurses"] != Of(3) || cols["Incidents: Community midwives"] != Of(3) {
		t.Errorf("October's incidents by staff group: %+v", cols)
	}
	if !strings.Contains(inc.Denominator, "3 lone workers on the register today") || r.Denominator != inc.Denominator {
		t.Errorf("the chart must say what it divides by: %q / %q", inc.Denominator, r.Denominator)
	}
}

func TestBuild_SharedEscalationsHideASecondPoliceRoute(t *testing.T) {
	// 999: 10, URN: 3 (hidden). The police total (15 after rounding) and 999
	// shown as 10 would give the URN count away, so 999 goes too.
	st := breakdownFixture(t, []redSpec{{0, "genuine", "999", 10}, {0, "genuine", "urn", 3}, {2, "false", "none", 20}})
	o := window()
	o.Shared = true
	r, err := Build(context.Background(), st, o)
	if err != nil {
		t.Fatal(err)
	}
	m := measure(t, r, "escalated_police")
	got := map[string]Value{}
	for _, c := range m.Columns {
		got[c.Name] = c.Values[0]
	}
	if !got["Police reference (URN)"].Suppressed || !got["Police (999)"].Suppressed {
		t.Errorf("URN (3) hidden, and 999 hidden as well: %+v", got)
	}
	if m.Points[0].Value != Of(15) || got["Not escalated"] != Of(20) || got["Police (101)"] != Of(0) {
		t.Errorf("police total 13 shown as 15, not escalated 20, 101 zero: %+v %+v", m.Points[0].Value, got)
	}
	for _, g := range r.StaffGroups {
		if g.StaffGroup == "Community midwives" && !(g.Workers.Suppressed && g.PerThousand.Suppressed) {
			t.Errorf("two midwives are a hidden count, and so is their rate: %+v", g)
		}
	}
}

func TestBuild_RiskBandMovementFromTheHistory(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	score := func(c, l int, band string) store.RiskScore {
		return store.RiskScore{Kind: "current", Consequence: c, Likelihood: l, Band: band, BandSet: "[]", Reason: "review"}
	}
	who := func(d int) store.Who { return store.Who{Actor: "lsms", At: at(2026, 10, d, 12)} }
	r1, err := st.CreateRisk(ctx, store.RiskFields{Title: "Hostile dog", Status: "open"}, []store.RiskScore{score(4, 4, "Extreme")}, nil, who(1))
	if err != nil {
		t.Fatal(err)
	}
	r2, err := st.CreateRisk(ctx, store.RiskFields{Title: "Poor lighting", Status: "open"}, []store.RiskScore{score(2, 2, "Moderate")}, nil, who(1))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		risk      int64
		c, l, day int
		band      string
	}{{r1, 3, 3, 10, "High"}, {r1, 2, 2, 20, "Moderate"}, {r2, 3, 4, 15, "High"}, {r2, 3, 4, 16, "High"}} {
		if err := st.AddRiskScore(ctx, s.risk, score(s.c, s.l, s.band), who(s.day)); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Build(ctx, st, window())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.RiskMovement.Bands, ",") != "Moderate,High,Extreme" {
		t.Errorf("bands low to high: %v", r.RiskMovement.Bands)
	}
	got := map[string]Value{}
	for _, m := range r.RiskMovement.Moves {
		got[m.From+">"+m.To] = m.N
	}
	want := map[string]Value{"Extreme>High": Of(1), "High>Moderate": Of(1), "Moderate>High": Of(1), "High>High": Of(1)}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("moves %v, want %v (a first score is not a move)", got, want)
	}
}

func TestBuild_SharedStaffGroupIncidentsHideASecondGroup(t *testing.T) {
	// October: district nurses 20 incidents, midwives 3 (hidden); the total
	// shown as 25 and 20 would give the 3 away, so the nurses' 20 goes too.
	st := breakdownFixture(t, []redSpec{{0, "genuine", "none", 20}, {2, "precautionary", "none", 3}})
	o := window()
	o.Shared = true
	r, err := Build(context.Background(), st, o)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Value{}
	for _, c := range measure(t, r, "incidents_per_1000").Columns {
		got[c.Name] = c.Values[0]
	}
	if !got["Incidents: Community midwives"].Suppressed || !got["Incidents: District nurses"].Suppressed {
		t.Errorf("both groups hidden: %+v", got)
	}
	if got["Incidents (genuine or precautionary red alerts)"] != Of(25) {
		t.Errorf("23 incidents shown as 25: %+v", got)
	}
}
