// Package tiles serves raster map tiles from a file the trust provides
// (MBTiles or PMTiles v3), so a detailed basemap works without a network.
package tiles

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// MaxTileBytes bounds one tile: a raster tile is tens of kilobytes, and the
// webview on Windows buffers every response whole.
const MaxTileBytes = 4 << 20

// ErrNoTile means the file holds no tile at that address (the map shows the
// built-in basemap beneath, so this is not a failure).
var ErrNoTile = errors.New("no tile at this address")

// Info describes an opened tile file for Settings.
type Info struct {
	Path    string `json:"path"`
	Kind    string `json:"kind"`   // "mbtiles" or "pmtiles"
	Format  string `json:"format"` // png, jpeg or webp
	MinZoom int    `json:"minZoom"`
	MaxZoom int    `json:"maxZoom"`
	Name    string `json:"name"`
	// Attribution as the file's metadata states it; shown on the map.
	Attribution string `json:"attribution"`
}

// Source is an open tile file. Tile returns the tile's bytes and its MIME type.
type Source interface {
	Info() Info
	Tile(z, x, y int) ([]byte, string, error)
	Close() error
}

// Open opens an MBTiles or PMTiles file, chosen by its first bytes rather than
// its name, and refuses files whose tiles the map cannot draw.
func Open(path string) (Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open map tiles %s: %w", filepath.Base(path), err)
	}
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("PMTiles")):
		return openPMTiles(f, path)
	case bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		f.Close()
		return openMBTiles(path)
	default:
		f.Close()
		return nil, fmt.Errorf("%s is neither an MBTiles nor a PMTiles file: choose the .mbtiles or .pmtiles file your GIS team provides", filepath.Base(path))
	}
}

// CheckAddress says whether z/x/y names a tile that can exist.
func CheckAddress(z, x, y int) error {
	if z < 0 || z > 24 {
		return fmt.Errorf("zoom %d is outside 0..24", z)
	}
	n := 1 << z
	if x < 0 || y < 0 || x >= n || y >= n {
		return fmt.Errorf("tile %d/%d/%d is outside the world at zoom %d", z, x, y, z)
	}
	return nil
}

// sniff names the raster format of a tile from its magic bytes.
func sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff}):
		return "image/jpeg"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "image/webp"
	}
	return ""
}

// rasterFormat normalises a declared format and refuses vector tiles, which
// Leaflet cannot draw without a vector renderer.
func rasterFormat(name, declared string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(declared)) {
	case "png":
		return "png", nil
	case "jpg", "jpeg":
		return "jpeg", nil
	case "webp":
		return "webp", nil
	case "pbf", "mvt":
		return "", fmt.Errorf("%s holds vector tiles; Redline draws raster tiles (PNG, JPEG or WebP): ask your GIS team for a raster export", name)
	case "":
		return "", nil // unknown: decided per tile by sniffing
	}
	return "", fmt.Errorf("%s holds %q tiles; Redline draws PNG, JPEG or WebP tiles", name, declared)
}
