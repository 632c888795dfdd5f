package geo

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

// fakeSource serves fixed rows as if from the store.
type fakeSource struct {
	version int64
	rows    []store.MapRow
}

func (f *fakeSource) GeoVersion(context.Context) (int64, error) { return f.version, nil }
func (f *fakeSource) ScanMapRows(_ context.Context, fn func(store.MapRow) error) (int64, error) {
	for _, r := range f.rows {
		if err := fn(r); err != nil {
			return 0, err
		}
	}
	return f.version, nil
}

// scatter puts n alerts within about spreadDeg of a centre; every third is red.
func scatter(r *rand.Rand, firstID int64, n int, lat, lon, spreadDeg float64) []store.MapRow {
	out := make([]store.MapRow, n)
	for i := range out {
		out[i] = store.MapRow{ID: firstID + int64(i), Lat: lat + (r.Float64()-0.5)*spreadDeg,
			Lon: lon + (r.Float64()-0.5)*spreadDeg, RaisedAt: 1700000000 + int64(i)*60, TeamID: int64(1 + i%3),
			Red: i%3 == 0, Validity: uint8(i % 3)}
	}
	return out
}

func loaded(t *testing.T, rows []store.MapRow) *Index {
	t.Helper()
	x := NewIndex(&fakeSource{version: 1, rows: rows})
	if _, err := x.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	return x
}

var yorkshire = store.MapBox{South: 53.5, West: -2.2, North: 54.0, East: -1.15}

func TestView_TwoTownsAreTwoClustersAtRegionZoom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	rows := append(scatter(r, 1, 3000, 53.7997, -1.5492, 0.01), scatter(r, 5001, 2000, 53.7960, -1.7594, 0.01)...)
	x := loaded(t, rows)
	v, err := x.View(ViewRequest{Box: yorkshire, Zoom: 9}, ViewOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if v.Points != nil || len(v.Clusters) != 2 {
		t.Fatalf("want 2 clusters (Leeds, Bradford), got %d clusters, points %v", len(v.Clusters), v.Points != nil)
	}
	leeds, bradford := v.Clusters[0], v.Clusters[1]
	if leeds.Count != 3000 || bradford.Count != 2000 {
		t.Errorf("counts %d and %d, want 3000 and 2000", leeds.Count, bradford.Count)
	}
	if d := DistanceM(Pt(leeds.Lat, leeds.Lon), Pt(53.7997, -1.5492)); d > 300 {
		t.Errorf("Leeds cluster centre is %.0f m from Leeds", d)
	}
	if leeds.Red != 1000 || leeds.Amber != 2000 {
		t.Errorf("Leeds red/amber = %d/%d, want 1000/2000", leeds.Red, leeds.Amber)
	}
	if !(leeds.Bounds.South < 53.7997 && leeds.Bounds.North > 53.7997 && leeds.Bounds.West < -1.5492 && leeds.Bounds.East > -1.5492) {
		t.Errorf("Leeds cluster bounds %+v do not contain Leeds", leeds.Bounds)
	}
}

func TestView_ClustersCountEveryAlertInViewOnce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var rows []store.MapRow
	for i := 0; i < 20000; i++ {
		rows = append(rows, store.MapRow{ID: int64(i + 1), Lat: 53.5 + r.Float64()*0.5, Lon: -2.2 + r.Float64()*1.05, Red: r.IntN(2) == 0})
	}
	x := loaded(t, rows)
	for _, z := range []float64{6, 9, 11, 13} {
		v, err := x.View(ViewRequest{Box: yorkshire, Zoom: z}, ViewOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sum, red := 0, 0
		for _, c := range v.Clusters {
			sum += c.Count
			red += c.Red
			if c.Amber+c.Red != c.Count {
				t.Errorf("zoom %g: cluster amber %d + red %d != count %d", z, c.Amber, c.Red, c.Count)
			}
		}
		if sum != 20000 || v.Total != 20000 {
			t.Errorf("zoom %g: clusters hold %d alerts, total %d, want 20000", z, sum, v.Total)
		}
		if z > 6 && len(v.Clusters) < 2 {
			t.Errorf("zoom %g: only %d clusters for alerts spread over a county", z, len(v.Clusters))
		}
	}
}

