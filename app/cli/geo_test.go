package main

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/workspace"
)

func f64(v float64) *float64 { return &v }

// geoWorkspace holds four genuine red alerts within 60 m in Leeds on 09/10/2025
// (a hotspot), one false red there, and an amber in Bradford the day before.
func geoWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	day := time.Date(2025, 10, 9, 12, 0, 0, 0, store.London).Unix()
	err = ws.Store.Write(context.Background(), func(w *store.Writer) error {
		team, _ := w.Team("Leeds & Wakefield <North>", 0, "")
		add := func(ref, typ, validity string, at int64, lat, lon float64) error {
			_, err := w.Alert(store.NewAlert{ARC: "t", ARCRef: ref, Type: typ, Validity: validity, RaisedAt: at, TeamID: team, Lat: f64(lat), Lon: f64(lon)})
			return err
		}
		for i := 0; i < 4; i++ {
			if err := add("R"+string(rune('1'+i)), "red", "genuine", day+int64(i)*60, 53.8000+float64(i)*0.0001, -1.5500); err != nil {
				return err
			}
		}
		if err := add("F1", "red", "false", day, 53.8001, -1.5501); err != nil {
			return err
		}
		return add("A1", "amber", "", day-86400, 53.7950, -1.7594)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestExportGeoJSON_FiltersByUKDatesTypeAndValidity(t *testing.T) {
	dir := geoWorkspace(t)
	out := filepath.Join(t.TempDir(), "red.geojson")
	code, stdout, stderr := runCLI(t, "--data-dir", dir, "export", "geojson", "--from", "09/10/2025", "--to", "09/10/2025", "--type", "red", "--validity", "genuine", "--out", out)
	if code != 0 || !strings.Contains(stdout, "Wrote 4 located alerts") {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	var fc struct {
		Features []struct {
			Geometry   struct{ Coordinates []float64 }
			Properties map[string]any
		}
	}
	b, _ := os.ReadFile(out)
	if err := json.Unmarshal(b, &fc); err != nil || len(fc.Features) != 4 {
		t.Fatalf("%v, %d features", err, len(fc.Features))
	}
	if c := fc.Features[0].Geometry.Coordinates; c[0] != -1.55 || c[1] != 53.8 {
		t.Errorf("coordinates %v are not longitude first", c)
	}
	code, _, _ = runCLI(t, "--data-dir", dir, "export", "geojson", "--to", "08/10/2025", "--out", out)
	b, _ = os.ReadFile(out)
	if code != 0 || strings.Count(string(b), `"type": "Feature"`) != 1 {
		t.Errorf("--to is inclusive of the UK day and excludes the next: %s", b)
	}
}

func TestExportGeoJSON_KMLToStandardOutputIsWellFormed(t *testing.T) {
	dir := geoWorkspace(t)
	code, stdout, stderr := runCLI(t, "--data-dir", dir, "export", "geojson", "--format", "kml", "--out", "-")
	if code != 0 || !strings.Contains(stderr, "Wrote 6 located alerts") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if err := xml.Unmarshal([]byte(stdout), new(struct{})); err != nil || !strings.Contains(stdout, "Leeds &amp; Wakefield &lt;North&gt;") {
		t.Fatalf("KML not well-formed or text not escaped: %v", err)
	}
}

func TestExportGeoJSON_BadInputExitsTwo(t *testing.T) {
	dir := geoWorkspace(t)
	for _, args := range [][]string{
		{"export"}, {"export", "geojson"}, {"export", "geojson", "--out", "x", "--type", "purple"},
		{"export", "geojson", "--out", "x", "--from", "31/02/2025"}, {"export", "geojson", "--out", "x", "--format", "shp"},
		{"export", "geojson", "--out", "x", "--from", "10/10/2025", "--to", "01/10/2025"},
	} {
		if code, _, stderr := runCLI(t, append([]string{"--data-dir", dir}, args...)...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
}

func TestHotspots_FindsThePlantedHotspotWithItsTeam(t *testing.T) {
	dir := geoWorkspace(t)
	code, stdout, stderr := runCLI(t, "--data-dir", dir, "hotspots", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var hs []struct {
		Key   string
		Count int
		Teams []struct {
			Name  string
			Count int
		}
	}
	if err := json.Unmarshal([]byte(stdout), &hs); err != nil || len(hs) != 1 || hs[0].Count != 4 || hs[0].Teams[0].Name != "Leeds & Wakefield <North>" {
		t.Fatalf("%v: %s", err, stdout)
	}
	code, stdout, _ = runCLI(t, "--data-dir", dir, "hotspots", "--json", "--min", "5")
	if code != 0 || strings.TrimSpace(stdout) != "[]" {
		t.Errorf("five alerts needed, four present: %s", stdout)
	}
	if code, _, _ := runCLI(t, "--data-dir", dir, "hotspots", "--json", "--eps", "-3"); code != 2 {
		t.Errorf("negative distance: exit %d", code)
	}
	if code, _, _ := runCLI(t, "--data-dir", dir, "hotspots"); code != 2 {
		t.Errorf("without --json: exit %d", code)
	}
}
