package geo

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// CaseSource is the store reads a case map needs; *store.Store satisfies it.
type CaseSource interface {
	Alert(ctx context.Context, id int64) (store.Alert, error)
	Positions(ctx context.Context, alertID int64) ([]store.Position, error)
	ListAlerts(ctx context.Context, f store.AlertFilter, sort store.AlertSort, offset, limit int) ([]store.Alert, error)
	KnownRisks(ctx context.Context, activeOnly bool) ([]store.KnownRiskLocation, error)
}

// TrailFix is one position fix of the red alert, with the step from the fix before.
type TrailFix struct {
	store.Position
	StepM float64 `json:"stepM"` // metres from the previous fix; 0 for the first
	StepS int64   `json:"stepS"` // seconds since the previous fix
}

// AmberGap is the distance and time between the last amber alert before the
// red alert and the red alert itself.
type AmberGap struct {
	AmberID   int64   `json:"amberId"`
	DistanceM float64 `json:"distanceM"`
	Seconds   int64   `json:"seconds"`
}

// CaseMap is everything the case map of one red alert shows.
type CaseMap struct {
	Red        store.Alert   `json:"red"`
	RedLat     *float64      `json:"redLat"` // where the alarm was raised: best fix, else the first trail fix
	RedLon     *float64      `json:"redLon"`
	Trail      []TrailFix    `json:"trail"`      // time order
	Ambers     []store.Alert `json:"ambers"`     // same worker, same UK calendar day, time order
	LastAmber  *AmberGap     `json:"lastAmber"`  // nil when no located amber came before the red
	KnownRisks []NearbyRisk  `json:"knownRisks"` // within the radius asked for, nearest first
	Bounds     *store.MapBox `json:"bounds"`     // everything above, for fitting the map; nil if nothing is located
	Day        string        `json:"day"`        // the UK calendar day, YYYY-MM-DD
}

// maxAmbersPerDay bounds the amber query; a worker logs a few a day.
const maxAmbersPerDay = 500

// BuildCaseMap assembles the case map of red alert id, listing known-risk
// locations whose centre lies within riskRadiusM of where the alarm was raised.
func BuildCaseMap(ctx context.Context, src CaseSource, id int64, riskRadiusM float64) (CaseMap, error) {
	var cm CaseMap
	red, err := src.Alert(ctx, id)
	if err != nil {
		return cm, fmt.Errorf("case map: %w", err)
	}
	if red.Type != "red" {
		return cm, fmt.Errorf("case map: alert %d (%s) is an amber alert; a case map starts from a red alert", id, red.ARCRef)
	}
	cm.Red = red
	pos, err := src.Positions(ctx, id)
	if err != nil {
		return cm, fmt.Errorf("case map: positions of alert %d: %w", id, err)
	}
	cm.Trail = trail(pos)
	cm.RedLat, cm.RedLon = red.Lat, red.Lon
	if (cm.RedLat == nil || cm.RedLon == nil) && len(pos) > 0 {
		cm.RedLat, cm.RedLon = &pos[0].Lat, &pos[0].Lon
	}

	day := time.Unix(red.RaisedAt, 0).In(store.London)
	start := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, store.London)
	cm.Day = start.Format("2006-01-02")
	if red.WorkerID != 0 {
		cm.Ambers, err = src.ListAlerts(ctx, store.AlertFilter{WorkerID: red.WorkerID, Types: []string{"amber"},
			From: start.Unix(), To: start.AddDate(0, 0, 1).Unix()}, store.AlertSort{Column: "raisedAt"}, 0, maxAmbersPerDay)
		if err != nil {
			return cm, fmt.Errorf("case map: amber alerts of %s on %s: %w", red.WorkerName, cm.Day, err)
		}
	}
	cm.LastAmber = lastAmberGap(cm.Ambers, red.RaisedAt, cm.RedLat, cm.RedLon)

	if cm.RedLat != nil && riskRadiusM > 0 {
		locs, err := src.KnownRisks(ctx, true)
		if err != nil {
			return cm, fmt.Errorf("case map: %w", err)
		}
		cm.KnownRisks = RisksNear(locs, *cm.RedLat, *cm.RedLon, riskRadiusM)
	}
	cm.Bounds = cm.bounds()
	return cm, nil
}

func trail(pos []store.Position) []TrailFix {
	out := make([]TrailFix, len(pos))
	for i, p := range pos {
		out[i].Position = p
		if i > 0 {
			prev := pos[i-1]
			out[i].StepM = DistanceM(Pt(prev.Lat, prev.Lon), Pt(p.Lat, p.Lon))
			out[i].StepS = p.FixAt - prev.FixAt
		}
	}
	return out
}

// lastAmberGap measures from the latest located amber raised at or before the red.
func lastAmberGap(ambers []store.Alert, redAt int64, lat, lon *float64) *AmberGap {
	var last *store.Alert
	for i := range ambers {
		a := &ambers[i]
		if a.RaisedAt <= redAt && a.Lat != nil && a.Lon != nil && (last == nil || a.RaisedAt >= last.RaisedAt) {
			last = a
		}
	}
	if last == nil || lat == nil || lon == nil {
		return nil
	}
	return &AmberGap{AmberID: last.ID, DistanceM: DistanceM(Pt(*last.Lat, *last.Lon), Pt(*lat, *lon)),
		Seconds: redAt - last.RaisedAt}
}

func (cm *CaseMap) bounds() *store.MapBox {
	b := store.MapBox{South: math.Inf(1), West: math.Inf(1), North: math.Inf(-1), East: math.Inf(-1)}
	add := func(lat, lon float64) {
		b.South, b.North = math.Min(b.South, lat), math.Max(b.North, lat)
		b.West, b.East = math.Min(b.West, lon), math.Max(b.East, lon)
	}
	if cm.RedLat != nil {
		add(*cm.RedLat, *cm.RedLon)
	}
	for _, f := range cm.Trail {
		add(f.Lat, f.Lon)
	}
	for _, a := range cm.Ambers {
		if a.Lat != nil && a.Lon != nil {
			add(*a.Lat, *a.Lon)
		}
	}
	for _, r := range cm.KnownRisks {
		add(r.Location.Lat, r.Location.Lon)
	}
	if math.IsInf(b.South, 0) {
		return nil
	}
	return &b
}
