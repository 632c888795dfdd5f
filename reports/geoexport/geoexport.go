// Package geoexport writes selected alerts as GeoJSON and KML for the police
// and for GIS tools.
package geoexport

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/reports/auditmark"
)

// Result says how many alerts were written and how many had no location.
type Result struct {
	Written int `json:"written"`
	Skipped int `json:"skipped"` // alerts without a location cannot go on a map
}

// Count says what GeoJSON and KML will write of alerts, before writing: the
// audit entry of an export is prepared before its file.
func Count(alerts []store.Alert) Result {
	var res Result
	for _, a := range alerts {
		if a.Lat == nil || a.Lon == nil {
			res.Skipped++
		} else {
			res.Written++
		}
	}
	return res
}

// fields are the properties exported for each alert. The memo is left out on
// purpose: it often names patients, and an export to the police should carry
// only what locates and identifies the alarm; the LSMS sends more by the
// defined process if asked.
func fields(a store.Alert) [][2]string {
	f := [][2]string{
		{"id", fmt.Sprint(a.ID)},
		{"arc", a.ARC},
		{"arcRef", a.ARCRef},
		{"type", a.Type},
		{"trigger", a.Trigger},
		{"raisedAtUTC", time.Unix(a.RaisedAt, 0).UTC().Format(time.RFC3339)},
		{"raisedAtUK", time.Unix(a.RaisedAt, 0).In(store.London).Format("02/01/2006 15:04:05 MST")},
		{"validity", a.Validity},
		{"escalation", a.Escalation},
		{"policeRef", a.PoliceRef},
		{"workerRef", a.WorkerRef},
		{"team", a.TeamName},
	}
	if a.AccuracyM != nil {
		f = append(f, [2]string{"accuracyM", fmt.Sprintf("%.0f", *a.AccuracyM)})
	}
	return append(f, arcWords(a)...)
}

// wordFields are the fields an ARC profile's vocabulary can normalise, in
// the order fields lists them.
var wordFields = []string{"type", "trigger", "validity", "escalation"}

// arcWords is the ARC's own word beside each normalised value it changed
// ("validityARC": "Planned Alarm" beside "validity": "test"), so whoever
// reads the export sees the alarm as the ARC named it.
func arcWords(a store.Alert) [][2]string {
	var f [][2]string
	for _, k := range wordFields {
		if w := a.Words[k]; w != "" {
			f = append(f, [2]string{k + "ARC", w})
		}
	}
	return f
}

// GeoJSON writes alerts as a FeatureCollection of points (RFC 7946: WGS84,
// longitude first). An export's audit head goes in a foreign member,
// "redline": {"auditHead": "N:HASH", "note": ...}; a zero head is left out.
func GeoJSON(w io.Writer, alerts []store.Alert, head store.AuditAnchor) (Result, error) {
	var res Result
	fc := geojson.NewFeatureCollection()
	if !auditmark.None(head) {
		fc.ExtraMembers = geojson.Properties{"redline": map[string]string{"auditHead": auditmark.Anchor(head), "note": auditmark.Full(head)}}
	}
	for _, a := range alerts {
		if a.Lat == nil || a.Lon == nil {
			res.Skipped++
			continue
		}
		f := geojson.NewFeature(orb.Point{*a.Lon, *a.Lat})
		f.ID = a.ID
		for _, kv := range fields(a) {
			f.Properties[kv[0]] = kv[1]
		}
		f.Properties["id"] = a.ID
		if a.AccuracyM != nil {
			f.Properties["accuracyM"] = *a.AccuracyM
		}
		fc.Append(f)
		res.Written++
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(fc); err != nil {
		return res, fmt.Errorf("write GeoJSON: %w", err)
	}
	return res, nil
}

type kmlDoc struct {
	XMLName  xml.Name `xml:"kml"`
	NS       string   `xml:"xmlns,attr"`
	Document kmlDocument
}

type kmlDocument struct {
	Name        string         `xml:"name"`
	Description string         `xml:"description,omitempty"` // the export's audit head
	Styles      []kmlStyle     `xml:"Style"`
	Placemarks  []kmlPlacemark `xml:"Placemark"`
}

type kmlStyle struct {
	ID    string `xml:"id,attr"`
	Color string `xml:"IconStyle>color"` // aabbggrr
}

type kmlPlacemark struct {
	Name        string    `xml:"name"`
	Description string    `xml:"description"`
	When        string    `xml:"TimeStamp>when"`
	StyleURL    string    `xml:"styleUrl"`
	Data        []kmlData `xml:"ExtendedData>Data"`
	Point       kmlPoint  `xml:"Point"`
}

type kmlData struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value"`
}

type kmlPoint struct {
	Coordinates string `xml:"coordinates"`
}

// KML writes alerts as KML 2.2 placemarks, red and amber styled apart. Every
// text goes through encoding/xml, so names such as "O'Brien & Sons <Ltd>"
// arrive intact and cannot break the file. An export's audit head is the
// document's description; a zero head is left out.
func KML(w io.Writer, title string, alerts []store.Alert, head store.AuditAnchor) (Result, error) {
	var res Result
	doc := kmlDoc{NS: "http://www.opengis.net/kml/2.2", Document: kmlDocument{Name: title,
		Styles: []kmlStyle{{ID: "red", Color: "ff2828c6"}, {ID: "amber", Color: "ff02a2f0"}}}}
	if !auditmark.None(head) {
		doc.Document.Description = auditmark.Full(head)
	}
	for _, a := range alerts {
		if a.Lat == nil || a.Lon == nil {
			res.Skipped++
			continue
		}
		p := kmlPlacemark{
			Name:        fmt.Sprintf("%s alert %s", a.Type, a.ARCRef),
			Description: fmt.Sprintf("%s alert raised %s (UK time); validity %s; escalation %s", a.Type, time.Unix(a.RaisedAt, 0).In(store.London).Format("02/01/2006 15:04:05"), orNone(a.Validity), orNone(a.Escalation)),
			When:        time.Unix(a.RaisedAt, 0).UTC().Format(time.RFC3339),
			StyleURL:    "#" + a.Type,
			Point:       kmlPoint{Coordinates: fmt.Sprintf("%.7f,%.7f,0", *a.Lon, *a.Lat)},
		}
		for _, kv := range fields(a) {
			p.Data = append(p.Data, kmlData{Name: kv[0], Value: kv[1]})
		}
		doc.Document.Placemarks = append(doc.Document.Placemarks, p)
		res.Written++
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return res, fmt.Errorf("write KML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(doc); err != nil {
		return res, fmt.Errorf("write KML: %w", err)
	}
	return res, enc.Close()
}

func orNone(s string) string {
	if s == "" {
		return "not recorded"
	}
	return s
}
