package trends

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

func at(y int, m time.Month, d, h int) int64 {
	return time.Date(y, m, d, h, 0, 0, 0, store.London).Unix()
}

// fixture: two teams; October has 10 red alerts in team A (4 false, 3 genuine,
// 3 test) and one amber from one of three workers; November has 2 red in team B.
func fixture(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	err = st.Write(context.Background(), func(w *store.Writer) error {
		g, _ := w.StaffGroup("District nurses")
		a, _ := w.Team("A", g, "")
		b, _ := w.Team("B", g, "")
		w1, _ := w.Worker(store.Worker{Ref: "1", Name: "One", TeamID: a})
		w.Worker(store.Worker{Ref: "2", Name: "Two", TeamID: a})
		w3, _ := w.Worker(store.Worker{Ref: "3", Name: "Three", TeamID: b})
		validity := []string{"false", "false", "false", "false", "genuine", "genuine", "genuine", "test", "test", "test"}
		for i, v := range validity {
			raised := at(2026, 10, 1+i, 10)
			ans := raised + int64(5*i) // 0,5,...,45 s
			if _, err := w.Alert(store.NewAlert{ARC: "X", ARCRef: fmt.Sprint("R", i), Type: "red", WorkerID: w1, TeamID: a,
				RaisedAt: raised, AnsweredAt: &ans, Validity: v}); err != nil {
				return err
			}
		}
		w.Alert(store.NewAlert{ARC: "X", ARCRef: "A1", Type: "amber", WorkerID: w1, TeamID: a, RaisedAt: at(2026, 10, 20, 9)})
		for i := 0; i < 2; i++ {
			w.Alert(store.NewAlert{ARC: "X", ARCRef: fmt.Sprint("N", i), Type: "red", WorkerID: w3, TeamID: b,
				RaisedAt: at(2026, 11, 2+i, 10), Validity: "precautionary"})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func window() Options {
	return Options{From: time.Date(2026, 9, 1, 0, 0, 0, 0, store.London), To: time.Date(2026, 12, 1, 0, 0, 0, 0, store.London),
		Now: time.Date(2026, 12, 5, 12, 0, 0, 0, store.London)}
}

func measure(t *testing.T, r Report, id string) Measure {
	t.Helper()
	for _, m := range r.Measures {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("no measure %s", id)
	return Measure{}
}

func TestBuild_MonthlyMeasuresFromTheRollup(t *testing.T) {
	r, err := Build(context.Background(), fixture(t), window())
	if err != nil {
		t.Fatal(err)
	}
	red := measure(t, r, "red_alerts")
	// September has no data and comes before the first: not shown as a zero.
	if len(red.Points) != 2 || red.Points[0].Period != "2026-10" || red.Points[0].Value != Of(10) || red.Points[1].Value != Of(2) {
		t.Fatalf("red alerts %+v", red.Points)
	}
	if red.Columns[0].Name != "Amber alerts" || red.Columns[0].Values[0] != Of(1) || red.Columns[1].Values[0] != Of(3) {
		t.Errorf("columns %+v", red.Columns)
	}
	if v := measure(t, r, "false_alarm_rate").Points[0].Value; v != Of(40) {
		t.Errorf("false-alarm rate %+v, want 40%%", v)
	}
	// Answer delays 0..45 s in 5 s steps: 3 within 10 s, 9 within 40 s.
	if a, b := measure(t, r, "answered_10s").Points[0].Value, measure(t, r, "answered_40s").Points[0].Value; a != Of(30) || b != Of(90) {
		t.Errorf("answer times %+v %+v, want 30%% and 90%%", a, b)
	}
	if v := measure(t, r, "no_amber").Columns[0].Values[0]; v != Of(2) {
		t.Errorf("lone workers with no amber alert in October %+v, want 2", v)
	}
	// Team B: 2 incidents over 1 worker = 2,000 per 1,000 staff; team A: 3 over 2.
	if r.Teams[0].Team != "B" || r.Teams[0].PerThousand != Of(2000) || r.Teams[1].PerThousand != Of(1500) || r.TeamsTotal.Incidents != Of(5) {
		t.Errorf("teams %+v total %+v", r.Teams, r.TeamsTotal)
	}
	if red.Commentary == "" || red.Mean == nil || red.UpperLimit != nil {
		t.Errorf("two months: a mean, no limits, and a sentence: %+v", red)
	}
}

func TestBuild_SharedHidesOneToSevenAndRoundsToFive(t *testing.T) {
	o := window()
	o.Shared = true
	r, err := Build(context.Background(), fixture(t), o)
	if err != nil {
		t.Fatal(err)
	}
	red := measure(t, r, "red_alerts")
	if red.Points[0].Value != Of(10) || !red.Points[1].Value.Suppressed {
		t.Errorf("10 shown, 2 hidden: %+v", red.Points)
	}
	// October's validities: 3 genuine, 4 false, 3 test all hidden; zeros shown.
	for j, want := range []Value{{Suppressed: true}, {Suppressed: true}, Of(0), {Suppressed: true}, {Suppressed: true}, Of(0), Of(0)} {
		if got := red.Columns[j].Values[0]; got != want {
			t.Errorf("%s in October: %+v, want %+v", red.Columns[j].Name, got, want)
		}
	}
	if !measure(t, r, "false_alarm_rate").Points[0].Value.Suppressed {
		t.Error("a rate over a hidden numerator must be hidden too")
	}
	if r.Notice == "" || red.UpperLimit != nil || red.Mean != nil {
		t.Errorf("notice %q; limits over hidden points %+v", r.Notice, red)
	}
	b, _ := json.Marshal(red.Points[1])
	if !strings.Contains(string(b), `"value":{"suppressed":true}`) || strings.Contains(string(b), `"value":2`) {
		t.Errorf("JSON of a hidden count: %s", b)
	}
}

func TestSuppress_RoundsAndHides(t *testing.T) {
	for n, want := range map[int]Value{0: Of(0), 1: {Suppressed: true}, 7: {Suppressed: true}, 8: Of(10), 12: Of(10), 13: Of(15), 102: Of(100)} {
		if got := Suppress(n); got != want {
			t.Errorf("Suppress(%d) = %+v, want %+v", n, got, want)
		}
	}
}

func TestSecondarySuppress_HidesASecondCellWhenTheTotalWouldReveal(t *testing.T) {
	exact := []int{3, 20, 40, 0}
	cells := []Value{Suppress(3), Suppress(20), Suppress(40), Suppress(0)}
	total := Suppress(63)
	ptrs := []*Value{&cells[0], &cells[1], &cells[2], &cells[3]}
	SecondarySuppress(ptrs, exact, &total)
	if !cells[1].Suppressed || cells[2].Suppressed || cells[3] != Of(0) || total != Of(65) {
		t.Errorf("the smallest other non-zero cell should be hidden: %+v total %+v", cells, total)
	}
	// Two hidden already: nothing more to hide.
	exact = []int{3, 5, 40}
	cells = []Value{Suppress(3), Suppress(5), Suppress(40)}
	total = Suppress(48)
	SecondarySuppress([]*Value{&cells[0], &cells[1], &cells[2]}, exact, &total)
	if cells[2] != Of(40) || total != Of(50) {
		t.Errorf("%+v %+v", cells, total)
	}
	// One hidden and no other non-zero cell: the total goes.
	exact = []int{3, 0}
	cells = []Value{Suppress(3), Suppress(0)}
	total = Of(3)
	SecondarySuppress([]*Value{&cells[0], &cells[1]}, exact, &total)
	if !total.Suppressed {
		t.Errorf("total %+v", total)
	}
}

func TestBuild_EmptyDatabaseHasNoPeriods(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r, err := Build(context.Background(), st, window())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range r.Measures {
		if len(m.Points) != 0 || m.Commentary != "No data yet." {
			t.Errorf("%s on an empty database: %+v", m.ID, m)
		}
	}
	b, _ := json.Marshal(r)
	if strings.Contains(string(b), "null,") && strings.Contains(string(b), `"points":null`) {
		t.Errorf("lists must be empty lists, not null: %s", b)
	}
}

func TestBuild_WeeksMarkPartPeriods(t *testing.T) {
	o := window()
	o.By = "week"
	o.From = time.Date(2026, 10, 1, 0, 0, 0, 0, store.London)
	o.Now = time.Date(2026, 11, 4, 12, 0, 0, 0, store.London) // a Wednesday
	r, err := Build(context.Background(), fixture(t), o)
	if err != nil {
		t.Fatal(err)
	}
	pts := measure(t, r, "red_alerts").Points
	// From October: the week holding 1 October (Monday 28 September) is only partly in range.
	if pts[0].Period != "2026-09-28" || !pts[0].Part || pts[1].Part {
		t.Errorf("first weeks %+v", pts[:2])
	}
	last := pts[len(pts)-1]
	if last.Period != "2026-11-02" || !last.Part || last.Type != "" {
		t.Errorf("the week not yet over is a part period, not analysed: %+v", last)
	}
	total := 0.0
	for _, p := range pts {
		total += p.Value.V
	}
	if total != 12 {
		t.Errorf("weekly red alerts add to %v, want 12", total)
	}
}
