package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/tiles"
)

// mapSettingsKey holds the map settings as one JSON value in the settings table.
const mapSettingsKey = "map.settings"

// Basemap choices.
const (
	basemapBuiltin = "builtin" // the offline UK outline shipped with Redline
	basemapFile    = "file"    // a local MBTiles or PMTiles file
	basemapURL     = "url"     // a tile server: the only choice that sends requests off the laptop
)

// MapSettings are the trust's choices for the map.
type MapSettings struct {
	HotspotEpsM      float64  `json:"hotspotEpsM"`      // alerts within this distance are neighbours
	HotspotMinPts    int      `json:"hotspotMinPts"`    // neighbours (itself included) that make a hotspot
	HotspotValidity  []string `json:"hotspotValidity"`  // closures that count
	KnownRiskRadiusM float64  `json:"knownRiskRadiusM"` // radius offered for a new known-risk location
	CaseRiskRadiusM  float64  `json:"caseRiskRadiusM"`  // a case map lists known risks within this distance
	Basemap          string   `json:"basemap"`
	TileFile         string   `json:"tileFile"` // set only through the open-file dialog
	TileURL          string   `json:"tileUrl"`  // https://host/path/{z}/{x}/{y}.png
	TileAttribution  string   `json:"tileAttribution"`
}

var defaultMapSettings = MapSettings{
	HotspotEpsM: geo.DefaultHotspotParams.EpsM, HotspotMinPts: geo.DefaultHotspotParams.MinPts,
	HotspotValidity: geo.DefaultHotspotParams.Validity, KnownRiskRadiusM: 100, CaseRiskRadiusM: 500, Basemap: basemapBuiltin,
}

func (s MapSettings) hotspotParams() geo.HotspotParams {
	return geo.HotspotParams{EpsM: s.HotspotEpsM, MinPts: s.HotspotMinPts, Validity: s.HotspotValidity}
}

func loadMapSettings(ctx context.Context, st *store.Store) (MapSettings, error) {
	raw, err := st.Setting(ctx, mapSettingsKey, "")
	if err != nil {
		return MapSettings{}, fmt.Errorf("read map settings: %w", err)
	}
	s := defaultMapSettings
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			return defaultMapSettings, fmt.Errorf("the saved map settings are damaged (%v): save them again in Settings", err)
		}
	}
	return s, nil
}

// check says in plain English what is wrong with the settings.
func (s MapSettings) check() error {
	// Hotspots over no alerts validates the parameters with geo's own rules.
	if _, err := geo.Hotspots(nil, s.hotspotParams()); err != nil {
		return err
	}
	if len(s.HotspotValidity) == 0 {
		return fmt.Errorf("hotspots: choose at least one validity (genuine, precautionary, ...)")
	}
	for _, v := range s.HotspotValidity {
		if !slices.Contains(store.ValidityNames, v) || v == "" || v == "other" {
			return fmt.Errorf("hotspots: %q is not a validity", v)
		}
	}
	if !(s.KnownRiskRadiusM >= 1 && s.KnownRiskRadiusM <= 50_000) {
		return fmt.Errorf("known-risk radius must be between 1 m and 50 km, not %g m", s.KnownRiskRadiusM)
	}
	if !(s.CaseRiskRadiusM >= 1 && s.CaseRiskRadiusM <= 50_000) {
		return fmt.Errorf("case map known-risk distance must be between 1 m and 50 km, not %g m", s.CaseRiskRadiusM)
	}
	switch s.Basemap {
	case basemapBuiltin:
	case basemapFile:
		if s.TileFile == "" {
			return fmt.Errorf("choose a map file first (Choose MBTiles or PMTiles file)")
		}
	case basemapURL:
		if _, err := tileOrigin(s.TileURL); err != nil {
			return err
		}
	default:
		return fmt.Errorf("basemap %q: choose builtin, file or url", s.Basemap)
	}
	return nil
}

// tileOrigin checks a tile server URL template and returns its origin, the only
// place the Content-Security-Policy then lets images come from.
func tileOrigin(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", fmt.Errorf("enter the tile server address, for example https://tiles.example.nhs.uk/{z}/{x}/{y}.png")
	}
	for _, p := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(raw, p) {
			return "", fmt.Errorf("the tile server address must contain {z}, {x} and {y}; %s is missing", p)
		}
	}
	if strings.Contains(raw, "{s}") {
		return "", fmt.Errorf("the tile server address uses {s} (several hosts); give one host so only it is allowed")
	}
	u, err := url.Parse(strings.NewReplacer("{z}", "0", "{x}", "0", "{y}", "0", "{r}", "").Replace(raw))
	if err != nil {
		return "", fmt.Errorf("the tile server address is not a web address: %v", err)
	}
	if u.Scheme != "https" && u.Scheme != "http" || u.Host == "" || u.User != nil {
		return "", fmt.Errorf("the tile server address must start with https:// and name a host (no user name or password)")
	}
	if strings.ContainsAny(u.Host, "*;' ") {
		return "", fmt.Errorf("the tile server host %q is not valid", u.Host)
	}
	return u.Scheme + "://" + u.Host, nil
}

