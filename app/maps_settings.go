package main

import (
	"context"
	"fmt"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/tiles"
)

// MapSettings is geo.MapSettings under the name the generated TypeScript
// already uses; the fields and every rule about them live in backend/geo.
type MapSettings geo.MapSettings

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
	s, err := geo.LoadMapSettings(context.Background(), ws.Store)
	if err != nil {
		return MapSettingsView{}, err
	}
	return m.view(s), nil
}

func (m *Maps) view(s geo.MapSettings) MapSettingsView {
	v := MapSettingsView{Settings: MapSettings(s), Offline: s.Basemap != geo.BasemapURL}
	switch s.Basemap {
	case geo.BasemapFile:
		src, err := m.tileSource(s.TileFile)
		if err != nil {
			v.TileProblem = err.Error()
			break
		}
		info := src.Info()
		v.TileInfo, v.TileLayer = &info, "/tiles/{z}/{x}/{y}"
	case geo.BasemapURL:
		v.TileLayer = s.TileURL
	}
	return v
}

// SaveSettings stores the map settings (the tile file stays as the dialog set it).
func (m *Maps) SaveSettings(in MapSettings) (MapSettingsView, error) {
	ws, err := m.s.workspace()
	if err != nil {
		return MapSettingsView{}, err
	}
	s, err := geo.SaveMapSettings(context.Background(), ws.Store, geo.MapSettings(in))
	if err != nil {
		return MapSettingsView{}, err
	}
	m.csp.Store(nil) // the policy follows the new setting from the next response
	return m.view(s), nil
}

// ChooseTileFile asks for an MBTiles or PMTiles file with the native dialog,
// checks it can be read, and makes it the basemap.
func (m *Maps) ChooseTileFile() (MapSettingsView, error) {
	ws, err := m.s.workspace()
	if err != nil {
		return MapSettingsView{}, err
	}
	d, ok := m.platform().(openDialogs)
	if !ok {
		return MapSettingsView{}, errNoWindow
	}
	path, err := d.OpenFileDialog("Choose a map tiles file (MBTiles or PMTiles)", "Map tiles (*.mbtiles, *.pmtiles)", "*.mbtiles;*.pmtiles")
	if err != nil {
		return MapSettingsView{}, fmt.Errorf("the open dialog failed: %w", err)
	}
	ctx := context.Background()
	if path == "" {
		s, err := geo.LoadMapSettings(ctx, ws.Store)
		return m.view(s), err
	}
	if _, err := m.tileSource(path); err != nil {
		return MapSettingsView{}, err
	}
	s, err := geo.SetTileFile(ctx, ws.Store, path)
	if err != nil {
		return MapSettingsView{}, err
	}
	m.csp.Store(nil)
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
	if s, err := geo.LoadMapSettings(context.Background(), ws.Store); err == nil && s.Basemap == geo.BasemapURL {
		c.origin, _ = geo.TileOrigin(s.TileURL)
	}
	m.csp.Store(c)
	return c.origin
}
