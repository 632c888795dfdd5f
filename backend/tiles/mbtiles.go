package tiles

import (
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nhs-redline/redline/backend/store"
	_ "modernc.org/sqlite" // MBTiles is an SQLite database
)

// mbtiles reads tiles from an MBTiles 1.3 file opened read-only.
type mbtiles struct {
	db   *sql.DB
	info Info
}

// sqliteURI makes a read-only SQLite URI for path.
func sqliteURI(path string) string { return store.FileURI(path) + "?mode=ro" }

func openMBTiles(path string) (Source, error) {
	name := filepath.Base(path)
	db, err := sql.Open("sqlite", sqliteURI(path))
	if err != nil {
		return nil, fmt.Errorf("open map tiles %s: %w", name, err)
	}
	db.SetMaxOpenConns(2)
	m := &mbtiles{db: db, info: Info{Path: path, Kind: "mbtiles"}}
	if err := m.readMetadata(name); err != nil {
		db.Close()
		return nil, err
	}
	return m, nil
}

func (m *mbtiles) readMetadata(name string) error {
	meta := map[string]string{}
	rows, err := m.db.Query(`SELECT name, value FROM metadata`)
	if err != nil {
		return fmt.Errorf("%s is an SQLite database but not an MBTiles file (no metadata table): %v", name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v sql.NullString
		if err := rows.Scan(&k, &v); err != nil {
			return fmt.Errorf("%s: read metadata: %w", name, err)
		}
		meta[strings.ToLower(k.String)] = v.String
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: read metadata: %w", name, err)
	}
	var probe int
	if err := m.db.QueryRow(`SELECT count(*) FROM (SELECT 1 FROM tiles LIMIT 1)`).Scan(&probe); err != nil {
		return fmt.Errorf("%s is not an MBTiles file (no tiles table): %v", name, err)
	}
	format, err := rasterFormat(name, meta["format"])
	if err != nil {
		return err
	}
	m.info.Format, m.info.Name, m.info.Attribution = format, meta["name"], meta["attribution"]
	m.info.MinZoom, _ = strconv.Atoi(meta["minzoom"])
	m.info.MaxZoom, err = strconv.Atoi(meta["maxzoom"])
	if err != nil {
		m.info.MaxZoom = 0
		_ = m.db.QueryRow(`SELECT coalesce(min(zoom_level), 0), coalesce(max(zoom_level), 0) FROM tiles`).Scan(&m.info.MinZoom, &m.info.MaxZoom)
	}
	return nil
}

func (m *mbtiles) Info() Info { return m.info }

// Tile reads one tile. MBTiles numbers rows from the south (TMS), slippy maps
// from the north, hence the flip.
func (m *mbtiles) Tile(z, x, y int) ([]byte, string, error) {
	if err := CheckAddress(z, x, y); err != nil {
		return nil, "", err
	}
	row := (1 << z) - 1 - y
	var b []byte
	err := m.db.QueryRow(`SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?`, z, x, row).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", ErrNoTile
	}
	if err != nil {
		return nil, "", fmt.Errorf("tile %d/%d/%d: %w", z, x, y, err)
	}
	return checkTile(b, z, x, y)
}

func (m *mbtiles) Close() error { return m.db.Close() }

// checkTile bounds a tile and names its type; anything not a raster image is
// refused rather than handed to the webview.
func checkTile(b []byte, z, x, y int) ([]byte, string, error) {
	if len(b) > MaxTileBytes {
		return nil, "", fmt.Errorf("tile %d/%d/%d is %d bytes, over the %d MB limit", z, x, y, len(b), MaxTileBytes>>20)
	}
	mime := sniff(b)
	if mime == "" {
		return nil, "", fmt.Errorf("tile %d/%d/%d is not a PNG, JPEG or WebP image", z, x, y)
	}
	return b, mime, nil
}
