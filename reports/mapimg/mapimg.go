// Package mapimg draws static PNG maps of alerts, a position trail and
// known-risk areas over Redline's built-in UK basemap, for letters and bundles.
package mapimg

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strings"
	"sync"

	"github.com/fogleman/gg"
	"github.com/golang/freetype/truetype"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/geojson"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/geo/basemap"
)

// Kind says how a marker is drawn.
type Kind int

const (
	Red   Kind = iota // red alert: red disc
	Amber             // amber alert: amber disc
	Fix               // one position fix of a trail: small dark dot
)

// Marker is one located thing on the map.
type Marker struct {
	Lat, Lon  float64
	Kind      Kind
	Label     string  // short text drawn beside the marker ("R1 14:45"); empty for none
	AccuracyM float64 // radius of the accuracy circle in metres; 0 for none
}

// Area is a circle on the ground, such as a known-risk location.
type Area struct {
	Lat, Lon, RadiusM float64
	Label             string
}

// Map is what to draw. Width and Height default to 1200 x 900 pixels.
type Map struct {
	Width, Height int
	Title         string
	Markers       []Marker
	Trail         []Marker // joined by a line in the order given (time order)
	Areas         []Area
	MinSpanM      float64 // smallest stretch of ground shown across; default 800 m
	// Note is a small line drawn bottom left (an export's audit head), and
	// Comment is written into the PNG as a tEXt "Comment" (the whole hash).
	Note, Comment string
}

// Colours chosen to read in greyscale print as well as on screen.
var (
	sea        = color.RGBA{0xdc, 0xe9, 0xf2, 0xff}
	land       = color.RGBA{0xf4, 0xf1, 0xe8, 0xff}
	otherLand  = color.RGBA{0xe8, 0xe6, 0xe0, 0xff}
	coast      = color.RGBA{0x8c, 0x9c, 0xa8, 0xff}
	nationLine = color.RGBA{0x6e, 0x6e, 0x6e, 0xff}
	regionLine = color.RGBA{0xa6, 0xa6, 0xa6, 0xff}
	ink        = color.RGBA{0x22, 0x22, 0x22, 0xff}
	redFill    = color.RGBA{0xc6, 0x28, 0x28, 0xff}
	amberFill  = color.RGBA{0xf0, 0xa2, 0x02, 0xff}
	trailLine  = color.RGBA{0x1f, 0x3a, 0x93, 0xff}
	riskFill   = color.NRGBA{0x7b, 0x1f, 0xa2, 0x33}
	riskLine   = color.RGBA{0x7b, 0x1f, 0xa2, 0xff}
)

// view maps WGS84 to image pixels at one Web Mercator zoom.
type view struct {
	z        float64
	ox, oy   float64 // world pixel at the image's top-left corner
	w, h     float64
	llBounds orb.Bound // the image's extent in lon/lat, for clipping
}

func (v view) px(lat, lon float64) (float64, float64) {
	x, y := geo.WorldPixel(geo.Pt(lat, lon), v.z)
	return x - v.ox, y - v.oy
}

// fit chooses the zoom and centre that show every point with a margin.
func fit(m Map) (view, error) {
	var pts []orb.Point
	for _, mk := range append(append([]Marker{}, m.Markers...), m.Trail...) {
		pts = append(pts, geo.Pt(mk.Lat, mk.Lon))
		if mk.AccuracyM > 0 {
			b := geo.BoundAround(geo.Pt(mk.Lat, mk.Lon), math.Min(mk.AccuracyM, 5000))
			pts = append(pts, b.Min, b.Max)
		}
	}
	for _, a := range m.Areas {
		b := geo.BoundAround(geo.Pt(a.Lat, a.Lon), a.RadiusM)
		pts = append(pts, b.Min, b.Max)
	}
	if len(pts) == 0 {
		return view{}, fmt.Errorf("static map: nothing to draw (no alert, trail or area has a location)")
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		if p[1] < -85 || p[1] > 85 || p[0] < -180 || p[0] > 180 {
			return view{}, fmt.Errorf("static map: %.5f, %.5f is not a place on the map", p[1], p[0])
		}
		x, y := geo.WorldPixel(p, 0)
		minX, minY, maxX, maxY = math.Min(minX, x), math.Min(minY, y), math.Max(maxX, x), math.Max(maxY, y)
	}
	cx, cy := (minX+maxX)/2, (minY+maxY)/2
	centre := geo.FromWorldPixel(cx, cy, 0)
	minSpan := m.MinSpanM / geo.MetresPerPixel(centre[1], 0) // in zoom-0 pixels
	dx, dy := math.Max(maxX-minX, minSpan), math.Max(maxY-minY, minSpan)
	w, h := float64(m.Width), float64(m.Height)
	// 15% margin each side, and never closer than zoom 18 (about 0.35 m a pixel in the UK).
	z := math.Min(18, math.Log2(math.Min(w*0.7/dx, h*0.7/dy)))
	s := math.Exp2(z)
	v := view{z: z, ox: cx*s - w/2, oy: cy*s - h/2, w: w, h: h}
	nw := geo.FromWorldPixel(v.ox, v.oy, z)
	se := geo.FromWorldPixel(v.ox+w, v.oy+h, z)
	v.llBounds = orb.Bound{Min: orb.Point{nw[0], se[1]}, Max: orb.Point{se[0], nw[1]}}
	return v, nil
}

