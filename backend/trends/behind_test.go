package trends

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/demo"
	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
)

var demoOnce struct {
	sync.Once
	st  *store.Store
	dir string
	err error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoOnce.st != nil {
		demoOnce.st.Close()
		os.RemoveAll(demoOnce.dir)
	}
	os.Exit(code)
}

// demoStore is the demo trust's three months ending 2026-11-22 (no
// recordings), built once for the package's tests, which only read it.
func demoStore(t *testing.T) (*store.Store, Options) {
	t.Helper()
	end := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	demoOnce.Do(func() {
		if demoOnce.dir, demoOnce.err = os.MkdirTemp("", "trends-demo"); demoOnce.err != nil {
			return
		}
		if demoOnce.st, demoOnce.err = store.Open(filepath.Join(demoOnce.dir, "d.db")); demoOnce.err != nil {
			return
		}
		cfg := demo.Default(end)
		cfg.NoMedia = true
		_, demoOnce.err = demo.Generate(context.Background(), demoOnce.st, nil, cfg)
	})
	if demoOnce.err != nil {
		t.Fatal(demoOnce.err)
	}
	o, err := Query{From: "2026-08", To: "2026-11"}.Options(end)
	if err != nil {
		t.Fatal(err)
	}
	return demoOnce.st, o
}

func behindTotal(t *testing.T, st *store.Store, o Options, measure, period, key string) int {
	t.Helper()
	b, err := BehindOf(context.Background(), st, o, measure, period, key, 0, MaxBehind)
	if err != nil {
		t.Fatalf("%s %s %s: %v", measure, period, key, err)
	}
	if len(b.Items) != min(b.Total, MaxBehind) {
		t.Errorf("%s %s %s: %d items on the first page of %d", measure, period, key, len(b.Items), b.Total)
	}
	for i := 1; i < len(b.Items); i++ {
		if b.Items[i].At > b.Items[i-1].At {
			t.Fatalf("%s %s: not newest first at %d", measure, period, i)
		}
	}
	return b.Total
}

// The list behind a figure has as many alerts as the figure counts, for
// each counting measure, its columns and breakdowns, in every period.
func TestBehind_ListsAsManyAsTheFigureCounts(t *testing.T) {
	st, o := demoStore(t)
	for _, by := range []string{"month", "week"} {
		o.By = by
		t.Run(by, func(t *testing.T) { listsAsManyAsTheFigure(t, st, o) })
	}
}

func listsAsManyAsTheFigure(t *testing.T, st *store.Store, o Options) {
	r, err := Build(context.Background(), st, o)
	if err != nil {
		t.Fatal(err)
	}
	// Each measure's list against the figure that counts the same things:
	// the value itself, or for a rate or median the column of what it rests on.
	counted := map[string]string{"red_alerts": "", "escalated_police": "", "incidents_per_1000": "Incidents (genuine or precautionary red alerts)",
		"answered_10s": "Answered", "hours_to_triage": "Triaged", "days_to_decision": "Decided", "riddor_in_time": "Reported"}
	nonZero := 0
	for id, col := range counted {
		m := measure(t, r, id)
		for i, p := range m.Points {
			want := p.Value
			if col != "" {
				want = column(t, m, col).Values[i]
			}
			got := behindTotal(t, st, o, id, p.Period, "")
			if want != Of(float64(got)) {
				t.Errorf("%s in %s: listed %d, figure %+v", id, p.Period, got, want)
			}
			nonZero += got
		}
	}
	if nonZero == 0 {
		t.Fatal("the demo listed nothing: the test proves nothing")
	}
	esc := measure(t, r, "escalated_police")
	for i, p := range esc.Points {
		for _, k := range []string{"none", "999", "other"} {
			c := column(t, esc, map[string]string{"none": "Not escalated", "999": "Police (999)", "other": "Other"}[k])
			if got := behindTotal(t, st, o, "escalated_police", p.Period, "escalation:"+k); c.Values[i] != Of(float64(got)) {
				t.Errorf("escalation %s in %s: listed %d, table %+v", k, p.Period, got, c.Values[i])
			}
		}
	}
	// Each team row's red alerts and incidents over the whole range.
	if len(r.Teams) == 0 {
		t.Fatal("the demo has no team rows")
	}
	for _, tr := range append(r.Teams, r.TeamsTotal) {
		key := "team:" + strconv.FormatInt(tr.TeamID, 10)
		if tr.Team == "All teams" {
			key = ""
		}
		if got := behindTotal(t, st, o, "red_alerts", "", key); tr.Red != Of(float64(got)) {
			t.Errorf("%s: listed %d red alerts, table %+v", tr.Team, got, tr.Red)
		}
		if got := behindTotal(t, st, o, "incidents_per_1000", "", key); tr.Incidents != Of(float64(got)) {
			t.Errorf("%s: listed %d incidents, table %+v", tr.Team, got, tr.Incidents)
		}
	}
}

