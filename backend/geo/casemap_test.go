package geo

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

func f64(v float64) *float64 { return &v }

func TestRiskMatcher_FlagsAlertsInsideARadius(t *testing.T) {
	house := Pt(53.8000, -1.5500)
	locs := []store.KnownRiskLocation{
		{ID: 1, Label: "12 Example Street", Lat: house[1], Lon: house[0], RadiusM: 100, Active: true},
		{ID: 2, Label: "Retired entry", Lat: house[1], Lon: house[0], RadiusM: 5000, Active: false},
		{ID: 3, Label: "Estate office", Lat: 53.8010, Lon: -1.5500, RadiusM: 300, Active: true},
	}
	m := NewRiskMatcher(locs)
	near := destination(house, 90, 95)   // 95 m east of the house: inside both active circles
	mid := destination(house, 270, 150)  // 150 m west: only the estate office (about 190 m away)
	far := destination(house, 180, 2000) // 2 km south: nothing active
	alerts := []store.Alert{
		{ID: 10, Lat: &near[1], Lon: &near[0]},
		{ID: 11, Lat: &mid[1], Lon: &mid[0]},
		{ID: 12, Lat: &far[1], Lon: &far[0]},
		{ID: 13},
	}
	flags := m.FlagAlerts(alerts)
	if len(flags) != 2 {
		t.Fatalf("flags %+v", flags)
	}
	if f := flags[10]; len(f) != 2 || f[0].LocationID != 1 || f[1].LocationID != 3 {
		t.Errorf("alert 10 flags %+v, want house then estate office", f)
	}
	if f := flags[11]; len(f) != 1 || f[0].LocationID != 3 {
		t.Errorf("alert 11 flags %+v, want estate office only", f)
	}
	pts := &store.MapPoints{IDs: []int64{10, 12}, Lat: []float64{near[1], far[1]}, Lon: []float64{near[0], far[0]}}
	if pf := m.FlagPoints(pts); len(pf) != 1 || len(pf[10]) != 2 {
		t.Errorf("map flags %+v", pf)
	}
}

// caseStore builds one worker's day: two amber alerts, a red alert with a trail,
// an amber on the next UK day, and known-risk locations near and far.
func caseStore(t *testing.T) (*store.Store, int64, []int64) {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	// 30 March 2025 is the day the clocks went forward: the UK day is 23 hours long.
	at := func(h, m int) int64 { return time.Date(2025, 3, 30, h, m, 0, 0, store.London).Unix() }
	redLat, redLon := 53.7997, -1.5492
	amberPt := destination(Pt(redLat, redLon), 0, 1200)
	var redID int64
	var ambers []int64
	err = s.Write(ctx, func(w *store.Writer) error {
		team, _ := w.Team("Leeds North", 0, "")
		wk, err := w.Worker(store.Worker{Ref: "W1", Name: "Sam Carter", TeamID: team})
		if err != nil {
			return err
		}
		other, _ := w.Worker(store.Worker{Ref: "W2", Name: "Other Person", TeamID: team})
		add := func(a store.NewAlert) int64 {
			a.ARC, a.TeamID = "t", team
			id, e := w.Alert(a)
			if e != nil {
				err = e
			}
			return id
		}
		ambers = append(ambers, add(store.NewAlert{ARCRef: "A1", Type: "amber", WorkerID: wk, RaisedAt: at(0, 30), Lat: f64(53.9), Lon: f64(-1.6)}))
		ambers = append(ambers, add(store.NewAlert{ARCRef: "A2", Type: "amber", WorkerID: wk, RaisedAt: at(14, 0), Lat: &amberPt[1], Lon: &amberPt[0]}))
		redID = add(store.NewAlert{ARCRef: "R1", Type: "red", WorkerID: wk, RaisedAt: at(14, 45), Validity: "genuine", Lat: &redLat, Lon: &redLon})
		ambers = append(ambers, add(store.NewAlert{ARCRef: "A3", Type: "amber", WorkerID: wk, RaisedAt: at(16, 0), Lat: f64(53.8), Lon: f64(-1.5)}))
		add(store.NewAlert{ARCRef: "A4", Type: "amber", WorkerID: wk, RaisedAt: at(23, 59) + 120, Lat: f64(53.8), Lon: f64(-1.5)}) // next day
		add(store.NewAlert{ARCRef: "B1", Type: "amber", WorkerID: other, RaisedAt: at(14, 0), Lat: f64(53.8), Lon: f64(-1.5)})
		for i, src := range []string{"cell", "gps", "wifi"} { // inserted out of time order on purpose
			p := destination(Pt(redLat, redLon), 90, float64(100*(2-i)))
			if e := w.Position(store.Position{AlertID: redID, FixAt: at(14, 45) + int64(60*(2-i)), Lat: p[1], Lon: p[0], AccuracyM: float64(10 + 500*(1-i%2)), Source: src}); e != nil {
				return e
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	near := destination(Pt(redLat, redLon), 45, 300)
	review := at(0, 0)
	for _, k := range []store.KnownRiskLocation{
		{Label: "Flat 3, Near House", Lat: near[1], Lon: near[0], RadiusM: 50, Active: true, ReviewDate: &review},
		{Label: "Far Farm", Lat: 54.2, Lon: -1.0, RadiusM: 50, Active: true},
	} {
		if _, err := s.AddKnownRisk(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	return s, redID, ambers
}

func TestBuildCaseMap_TellsTheStoryOfOneRedAlert(t *testing.T) {
	s, redID, ambers := caseStore(t)
	cm, err := BuildCaseMap(context.Background(), s, redID, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if cm.Day != "2025-03-30" {
		t.Errorf("day %q", cm.Day)
	}
	if len(cm.Trail) != 3 || cm.Trail[0].Source != "wifi" || cm.Trail[2].Source != "cell" {
		t.Fatalf("trail not in time order: %+v", cm.Trail)
	}
	if cm.Trail[0].StepM != 0 || cm.Trail[1].StepS != 60 || cm.Trail[1].StepM < 99 || cm.Trail[1].StepM > 101 {
		t.Errorf("trail steps %+v", cm.Trail)
	}
	if len(cm.Ambers) != 3 || cm.Ambers[0].ID != ambers[0] || cm.Ambers[2].ID != ambers[2] {
		t.Errorf("ambers %v, want the worker's three of that UK day", len(cm.Ambers))
	}
	if cm.LastAmber == nil || cm.LastAmber.AmberID != ambers[1] || cm.LastAmber.Seconds != 45*60 ||
		cm.LastAmber.DistanceM < 1199 || cm.LastAmber.DistanceM > 1201 {
		t.Errorf("last amber gap %+v, want amber A2, 45 min, 1200 m", cm.LastAmber)
	}
	if len(cm.KnownRisks) != 1 || cm.KnownRisks[0].Location.Label != "Flat 3, Near House" || cm.KnownRisks[0].Inside {
		t.Errorf("known risks %+v", cm.KnownRisks)
	}
	if cm.Bounds == nil || cm.Bounds.North < 53.9 {
		t.Errorf("bounds %+v should take in the morning amber at 53.9", cm.Bounds)
	}
}

func TestBuildCaseMap_RefusesAnAmberAlert(t *testing.T) {
	s, _, ambers := caseStore(t)
	if _, err := BuildCaseMap(context.Background(), s, ambers[0], 1000); err == nil {
		t.Error("an amber alert has no case map")
	}
	if _, err := BuildCaseMap(context.Background(), s, 99999, 1000); err == nil {
		t.Error("a missing alert should be an error")
	}
}
