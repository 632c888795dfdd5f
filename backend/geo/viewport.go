package geo

import (
	"math"
	"sort"

	"github.com/nhs-redline/redline/backend/store"
)

// ViewRequest is one organisation-map view: the visible box, Leaflet's zoom
// and the filters.
type ViewRequest struct {
	Box    store.MapBox      `json:"box"`
	Zoom   float64           `json:"zoom"`
	Filter store.AlertFilter `json:"filter"`
}

// ViewOptions tunes clustering; the zero value uses the defaults.
type ViewOptions struct {
	RadiusPx      float64 // cluster radius in screen pixels (default 60)
	MaxPoints     int     // send single markers when the view holds at most this many (default 2000)
	PointsAtZoom  float64 // from this zoom on, always send single markers (default 17)
	HardPointsCap int     // never send more markers than this (default 20000)
}

func (o ViewOptions) withDefaults() ViewOptions {
	if o.RadiusPx <= 0 {
		o.RadiusPx = 60
	}
	if o.MaxPoints <= 0 {
		o.MaxPoints = 2000
	}
	if o.PointsAtZoom <= 0 {
		o.PointsAtZoom = 17
	}
	if o.HardPointsCap <= 0 {
		o.HardPointsCap = 20000
	}
	return o
}

// Cluster is a group of nearby alerts shown as one marker.
type Cluster struct {
	Lat        float64      `json:"lat"` // centroid of the members
	Lon        float64      `json:"lon"`
	Count      int          `json:"count"`
	Amber      int          `json:"amber"`
	Red        int          `json:"red"`
	ByValidity []int        `json:"byValidity"` // indexed like store.ValidityNames
	Bounds     store.MapBox `json:"bounds"`     // box of the members: the map zooms to it on click
}

// View is the answer for one map view: clusters, or single markers once few
// enough are in view.
type View struct {
	Zoom      int              `json:"zoom"`
	Total     int              `json:"total"` // alerts in view that match the filter
	Clusters  []Cluster        `json:"clusters,omitempty"`
	Points    *store.MapPoints `json:"points,omitempty"`
	Truncated bool             `json:"truncated"` // more markers matched than HardPointsCap
	Version   int64            `json:"version"`   // index version the view was built from
}

// View answers one map view from the index.
func (x *Index) View(req ViewRequest, opt ViewOptions) (View, error) {
	opt = opt.withDefaults()
	s, err := x.current()
	if err != nil {
		return View{}, err
	}
	m, err := compile(req.Box, req.Filter)
	if err != nil {
		return View{}, err
	}
	z := clampZoom(req.Zoom)
	out := View{Zoom: z, Version: s.version}
	var hits []int32
	m.each(s, func(i int) { hits = append(hits, int32(i)) })
	out.Total = len(hits)
	if len(hits) <= opt.MaxPoints || req.Zoom >= opt.PointsAtZoom {
		if len(hits) > opt.HardPointsCap {
			hits, out.Truncated = hits[:opt.HardPointsCap], true
		}
		out.Points = s.points(hits)
		return out, nil
	}
	out.Clusters = s.cluster(hits, float64(z), opt.RadiusPx)
	return out, nil
}

func clampZoom(z float64) int {
	return int(math.Max(0, math.Min(22, math.Floor(z))))
}

func (s *snapshot) points(hits []int32) *store.MapPoints {
	p := &store.MapPoints{IDs: make([]int64, len(hits)), Lat: make([]float64, len(hits)),
		Lon: make([]float64, len(hits)), Red: make([]bool, len(hits)), Validity: make([]uint8, len(hits))}
	for j, i := range hits {
		ll := unmercator(s.mx[i], s.my[i])
		p.IDs[j], p.Lat[j], p.Lon[j], p.Red[j], p.Validity[j] = s.id[i], ll[1], ll[0], s.red[i], s.validity[i]
	}
	return p
}

// cell accumulates the alerts of one grid square in pixel space.
type cell struct {
	n, red     int
	sx, sy     float64 // sums of Mercator x, y for the centroid
	minX, minY float64
	maxX, maxY float64
	validity   [8]int
	gx, gy     int
	into       int // index of the cell this one merged into, or -1
}

func (c *cell) add(s *snapshot, i int32) {
	x, y := s.mx[i], s.my[i]
	if c.n == 0 {
		c.minX, c.minY, c.maxX, c.maxY = x, y, x, y
	}
	c.n++
	if s.red[i] {
		c.red++
	}
	c.sx += x
	c.sy += y
	c.minX, c.maxX = math.Min(c.minX, x), math.Max(c.maxX, x)
	c.minY, c.maxY = math.Min(c.minY, y), math.Max(c.maxY, y)
	c.validity[s.validity[i]&7]++
}

func (c *cell) absorb(o *cell) {
	c.n += o.n
	c.red += o.red
	c.sx += o.sx
	c.sy += o.sy
	c.minX, c.maxX = math.Min(c.minX, o.minX), math.Max(c.maxX, o.maxX)
	c.minY, c.maxY = math.Min(c.minY, o.minY), math.Max(c.maxY, o.maxY)
	for k := range c.validity {
		c.validity[k] += o.validity[k]
	}
}

