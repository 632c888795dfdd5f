package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/store"
)

func f64(v float64) *float64 { return &v }

// mapFixture opens a workspace with one worker's day: two amber alerts, then a
// genuine red alert with a three-fix trail in Leeds, plus three more genuine
// reds at the same corner (a hotspot) and an amber in Bradford.
func mapFixture(t *testing.T) (*Maps, map[string]int64) {
	t.Helper()
	s, ws := testSession(t, time.Unix(1_760_000_000, 0))
	ids := map[string]int64{}
	day := time.Date(2025, 10, 9, 0, 0, 0, 0, store.London).Unix()
	err := ws.Store.Write(context.Background(), func(w *store.Writer) error {
		team, _ := w.Team("Leeds North District Nurses", 0, "")
		worker, err := w.Worker(store.Worker{Ref: "LW1", Name: "Sam O'Brien & <Co>", TeamID: team})
		if err != nil {
			return err
		}
		add := func(name string, a store.NewAlert) {
			if err != nil {
				return
			}
			a.ARC, a.ARCRef, a.TeamID = "Test ARC", name, team
			ids[name], err = w.Alert(a)
		}
		add("A1", store.NewAlert{Type: "amber", WorkerID: worker, RaisedAt: day + 9*3600, Lat: f64(53.8100), Lon: f64(-1.5500), Memo: "Visiting flat 3"})
		add("A2", store.NewAlert{Type: "amber", WorkerID: worker, RaisedAt: day + 14*3600, Lat: f64(53.8000), Lon: f64(-1.5500), Memo: "Second visit"})
		add("R1", store.NewAlert{Type: "red", WorkerID: worker, RaisedAt: day + 14*3600 + 1800, Validity: "genuine", Lat: f64(53.8009), Lon: f64(-1.5500), AccuracyM: f64(8)})
		for i, n := range []string{"H1", "H2", "H3"} {
			add(n, store.NewAlert{Type: "red", RaisedAt: day + int64(i)*86400*3, Validity: "precautionary", Lat: f64(53.8010 + float64(i)*0.0002), Lon: f64(-1.5502)})
		}
		add("B1", store.NewAlert{Type: "amber", RaisedAt: day, Lat: f64(53.7950), Lon: f64(-1.7594)})
		if err != nil {
			return err
		}
		for i, src := range []string{"cell", "gps", "wifi"} {
			if err := w.Position(store.Position{AlertID: ids["R1"], FixAt: day + 14*3600 + 1800 + int64(i)*60,
				Lat: 53.8009 + float64(i)*0.001, Lon: -1.55, AccuracyM: float64(500 / (i + 1)), Source: src}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return newMaps(s, func() platform { return nullPlatform{} }), ids
}

var leeds = store.MapBox{South: 53.70, West: -1.90, North: 53.90, East: -1.40}

func TestMaps_ViewFlagsAlertsInsideAKnownRiskLocation(t *testing.T) {
	m, ids := mapFixture(t)
	if _, err := m.SaveKnownRisk(store.KnownRiskLocation{Label: "12 Example Street", Lat: 53.8010, Lon: -1.5502, RadiusM: 50, Reason: "Dog"}); err != nil {
		t.Fatal(err)
	}
	v, err := m.View(geo.ViewRequest{Box: leeds, Zoom: 14})
	if err != nil {
		t.Fatal(err)
	}
	if v.View.Total != 7 || v.View.Points == nil || v.View.Points.Len() != 7 {
		t.Fatalf("view %+v", v.View)
	}
	for name, want := range map[string]bool{"H1": true, "R1": true, "A1": false, "B1": false} {
		if got := len(v.Risks[ids[name]]) > 0; got != want {
			t.Errorf("%s flagged %v, want %v", name, got, want)
		}
	}
	red, err := m.View(geo.ViewRequest{Box: leeds, Zoom: 14, Filter: store.AlertFilter{Types: []string{"red"}}})
	if err != nil || red.View.Total != 4 {
		t.Fatalf("red view %+v %v", red.View, err)
	}
	described, err := m.Describe([]int64{ids["H1"], ids["B1"]})
	if err != nil || len(described) != 2 || len(described[0].Risks) != 1 || described[0].Risks[0].Label != "12 Example Street" || described[1].Risks != nil {
		t.Fatalf("describe %+v %v", described, err)
	}
}

func TestMaps_CaseMapAndHotspotLink(t *testing.T) {
	m, ids := mapFixture(t)
	cm, err := m.CaseMap(ids["R1"])
	if err != nil {
		t.Fatal(err)
	}
	if len(cm.Trail) != 3 || len(cm.Ambers) != 2 || cm.LastAmber == nil || cm.LastAmber.AmberID != ids["A2"] || cm.LastAmber.Seconds != 1800 {
		t.Fatalf("case map %+v", cm)
	}
	if d := cm.LastAmber.DistanceM; d < 95 || d > 105 {
		t.Errorf("last amber is %.1f m from the red, want about 100 m", d)
	}
	if _, err := m.CaseMap(ids["A1"]); err == nil {
		t.Error("an amber alert has no case map")
	}
	hs, err := m.Hotspots(0, 0)
	if err != nil || len(hs) != 1 || hs[0].Count != 4 {
		t.Fatalf("hotspots %+v %v", hs, err)
	}
	link, err := m.HotspotRiskLink(hs[0].Key)
	if err != nil || link.Count != 4 || len(link.AlertIDs) != 4 || !strings.Contains(link.Description, "Leeds North District Nurses (4)") {
		t.Fatalf("link %+v %v", link, err)
	}
	if _, err := m.HotspotRiskLink("hotspot:999999"); err == nil {
		t.Error("an unknown hotspot key should be refused")
	}
}

func TestMaps_KnownRiskChangesAreAudited(t *testing.T) {
	m, _ := mapFixture(t)
	k, err := m.SaveKnownRisk(store.KnownRiskLocation{Label: "Flat 3", Lat: 53.8, Lon: -1.55, RadiusM: 100, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	past := int64(1_700_000_000)
	k.ReviewDate = &past
	if _, err := m.SaveKnownRisk(k); err != nil {
		t.Fatal(err)
	}
	list, err := m.KnownRisks()
	if err != nil || len(list) != 1 || !list[0].Overdue || list[0].Location.AddedBy == "" {
		t.Fatalf("list %+v %v", list, err)
	}
	ws, _ := m.s.workspace()
	log, err := ws.Store.AuditFor(context.Background(), "known_risk_location", "1")
	if err != nil || len(log) != 2 || log[0].Action != "known_risk.add" || log[1].Action != "known_risk.update" {
		t.Fatalf("audit %+v %v", log, err)
	}
	if _, err := m.SaveKnownRisk(store.KnownRiskLocation{Label: "", Lat: 53.8, Lon: -1.55, RadiusM: 100}); err == nil {
		t.Error("an entry without a label should be refused")
	}
}

// fakeDialogs is a platform whose native dialogs answer with fixed paths.
type fakeDialogs struct {
	nullPlatform
	mu         sync.Mutex
	open, save string
}

func (f *fakeDialogs) OpenFileDialog(string, string, string) (string, error) { return f.open, nil }
func (f *fakeDialogs) SaveFileDialog(string, string, string, string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.save, nil
}

// useDialogs makes d the platform m's dialogs come from.
func (m *Maps) useDialogs(d *fakeDialogs) { m.platform = func() platform { return d } }

func TestMaps_ExportsGeoJSONKMLAndPNG(t *testing.T) {
	m, ids := mapFixture(t)
	dir := t.TempDir()
	d := &fakeDialogs{}
	m.useDialogs(d)

	d.save = filepath.Join(dir, "red.geojson")
	res, err := m.ExportAlerts(store.AlertFilter{Types: []string{"red"}}, "geojson")
	if err != nil || res.Written != 4 || res.Path != d.save {
		t.Fatalf("geojson %+v %v", res, err)
	}
	var fc struct{ Features []json.RawMessage }
	b, _ := os.ReadFile(d.save)
	if err := json.Unmarshal(b, &fc); err != nil || len(fc.Features) != 4 {
		t.Fatalf("geojson file: %v, %d features", err, len(fc.Features))
	}

	d.save = filepath.Join(dir, "all.kml")
	if res, err = m.ExportAlerts(store.AlertFilter{}, "kml"); err != nil || res.Written != 7 {
		t.Fatalf("kml %+v %v", res, err)
	}
	b, _ = os.ReadFile(d.save)
	if err := xml.Unmarshal(b, new(struct{})); err != nil || !bytes.Contains(b, []byte("Leeds North District Nurses")) {
		t.Fatalf("kml is not well-formed: %v", err)
	}

	d.save = filepath.Join(dir, "case.png")
	if _, err := m.ExportCaseMapPNG(ids["R1"]); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(d.save)
	defer f.Close()
	if img, err := png.Decode(f); err != nil || img.Bounds().Dx() != 1200 {
		t.Fatalf("png: %v", err)
	}

	d.save = "" // the person pressed Cancel
	if res, err := m.ExportAlerts(store.AlertFilter{}, "kml"); err != nil || !res.Cancelled {
		t.Fatalf("cancel %+v %v", res, err)
	}
	if _, err := m.ExportAlerts(store.AlertFilter{}, "shapefile"); err == nil {
		t.Error("an unknown format should be refused")
	}
	ws, _ := m.s.workspace()
	if log, _ := ws.Store.AuditFor(context.Background(), "alerts", "filter"); len(log) != 2 {
		t.Errorf("exports audited %d times, want 2", len(log))
	}
}

func TestMapSettings_TileURLWidensTheCSPToItsOriginOnly(t *testing.T) {
	m, _ := mapFixture(t)
	a := &app{maps: m}
	csp := func() string {
		rec := httptest.NewRecorder()
		a.middleware(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		return rec.Header().Get("Content-Security-Policy")
	}
	if got := csp(); got != contentSecurityPolicy {
		t.Fatalf("default policy changed: %s", got)
	}
	v, err := m.Settings()
	if err != nil || !v.Offline || v.TileLayer != "" {
		t.Fatalf("defaults %+v %v", v, err)
	}
	s := v.Settings
	for _, bad := range []string{"", "ftp://x/{z}/{x}/{y}", "https://{s}.tile.example/{z}/{x}/{y}.png", "https://tiles.example/{z}/{x}.png",
		"https://user:pw@tiles.example/{z}/{x}/{y}.png", "https://tiles.example; script-src */{z}/{x}/{y}"} {
		s.Basemap, s.TileURL = geo.BasemapURL, bad
		if _, err := m.SaveSettings(s); err == nil {
			t.Errorf("tile URL %q accepted", bad)
		}
	}
	s.TileURL = "https://tiles.example.nhs.uk:8443/osm/{z}/{x}/{y}.png"
	v, err = m.SaveSettings(s)
	if err != nil || v.Offline || v.TileLayer != s.TileURL {
		t.Fatalf("save %+v %v", v, err)
	}
	if got := csp(); !strings.Contains(got, "img-src 'self' data: blob: https://tiles.example.nhs.uk:8443;") || strings.Count(got, "tiles.example") != 1 {
		t.Fatalf("policy %s", got)
	}
	s.Basemap = geo.BasemapBuiltin
	if _, err := m.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	if got := csp(); got != contentSecurityPolicy {
		t.Fatalf("policy after going offline again: %s", got)
	}
	s.HotspotEpsM = 0
	if _, err := m.SaveSettings(s); err == nil || !strings.Contains(err.Error(), "hotspot distance") {
		t.Errorf("eps 0: %v", err)
	}
}

func TestMaps_ServesBasemapAndTilesOnlyFromTheChosenFile(t *testing.T) {
	m, _ := mapFixture(t)
	a := &app{maps: m}
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		a.middleware(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec
	}
	if r := get("/basemap/uk.geojson"); r.Code != 200 || !bytes.HasPrefix(r.Body.Bytes(), []byte(`{"type":"FeatureCollection"`)) {
		t.Fatalf("basemap %d", r.Code)
	}
	if r := get("/tiles/1/0/0"); r.Code != http.StatusNotFound {
		t.Fatalf("tile without a file: %d", r.Code)
	}
	path := filepath.Join(t.TempDir(), "trust.mbtiles")
	writeTestMBTiles(t, path)
	m.useDialogs(&fakeDialogs{open: path})
	v, err := m.ChooseTileFile()
	if err != nil || v.TileLayer != "/tiles/{z}/{x}/{y}" || v.TileInfo == nil || v.TileInfo.Format != "png" {
		t.Fatalf("choose %+v %v", v, err)
	}
	if r := get("/tiles/1/0/0"); r.Code != 200 || r.Header().Get("Content-Type") != "image/png" {
		t.Fatalf("tile %d %s", r.Code, r.Body.String())
	}
	if r := get("/tiles/1/1/1"); r.Code != http.StatusNoContent {
		t.Fatalf("missing tile %d", r.Code)
	}
	for _, bad := range []string{"/tiles/1/2/0", "/tiles/../../etc/passwd", "/tiles/a/b/c", "/tiles/1/0"} {
		if r := get(bad); r.Code != http.StatusBadRequest {
			t.Errorf("%s: %d", bad, r.Code)
		}
	}
	// A path typed in the webview is never used: SaveSettings keeps the chosen file.
	s := v.Settings
	s.TileFile = "/etc/passwd"
	if v, err := m.SaveSettings(s); err != nil || v.Settings.TileFile != path {
		t.Fatalf("tile file changed through SaveSettings: %+v %v", v.Settings, err)
	}
}

func TestMaps_ListsAreEmptyNotNull(t *testing.T) {
	m, ids := mapFixture(t)
	ws, _ := m.s.workspace()
	// A red alert with no worker, no fixes and no known risk nearby.
	cm, err := m.CaseMap(ids["H2"])
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(cm)
	for _, k := range []string{`"trail":[]`, `"ambers":[]`, `"knownRisks":[]`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("case map JSON lacks %s: %s", k, b)
		}
	}
	if err := ws.Store.SetSetting(context.Background(), geo.MapSettingsKey, `{"hotspotEpsM":250,"hotspotMinPts":50,"hotspotValidity":["genuine"],"knownRiskRadiusM":100,"caseRiskRadiusM":500,"basemap":"builtin"}`); err != nil {
		t.Fatal(err)
	}
	hs, err := m.Hotspots(0, 0)
	if b, _ := json.Marshal(hs); err != nil || string(b) != "[]" {
		t.Errorf("no hotspots should be [], got %s %v", b, err)
	}
}
