package geo

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/nhs-redline/redline/backend/store"
)

// HotspotParams are the hotspot settings; the caller fills them from Settings.
type HotspotParams struct {
	EpsM     float64  `json:"epsM"`     // neighbourhood radius in metres (DBSCAN eps)
	MinPts   int      `json:"minPts"`   // alerts within EpsM, itself included, that make a core point
	From     int64    `json:"from"`     // Unix seconds, inclusive; 0 = open
	To       int64    `json:"to"`       // Unix seconds, exclusive; 0 = open
	Validity []string `json:"validity"` // which closures count; default genuine and precautionary
}

// DefaultHotspotParams are the defaults offered in Settings: three or more
// genuine or precautionary red alerts within 250 m of each other.
var DefaultHotspotParams = HotspotParams{EpsM: 250, MinPts: 3, Validity: []string{"genuine", "precautionary"}}

// TeamCount is how many of a hotspot's alerts came from one team.
type TeamCount struct {
	TeamID int64  `json:"teamId"`
	Name   string `json:"name"`
	Count  int    `json:"count"`
}

// Hotspot is an area of repeated red alerts.
type Hotspot struct {
	// Key identifies the hotspot across runs while its earliest-stored alert
	// stays in it: the link point for a risk-register entry ("hotspot:<id>").
	Key      string      `json:"key"`
	Lat      float64     `json:"lat"` // centroid
	Lon      float64     `json:"lon"`
	RadiusM  float64     `json:"radiusM"` // furthest member from the centroid
	Count    int         `json:"count"`
	First    int64       `json:"first"` // raised_at of the earliest member
	Last     int64       `json:"last"`
	Teams    []TeamCount `json:"teams"` // busiest first
	AlertIDs []int64     `json:"alertIds"`
}

// HotspotSource is the store query hotspots need; *store.Store satisfies it.
type HotspotSource interface {
	RedAlertsWithValidity(ctx context.Context, from, to int64, validity []string) ([]store.HotspotAlert, error)
}