func TestBehind_SharedListsNothing(t *testing.T) {
	st, o := demoStore(t)
	o.Shared = true
	b, err := BehindOf(context.Background(), st, o, "red_alerts", "2026-10", "", 0, 50)
	if err != nil || !b.Shared || b.Total != 0 || len(b.Items) != 0 {
		t.Errorf("shared: %+v, %v; want nothing listed", b, err)
	}
}

func TestBehind_RefusesWhatItCannotList(t *testing.T) {
	st, o := demoStore(t)
	for _, c := range []struct{ measure, period, key, field string }{
		{"sanction_rate", "2026-10", "", "measure"}, {"red_alerts", "2026-13", "", "period"},
		{"red_alerts", "2025-01", "", "period"}, {"red_alerts", "2026-10", "escalation:999", "key"},
		{"incidents_per_1000", "2026-10", "group:x", "key"},
	} {
		_, err := BehindOf(context.Background(), st, o, c.measure, c.period, c.key, 0, 10)
		var p *problem.Problem
		if !errors.As(err, &p) || p.Field != c.field {
			t.Errorf("%+v: %v, want a problem in %s", c, err, c.field)
		}
	}
}

func column(t *testing.T, m Measure, name string) Column {
	t.Helper()
	for _, c := range m.Columns {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("%s has no column %q", m.ID, name)
	return Column{}
}

// On a seeded store with every escalation and staff group the demo may lack,
// each breakdown cell lists as many alerts as its table shows.
func TestBehind_BreakdownCellsListAsManyAsTheTable(t *testing.T) {
	st := breakdownFixture(t, []redSpec{{0, "genuine", "999", 2}, {0, "genuine", "urn", 1}, {1, "precautionary", "contact", 2},
		{2, "false", "none", 4}, {2, "genuine", "101", 1}, {2, "test", "odd", 1}})
	o := window()
	r, err := Build(context.Background(), st, o)
	if err != nil {
		t.Fatal(err)
	}
	esc := measure(t, r, "escalated_police")
	i := len(esc.Points) - 2 // October
	if esc.Points[i].Period != "2026-10" {
		t.Fatalf("period %s, want 2026-10", esc.Points[i].Period)
	}
	if got := behindTotal(t, st, o, "escalated_police", "2026-10", ""); esc.Points[i].Value != Of(float64(got)) || got != 4 {
		t.Errorf("escalated to the police: listed %d, figure %+v", got, esc.Points[i].Value)
	}
	for k, name := range map[string]string{"none": "Not escalated", "contact": "Escalation contact", "101": "Police (101)",
		"999": "Police (999)", "urn": "Police reference (URN)", "other": "Other"} {
		if got := behindTotal(t, st, o, "escalated_police", "2026-10", "escalation:"+k); column(t, esc, name).Values[i] != Of(float64(got)) {
			t.Errorf("%s: listed %d, table %+v", name, got, column(t, esc, name).Values[i])
		}
	}
	inc := measure(t, r, "incidents_per_1000")
	sizes, _ := st.StaffGroupSizes(context.Background())
	checked := 0
	for _, g := range sizes {
		c := "Incidents: " + g.Name
		if g.ID == 0 {
			c = "Incidents: no staff group"
		}
		for _, col := range inc.Columns {
			if col.Name != c {
				continue
			}
			got := behindTotal(t, st, o, "incidents_per_1000", "2026-10", "group:"+strconv.FormatInt(g.ID, 10))
			if col.Values[i] != Of(float64(got)) {
				t.Errorf("%s: listed %d, table %+v", c, got, col.Values[i])
			}
			checked++
		}
	}
	if checked < 2 {
		t.Errorf("only %d staff groups checked", checked)
	}
}
