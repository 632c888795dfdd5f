package geo

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

type plant struct {
	lat, lon float64
	n        int
	team     int64
}

// planted builds hotspots of tightly grouped alerts (within about 80 m) and
// noise spread thinly over West Yorkshire.
func planted(r *rand.Rand, plants []plant, noise int) (alerts []store.HotspotAlert, groups [][]int64, noiseIDs []int64) {
	id := int64(1)
	for _, p := range plants {
		var g []int64
		for i := 0; i < p.n; i++ {
			pt := destination(Pt(p.lat, p.lon), r.Float64()*360, r.Float64()*80)
			alerts = append(alerts, store.HotspotAlert{ID: id, Lat: pt[1], Lon: pt[0], RaisedAt: 1_700_000_000 + id*86400,
				TeamID: p.team, TeamName: map[int64]string{1: "Leeds North", 2: "Bradford Crisis"}[p.team]})
			g = append(g, id)
			id++
		}
		groups = append(groups, g)
	}
	for i := 0; i < noise; i++ {
		alerts = append(alerts, store.HotspotAlert{ID: id, Lat: 53.5 + r.Float64()*0.5, Lon: -2.2 + r.Float64()*1.05, RaisedAt: 1_700_000_000})
		noiseIDs = append(noiseIDs, id)
		id++
	}
	r.Shuffle(len(alerts), func(i, j int) { alerts[i], alerts[j] = alerts[j], alerts[i] })
	return alerts, groups, noiseIDs
}

func TestHotspots_FindsPlantedHotspotsAndIgnoresNoise(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	plants := []plant{
		{53.7997, -1.5492, 8, 1}, // Leeds city centre
		{53.7960, -1.7594, 5, 2}, // Bradford city centre
		{53.6833, -1.4977, 3, 1}, // Wakefield: exactly MinPts
	}
	alerts, groups, noiseIDs := planted(r, plants, 300)
	hs, err := Hotspots(alerts, DefaultHotspotParams)
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 3 {
		t.Fatalf("found %d hotspots, want 3: %+v", len(hs), hs)
	}
	for i, h := range hs { // sorted busiest first, like the plants
		if !slices.Equal(h.AlertIDs, groups[i]) {
			t.Errorf("hotspot %d holds %v, want %v", i, h.AlertIDs, groups[i])
		}
		if d := DistanceM(Pt(h.Lat, h.Lon), Pt(plants[i].lat, plants[i].lon)); d > 80 {
			t.Errorf("hotspot %d centre is %.0f m from the planted place", i, d)
		}
		if h.RadiusM <= 0 || h.RadiusM > 160 {
			t.Errorf("hotspot %d radius %.0f m", i, h.RadiusM)
		}
		if len(h.Teams) != 1 || h.Teams[0].TeamID != plants[i].team || h.Teams[0].Count != plants[i].n {
			t.Errorf("hotspot %d teams %+v", i, h.Teams)
		}
		if h.First != 1_700_000_000+groups[i][0]*86400 || h.Last != 1_700_000_000+groups[i][len(groups[i])-1]*86400 {
			t.Errorf("hotspot %d dates %d..%d", i, h.First, h.Last)
		}
		for _, id := range h.AlertIDs {
			if slices.Contains(noiseIDs, id) {
				t.Errorf("noise alert %d joined hotspot %d", id, i)
			}
		}
	}
	if hs[0].Key != "hotspot:1" {
		t.Errorf("key %q, want hotspot:1 (its earliest alert)", hs[0].Key)
	}
}

func TestHotspots_TwoAlertsAreNotAHotspotWhenThreeAreNeeded(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	alerts, _, _ := planted(r, []plant{{53.7997, -1.5492, 2, 1}}, 0)
	hs, err := Hotspots(alerts, DefaultHotspotParams)
	if err != nil || len(hs) != 0 {
		t.Fatalf("got %v %v, want none", hs, err)
	}
}