var (
	fontOnce      sync.Once
	regular, bold *truetype.Font
	fontErr       error
)

func face(bolder bool, size float64) (font.Face, error) {
	fontOnce.Do(func() {
		if regular, fontErr = truetype.Parse(goregular.TTF); fontErr == nil {
			bold, fontErr = truetype.Parse(gobold.TTF)
		}
	})
	if fontErr != nil {
		return nil, fmt.Errorf("static map font: %w", fontErr)
	}
	f := regular
	if bolder {
		f = bold
	}
	return truetype.NewFace(f, &truetype.Options{Size: size, DPI: 72, Hinting: font.HintingFull}), nil
}

func withDefaults(m Map) Map {
	if m.Width <= 0 {
		m.Width = 1200
	}
	if m.Height <= 0 {
		m.Height = 900
	}
	if m.MinSpanM <= 0 {
		m.MinSpanM = 800
	}
	return m
}

// Render draws the map.
func Render(m Map) (image.Image, error) {
	m = withDefaults(m)
	if m.Width > 8000 || m.Height > 8000 {
		return nil, fmt.Errorf("static map: %d x %d pixels is too large (8000 at most)", m.Width, m.Height)
	}
	v, err := fit(m)
	if err != nil {
		return nil, err
	}
	dc := gg.NewContext(m.Width, m.Height)
	small, err := face(false, 13)
	if err != nil {
		return nil, err
	}
	dc.SetFontFace(small)
	labels, taken := placeLabels(dc, v, append(append([]Marker{}, m.Trail...), m.Markers...), m.Areas)
	if err := drawBasemap(dc, v, small, taken); err != nil {
		return nil, err
	}
	drawAreas(dc, v, m.Areas)
	drawTrail(dc, v, m.Trail)
	drawMarkers(dc, v, m.Markers)
	dc.SetFontFace(small)
	for _, l := range labels {
		haloText(dc, l.text, l.x, l.y, 0, 0.35, l.c)
	}
	if err := drawFurniture(dc, v, m.Title, m.Note); err != nil {
		return nil, err
	}
	return dc.Image(), nil
}

// WritePNG renders the map and writes it as PNG, with m.Comment as a tEXt chunk.
func WritePNG(w io.Writer, m Map) error {
	img, err := Render(m)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return err
	}
	out := b.Bytes()
	if m.Comment != "" {
		out = withText(out, "Comment", m.Comment)
	}
	_, err = w.Write(out)
	return err
}

// withText inserts a tEXt chunk after the PNG's header chunk (IHDR, always
// first: 8 bytes of signature and 25 of chunk). The text is kept to printable ASCII.
func withText(p []byte, key, text string) []byte {
	const afterIHDR = 8 + 25
	if len(p) < afterIHDR {
		return p
	}
	ascii := []byte(strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e {
			return '?'
		}
		return r
	}, text))
	data := append(append([]byte(key), 0), ascii...)
	chunk := make([]byte, 0, len(data)+12)
	chunk = binary.BigEndian.AppendUint32(chunk, uint32(len(data)))
	chunk = append(append(chunk, "tEXt"...), data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	return append(append(append([]byte{}, p[:afterIHDR]...), chunk...), p[afterIHDR:]...)
}

// path adds a clipped, projected geometry to the current path.
func path(dc *gg.Context, v view, g orb.Geometry) {
	pad := orb.Bound{Min: orb.Point{v.llBounds.Min[0] - 0.5, v.llBounds.Min[1] - 0.5},
		Max: orb.Point{v.llBounds.Max[0] + 0.5, v.llBounds.Max[1] + 0.5}}
	// clip works in place: clone, or the shared basemap is damaged for the next map.
	g = clip.Geometry(pad, orb.Clone(g))
	line := func(ls []orb.Point, closed bool) {
		for i, p := range ls {
			x, y := v.px(p[1], p[0])
			if i == 0 {
				dc.MoveTo(x, y)
			} else {
				dc.LineTo(x, y)
			}
		}
		if closed && len(ls) > 0 {
			dc.ClosePath()
		}
		dc.NewSubPath()
	}
	switch t := g.(type) {
	case orb.Polygon:
		for _, r := range t {
			line(r, true)
		}
	case orb.MultiPolygon:
		for _, p := range t {
			for _, r := range p {
				line(r, true)
			}
		}
	case orb.LineString:
		line(t, false)
	case orb.MultiLineString:
		for _, l := range t {
			line(l, false)
		}
	}
}

