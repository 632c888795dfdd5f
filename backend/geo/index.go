package geo

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/nhs-redline/redline/backend/store"
)

// MapSource is what the index reads from; *store.Store satisfies it.
type MapSource interface {
	GeoVersion(ctx context.Context) (int64, error)
	ScanMapRows(ctx context.Context, fn func(store.MapRow) error) (int64, error)
}

// Index is an in-memory copy of every located alert, bucketed by Web Mercator
// square so a map view reads only the buckets it overlaps.
//
// Why not SQL: measured over 1,000,000 alerts (docs in /work/notes/geo-bench.md),
// the alerts_latlon B-tree needs 3.8 s to return a whole-region view, because
// every row costs a table lookup through the driver; the index holds about
// 50 MB and answers the same view in tens of milliseconds. Migration 0070's
// triggers bump a version on every change, and Refresh reloads when it moves.
//
// Index is safe for concurrent use: queries read an immutable snapshot.
type Index struct {
	src    MapSource
	reload sync.Mutex
	snap   atomic.Pointer[snapshot]
}

// bucketBits sets the bucket size: 2^-15 of the world's width, about 700 m
// across at UK latitudes, so a street view touches a handful of buckets and a
// whole region a few thousand.
const bucketBits = 15

type snapshot struct {
	version  int64
	id       []int64
	mx, my   []float64 // Web Mercator, world = [0,1) square, y downwards
	raised   []int64
	team     []int64
	red      []bool
	validity []uint8
	esc      []uint8
	keys     []uint64 // sorted bucket keys: by<<32 | bx
	starts   []int    // starts[i] is where bucket keys[i] begins; len(keys)+1 entries
}

// NewIndex makes an empty index over src; call Refresh before the first query.
func NewIndex(src MapSource) *Index { return &Index{src: src} }

// Refresh reloads the index if the store changed since the last load, and
// reports whether it did. A reload of a million alerts takes about 1.5 s; views
// keep answering from the previous snapshot meanwhile.
func (x *Index) Refresh(ctx context.Context) (bool, error) {
	x.reload.Lock()
	defer x.reload.Unlock()
	v, err := x.src.GeoVersion(ctx)
	if err != nil {
		return false, err
	}
	if s := x.snap.Load(); s != nil && s.version == v {
		return false, nil
	}
	var rows []store.MapRow
	v, err = x.src.ScanMapRows(ctx, func(r store.MapRow) error {
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("load map index: %w", err)
	}
	x.snap.Store(buildSnapshot(v, rows))
	return true, nil
}

// Len is the number of located alerts in the current snapshot.
func (x *Index) Len() int {
	if s := x.snap.Load(); s != nil {
		return len(s.id)
	}
	return 0
}

// mercator maps a point to the unit Web Mercator square.
func mercator(p orb.Point) (float64, float64) {
	mx, my := WorldPixel(p, 0)
	return mx / TileSize, my / TileSize
}

func unmercator(mx, my float64) orb.Point { return FromWorldPixel(mx*TileSize, my*TileSize, 0) }

func bucketOf(mx, my float64) (uint32, uint32) {
	const n = 1 << bucketBits
	clamp := func(v float64) uint32 { return uint32(math.Max(0, math.Min(n-1, math.Floor(v*n)))) }
	return clamp(mx), clamp(my)
}

func buildSnapshot(version int64, rows []store.MapRow) *snapshot {
	type keyed struct {
		key    uint64
		mx, my float64
		i      int
	}
	ks := make([]keyed, len(rows))
	for i, r := range rows {
		mx, my := mercator(Pt(r.Lat, r.Lon))
		bx, by := bucketOf(mx, my)
		ks[i] = keyed{uint64(by)<<32 | uint64(bx), mx, my, i}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		return a.i - b.i
	})
	n := len(rows)
	s := &snapshot{version: version, id: make([]int64, n), mx: make([]float64, n), my: make([]float64, n),
		raised: make([]int64, n), team: make([]int64, n), red: make([]bool, n), validity: make([]uint8, n), esc: make([]uint8, n)}
	for j, k := range ks {
		r := rows[k.i]
		s.id[j], s.mx[j], s.my[j], s.raised[j], s.team[j] = r.ID, k.mx, k.my, r.RaisedAt, r.TeamID
		s.red[j], s.validity[j], s.esc[j] = r.Red, r.Validity, r.Escalation
		if j == 0 || k.key != ks[j-1].key {
			s.keys = append(s.keys, k.key)
			s.starts = append(s.starts, j)
		}
	}
	s.starts = append(s.starts, n)
	return s
}

