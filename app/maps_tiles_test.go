package main

import (
	"bytes"
	"database/sql"
	"image"
	"image/png"
	"testing"
)

// writeTestMBTiles writes an MBTiles file holding one PNG tile, 1/0/0 (TMS row 1).
func writeTestMBTiles(t *testing.T, path string) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1)))
	for _, q := range []string{`CREATE TABLE metadata (name text, value text)`,
		`CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)`,
		`INSERT INTO metadata VALUES ('format', 'png'), ('maxzoom', '1')`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`INSERT INTO tiles VALUES (1, 0, 1, ?)`, b.Bytes()); err != nil {
		t.Fatal(err)
	}
}
