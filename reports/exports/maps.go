package exports

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/nhs-redline/redline/backend/export"
	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/reports/auditmark"
	"github.com/nhs-redline/redline/reports/geoexport"
	"github.com/nhs-redline/redline/reports/mapimg"
)

// MaxAlerts bounds a GeoJSON or KML export, which is held in memory while
// it is written; narrow the dates or filters for more.
const MaxAlerts = 1_000_000

// CheckAlertFormat checks a GeoJSON or KML export's format (also its file
// extension) before anyone is asked where to save it.
func CheckAlertFormat(format string) error {
	if format != "geojson" && format != "kml" {
		return fmt.Errorf("export format %q: choose geojson or kml", format)
	}
	return nil
}

// AlertsResult is what an alerts export wrote.
type AlertsResult struct {
	export.Result
	Written int `json:"written"`
	Skipped int `json:"skipped"` // alerts with no location cannot go on a map
}

// Alerts writes the located alerts matching f as GeoJSON or KML: lone
// workers' whereabouts, so the export is audited with the filter that chose them.
func Alerts(ctx context.Context, st *store.Store, who store.Who, f store.AlertFilter, format string, d Dest) (AlertsResult, error) {
	if err := CheckAlertFormat(format); err != nil {
		return AlertsResult{}, err
	}
	as, err := st.LocatedAlerts(ctx, f, MaxAlerts)
	if err != nil {
		return AlertsResult{}, err
	}
	n := geoexport.Count(as)
	it := export.Item{Kind: "map.export_" + format, Format: format, ObjectType: "alerts", ObjectID: "filter", Count: n.Written,
		Detail: map[string]any{"filter": f, "skipped": n.Skipped}}
	res, err := write(ctx, st, who, d, it, export.Stamped(func(w io.Writer, head store.AuditAnchor) error {
		if format == "kml" {
			_, err := geoexport.KML(w, "Redline alerts", as, head)
			return err
		}
		_, err := geoexport.GeoJSON(w, as, head)
		return err
	}))
	return AlertsResult{Result: res, Written: n.Written, Skipped: n.Skipped}, err
}

// CaseMapPNG draws the case map of one red alert (its trail, the worker's
// amber alerts that day, nearby known risks) as a PNG.
func CaseMapPNG(ctx context.Context, st *store.Store, who store.Who, alertID int64, d Dest) (export.Result, error) {
	set, err := geo.LoadMapSettings(ctx, st)
	if err != nil {
		return export.Result{}, err
	}
	cm, err := geo.BuildCaseMap(ctx, st, alertID, set.CaseRiskRadiusM)
	if err != nil {
		return export.Result{}, err
	}
	it := export.Item{Kind: "map.export_png", Format: "png", ObjectType: "alert", ObjectID: fmt.Sprint(alertID), Count: 1,
		Detail: map[string]any{"arcRef": cm.Red.ARCRef, "fixes": len(cm.Trail), "ambers": len(cm.Ambers)}}
	return write(ctx, st, who, d, it, export.Stamped(func(w io.Writer, head store.AuditAnchor) error {
		m := caseMapImage(cm)
		m.Note, m.Comment = auditmark.Short(head), auditmark.Full(head)
		return mapimg.WritePNG(w, m)
	}))
}

// caseMapImage turns a case map into the static map's markers, trail and areas.
func caseMapImage(cm geo.CaseMap) mapimg.Map {
	uk := func(t int64) string { return time.Unix(t, 0).In(store.London).Format("15:04") }
	mm := mapimg.Map{Title: fmt.Sprintf("Red alert %s, %s, %s (UK time)", cm.Red.ARCRef, cm.Red.WorkerName,
		time.Unix(cm.Red.RaisedAt, 0).In(store.London).Format("02/01/2006 15:04"))}
	for _, f := range cm.Trail {
		mm.Trail = append(mm.Trail, mapimg.Marker{Lat: f.Lat, Lon: f.Lon, Kind: mapimg.Fix, AccuracyM: f.AccuracyM})
	}
	for i, a := range cm.Ambers {
		if a.Lat != nil && a.Lon != nil {
			mm.Markers = append(mm.Markers, mapimg.Marker{Lat: *a.Lat, Lon: *a.Lon, Kind: mapimg.Amber,
				Label: fmt.Sprintf("A%d %s", i+1, uk(a.RaisedAt))})
		}
	}
	if cm.RedLat != nil && cm.RedLon != nil {
		mk := mapimg.Marker{Lat: *cm.RedLat, Lon: *cm.RedLon, Kind: mapimg.Red, Label: "Red " + uk(cm.Red.RaisedAt)}
		if cm.Red.AccuracyM != nil {
			mk.AccuracyM = *cm.Red.AccuracyM
		}
		mm.Markers = append(mm.Markers, mk)
	}
	for _, r := range cm.KnownRisks {
		mm.Areas = append(mm.Areas, mapimg.Area{Lat: r.Location.Lat, Lon: r.Location.Lon, RadiusM: r.Location.RadiusM, Label: r.Location.Label})
	}
	return mm
}
