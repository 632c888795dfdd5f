package geo

import (
	"math"
	"sort"

	"github.com/nhs-redline/redline/backend/store"
)

// RiskMatch says that a point lies within a known-risk location's radius.
type RiskMatch struct {
	LocationID int64   `json:"locationId"`
	Label      string  `json:"label"`
	DistanceM  float64 `json:"distanceM"`
}

// RiskMatcher answers "which known-risk locations cover this point?" quickly
// for a table page or a map view: locations are bucketed on a grid as large as
// the biggest radius, so each point checks nine buckets, not every location.
type RiskMatcher struct {
	locs    []store.KnownRiskLocation
	cellDeg float64
	cells   map[[2]int][]int
}

// NewRiskMatcher indexes the active locations among locs.
func NewRiskMatcher(locs []store.KnownRiskLocation) *RiskMatcher {
	m := &RiskMatcher{cells: map[[2]int][]int{}}
	maxR := 1.0
	for _, l := range locs {
		if l.Active {
			m.locs = append(m.locs, l)
			maxR = math.Max(maxR, l.RadiusM)
		}
	}
	// A degree of longitude is shortest at the highest latitude in use; sizing
	// cells from that (capped near the poles) keeps every match in the 3x3 block.
	maxLat := 0.0
	for _, l := range m.locs {
		maxLat = math.Max(maxLat, math.Abs(l.Lat))
	}
	minCos := math.Max(math.Cos(math.Min(maxLat+1, 89)*math.Pi/180), 0.01)
	m.cellDeg = maxR / (MeanEarthRadiusM * math.Pi / 180) / minCos
	for i, l := range m.locs {
		k := m.key(l.Lat, l.Lon)
		m.cells[k] = append(m.cells[k], i)
	}
	return m
}

func (m *RiskMatcher) key(lat, lon float64) [2]int {
	return [2]int{int(math.Floor(lon / m.cellDeg)), int(math.Floor(lat / m.cellDeg))}
}

// Match lists the locations whose radius covers (lat, lon), nearest first.
func (m *RiskMatcher) Match(lat, lon float64) []RiskMatch {
	if len(m.locs) == 0 {
		return nil
	}
	k := m.key(lat, lon)
	p := Pt(lat, lon)
	var out []RiskMatch
	for dx := -1; dx <= 1; dx++ {
		for dy := -1; dy <= 1; dy++ {
			for _, i := range m.cells[[2]int{k[0] + dx, k[1] + dy}] {
				l := m.locs[i]
				if d := DistanceM(Pt(l.Lat, l.Lon), p); d <= l.RadiusM {
					out = append(out, RiskMatch{LocationID: l.ID, Label: l.Label, DistanceM: d})
				}
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].DistanceM < out[b].DistanceM })
	return out
}

// FlagAlerts maps the id of every located alert that lies within a known-risk
// location to the locations it lies within; alerts without a location are skipped.
func (m *RiskMatcher) FlagAlerts(alerts []store.Alert) map[int64][]RiskMatch {
	out := map[int64][]RiskMatch{}
	for _, a := range alerts {
		if a.Lat == nil || a.Lon == nil {
			continue
		}
		if ms := m.Match(*a.Lat, *a.Lon); len(ms) > 0 {
			out[a.ID] = ms
		}
	}
	return out
}

// FlagPoints does the same for a map view's compact arrays.
func (m *RiskMatcher) FlagPoints(p *store.MapPoints) map[int64][]RiskMatch {
	out := map[int64][]RiskMatch{}
	for i, id := range p.IDs {
		if ms := m.Match(p.Lat[i], p.Lon[i]); len(ms) > 0 {
			out[id] = ms
		}
	}
	return out
}

// NearbyRisk is a known-risk location near a point of interest.
type NearbyRisk struct {
	Location  store.KnownRiskLocation `json:"location"`
	DistanceM float64                 `json:"distanceM"` // centre to centre
	Inside    bool                    `json:"inside"`    // the point lies within the location's own radius
}

// RisksNear lists active locations whose centre lies within withinM of p,
// nearest first.
func RisksNear(locs []store.KnownRiskLocation, lat, lon, withinM float64) []NearbyRisk {
	p := Pt(lat, lon)
	var out []NearbyRisk
	for _, l := range locs {
		if !l.Active {
			continue
		}
		if d := DistanceM(p, Pt(l.Lat, l.Lon)); d <= withinM {
			out = append(out, NearbyRisk{Location: l, DistanceM: d, Inside: d <= l.RadiusM})
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].DistanceM < out[b].DistanceM })
	return out
}
