package geoexport

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/nhs-redline/redline/backend/store"
)

func f64(v float64) *float64 { return &v }

var sample = []store.Alert{
	{ID: 1, ARC: "Acme ARC", ARCRef: "R-100", Type: "red", RaisedAt: 1743345900, Validity: "genuine", Escalation: "999",
		PoliceRef: "URN 13/123456/25", TeamName: "O'Brien & Sons <Community> \"Nursing\"", Lat: f64(53.7997), Lon: f64(-1.5492), AccuracyM: f64(12),
		Memo: "Visit to patient Jane Doe"},
	{ID: 2, ARC: "Acme ARC", ARCRef: "A-7", Type: "amber", RaisedAt: 1743343200, Lat: f64(53.8105), Lon: f64(-1.5492)},
	{ID: 3, ARC: "Acme ARC", ARCRef: "R-101", Type: "red", RaisedAt: 1743346000}, // no location
}

func TestGeoJSON_PointsAreLongitudeFirstWithProperties(t *testing.T) {
	var buf bytes.Buffer
	res, err := GeoJSON(&buf, sample, store.AuditAnchor{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 2 || res.Skipped != 1 {
		t.Fatalf("result %+v", res)
	}
	fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != 2 {
		t.Fatalf("%d features", len(fc.Features))
	}
	f := fc.Features[0]
	if p := f.Geometry.(orb.Point); p[0] != -1.5492 || p[1] != 53.7997 {
		t.Errorf("point %v, want [-1.5492 53.7997]", p)
	}
	if f.Properties.MustString("team", "") != sample[0].TeamName || f.Properties.MustString("policeRef", "") != "URN 13/123456/25" {
		t.Errorf("properties %v", f.Properties)
	}
	// 1743345900 is 30 March 2025 14:45 UTC, 15:45 British Summer Time.
	if got := f.Properties.MustString("raisedAtUK", ""); got != "30/03/2025 15:45:00 BST" {
		t.Errorf("UK time %q", got)
	}
	if strings.Contains(buf.String(), "Jane Doe") {
		t.Error("the memo (patient details) must not be exported")
	}
}

func decodeKML(t testing.TB, b []byte) kmlDoc {
	t.Helper()
	var doc kmlDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("KML is not well-formed XML: %v\n%s", err, b)
	}
	return doc
}

func TestKML_EscapesTextAndKeepsItIntact(t *testing.T) {
	var buf bytes.Buffer
	res, err := KML(&buf, "Alerts for West Yorkshire Police <case 7>", sample, store.AuditAnchor{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 2 || res.Skipped != 1 {
		t.Fatalf("result %+v", res)
	}
	if strings.Contains(buf.String(), "<Community>") {
		t.Error("angle brackets in a team name reached the file unescaped")
	}
	doc := decodeKML(t, buf.Bytes())
	if doc.Document.Name != "Alerts for West Yorkshire Police <case 7>" || len(doc.Document.Placemarks) != 2 {
		t.Fatalf("document %+v", doc.Document)
	}
	p := doc.Document.Placemarks[0]
	if p.Point.Coordinates != "-1.5492000,53.7997000,0" || p.StyleURL != "#red" || p.When != "2025-03-30T14:45:00Z" {
		t.Errorf("placemark %+v", p)
	}
	team := ""
	for _, d := range p.Data {
		if d.Name == "team" {
			team = d.Value
		}
	}
	if team != sample[0].TeamName {
		t.Errorf("team came back as %q", team)
	}
}

// FuzzKML_AnyTextStaysWellFormed: whatever an ARC puts in a reference or a
// team name, the KML parses and valid text comes back unchanged.
func FuzzKML_AnyTextStaysWellFormed(f *testing.F) {
	f.Add("R-1", "Leeds North", "title")
	f.Add("]]><script>", "O'Brien & Sons", "<kml>")
	f.Add("\x00\x01\x1b", "\xff\xfe", "é ü 日本")
	f.Add("a\r\nb", "tab\there", "&amp;")
	f.Fuzz(func(t *testing.T, ref, team, title string) {
		a := store.Alert{ID: 1, ARCRef: ref, TeamName: team, Type: "red", Lat: f64(53.8), Lon: f64(-1.5)}
		var buf bytes.Buffer
		if _, err := KML(&buf, title, []store.Alert{a}, store.AuditAnchor{}); err != nil {
			t.Fatal(err)
		}
		doc := decodeKML(t, buf.Bytes())
		if len(doc.Document.Placemarks) != 1 {
			t.Fatalf("placemarks %d", len(doc.Document.Placemarks))
		}
		if plainXMLText(team) {
			for _, d := range doc.Document.Placemarks[0].Data {
				if d.Name == "team" && d.Value != team {
					t.Errorf("team %q came back as %q", team, d.Value)
				}
			}
		}
	})
}

// plainXMLText reports whether s survives XML unchanged: valid UTF-8 with no
// control characters (XML forbids most, and parsers normalise \r).
func plainXMLText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0xFFFD || (r >= 0x7f && r <= 0x9f) || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return true
}