// grid bins hits into squares of sizePx pixels at zoom z, aligned to the world
// pixel grid so clusters do not jump as the user pans.
func (s *snapshot) grid(hits []int32, z, sizePx float64) []cell {
	scale := TileSize * math.Exp2(z) / sizePx // grid squares per Mercator unit
	if len(hits) == 0 {
		return nil
	}
	// A dense lookup table over the squares the hits span is several times
	// faster than a map for a million hits; a view is at most a few thousand
	// squares across, and the map remains for absurd requests.
	gx0, gy0, gx1, gy1 := math.MaxInt, math.MaxInt, math.MinInt, math.MinInt
	for _, i := range hits {
		gx, gy := int(s.mx[i]*scale), int(s.my[i]*scale)
		gx0, gx1, gy0, gy1 = min(gx0, gx), max(gx1, gx), min(gy0, gy), max(gy1, gy)
	}
	w, h := gx1-gx0+1, gy1-gy0+1
	var cells []cell
	slot := func(gx, gy int) *cell {
		cells = append(cells, cell{gx: gx, gy: gy, into: -1})
		return &cells[len(cells)-1]
	}
	if w*h <= 1<<22 {
		dense := make([]int32, w*h)
		for _, i := range hits {
			gx, gy := int(s.mx[i]*scale), int(s.my[i]*scale)
			d := &dense[(gy-gy0)*w+gx-gx0]
			if *d == 0 {
				slot(gx, gy)
				*d = int32(len(cells))
			}
			cells[*d-1].add(s, i)
		}
		return cells
	}
	index := map[[2]int]int{}
	for _, i := range hits {
		key := [2]int{int(s.mx[i] * scale), int(s.my[i] * scale)}
		k, ok := index[key]
		if !ok {
			slot(key[0], key[1])
			k = len(cells) - 1
			index[key] = k
		}
		cells[k].add(s, i)
	}
	return cells
}

// cluster bins the hits on a grid of radius-sized squares, then lets each
// square, busiest first, absorb neighbouring squares whose centroid lies within
// the radius, so a group straddling a grid line shows as one marker.
func (s *snapshot) cluster(hits []int32, z, radiusPx float64) []Cluster {
	cells := s.grid(hits, z, radiusPx)
	pos := make(map[[2]int]int, len(cells))
	for k, c := range cells {
		pos[[2]int{c.gx, c.gy}] = k
	}
	order := make([]int, len(cells))
	for k := range order {
		order[k] = k
	}
	sort.Slice(order, func(a, b int) bool {
		ca, cb := &cells[order[a]], &cells[order[b]]
		if ca.n != cb.n {
			return ca.n > cb.n
		}
		if ca.gy != cb.gy {
			return ca.gy < cb.gy
		}
		return ca.gx < cb.gx
	})
	pxPerUnit := TileSize * math.Exp2(z)
	for _, k := range order {
		c := &cells[k]
		if c.into >= 0 {
			continue
		}
		cx, cy := c.sx/float64(c.n), c.sy/float64(c.n)
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				j, ok := pos[[2]int{c.gx + dx, c.gy + dy}]
				if !ok || j == k || cells[j].into >= 0 || cells[j].into == -2 {
					continue
				}
				o := &cells[j]
				ox, oy := o.sx/float64(o.n), o.sy/float64(o.n)
				if math.Hypot(ox-cx, oy-cy)*pxPerUnit <= radiusPx {
					c.absorb(o)
					o.into = k
				}
			}
		}
		c.into = -2 // a cluster centre: others may not absorb it any more
	}
	var out []Cluster
	for _, k := range order {
		c := &cells[k]
		if c.into != -2 {
			continue
		}
		ll := unmercator(c.sx/float64(c.n), c.sy/float64(c.n))
		sw, ne := unmercator(c.minX, c.maxY), unmercator(c.maxX, c.minY)
		out = append(out, Cluster{Lat: ll[1], Lon: ll[0], Count: c.n, Amber: c.n - c.red, Red: c.red,
			ByValidity: append([]int(nil), c.validity[:]...),
			Bounds:     store.MapBox{South: sw[1], West: sw[0], North: ne[1], East: ne[0]}})
	}
	return out
}

// HeatCell is one square of the heat layer.
type HeatCell struct {
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
	Count  int     `json:"count"`
	Red    int     `json:"red"`
	Weight float64 `json:"weight"` // count / the busiest cell's count, 0..1
}

// Heat aggregates the view into squares of cellPx screen pixels (default 16)
// for a heat layer; weights are relative to the busiest square in view.
func (x *Index) Heat(req ViewRequest, cellPx float64) ([]HeatCell, error) {
	if cellPx <= 0 {
		cellPx = 16
	}
	s, err := x.current()
	if err != nil {
		return nil, err
	}
	m, err := compile(req.Box, req.Filter)
	if err != nil {
		return nil, err
	}
	var hits []int32
	m.each(s, func(i int) { hits = append(hits, int32(i)) })
	cells := s.grid(hits, float64(clampZoom(req.Zoom)), cellPx)
	peak := 0
	for _, c := range cells {
		peak = max(peak, c.n)
	}
	out := make([]HeatCell, 0, len(cells))
	for _, c := range cells {
		ll := unmercator(c.sx/float64(c.n), c.sy/float64(c.n))
		out = append(out, HeatCell{Lat: ll[1], Lon: ll[0], Count: c.n, Red: c.red, Weight: float64(c.n) / float64(peak)})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Count > out[b].Count })
	return out, nil
}
