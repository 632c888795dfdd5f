package store_test

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"testing"

	"github.com/nhs-redline/redline/backend/geo/geofixture"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
)

func BenchmarkAlertsInBox_Region1M(b *testing.B) {
	s := geofixture.Open(b, 1_000_000)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		pts, err := s.AlertsInBox(ctx, geofixture.Region, store.AlertFilter{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(pts.Len()), "alerts")
	}
}

func BenchmarkAlertsInBox_Street1M(b *testing.B) {
	s := geofixture.Open(b, 1_000_000)
	ctx := context.Background()
	box := store.MapBox{South: 53.7950, West: -1.5560, North: 53.8045, East: -1.5425}
	b.ResetTimer()
	for b.Loop() {
		pts, err := s.AlertsInBox(ctx, box, store.AlertFilter{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(pts.Len()), "alerts")
	}
}

func BenchmarkScanMapRows1M(b *testing.B) {
	s := geofixture.Open(b, 1_000_000)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		if _, err := s.ScanMapRows(ctx, func(store.MapRow) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n), "alerts")
	}
}

// openTemp opens a fresh store on the pass's engine (storetest.Target).
func openTemp(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(storetest.Target(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func f64(v float64) *float64 { return &v }

func addAlerts(t *testing.T, s *store.Store, alerts ...store.NewAlert) []int64 {
	t.Helper()
	var ids []int64
	err := s.Write(context.Background(), func(w *store.Writer) error {
		team, err := w.Team("Leeds North", 0, "")
		if err != nil {
			return err
		}
		for _, a := range alerts {
			if a.TeamID == 0 {
				a.TeamID = team
			}
			id, err := w.Alert(a)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestAlertsInBox_ReturnsOnlyLocatedAlertsInsideTheBoxThatMatch(t *testing.T) {
	s := openTemp(t)
	ids := addAlerts(t, s,
		store.NewAlert{ARC: "t", ARCRef: "1", Type: "red", Validity: "genuine", RaisedAt: 100, Lat: f64(53.80), Lon: f64(-1.55)},
		store.NewAlert{ARC: "t", ARCRef: "2", Type: "amber", RaisedAt: 200, Lat: f64(53.80), Lon: f64(-1.55)},
		store.NewAlert{ARC: "t", ARCRef: "3", Type: "red", Validity: "false", RaisedAt: 300, Lat: f64(51.50), Lon: f64(-0.12)},
		store.NewAlert{ARC: "t", ARCRef: "4", Type: "red", Validity: "weird", RaisedAt: 400, Lat: f64(53.90), Lon: f64(-1.20)},
		store.NewAlert{ARC: "t", ARCRef: "5", Type: "red", RaisedAt: 500}, // no location
	)
	ctx := context.Background()
	box := store.MapBox{South: 53.5, West: -2.2, North: 54.0, East: -1.15}
	got, err := s.AlertsInBox(ctx, box, store.AlertFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.IDs, []int64{ids[0], ids[1], ids[3]}) {
		t.Fatalf("ids %v", got.IDs)
	}
	if !got.Red[0] || got.Red[1] || store.ValidityNames[got.Validity[0]] != "genuine" || store.ValidityNames[got.Validity[2]] != "other" {
		t.Errorf("codes red=%v validity=%v", got.Red, got.Validity)
	}
	red, err := s.AlertsInBox(ctx, box, store.AlertFilter{Types: []string{"red"}, From: 150})
	if err != nil || !slices.Equal(red.IDs, []int64{ids[3]}) {
		t.Errorf("filtered ids %v, %v", red.IDs, err)
	}
	if _, err := s.AlertsInBox(ctx, store.MapBox{South: 54, North: 53}, store.AlertFilter{}); err == nil {
		t.Error("an upside-down box should be refused")
	}
}

func TestGeoVersion_MovesOnInsertUpdateAndDeleteOfMapFields(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	v0, err := s.GeoVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := addAlerts(t, s, store.NewAlert{ARC: "t", ARCRef: "1", Type: "red", RaisedAt: 100, Lat: f64(53.8), Lon: f64(-1.5)})
	v1, _ := s.GeoVersion(ctx)
	if v1 <= v0 {
		t.Fatalf("insert did not move the version (%d -> %d)", v0, v1)
	}
	exec := func(q string) int64 {
		t.Helper()
		if err := s.Tx(ctx, func(tx *sql.Tx) error { _, err := tx.ExecContext(ctx, q, ids[0]); return err }); err != nil {
			t.Fatal(err)
		}
		v, _ := s.GeoVersion(ctx)
		return v
	}
	if v := exec(`UPDATE alerts SET operator = 'someone' WHERE id = ?`); v != v1 {
		t.Errorf("an update the map does not show moved the version")
	}
	v2 := exec(`UPDATE alerts SET validity = 'genuine' WHERE id = ?`)
	if v2 <= v1 {
		t.Errorf("re-categorising did not move the version")
	}
	if v3 := exec(`DELETE FROM alerts WHERE id = ?`); v3 <= v2 {
		t.Errorf("delete did not move the version")
	}
}

func TestScanMapRows_ReadsEveryLocatedAlert(t *testing.T) {
	s := openTemp(t)
	addAlerts(t, s,
		store.NewAlert{ARC: "t", ARCRef: "1", Type: "red", Validity: "precautionary", Escalation: "999", RaisedAt: 100, Lat: f64(53.8), Lon: f64(-1.5)},
		store.NewAlert{ARC: "t", ARCRef: "2", Type: "amber", RaisedAt: 200})
	var rows []store.MapRow
	if _, err := s.ScanMapRows(context.Background(), func(r store.MapRow) error { rows = append(rows, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || !rows[0].Red || store.ValidityNames[rows[0].Validity] != "precautionary" ||
		store.EscalationNames[rows[0].Escalation] != "999" || rows[0].TeamID == 0 || rows[0].RaisedAt != 100 {
		t.Fatalf("rows %+v", rows)
	}
}

func TestRedAlertsWithValidity_OnlyLocatedRedAlertsOfThoseClosures(t *testing.T) {
	s := openTemp(t)
	ids := addAlerts(t, s,
		store.NewAlert{ARC: "t", ARCRef: "1", Type: "red", Validity: "genuine", RaisedAt: 100, Lat: f64(53.8), Lon: f64(-1.5)},
		store.NewAlert{ARC: "t", ARCRef: "2", Type: "red", Validity: "false", RaisedAt: 100, Lat: f64(53.8), Lon: f64(-1.5)},
		store.NewAlert{ARC: "t", ARCRef: "3", Type: "amber", Validity: "genuine", RaisedAt: 100, Lat: f64(53.8), Lon: f64(-1.5)},
		store.NewAlert{ARC: "t", ARCRef: "4", Type: "red", Validity: "precautionary", RaisedAt: 900, Lat: f64(53.8), Lon: f64(-1.5)},
		store.NewAlert{ARC: "t", ARCRef: "5", Type: "red", Validity: "genuine", RaisedAt: 100})
	got, err := s.RedAlertsWithValidity(context.Background(), 0, 500, []string{"genuine", "precautionary"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != ids[0] || got[0].TeamName != "Leeds North" {
		t.Fatalf("got %+v", got)
	}
}

func TestKnownRisks_AddUpdateListReviewDelete(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	past, future := int64(1_600_000_000), int64(4_000_000_000)
	id, err := s.AddKnownRisk(ctx, store.KnownRiskLocation{Label: "12 Example Street, Leeds LS1", Lat: 53.8, Lon: -1.55,
		RadiusM: 100, Reason: "Dog; aggressive relative", AddedBy: "LSMS", ReviewDate: &past, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	id2, err := s.AddKnownRisk(ctx, store.KnownRiskLocation{Label: "Block B, Bradford", Lat: 53.79, Lon: -1.76, RadiusM: 50, ReviewDate: &future, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	due, err := s.KnownRisksDueForReview(ctx, 1_700_000_000)
	if err != nil || len(due) != 1 || due[0].ID != id || due[0].Reason != "Dog; aggressive relative" || due[0].AddedAt == 0 {
		t.Fatalf("due %+v %v", due, err)
	}
	k, _ := s.KnownRisk(ctx, id)
	k.Active = false
	if err := s.UpdateKnownRisk(ctx, k); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.KnownRisksDueForReview(ctx, 1_700_000_000); len(due) != 0 {
		t.Errorf("a retired entry is still due for review: %+v", due)
	}
	active, _ := s.KnownRisks(ctx, true)
	all, _ := s.KnownRisks(ctx, false)
	if len(active) != 1 || active[0].ID != id2 || len(all) != 2 {
		t.Errorf("active %d all %d", len(active), len(all))
	}
	if err := s.DeleteKnownRisk(ctx, id2); err != nil {
		t.Fatal(err)
	}
	if _, err := s.KnownRisk(ctx, id2); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleted entry still found: %v", err)
	}
	if err := s.UpdateKnownRisk(ctx, store.KnownRiskLocation{ID: 999, Label: "x", Lat: 53, Lon: -1, RadiusM: 5}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("update of a missing entry: %v", err)
	}
}

func TestKnownRisks_RefusesEntriesThatAreNotPlaces(t *testing.T) {
	s := openTemp(t)
	bad := []store.KnownRiskLocation{
		{Label: "", Lat: 53.8, Lon: -1.5, RadiusM: 100},
		{Label: "Nowhere", Lat: 0, Lon: 0, RadiusM: 100},
		{Label: "Off the globe", Lat: 95, Lon: -1.5, RadiusM: 100},
		{Label: "No radius", Lat: 53.8, Lon: -1.5, RadiusM: 0},
	}
	for _, k := range bad {
		if _, err := s.AddKnownRisk(context.Background(), k); err == nil {
			t.Errorf("%+v should be refused", k)
		}
	}
}