// FindHotspots reads the red alerts p selects and clusters them.
func FindHotspots(ctx context.Context, src HotspotSource, p HotspotParams) ([]Hotspot, error) {
	if len(p.Validity) == 0 {
		p.Validity = DefaultHotspotParams.Validity
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	alerts, err := src.RedAlertsWithValidity(ctx, p.From, p.To, p.Validity)
	if err != nil {
		return nil, err
	}
	return Hotspots(alerts, p)
}

func (p HotspotParams) check() error {
	if !(p.EpsM > 0 && p.EpsM <= 50_000) {
		return fmt.Errorf("hotspot distance must be between 1 m and 50 km, not %g m: change it in Settings", p.EpsM)
	}
	if p.MinPts < 2 || p.MinPts > 10_000 {
		return fmt.Errorf("hotspot minimum alerts must be between 2 and 10000, not %d: change it in Settings", p.MinPts)
	}
	return nil
}

// Hotspots runs DBSCAN with haversine distance over alerts. Points are bucketed
// on a grid of eps-sized squares in a local equirectangular projection, so each
// neighbourhood query looks at nine squares instead of every alert; the
// haversine check then decides. Alerts in no hotspot are noise and are dropped.
func Hotspots(alerts []store.HotspotAlert, p HotspotParams) ([]Hotspot, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	g := newEpsGrid(alerts, p.EpsM)
	const unvisited, noise = 0, -1
	label := make([]int, len(alerts))
	next := 0
	var queue []int
	for i := range alerts {
		if label[i] != unvisited {
			continue
		}
		nb := g.neighbours(i)
		if len(nb) < p.MinPts {
			label[i] = noise
			continue
		}
		next++
		label[i] = next
		queue = append(queue[:0], nb...)
		for len(queue) > 0 {
			j := queue[len(queue)-1]
			queue = queue[:len(queue)-1]
			if label[j] == noise {
				label[j] = next // border point: reachable but not core
			}
			if label[j] != unvisited {
				continue
			}
			label[j] = next
			if nbj := g.neighbours(j); len(nbj) >= p.MinPts {
				queue = append(queue, nbj...)
			}
		}
	}
	return summarise(alerts, label, next), nil
}

type epsGrid struct {
	alerts []store.HotspotAlert
	eps    float64
	x, y   []float64
	cells  map[[2]int][]int
}

func newEpsGrid(alerts []store.HotspotAlert, eps float64) *epsGrid {
	lat0 := 0.0
	for _, a := range alerts {
		lat0 += a.Lat
	}
	if len(alerts) > 0 {
		lat0 /= float64(len(alerts))
	}
	// Metres per degree shrink with latitude; using the smallest cosine over the
	// data keeps every true neighbour within the 3x3 squares.
	minCos := math.Cos(lat0 * math.Pi / 180)
	for _, a := range alerts {
		minCos = math.Min(minCos, math.Cos(a.Lat*math.Pi/180))
	}
	minCos = math.Max(minCos, 0.01)
	perDeg := MeanEarthRadiusM * math.Pi / 180
	g := &epsGrid{alerts: alerts, eps: eps, x: make([]float64, len(alerts)), y: make([]float64, len(alerts)),
		cells: map[[2]int][]int{}}
	for i, a := range alerts {
		g.x[i], g.y[i] = a.Lon*perDeg*minCos, a.Lat*perDeg
		k := g.key(i)
		g.cells[k] = append(g.cells[k], i)
	}
	return g
}

func (g *epsGrid) key(i int) [2]int {
	return [2]int{int(math.Floor(g.x[i] / g.eps)), int(math.Floor(g.y[i] / g.eps))}
}

// neighbours lists the alerts within eps of alert i, including i.
func (g *epsGrid) neighbours(i int) []int {
	k := g.key(i)
	p := Pt(g.alerts[i].Lat, g.alerts[i].Lon)
	var out []int
	for dx := -1; dx <= 1; dx++ {
		for dy := -1; dy <= 1; dy++ {
			for _, j := range g.cells[[2]int{k[0] + dx, k[1] + dy}] {
				if DistanceM(p, Pt(g.alerts[j].Lat, g.alerts[j].Lon)) <= g.eps {
					out = append(out, j)
				}
			}
		}
	}
	return out
}

func summarise(alerts []store.HotspotAlert, label []int, n int) []Hotspot {
	members := make([][]int, n+1)
	for i, l := range label {
		if l > 0 {
			members[l] = append(members[l], i)
		}
	}
	var out []Hotspot
	for _, m := range members[1:] {
		h := Hotspot{Count: len(m), First: math.MaxInt64, Last: math.MinInt64}
		teams := map[int64]*TeamCount{}
		var sLat, sLon float64
		minID := int64(math.MaxInt64)
		for _, i := range m {
			a := alerts[i]
			sLat, sLon = sLat+a.Lat, sLon+a.Lon
			h.First, h.Last = min(h.First, a.RaisedAt), max(h.Last, a.RaisedAt)
			h.AlertIDs = append(h.AlertIDs, a.ID)
			minID = min(minID, a.ID)
			tc := teams[a.TeamID]
			if tc == nil {
				tc = &TeamCount{TeamID: a.TeamID, Name: a.TeamName}
				teams[a.TeamID] = tc
			}
			tc.Count++
		}
		h.Lat, h.Lon = sLat/float64(len(m)), sLon/float64(len(m))
		for _, i := range m {
			h.RadiusM = math.Max(h.RadiusM, DistanceM(Pt(h.Lat, h.Lon), Pt(alerts[i].Lat, alerts[i].Lon)))
		}
		h.Key = fmt.Sprintf("hotspot:%d", minID)
		slices.Sort(h.AlertIDs)
		for _, tc := range teams {
			h.Teams = append(h.Teams, *tc)
		}
		sort.Slice(h.Teams, func(a, b int) bool {
			if h.Teams[a].Count != h.Teams[b].Count {
				return h.Teams[a].Count > h.Teams[b].Count
			}
			return h.Teams[a].Name < h.Teams[b].Name
		})
		out = append(out, h)
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Count != out[b].Count {
			return out[a].Count > out[b].Count
		}
		return out[a].Key < out[b].Key
	})
	return out
}
