package geo

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

func TestParseKnownRisks_ReadsTheSampleFile(t *testing.T) {
	data, err := os.ReadFile("../../testdata/geo/known-risks-sample.geojson")
	if err != nil {
		t.Fatal(err)
	}
	locs, err := ParseKnownRisks(data, "known-risks-sample.geojson", 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(locs) != 2 {
		t.Fatalf("%d locations", len(locs))
	}
	a, b := locs[0], locs[1]
	if a.Label != "12 Example Street, Leeds LS1 1AA" || a.RadiusM != 80 || a.Lat != 53.8025 || a.Lon != -1.5440 || !a.Active {
		t.Errorf("first %+v", a)
	}
	if want := time.Date(2026, 3, 31, 0, 0, 0, 0, store.London).Unix(); a.ReviewDate == nil || *a.ReviewDate != want {
		t.Errorf("review date %v, want 31/03/2026 UK midnight", a.ReviewDate)
	}
	if b.Label != "Block B, Example Estate, Bradford" || b.Reason != "Two staff visits only" || b.RadiusM != 100 {
		t.Errorf("second %+v", b)
	}
}

func TestParseKnownRisks_ErrorsNameTheFeatureAndField(t *testing.T) {
	cases := map[string]string{
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]},"properties":{}}]}`:                               "feature 1: only points",
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[-1.5,53.8]},"properties":{"label":"x","radius_m":"big"}}]}`:          "radius_m must be a number",
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[-1.5,53.8]},"properties":{"label":"x","review_date":"next week"}}]}`: "review_date \"next week\"",
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[-1.5,53.8]},"properties":{}}]}`:                                      "give an address",
		`{"type":"Feature"}`: "expected a GeoJSON FeatureCollection",
		`not json`:           "is not GeoJSON",
	}
	for in, want := range cases {
		_, err := ParseKnownRisks([]byte(in), "risks.geojson", 100)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "risks.geojson") {
			t.Errorf("input %s: error %v, want it to mention %q and the file", in, err, want)
		}
	}
}

func FuzzParseKnownRisks(f *testing.F) {
	if data, err := os.ReadFile("../../testdata/geo/known-risks-sample.geojson"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"type":"FeatureCollection","features":[]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"geometry":{"type":"Point","coordinates":[1e308,-1e308]},"properties":{"label":"x"}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"geometry":{"type":"Point","coordinates":[-1.5]},"properties":null}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		locs, err := ParseKnownRisks(data, "fuzz.geojson", 100)
		if err != nil {
			return
		}
		for _, k := range locs {
			if cerr := k.Check(); cerr != nil {
				t.Fatalf("parser returned an entry the store would refuse: %v", cerr)
			}
		}
	})
}
