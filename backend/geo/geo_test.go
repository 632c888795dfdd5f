package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// Published great-circle distances (mean Earth radius), town-centre coordinates.
func TestDistanceM_MatchesPublishedUKDistances(t *testing.T) {
	cases := []struct {
		name       string
		a, b       orb.Point
		wantKm     float64
		toleranceP float64 // percent
	}{
		{"London to Edinburgh", Pt(51.5074, -0.1278), Pt(55.9533, -3.1883), 534, 0.5},
		{"Land's End to John o' Groats", Pt(50.0657, -5.7132), Pt(58.6373, -3.0689), 970, 0.5},
		{"Leeds to Bradford", Pt(53.7997, -1.5492), Pt(53.7960, -1.7594), 13.8, 1},
		{"same place", Pt(53.8, -1.55), Pt(53.8, -1.55), 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := DistanceM(c.a, c.b) / 1000
			if math.Abs(got-c.wantKm) > c.wantKm*c.toleranceP/100+1e-9 {
				t.Errorf("got %.2f km, want %.1f km ±%.1f%%", got, c.wantKm, c.toleranceP)
			}
			if back := DistanceM(c.b, c.a) / 1000; math.Abs(back-got) > 1e-9 {
				t.Errorf("distance is not symmetric: %.6f vs %.6f", got, back)
			}
		})
	}
}

// destination walks d metres from p on bearing deg (spherical, mean radius).
func destination(p orb.Point, deg, d float64) orb.Point {
	lat1, lon1, b := p[1]*math.Pi/180, p[0]*math.Pi/180, deg*math.Pi/180
	r := d / MeanEarthRadiusM
	lat2 := math.Asin(math.Sin(lat1)*math.Cos(r) + math.Cos(lat1)*math.Sin(r)*math.Cos(b))
	lon2 := lon1 + math.Atan2(math.Sin(b)*math.Sin(r)*math.Cos(lat1), math.Cos(r)-math.Sin(lat1)*math.Sin(lat2))
	return orb.Point{lon2 * 180 / math.Pi, lat2 * 180 / math.Pi}
}

func TestWithinRadius_EdgeOfCircle(t *testing.T) {
	centre := Pt(53.7997, -1.5492)
	for bearing := 0.0; bearing < 360; bearing += 22.5 {
		in, out := destination(centre, bearing, 499), destination(centre, bearing, 501)
		if !WithinRadius(centre, 500, in) {
			t.Errorf("bearing %g: 499 m away should be inside 500 m", bearing)
		}
		if WithinRadius(centre, 500, out) {
			t.Errorf("bearing %g: 501 m away should be outside 500 m", bearing)
		}
		if b := BoundAround(centre, 500); !b.Contains(destination(centre, bearing, 500)) {
			t.Errorf("bearing %g: box %v misses a point on the circle", bearing, b)
		}
	}
}

func TestWorldPixel_KnownTilesAndRoundTrip(t *testing.T) {
	x, y := WorldPixel(Pt(0, 0), 0)
	if x != 128 || math.Abs(y-128) > 1e-9 {
		t.Errorf("null island at zoom 0 = (%g, %g), want (128, 128)", x, y)
	}
	// Westminster is in slippy tile 10/511/340 (OpenStreetMap numbering).
	x, y = WorldPixel(Pt(51.5007, -0.1246), 10)
	if int(x/256) != 511 || int(y/256) != 340 {
		t.Errorf("Westminster tile = %d/%d, want 511/340", int(x/256), int(y/256))
	}
	back := FromWorldPixel(x, y, 10)
	if math.Abs(back[0]+0.1246) > 1e-9 || math.Abs(back[1]-51.5007) > 1e-9 {
		t.Errorf("round trip gave %v", back)
	}
	// At zoom 16 a pixel is about 1.4 m across at Leeds' latitude (2.39 m at the equator x cos 53.8).
	if mpp := MetresPerPixel(53.8, 16); math.Abs(mpp-1.411) > 0.01 {
		t.Errorf("metres per pixel at zoom 16 = %g, want about 1.41", mpp)
	}
}