func TestView_FewAlertsInViewComeBackAsPoints(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	x := loaded(t, scatter(r, 1, 5000, 53.7997, -1.5492, 0.05))
	box := store.MapBox{South: 53.795, West: -1.555, North: 53.800, East: -1.545}
	v, err := x.View(ViewRequest{Box: box, Zoom: 16}, ViewOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if v.Points == nil || v.Clusters != nil {
		t.Fatalf("want single markers in a street view, got %d clusters", len(v.Clusters))
	}
	if v.Points.Len() == 0 || v.Points.Len() != v.Total {
		t.Fatalf("points %d, total %d", v.Points.Len(), v.Total)
	}
	for i := range v.Points.IDs {
		lat, lon := v.Points.Lat[i], v.Points.Lon[i]
		if lat < box.South || lat > box.North || lon < box.West || lon > box.East {
			t.Errorf("alert %d at %g,%g is outside the view", v.Points.IDs[i], lat, lon)
		}
	}
	// Points come back at the stored coordinates (the Mercator round trip is exact enough).
	want := map[int64][2]float64{}
	for _, row := range scatter(rand.New(rand.NewPCG(5, 6)), 1, 5000, 53.7997, -1.5492, 0.05) {
		want[row.ID] = [2]float64{row.Lat, row.Lon}
	}
	for i, id := range v.Points.IDs {
		w := want[id]
		if d := DistanceM(Pt(w[0], w[1]), Pt(v.Points.Lat[i], v.Points.Lon[i])); d > 0.001 {
			t.Errorf("alert %d moved %.6f m", id, d)
		}
	}
}

func TestView_FiltersByTypeValidityTeamAndDate(t *testing.T) {
	rows := []store.MapRow{
		{ID: 1, Lat: 53.8, Lon: -1.55, RaisedAt: 100, TeamID: 1, Red: true, Validity: 1},                // red genuine team 1
		{ID: 2, Lat: 53.8, Lon: -1.55, RaisedAt: 200, TeamID: 2, Red: true, Validity: 3},                // red false team 2
		{ID: 3, Lat: 53.8, Lon: -1.55, RaisedAt: 300, TeamID: 1, Red: false, Validity: 0},               // amber
		{ID: 4, Lat: 53.8, Lon: -1.55, RaisedAt: 400, TeamID: 1, Red: true, Validity: 1, Escalation: 3}, // red genuine 999
		{ID: 5, Lat: 51.5, Lon: -0.12, RaisedAt: 100, TeamID: 1, Red: true, Validity: 1},                // London: outside view
	}
	x := loaded(t, rows)
	cases := []struct {
		name string
		f    store.AlertFilter
		want []int64
	}{
		{"no filter", store.AlertFilter{}, []int64{1, 2, 3, 4}},
		{"red only", store.AlertFilter{Types: []string{"red"}}, []int64{1, 2, 4}},
		{"genuine", store.AlertFilter{Validity: []string{"genuine"}}, []int64{1, 4}},
		{"escalated to 999", store.AlertFilter{Escalated: []string{"999"}}, []int64{4}},
		{"team 2", store.AlertFilter{TeamIDs: []int64{2}}, []int64{2}},
		{"from 200 to before 400", store.AlertFilter{From: 200, To: 400}, []int64{2, 3}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := x.View(ViewRequest{Box: yorkshire, Zoom: 12, Filter: c.f}, ViewOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if v.Points == nil || len(v.Points.IDs) != len(c.want) {
				t.Fatalf("got %+v, want ids %v", v.Points, c.want)
			}
			for i, id := range c.want {
				if v.Points.IDs[i] != id {
					t.Errorf("ids %v, want %v", v.Points.IDs, c.want)
					break
				}
			}
		})
	}
}

func TestView_RejectsWhatItCannotAnswer(t *testing.T) {
	x := NewIndex(&fakeSource{})
	if _, err := x.View(ViewRequest{Box: yorkshire, Zoom: 10}, ViewOptions{}); err == nil {
		t.Error("a view before the index has loaded should say so")
	}
	x = loaded(t, nil)
	bad := []ViewRequest{
		{Box: store.MapBox{South: 54, North: 53, West: -2, East: -1}, Zoom: 10},
		{Box: yorkshire, Zoom: 10, Filter: store.AlertFilter{Types: []string{"purple"}}},
		{Box: yorkshire, Zoom: 10, Filter: store.AlertFilter{Validity: []string{"maybe"}}},
		{Box: yorkshire, Zoom: 10, Filter: store.AlertFilter{Text: "smith"}},
	}
	for _, req := range bad {
		if _, err := x.View(req, ViewOptions{}); err == nil {
			t.Errorf("request %+v should be refused", req)
		}
	}
}

func TestHeat_WeightsAreRelativeToBusiestCell(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	rows := append(scatter(r, 1, 900, 53.7997, -1.5492, 0.001), scatter(r, 2001, 100, 53.6833, -1.4977, 0.001)...)
	x := loaded(t, rows)
	cells, err := x.Heat(ViewRequest{Box: yorkshire, Zoom: 10}, 16)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, c := range cells {
		total += c.Count
	}
	if total != 1000 || cells[0].Weight != 1 || cells[0].Count < 800 {
		t.Fatalf("cells %+v", cells)
	}
	if last := cells[len(cells)-1]; last.Weight >= 0.2 {
		t.Errorf("Wakefield cell weight %g should be small next to Leeds", last.Weight)
	}
}

func TestIndex_RefreshOnlyWhenVersionMoves(t *testing.T) {
	src := &fakeSource{version: 7, rows: []store.MapRow{{ID: 1, Lat: 53.8, Lon: -1.5}}}
	x := NewIndex(src)
	ctx := context.Background()
	if did, err := x.Refresh(ctx); err != nil || !did {
		t.Fatalf("first refresh: %v %v", did, err)
	}
	src.rows = append(src.rows, store.MapRow{ID: 2, Lat: 53.8, Lon: -1.5})
	if did, _ := x.Refresh(ctx); did || x.Len() != 1 {
		t.Fatalf("refresh without a version change reloaded (len %d)", x.Len())
	}
	src.version++
	if did, _ := x.Refresh(ctx); !did || x.Len() != 2 {
		t.Fatalf("refresh after a change did not reload (len %d)", x.Len())
	}
}
