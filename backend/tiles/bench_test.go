package tiles

import (
	"os"
	"path/filepath"
	"testing"
)

func benchTiles(b *testing.B, src Source, tiles []zxy) {
	b.ResetTimer()
	i := 0
	for b.Loop() {
		a := tiles[i%len(tiles)]
		i++
		if _, _, err := src.Tile(a.z, a.x, a.y); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMBTilesTile reads tiles at random-ish addresses from a 5,461-tile file.
func BenchmarkMBTilesTile(b *testing.B) {
	tiles := allTiles(6)
	path := filepath.Join(b.TempDir(), "b.mbtiles")
	writeMBTiles(b, path, "png", tiles)
	src, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	benchTiles(b, src, tiles)
}

// BenchmarkPMTilesTile does the same through gzip-compressed leaf directories.
func BenchmarkPMTilesTile(b *testing.B) {
	tiles := allTiles(6)
	path := filepath.Join(b.TempDir(), "b.pmtiles")
	if err := os.WriteFile(path, buildPMTiles(b, append([]zxy(nil), tiles...), 2, true, 256), 0o600); err != nil {
		b.Fatal(err)
	}
	src, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	benchTiles(b, src, tiles)
}