// MapSettingsView is the settings plus what follows from them for the map screen.
type MapSettingsView struct {
	Settings    MapSettings `json:"settings"`
	TileLayer   string      `json:"tileLayer"` // Leaflet URL template, or "" for the built-in basemap only
	TileInfo    *tiles.Info `json:"tileInfo"`
	TileProblem string      `json:"tileProblem"` // why the chosen file cannot be used, if it cannot
	Offline     bool        `json:"offline"`     // no request leaves the laptop
}

// Settings returns the map settings.
func (m *Maps) Settings() (MapSettingsView, error) {
	ws, err := m.s.workspace()
	if err != nil {
		return MapSettingsView{}, err
	}
	s, err := loadMapSettings(context.Background(), ws.Store)
	if err != nil {
		return MapSettingsView{}, err
	}
	return m.view(s), nil
}

func (m *Maps) view(s MapSettings) MapSettingsView {
	v := MapSettingsView{Settings: s, Offline: s.Basemap != basemapURL}
	switch s.Basemap {
	case basemapFile:
		src, err := m.tileSource(s.TileFile)
		if err != nil {
			v.TileProblem = err.Error()
			break
		}
		info := src.Info()
		v.TileInfo, v.TileLayer = &info, "/tiles/{z}/{x}/{y}"
	case basemapURL:
		v.TileLayer = s.TileURL
	}
	return v
}

// SaveSettings stores the map settings. The tile file is kept as it was: only
// ChooseTileFile, through the native dialog, may change it.
func (m *Maps) SaveSettings(in MapSettings) (MapSettingsView, error) {
	ws, err := m.s.workspace()
	if err != nil {
		return MapSettingsView{}, err
	}
	ctx := context.Background()
	cur, err := loadMapSettings(ctx, ws.Store)
	if err != nil {
		return MapSettingsView{}, err
	}
	in.TileFile = cur.TileFile
	in.TileURL = strings.TrimSpace(in.TileURL)
	if err := in.check(); err != nil {
		return MapSettingsView{}, err
	}
	if err := m.store(ctx, ws.Store, in); err != nil {
		return MapSettingsView{}, err
	}
	return m.view(in), nil
}

func (m *Maps) store(ctx context.Context, st *store.Store, s MapSettings) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	if err := st.SetSetting(ctx, mapSettingsKey, string(b)); err != nil {
		return fmt.Errorf("save map settings: %w", err)
	}
	m.csp.Store(nil) // the policy follows the new setting from the next response
	return nil
}

// ChooseTileFile asks for an MBTiles or PMTiles file with the native dialog,
// checks it can be read, and makes it the basemap.
func (m *Maps) ChooseTileFile() (MapSettingsView, error) {
	ws, err := m.s.workspace()
	if err != nil {
		return MapSettingsView{}, err
	}
	if m.dialogs == nil {
		return MapSettingsView{}, errNoDialogs
	}
	path, err := m.dialogs.OpenFile("Choose a map tiles file (MBTiles or PMTiles)", "*.mbtiles", "*.pmtiles")
	if err != nil {
		return MapSettingsView{}, fmt.Errorf("the open dialog failed: %w", err)
	}
	ctx := context.Background()
	s, err := loadMapSettings(ctx, ws.Store)
	if err != nil || path == "" {
		return m.view(s), err
	}
	if _, err := m.tileSource(path); err != nil {
		return MapSettingsView{}, err
	}
	s.TileFile, s.Basemap = path, basemapFile
	if err := m.store(ctx, ws.Store, s); err != nil {
		return MapSettingsView{}, err
	}
	return m.view(s), nil
}

type cspCache struct {
	ws     any
	origin string
}

// tileServerOrigin is the origin of the tile server the settings name, or ""
// when the map stays offline. Cached per workspace; cleared when settings change.
func (m *Maps) tileServerOrigin() string {
	ws, err := m.s.workspace()
	if err != nil {
		return ""
	}
	if c := m.csp.Load(); c != nil && c.ws == ws {
		return c.origin
	}
	c := &cspCache{ws: ws}
	if s, err := loadMapSettings(context.Background(), ws.Store); err == nil && s.Basemap == basemapURL {
		c.origin, _ = tileOrigin(s.TileURL)
	}
	m.csp.Store(c)
	return c.origin
}
