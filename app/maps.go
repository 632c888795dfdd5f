package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/tiles"
	"github.com/nhs-redline/redline/backend/workspace"
	"github.com/nhs-redline/redline/reports/exports"
)

// Maps is the bound service behind the Map screen: the organisation map, case
// maps, hotspots, known-risk locations, exports and the basemap settings.
type Maps struct {
	s        *session
	platform func() platform // its save and open dialogs

	mu      sync.Mutex
	ws      *workspace.Workspace // the workspace idx belongs to
	idx     *geo.Index
	loading atomic.Bool // a background refresh is running
	again   atomic.Bool // the alerts changed while it ran: refresh once more

	tilesMu  sync.Mutex
	tilePath string
	tileSrc  tiles.Source

	csp atomic.Pointer[cspCache]
}

func newMaps(s *session, p func() platform) *Maps { return &Maps{s: s, platform: p} }

// current returns the open workspace and its map index, making an empty one
// when the workspace changed.
func (m *Maps) current() (*workspace.Workspace, *geo.Index, error) {
	ws, err := m.s.workspace()
	if err != nil {
		return nil, nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ws != ws {
		m.ws, m.idx = ws, geo.NewIndex(ws.Store)
	}
	return ws, m.idx, nil
}

// preload loads the map index in the background at start-up and after each
// import, so the first open of the map draws from memory instead of waiting
// about 1.5 s per million alerts (docs/benchmarks.md). A view that comes
// meanwhile waits only for the rest of that load (Refresh holds one lock).
func (m *Maps) preload() {
	_, idx, err := m.current()
	if err != nil {
		return
	}
	m.again.Store(true)
	if !m.loading.CompareAndSwap(false, true) {
		return // the running load goes round again
	}
	go func() {
		for {
			for m.again.Swap(false) {
				if _, err := idx.Refresh(context.Background()); err != nil {
					m.s.log.Warn("map index preload failed", "err", err)
				}
			}
			m.loading.Store(false)
			// A preload that came between the last round and now found this one running.
			if !m.again.Load() || !m.loading.CompareAndSwap(false, true) {
				return
			}
		}
	}()
}

// index returns the map index of the open workspace, building it on first use
// and refreshing it in the background afterwards, so a view never waits for a
// reload of a million alerts once a snapshot exists.
func (m *Maps) index(ctx context.Context) (*workspace.Workspace, *geo.Index, error) {
	ws, idx, err := m.current()
	if err != nil {
		return nil, nil, err
	}
	if idx.Len() == 0 {
		if _, err := idx.Refresh(ctx); err != nil {
			return nil, nil, err
		}
		return ws, idx, nil
	}
	if m.loading.CompareAndSwap(false, true) {
		go func() {
			defer m.loading.Store(false)
			if _, err := idx.Refresh(context.Background()); err != nil {
				m.s.log.Warn("map index refresh failed", "err", err)
			}
		}()
	}
	return ws, idx, nil
}

// Refresh reloads the map index now if the alerts changed, and reports whether it did.
func (m *Maps) Refresh() (bool, error) {
	_, idx, err := m.index(context.Background())
	if err != nil {
		return false, err
	}
	return idx.Refresh(context.Background())
}

// viewOptions keeps single markers to a number the webview draws smoothly;
// the table of visible alerts lists them as text.
var viewOptions = geo.ViewOptions{MaxPoints: 600, HardPointsCap: 3000}

// MapView is one organisation-map view with the known-risk flags of any single markers.
type MapView struct {
	View  geo.View                  `json:"view"`
	Risks map[int64][]geo.RiskMatch `json:"risks"`
}

// View answers one organisation-map view: clusters, or markers when few are in view.
func (m *Maps) View(req geo.ViewRequest) (MapView, error) {
	ctx := context.Background()
	ws, idx, err := m.index(ctx)
	if err != nil {
		return MapView{}, err
	}
	v, err := idx.View(req, viewOptions)
	if err != nil {
		return MapView{}, err
	}
	out := MapView{View: v, Risks: map[int64][]geo.RiskMatch{}}
	if v.Points != nil && v.Points.Len() > 0 {
		locs, err := ws.Store.KnownRisks(ctx, true)
		if err != nil {
			return out, err
		}
		out.Risks = geo.NewRiskMatcher(locs).FlagPoints(v.Points)
	}
	return out, nil
}

// Heat returns the heat cells of a view.
func (m *Maps) Heat(req geo.ViewRequest) ([]geo.HeatCell, error) {
	_, idx, err := m.index(context.Background())
	if err != nil {
		return nil, err
	}
	return idx.Heat(req, 16)
}

// MapAlert is one alert as a marker's popup and the visible-alerts table show it.
type MapAlert struct {
	Alert store.Alert     `json:"alert"`
	Risks []geo.RiskMatch `json:"risks"` // known-risk locations whose radius covers it
}

// Describe returns the alerts behind markers, with known-risk flags.
func (m *Maps) Describe(ids []int64) ([]MapAlert, error) {
	ws, err := m.s.workspace()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	as, err := ws.Store.AlertsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	locs, err := ws.Store.KnownRisks(ctx, true)
	if err != nil {
		return nil, err
	}
	rm := geo.NewRiskMatcher(locs)
	out := make([]MapAlert, len(as))
	for i, a := range as {
		out[i].Alert = a
		if a.Lat != nil && a.Lon != nil {
			out[i].Risks = rm.Match(*a.Lat, *a.Lon)
		}
	}
	return out, nil
}

// CaseMap assembles the case map of one red alert.
func (m *Maps) CaseMap(alertID int64) (geo.CaseMap, error) {
	ws, err := m.s.workspace()
	if err != nil {
		return geo.CaseMap{}, err
	}
	ctx := context.Background()
	set, err := geo.LoadMapSettings(ctx, ws.Store)
	if err != nil {
		return geo.CaseMap{}, err
	}
	cm, err := geo.BuildCaseMap(ctx, ws.Store, alertID, set.CaseRiskRadiusM)
	// The screen reads lists, never null.
	if cm.Trail == nil {
		cm.Trail = []geo.TrailFix{}
	}
	if cm.Ambers == nil {
		cm.Ambers = []store.Alert{}
	}
	if cm.KnownRisks == nil {
		cm.KnownRisks = []geo.NearbyRisk{}
	}
	return cm, err
}

// Hotspots finds areas of repeated red alerts with the parameters in Settings,
// within [from, to) (Unix seconds, 0 for open).
func (m *Maps) Hotspots(from, to int64) ([]geo.Hotspot, error) {
	ws, err := m.s.workspace()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	set, err := geo.LoadMapSettings(ctx, ws.Store)
	if err != nil {
		return nil, err
	}
	p := set.HotspotParams()
	p.From, p.To = from, to
	hs, err := geo.FindHotspots(ctx, ws.Store, p)
	if hs == nil && err == nil {
		hs = []geo.Hotspot{}
	}
	return hs, err
}

// HotspotLink is what the risk register needs to create or update an entry
// from a hotspot: the link point between the map and the register.
type HotspotLink struct {
	Key         string          `json:"key"` // "hotspot:<id>": store it on the risk entry to find it again
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Lat         float64         `json:"lat"`
	Lon         float64         `json:"lon"`
	RadiusM     float64         `json:"radiusM"`
	Count       int             `json:"count"`
	First       int64           `json:"first"`
	Last        int64           `json:"last"`
	Teams       []geo.TeamCount `json:"teams"`
	AlertIDs    []int64         `json:"alertIds"` // the incidents to link
}

// HotspotRiskLink describes the hotspot with key for a risk-register entry.
func (m *Maps) HotspotRiskLink(key string) (HotspotLink, error) {
	hs, err := m.Hotspots(0, 0)
	if err != nil {
		return HotspotLink{}, err
	}
	for _, h := range hs {
		if h.Key == key {
			return hotspotLink(h), nil
		}
	}
	return HotspotLink{}, fmt.Errorf("hotspot %s is no longer found with the current settings: refresh the hotspot list", key)
}

func hotspotLink(h geo.Hotspot) HotspotLink {
	uk := func(t int64) string { return time.Unix(t, 0).In(store.London).Format("02/01/2006") }
	var teams []string
	for _, t := range h.Teams {
		teams = append(teams, fmt.Sprintf("%s (%d)", t.Name, t.Count))
	}
	return HotspotLink{Key: h.Key, Lat: h.Lat, Lon: h.Lon, RadiusM: h.RadiusM, Count: h.Count, First: h.First,
		Last: h.Last, Teams: h.Teams, AlertIDs: h.AlertIDs,
		Title: fmt.Sprintf("Repeated red alerts near %.4f, %.4f", h.Lat, h.Lon),
		Description: fmt.Sprintf("%d genuine or precautionary red alerts within about %.0f m between %s and %s. Teams: %s.",
			h.Count, h.RadiusM, uk(h.First), uk(h.Last), strings.Join(teams, ", "))}
}

// KnownRisk is a known-risk location with its review state.
type KnownRisk struct {
	Location store.KnownRiskLocation `json:"location"`
	Overdue  bool                    `json:"overdue"` // review date has passed
}

// KnownRisks lists every known-risk location, retired ones included.
func (m *Maps) KnownRisks() ([]KnownRisk, error) {
	ws, err := m.s.workspace()
	if err != nil {
		return nil, err
	}
	locs, err := ws.Store.KnownRisks(context.Background(), false)
	if err != nil {
		return nil, err
	}
	now := m.s.now().Unix()
	out := make([]KnownRisk, len(locs))
	for i, l := range locs {
		out[i] = KnownRisk{Location: l, Overdue: l.Active && l.ReviewDate != nil && *l.ReviewDate < now}
	}
	return out, nil
}

// SaveKnownRisk adds (ID 0) or updates a known-risk location and records who did it.
func (m *Maps) SaveKnownRisk(k store.KnownRiskLocation) (store.KnownRiskLocation, error) {
	ws, err := m.s.workspace()
	if err != nil {
		return k, err
	}
	ctx := context.Background()
	action := "known_risk.update"
	if k.ID == 0 {
		// A new entry is in force: retiring one is an edit with its own audit line.
		k.AddedBy, k.AddedAt, k.Active, action = actorOf(m.s), m.s.now().Unix(), true, "known_risk.add"
		if k.ID, err = ws.Store.AddKnownRisk(ctx, k); err != nil {
			return k, err
		}
	} else if err = ws.Store.UpdateKnownRisk(ctx, k); err != nil {
		return k, err
	}
	detail := fmt.Sprintf("%s at %.5f, %.5f, radius %.0f m, active %v", k.Label, k.Lat, k.Lon, k.RadiusM, k.Active)
	if _, err := ws.Store.Audit(ctx, store.AuditEntry{At: m.s.now().Unix(), Actor: actorOf(m.s), Action: action,
		ObjectType: "known_risk_location", ObjectID: fmt.Sprint(k.ID), Detail: detail}); err != nil {
		return k, err
	}
	return ws.Store.KnownRisk(ctx, k.ID)
}

// ExportResult says where an export went; Cancelled when the person closed the dialog.
type ExportResult struct {
	Cancelled bool   `json:"cancelled"`
	Path      string `json:"path"`
	Written   int    `json:"written"`
	Skipped   int    `json:"skipped"`
}

// ExportAlerts writes the located alerts matching the filter as GeoJSON or KML
// to a file the person chooses in a save dialog.
func (m *Maps) ExportAlerts(f store.AlertFilter, format string) (ExportResult, error) {
	ws, err := m.s.workspace()
	if err != nil {
		return ExportResult{}, err
	}
	if err := exports.CheckAlertFormat(format); err != nil {
		return ExportResult{}, err
	}
	path, err := m.saveDialog("Export alerts as "+strings.ToUpper(format), "redline-alerts."+format, "*."+format)
	if err != nil || path == "" {
		return ExportResult{Cancelled: path == ""}, err
	}
	res, err := exports.Alerts(context.Background(), ws.Store, who(m.s), f, format, exports.File(path))
	if err != nil {
		return ExportResult{}, err
	}
	return ExportResult{Path: path, Written: res.Written, Skipped: res.Skipped}, nil
}

// ExportCaseMapPNG renders the case map of a red alert as a PNG chosen in a save dialog.
func (m *Maps) ExportCaseMapPNG(alertID int64) (ExportResult, error) {
	cm, err := m.CaseMap(alertID) // refuses an alert with no case map before the dialog opens
	if err != nil {
		return ExportResult{}, err
	}
	ws, err := m.s.workspace()
	if err != nil {
		return ExportResult{}, err
	}
	path, err := m.saveDialog("Save case map as PNG", "case-map-"+safeName(cm.Red.ARCRef)+".png", "*.png")
	if err != nil || path == "" {
		return ExportResult{Cancelled: path == ""}, err
	}
	if _, err := exports.CaseMapPNG(context.Background(), ws.Store, who(m.s), alertID, exports.File(path)); err != nil {
		return ExportResult{}, err
	}
	return ExportResult{Path: path, Written: 1}, nil
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, s)
}

func (m *Maps) saveDialog(title, name, pattern string) (string, error) {
	d, ok := m.platform().(saveDialogs)
	if !ok {
		return "", errNoWindow
	}
	p, err := d.SaveFileDialog(title, name, pattern, pattern)
	if err != nil {
		return "", fmt.Errorf("the save dialog failed: %w", err)
	}
	return p, nil
}