func TestHotspots_RejectsSettingsThatMakeNoSense(t *testing.T) {
	for _, p := range []HotspotParams{{EpsM: 0, MinPts: 3}, {EpsM: 250, MinPts: 1}, {EpsM: -5, MinPts: 3}, {EpsM: 1e9, MinPts: 3}} {
		if _, err := Hotspots(nil, p); err == nil {
			t.Errorf("%+v should be refused", p)
		}
	}
}

// bruteCoreGroups groups core points by checking every pair: the oracle for the grid.
func bruteCoreGroups(alerts []store.HotspotAlert, eps float64, minPts int) map[int64]int64 {
	n := len(alerts)
	nb := make([][]int, n)
	for i := range alerts {
		for j := range alerts {
			if DistanceM(Pt(alerts[i].Lat, alerts[i].Lon), Pt(alerts[j].Lat, alerts[j].Lon)) <= eps {
				nb[i] = append(nb[i], j)
			}
		}
	}
	// Union-find over core points joined by core neighbours.
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	for i := range alerts {
		if len(nb[i]) < minPts {
			continue
		}
		for _, j := range nb[i] {
			if len(nb[j]) >= minPts {
				parent[find(i)] = find(j)
			}
		}
	}
	groups := map[int64]int64{} // core alert id -> id of its group's root
	for i := range alerts {
		if len(nb[i]) >= minPts {
			groups[alerts[i].ID] = alerts[find(i)].ID
		}
	}
	return groups
}

func TestHotspots_AgreesWithBruteForceOnCorePoints(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	var alerts []store.HotspotAlert
	for i := 0; i < 1500; i++ { // dense enough over Leeds for chains of clusters
		alerts = append(alerts, store.HotspotAlert{ID: int64(i + 1), Lat: 53.78 + r.Float64()*0.05, Lon: -1.58 + r.Float64()*0.08})
	}
	p := HotspotParams{EpsM: 150, MinPts: 4}
	hs, err := Hotspots(alerts, p)
	if err != nil {
		t.Fatal(err)
	}
	want := bruteCoreGroups(alerts, p.EpsM, p.MinPts)
	got := map[int64]string{}
	for _, h := range hs {
		for _, id := range h.AlertIDs {
			got[id] = h.Key
		}
	}
	// Two core points share a brute-force group exactly when they share a hotspot.
	keyOf := map[int64]string{}
	for id, g := range want {
		k, ok := got[id]
		if !ok {
			t.Fatalf("core alert %d is in no hotspot", id)
		}
		if prev, seen := keyOf[g]; seen && prev != k {
			t.Fatalf("core alerts of one group split across %s and %s", prev, k)
		}
		keyOf[g] = k
	}
	if len(keyOf) != len(hs) {
		t.Errorf("%d brute-force groups, %d hotspots", len(keyOf), len(hs))
	}
}

type fakeHotspotSource struct {
	alerts []store.HotspotAlert
	gotVal []string
}

func (f *fakeHotspotSource) RedAlertsWithValidity(_ context.Context, _, _ int64, v []string) ([]store.HotspotAlert, error) {
	f.gotVal = v
	return f.alerts, nil
}

func TestFindHotspots_DefaultsToGenuineAndPrecautionary(t *testing.T) {
	src := &fakeHotspotSource{}
	if _, err := FindHotspots(context.Background(), src, HotspotParams{EpsM: 200, MinPts: 3}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(src.gotVal, []string{"genuine", "precautionary"}) {
		t.Errorf("validity asked for %v", src.gotVal)
	}
}

func BenchmarkHotspots50k(b *testing.B) {
	r := rand.New(rand.NewPCG(17, 18))
	alerts, _, _ := planted(r, []plant{{53.7997, -1.5492, 50, 1}}, 50_000)
	for b.Loop() {
		if _, err := Hotspots(alerts, DefaultHotspotParams); err != nil {
			b.Fatal(err)
		}
	}
}