func drawBasemap(dc *gg.Context, v view, labelFace font.Face, taken []box) error {
	dc.SetColor(sea)
	dc.Clear()
	fill := func(layer string, c color.Color, outline bool) error {
		fs, err := basemap.Layer(layer)
		if err != nil {
			return err
		}
		for _, f := range fs {
			path(dc, v, f.Geometry)
		}
		dc.SetFillRuleEvenOdd()
		dc.SetColor(c)
		if !outline { // neighbouring land is cut at the data's edge: an outline would draw that cut
			dc.Fill()
			return nil
		}
		dc.FillPreserve()
		dc.SetColor(coast)
		dc.SetLineWidth(1)
		dc.Stroke()
		return nil
	}
	if err := fill(basemap.LayerLand, otherLand, false); err != nil {
		return err
	}
	if err := fill(basemap.LayerNation, land, true); err != nil {
		return err
	}
	borders, err := basemap.Layer(basemap.LayerBorder)
	if err != nil {
		return err
	}
	for _, b := range borders {
		path(dc, v, b.Geometry)
		if b.Properties.MustString("kind", "") == "nation" {
			dc.SetColor(nationLine)
			dc.SetLineWidth(1.6)
			dc.SetDash()
		} else {
			dc.SetColor(regionLine)
			dc.SetLineWidth(1)
			dc.SetDash(5, 4)
		}
		dc.Stroke()
	}
	dc.SetDash()
	towns, err := basemap.Layer(basemap.LayerTown)
	if err != nil {
		return err
	}
	drawTowns(dc, v, towns, labelFace, taken)
	return nil
}

// drawTowns labels the biggest towns first and skips any whose label would
// overlap one already placed, so a country map stays readable.
func drawTowns(dc *gg.Context, v view, towns []*geojson.Feature, labelFace font.Face, taken []box) {
	dc.SetFontFace(labelFace)
	minPop := 0.0
	switch {
	case v.z < 6.5:
		minPop = 250_000
	case v.z < 8:
		minPop = 100_000
	}
	placed := append([]box(nil), taken...)
	for _, t := range towns { // the file lists towns biggest first
		p, ok := t.Geometry.(orb.Point)
		if !ok || !v.llBounds.Contains(p) || t.Properties.MustFloat64("population", 0) < minPop {
			continue
		}
		name := t.Properties.MustString("name", "")
		x, y := v.px(p[1], p[0])
		w, h := dc.MeasureString(name)
		b := box{x - 4, y - 4 - h, x + 8 + w, y + 4}
		if b.hitsAny(placed) {
			continue
		}
		placed = append(placed, b)
		dc.SetColor(nationLine)
		dc.DrawCircle(x, y, 3)
		dc.Fill()
		haloText(dc, name, x+6, y-4, 0, 0.5, color.RGBA{0x55, 0x55, 0x55, 0xff})
	}
}

func metresToPx(v view, lat, m float64) float64 { return m / geo.MetresPerPixel(lat, v.z) }

func drawAreas(dc *gg.Context, v view, areas []Area) {
	for _, a := range areas {
		x, y := v.px(a.Lat, a.Lon)
		dc.DrawCircle(x, y, math.Max(4, metresToPx(v, a.Lat, a.RadiusM)))
		dc.SetColor(riskFill)
		dc.FillPreserve()
		dc.SetColor(riskLine)
		dc.SetLineWidth(2)
		dc.SetDash(6, 4)
		dc.Stroke()
		dc.SetDash()
		// A diamond marks the centre, so an area reads as a place, not a blur.
		dc.DrawRegularPolygon(4, x, y, 6, 0)
		dc.Fill()
	}
}

func accuracy(dc *gg.Context, v view, mk Marker, c color.RGBA) {
	if mk.AccuracyM <= 0 {
		return
	}
	x, y := v.px(mk.Lat, mk.Lon)
	dc.DrawCircle(x, y, metresToPx(v, mk.Lat, mk.AccuracyM))
	dc.SetColor(color.NRGBA{c.R, c.G, c.B, 0x22})
	dc.FillPreserve()
	dc.SetColor(color.NRGBA{c.R, c.G, c.B, 0x99})
	dc.SetLineWidth(1)
	dc.Stroke()
}

