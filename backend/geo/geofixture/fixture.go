// Package geofixture fills a store with synthetic, reproducible alerts around
// West Yorkshire for geo tests and benchmarks.
package geofixture

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// Town is a real place the synthetic alerts gather around.
type Town struct {
	Name     string
	Lat, Lon float64
	Weight   float64 // share of alerts
	SpreadM  float64 // one standard deviation of the scatter
}

// WestYorkshire lists the five districts' main towns (coordinates of the town
// centres) with a rough share of a community trust's visits.
var WestYorkshire = []Town{
	{"Leeds", 53.7997, -1.5492, 0.34, 4500},
	{"Bradford", 53.7960, -1.7594, 0.24, 3500},
	{"Wakefield", 53.6833, -1.4977, 0.14, 3000},
	{"Huddersfield", 53.6458, -1.7850, 0.12, 3000},
	{"Halifax", 53.7248, -1.8658, 0.10, 2500},
}

// Region is the box the fixture covers (all of West Yorkshire and a margin).
var Region = store.MapBox{South: 53.50, West: -2.20, North: 54.00, East: -1.15}

// Teams names the synthetic teams.
var Teams = []string{"Leeds North District Nursing", "Leeds South Mental Health", "Bradford Community Nursing",
	"Bradford Crisis Team", "Wakefield Health Visiting", "Kirklees Community Nursing",
	"Calderdale Mental Health", "West Yorkshire Out of Hours"}

// Fill inserts n alerts (about 70% amber, 30% red) raised over the two years
// from 2023-01-01 UK time, through the store's Writer in one transaction.
func Fill(ctx context.Context, s *store.Store, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, store.London).Unix()
	const span = 2 * 365 * 24 * 3600
	return s.Write(ctx, func(w *store.Writer) error {
		teamIDs := make([]int64, len(Teams))
		for i, name := range Teams {
			id, err := w.Team(name, 0, "")
			if err != nil {
				return fmt.Errorf("team %s: %w", name, err)
			}
			teamIDs[i] = id
		}
		for i := 0; i < n; i++ {
			lat, lon := Scatter(r)
			acc := 5 + r.ExpFloat64()*40
			a := store.NewAlert{ARC: "fixture", ARCRef: fmt.Sprintf("F%07d", i), Type: "amber", Trigger: "amber_memo",
				TeamID: teamIDs[r.IntN(len(teamIDs))], RaisedAt: start + r.Int64N(span),
				Lat: &lat, Lon: &lon, AccuracyM: &acc, Escalation: "none"}
			if r.Float64() < 0.3 {
				a.Type, a.Trigger = "red", "sos"
				a.Validity = []string{"genuine", "precautionary", "false", "false", "test"}[r.IntN(5)]
				if a.Validity == "genuine" {
					a.Escalation = []string{"contact", "101", "999", "urn"}[r.IntN(4)]
				}
			}
			if _, err := w.Alert(a); err != nil {
				return err
			}
		}
		return nil
	})
}

// Scatter draws one location: most near a town centre, a tenth anywhere in the region.
func Scatter(r *rand.Rand) (lat, lon float64) {
	if r.Float64() < 0.1 {
		return Region.South + r.Float64()*(Region.North-Region.South), Region.West + r.Float64()*(Region.East-Region.West)
	}
	u := r.Float64()
	t := WestYorkshire[len(WestYorkshire)-1]
	for _, town := range WestYorkshire {
		if u < town.Weight {
			t = town
			break
		}
		u -= town.Weight
	}
	dLat := r.NormFloat64() * t.SpreadM / 111320
	dLon := r.NormFloat64() * t.SpreadM / (111320 * math.Cos(t.Lat*math.Pi/180))
	return t.Lat + dLat, t.Lon + dLon
}

// Open returns a store with n fixture alerts, building it once per machine in
// the temp folder (a million alerts take a while) and reusing it afterwards.
func Open(tb testing.TB, n int) *store.Store {
	tb.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("redline-geofixture-v1-%d.db", n))
	s, err := store.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	got, err := s.CountAlerts(ctx, store.AlertFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	if got != n {
		s.Close()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
		if s, err = store.Open(path); err != nil {
			tb.Fatal(err)
		}
		t0 := time.Now()
		if err := Fill(ctx, s, n, 42); err != nil {
			tb.Fatal(err)
		}
		tb.Logf("filled %d alerts in %v", n, time.Since(t0))
	}
	tb.Cleanup(func() { s.Close() })
	return s
}
