package mapimg

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// caseMap is a red alert in Leeds with a three-fix trail, the amber alert
// logged before the visit and a known-risk address nearby.
var caseMap = Map{
	Title: "Alert R1: Leeds, 30/03/2025 14:45",
	Markers: []Marker{
		{Lat: 53.8105, Lon: -1.5492, Kind: Amber, Label: "Amber 14:00", AccuracyM: 25},
		{Lat: 53.7997, Lon: -1.5492, Kind: Red, Label: "Red 14:45", AccuracyM: 15},
	},
	Trail: []Marker{
		{Lat: 53.7997, Lon: -1.5492, Kind: Fix, AccuracyM: 15, Label: "14:45 GPS"},
		{Lat: 53.7990, Lon: -1.5470, Kind: Fix, AccuracyM: 60, Label: "14:46 Wi-Fi"},
		{Lat: 53.7985, Lon: -1.5440, Kind: Fix, AccuracyM: 150, Label: "14:47 cell"},
	},
	Areas: []Area{{Lat: 53.8025, Lon: -1.5440, RadiusM: 80, Label: "Known risk: 12 Example St"}},
}

func save(t *testing.T, name string, img image.Image) {
	dir := os.Getenv("REDLINE_MAPIMG_OUT")
	if dir == "" {
		return
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func near(c color.Color, want color.RGBA, tol int) bool {
	r, g, b, _ := c.RGBA()
	d := func(a uint32, w uint8) bool { return int(a>>8)-int(w) <= tol && int(w)-int(a>>8) <= tol }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

func TestRender_CaseMapPutsTheRedAlertWhereItHappened(t *testing.T) {
	img, err := Render(caseMap)
	if err != nil {
		t.Fatal(err)
	}
	save(t, "casemap.png", img)
	v, _ := fit(withDefaults(caseMap))
	x, y := v.px(53.7997, -1.5492)
	if !near(img.At(int(x), int(y)), redFill, 40) {
		t.Errorf("pixel at the red alert is %v, want red", img.At(int(x), int(y)))
	}
	ax, ay := v.px(53.8105, -1.5492)
	if !near(img.At(int(ax), int(ay)), amberFill, 40) {
		t.Errorf("pixel at the amber alert is %v, want amber", img.At(int(ax), int(ay)))
	}
	if ay >= y {
		t.Errorf("the amber alert (further north) is drawn below the red one: north must be up")
	}
	// Leeds is on land: the corner, away from furniture, is land colour.
	if !near(img.At(600, 300), land, 30) && !near(img.At(600, 300), color.RGBA{0xff, 0xff, 0xff, 0xff}, 60) {
		t.Logf("pixel (600,300) is %v", img.At(600, 300))
	}
}

func TestRender_CountryMapShowsSeaAndLand(t *testing.T) {
	m := Map{Title: "Red alerts, 2024", Width: 900, Height: 1200, Markers: []Marker{
		{Lat: 50.0657, Lon: -5.7132, Kind: Red}, {Lat: 58.6373, Lon: -3.0689, Kind: Red},
		{Lat: 54.5973, Lon: -5.9301, Kind: Amber}, {Lat: 51.5074, Lon: -0.1278, Kind: Amber},
	}}
	img, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	save(t, "uk.png", img)
	v, _ := fit(withDefaults(m))
	sx, sy := v.px(54.0, -4.0) // the Irish Sea between Cumbria and the Isle of Man... well offshore
	if !near(img.At(int(sx), int(sy)), sea, 12) {
		t.Errorf("Irish Sea pixel is %v, want sea", img.At(int(sx), int(sy)))
	}
	lx, ly := v.px(53.05, -0.25) // the Lincolnshire fens: land, no town label
	if !near(img.At(int(lx), int(ly)), land, 12) {
		t.Errorf("Lincolnshire pixel is %v, want land", img.At(int(lx), int(ly)))
	}
}

func TestRender_RefusesNothingToDrawAndBadPlaces(t *testing.T) {
	if _, err := Render(Map{}); err == nil {
		t.Error("an empty map should be refused")
	}
	if _, err := Render(Map{Markers: []Marker{{Lat: 95, Lon: 0}}}); err == nil {
		t.Error("latitude 95 should be refused")
	}
}

func TestNiceLength(t *testing.T) {
	for max, want := range map[float64]float64{240: 200, 999: 500, 1000: 1000, 37: 20, 12_345: 10_000} {
		if got := niceLength(max); math.Abs(got-want) > 1e-9 {
			t.Errorf("niceLength(%g) = %g, want %g", max, got, want)
		}
	}
}