// matcher is an AlertFilter compiled to masks for the index's coded columns.
type matcher struct {
	from, to   int64
	types      uint8 // bit 0 amber, bit 1 red; 0 means any
	validity   uint16
	escalation uint8
	teams      []int64
	minX, minY float64
	maxX, maxY float64
}

func codeMask(names []string, want []string, label string) (uint32, error) {
	var m uint32
	for _, w := range want {
		i := slices.Index(names, w)
		if i < 0 {
			return 0, fmt.Errorf("the map cannot filter on %s %q: known values are %v", label, w, names)
		}
		m |= 1 << i
	}
	return m, nil
}

func compile(box store.MapBox, f store.AlertFilter) (matcher, error) {
	var m matcher
	if !box.Valid() {
		return m, fmt.Errorf("map view %+v is not a valid latitude/longitude box", box)
	}
	if f.WorkerID != 0 || f.Text != "" {
		return m, fmt.Errorf("the organisation map filters by date, type, validity, escalation and team only")
	}
	m.from, m.to = f.From, f.To
	for _, t := range f.Types {
		switch t {
		case "amber":
			m.types |= 1
		case "red":
			m.types |= 2
		default:
			return m, fmt.Errorf("the map cannot filter on alert type %q: use amber or red", t)
		}
	}
	v, err := codeMask(store.ValidityNames, f.Validity, "validity")
	if err != nil {
		return m, err
	}
	e, err := codeMask(store.EscalationNames, f.Escalated, "escalation")
	if err != nil {
		return m, err
	}
	m.validity, m.escalation, m.teams = uint16(v), uint8(e), f.TeamIDs
	m.minX, m.maxY = mercator(Pt(box.South, box.West))
	m.maxX, m.minY = mercator(Pt(box.North, box.East))
	return m, nil
}

func (m *matcher) match(s *snapshot, i int) bool {
	x, y := s.mx[i], s.my[i]
	if x < m.minX || x > m.maxX || y < m.minY || y > m.maxY {
		return false
	}
	if m.from != 0 && s.raised[i] < m.from || m.to != 0 && s.raised[i] >= m.to {
		return false
	}
	if m.types != 0 {
		bit := uint8(1)
		if s.red[i] {
			bit = 2
		}
		if m.types&bit == 0 {
			return false
		}
	}
	if m.validity != 0 && m.validity&(1<<s.validity[i]) == 0 {
		return false
	}
	if m.escalation != 0 && m.escalation&(1<<s.esc[i]) == 0 {
		return false
	}
	return len(m.teams) == 0 || slices.Contains(m.teams, s.team[i])
}

// each calls fn with the position of every alert in view that matches; it
// visits only the buckets the box overlaps.
func (m *matcher) each(s *snapshot, fn func(i int)) {
	bx0, by0 := bucketOf(m.minX, m.minY)
	bx1, by1 := bucketOf(m.maxX, m.maxY)
	for by := by0; by <= by1; by++ {
		lo := uint64(by)<<32 | uint64(bx0)
		hi := uint64(by)<<32 | uint64(bx1)
		k := sort.Search(len(s.keys), func(i int) bool { return s.keys[i] >= lo })
		for ; k < len(s.keys) && s.keys[k] <= hi; k++ {
			for i := s.starts[k]; i < s.starts[k+1]; i++ {
				if m.match(s, i) {
					fn(i)
				}
			}
		}
	}
}

// current returns the snapshot, or an error that tells the caller what to do.
func (x *Index) current() (*snapshot, error) {
	s := x.snap.Load()
	if s == nil {
		return nil, fmt.Errorf("the map index is still loading: try again in a moment")
	}
	return s, nil
}
