package geo

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/nhs-redline/redline/backend/store"
)

// MapSettingsKey holds the map settings as one JSON value in the settings table.
const MapSettingsKey = "map.settings"

// Basemap choices.
const (
	BasemapBuiltin = "builtin" // the offline UK outline shipped with Redline
	BasemapFile    = "file"    // a local MBTiles or PMTiles file
	BasemapURL     = "url"     // a tile server: the only choice that sends requests off the laptop
)

// MapSettings are the trust's choices for the map, read by the window's map
// and by `redline-cli hotspots` alike.
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

// DefaultMapSettings are the settings before the trust saves its own. A fresh
// value each call: decoding saved settings into a shared slice would
// overwrite the defaults themselves.
func DefaultMapSettings() MapSettings {
	return MapSettings{HotspotEpsM: DefaultHotspotParams.EpsM, HotspotMinPts: DefaultHotspotParams.MinPts,
		HotspotValidity: slices.Clone(DefaultHotspotParams.Validity), KnownRiskRadiusM: 100, CaseRiskRadiusM: 500, Basemap: BasemapBuiltin}
}

// HotspotParams are the hotspot parameters the settings choose, over all time.
func (s MapSettings) HotspotParams() HotspotParams {
	return HotspotParams{EpsM: s.HotspotEpsM, MinPts: s.HotspotMinPts, Validity: slices.Clone(s.HotspotValidity)}
}

// LoadMapSettings reads the saved settings, or the defaults.
func LoadMapSettings(ctx context.Context, st *store.Store) (MapSettings, error) {
	raw, err := st.Setting(ctx, MapSettingsKey, "")
	if err != nil {
		return DefaultMapSettings(), fmt.Errorf("read map settings: %w", err)
	}
	s := DefaultMapSettings()
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			return DefaultMapSettings(), fmt.Errorf("the saved map settings are damaged (%v): save them again in Settings", err)
		}
	}
	return s, nil
}

// SaveMapSettings checks and stores settings from the Settings screen. The
// tile file is kept as it was: a path may only come from the native dialog
// (SetTileFile), never from the page.
func SaveMapSettings(ctx context.Context, st *store.Store, in MapSettings) (MapSettings, error) {
	cur, err := LoadMapSettings(ctx, st)
	if err != nil {
		return cur, err
	}
	in.TileFile = cur.TileFile
	in.TileURL = strings.TrimSpace(in.TileURL)
	if err := in.Check(); err != nil {
		return cur, err
	}
	return in, storeMapSettings(ctx, st, in)
}

// SetTileFile makes a file chosen in the native dialog the basemap; the
// caller has checked the file can be read.
func SetTileFile(ctx context.Context, st *store.Store, path string) (MapSettings, error) {
	s, err := LoadMapSettings(ctx, st)
	if err != nil {
		return s, err
	}
	s.TileFile, s.Basemap = path, BasemapFile
	return s, storeMapSettings(ctx, st, s)
}

func storeMapSettings(ctx context.Context, st *store.Store, s MapSettings) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	if err := st.SetSetting(ctx, MapSettingsKey, string(b)); err != nil {
		return fmt.Errorf("save map settings: %w", err)
	}
	return nil
}

// Check says in plain English what is wrong with the settings.
func (s MapSettings) Check() error {
	// Hotspots over no alerts validates the parameters with the hotspot rules.
	if _, err := Hotspots(nil, s.HotspotParams()); err != nil {
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
	return s.checkBasemap()
}

func (s MapSettings) checkBasemap() error {
	switch s.Basemap {
	case BasemapBuiltin:
	case BasemapFile:
		if s.TileFile == "" {
			return fmt.Errorf("choose a map file first (Choose MBTiles or PMTiles file)")
		}
	case BasemapURL:
		if _, err := TileOrigin(s.TileURL); err != nil {
			return err
		}
	default:
		return fmt.Errorf("basemap %q: choose builtin, file or url", s.Basemap)
	}
	return nil
}

// TileOrigin checks a tile server URL template and returns its origin, the
// only place the window's Content-Security-Policy then lets images come from.
func TileOrigin(raw string) (string, error) {
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
