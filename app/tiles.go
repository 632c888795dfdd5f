package main

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/geo/basemap"
	"github.com/nhs-redline/redline/backend/tiles"
)

// tileSource opens the tile file at path, reusing the open one when it is the same.
func (m *Maps) tileSource(path string) (tiles.Source, error) {
	m.tilesMu.Lock()
	defer m.tilesMu.Unlock()
	if m.tileSrc != nil && m.tilePath == path {
		return m.tileSrc, nil
	}
	src, err := tiles.Open(path)
	if err != nil {
		return nil, err
	}
	if m.tileSrc != nil {
		m.tileSrc.Close()
	}
	m.tileSrc, m.tilePath = src, path
	return src, nil
}

// parseTilePath reads "/tiles/{z}/{x}/{y}" with an optional image extension.
func parseTilePath(p string) (z, x, y int, ok bool) {
	parts := strings.Split(strings.TrimPrefix(p, "/tiles/"), "/")
	if len(parts) != 3 {
		return 0, 0, 0, false
	}
	if i := strings.IndexByte(parts[2], '.'); i >= 0 {
		parts[2] = parts[2][:i]
	}
	var n [3]int
	for i, s := range parts {
		v, err := strconv.Atoi(s)
		if err != nil || len(s) > 8 {
			return 0, 0, 0, false
		}
		n[i] = v
	}
	return n[0], n[1], n[2], tiles.CheckAddress(n[0], n[1], n[2]) == nil
}

// serveTile answers /tiles/{z}/{x}/{y} from the tile file chosen in Settings.
// A missing tile is a 204: the built-in basemap beneath shows through, and the
// console is not filled with 404s at zooms the file does not cover.
func (m *Maps) serveTile(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "tiles are read-only", http.StatusMethodNotAllowed)
		return
	}
	z, x, y, ok := parseTilePath(r.URL.Path)
	if !ok {
		http.Error(w, "a tile address is /tiles/{z}/{x}/{y}", http.StatusBadRequest)
		return
	}
	s, err := m.Settings()
	if err != nil || s.Settings.Basemap != geo.BasemapFile || s.Settings.TileFile == "" {
		http.Error(w, "no map tiles file is chosen in Settings", http.StatusNotFound)
		return
	}
	src, err := m.tileSource(s.Settings.TileFile)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	b, mime, err := src.Tile(z, x, y)
	if errors.Is(err, tiles.ErrNoTile) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	w.Header().Set("Content-Type", mime)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Header().Set("Cache-Control", "private, max-age=300")
	if r.Method == http.MethodGet {
		w.Write(b)
	}
}

// serveBasemap answers /basemap/uk.geojson with the built-in UK outline.
func serveBasemap(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/basemap/uk.geojson" {
		http.NotFound(w, r)
		return
	}
	b := basemap.GeoJSON()
	w.Header().Set("Content-Type", "application/geo+json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Header().Set("Cache-Control", "private, max-age=3600")
	if r.Method == http.MethodGet {
		w.Write(b)
	}
}

// contentSecurityPolicyFor is the policy with the tile server's origin (if one
// is set in Settings) allowed as an image source, and nothing else widened.
func contentSecurityPolicyFor(tileOrigin string) string {
	if tileOrigin == "" {
		return contentSecurityPolicy
	}
	return strings.Replace(contentSecurityPolicy, "img-src 'self' data: blob:", "img-src 'self' data: blob: "+tileOrigin, 1)
}