func drawTrail(dc *gg.Context, v view, trail []Marker) {
	for _, f := range trail {
		accuracy(dc, v, f, trailLine)
	}
	if len(trail) > 1 {
		for i, f := range trail {
			x, y := v.px(f.Lat, f.Lon)
			if i == 0 {
				dc.MoveTo(x, y)
			} else {
				dc.LineTo(x, y)
			}
		}
		dc.SetColor(trailLine)
		dc.SetLineWidth(2.5)
		dc.SetLineJoinRound()
		dc.Stroke()
	}
	for i, f := range trail {
		x, y := v.px(f.Lat, f.Lon)
		r := 3.5
		if i == 0 || i == len(trail)-1 {
			r = 5 // the ends of the trail stand out
		}
		dc.DrawCircle(x, y, r)
		dc.SetColor(color.White)
		dc.FillPreserve()
		dc.SetColor(trailLine)
		dc.SetLineWidth(2)
		dc.Stroke()
	}
}

func drawMarkers(dc *gg.Context, v view, ms []Marker) {
	for _, mk := range ms {
		c := amberFill
		if mk.Kind == Red {
			c = redFill
		}
		if mk.Kind == Fix {
			c = trailLine
		}
		accuracy(dc, v, mk, c)
	}
	for _, mk := range ms {
		x, y := v.px(mk.Lat, mk.Lon)
		c, r := amberFill, 8.0
		switch mk.Kind {
		case Red:
			c, r = redFill, 10
		case Fix:
			c, r = trailLine, 4
		}
		dc.DrawCircle(x, y, r)
		dc.SetColor(c)
		dc.FillPreserve()
		dc.SetColor(color.White)
		dc.SetLineWidth(2)
		dc.Stroke()
	}
}

// box is a screen rectangle: x0, y0, x1, y1.
type box [4]float64

func (b box) hitsAny(others []box) bool {
	for _, o := range others {
		if b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1] {
			return true
		}
	}
	return false
}

type label struct {
	text string
	x, y float64 // left edge, vertical middle
	c    color.Color
}

// placeLabels puts each label right, left, below or above its point, taking
// the first spot that covers no marker and no other label, so two things at
// one place (a red alert and its first fix) both stay readable. It returns the
// labels and every box taken, which town names then keep clear of.
func placeLabels(dc *gg.Context, v view, ms []Marker, areas []Area) ([]label, []box) {
	var taken []box
	for _, mk := range ms {
		x, y := v.px(mk.Lat, mk.Lon)
		taken = append(taken, box{x - 10, y - 10, x + 10, y + 10})
	}
	var out []label
	place := func(text string, x, y, gap float64, c color.Color) {
		w, h := dc.MeasureString(text)
		cands := [][2]float64{{x + gap, y}, {x - gap - w, y}, {x - w/2, y + gap + h/2}, {x - w/2, y - gap - h/2}}
		pick := cands[0]
		for _, cd := range cands {
			if !(box{cd[0] - 2, cd[1] - h/2 - 2, cd[0] + w + 2, cd[1] + h/2 + 2}).hitsAny(taken) {
				pick = cd
				break
			}
		}
		taken = append(taken, box{pick[0] - 2, pick[1] - h/2 - 2, pick[0] + w + 2, pick[1] + h/2 + 2})
		out = append(out, label{text, pick[0], pick[1], c})
	}
	for _, mk := range ms {
		if mk.Label != "" {
			x, y := v.px(mk.Lat, mk.Lon)
			place(mk.Label, x, y, 13, ink)
		}
	}
	for _, a := range areas {
		if a.Label != "" {
			x, y := v.px(a.Lat, a.Lon)
			place(a.Label, x, y, 10+math.Max(4, metresToPx(v, a.Lat, a.RadiusM)), riskLine)
		}
	}
	return out, taken
}

// haloText draws text with a white halo so it reads over any background.
func haloText(dc *gg.Context, s string, x, y, ax, ay float64, c color.Color) {
	dc.SetColor(color.NRGBA{0xff, 0xff, 0xff, 0xdd})
	for _, d := range [][2]float64{{-1, -1}, {1, -1}, {-1, 1}, {1, 1}, {0, 1.5}, {0, -1.5}, {1.5, 0}, {-1.5, 0}} {
		dc.DrawStringAnchored(s, x+d[0], y+d[1], ax, ay)
	}
	dc.SetColor(c)
	dc.DrawStringAnchored(s, x, y, ax, ay)
}
