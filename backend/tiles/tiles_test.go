package tiles

import (
	"bytes"
	"compress/gzip"
	"database/sql"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// pngTile makes a distinct 1x1 PNG per address so a test can tell tiles apart.
func pngTile(t testing.TB, z, x, y int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 1, 1))
	img.Set(0, 0, color.RGBA{uint8(z), uint8(x), uint8(y), 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pixel(t testing.TB, b []byte) color.RGBA {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return color.RGBAModel.Convert(img.At(0, 0)).(color.RGBA)
}

type zxy struct{ z, x, y int }

// writeMBTiles builds an MBTiles file the way GDAL and TileMill write them.
func writeMBTiles(t testing.TB, path, format string, tiles []zxy) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`CREATE TABLE metadata (name text, value text)`,
		`CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)`,
		`CREATE UNIQUE INDEX tile_index on tiles (zoom_level, tile_column, tile_row)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for k, v := range map[string]string{"name": "Test & <Trust>", "format": format, "minzoom": "0", "maxzoom": "3", "attribution": "© Test"} {
		if _, err := db.Exec(`INSERT INTO metadata VALUES (?, ?)`, k, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range tiles {
		tms := (1 << a.z) - 1 - a.y
		if _, err := db.Exec(`INSERT INTO tiles VALUES (?,?,?,?)`, a.z, a.x, tms, pngTile(t, a.z, a.x, a.y)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMBTiles_FlipsRowsFromTMS(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trust map.mbtiles")
	writeMBTiles(t, path, "png", []zxy{{0, 0, 0}, {1, 0, 0}, {1, 0, 1}, {3, 5, 2}})
	src, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if i := src.Info(); i.Kind != "mbtiles" || i.Format != "png" || i.MaxZoom != 3 || i.Name != "Test & <Trust>" {
		t.Fatalf("info = %+v", i)
	}
	for _, a := range []zxy{{0, 0, 0}, {1, 0, 0}, {1, 0, 1}, {3, 5, 2}} {
		b, mime, err := src.Tile(a.z, a.x, a.y)
		if err != nil {
			t.Fatalf("%v: %v", a, err)
		}
		if mime != "image/png" {
			t.Errorf("%v: mime %q", a, mime)
		}
		if got, want := pixel(t, b), (color.RGBA{uint8(a.z), uint8(a.x), uint8(a.y), 255}); got != want {
			t.Errorf("%v: got the tile of %v", a, got)
		}
	}
	if _, _, err := src.Tile(3, 5, 5); !errors.Is(err, ErrNoTile) {
		t.Errorf("missing tile: %v, want ErrNoTile", err)
	}
	if _, _, err := src.Tile(2, 4, 0); err == nil || errors.Is(err, ErrNoTile) {
		t.Errorf("tile outside the world: %v", err)
	}
}

func TestMBTiles_RefusesVectorTilesInPlainWords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vector.mbtiles")
	writeMBTiles(t, path, "pbf", nil)
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "vector tiles") || !strings.Contains(err.Error(), "vector.mbtiles") {
		t.Fatalf("err = %v", err)
	}
}

func TestOpen_RefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "notes.txt")
	os.WriteFile(other, []byte("hello"), 0o600)
	if _, err := Open(other); err == nil || !strings.Contains(err.Error(), "neither an MBTiles nor a PMTiles") {
		t.Fatalf("err = %v", err)
	}
	plain := filepath.Join(dir, "plain.db")
	db, _ := sql.Open("sqlite", plain)
	db.Exec(`CREATE TABLE x (a)`)
	db.Close()
	if _, err := Open(plain); err == nil || !strings.Contains(err.Error(), "not an MBTiles file") {
		t.Fatalf("err = %v", err)
	}
}

func TestTileID_MatchesTheSpecExamples(t *testing.T) {
	// From the PMTiles v3 specification and its reference implementations.
	for _, c := range []struct {
		z, x, y int
		want    uint64
	}{
		{0, 0, 0, 0}, {1, 0, 0, 1}, {1, 0, 1, 2}, {1, 1, 1, 3}, {1, 1, 0, 4}, {2, 0, 0, 5},
		{3, 0, 0, 21}, {3, 7, 0, 84}, {12, 3423, 1763, 19078479},
	} {
		if got := TileID(c.z, c.x, c.y); got != c.want {
			t.Errorf("TileID(%d,%d,%d) = %d, want %d", c.z, c.x, c.y, got, c.want)
		}
	}
	// Every tile of a zoom gets its own id within the zoom's range.
	seen := map[uint64]bool{}
	for x := 0; x < 16; x++ {
		for y := 0; y < 16; y++ {
			id := TileID(4, x, y)
			if id < 85 || id >= 85+256 || seen[id] {
				t.Fatalf("TileID(4,%d,%d) = %d duplicates or leaves the range", x, y, id)
			}
			seen[id] = true
		}
	}
}

// --- a small PMTiles writer for the tests ---

func uvarint(b *bytes.Buffer, v uint64) {
	var tmp [binary.MaxVarintLen64]byte
	b.Write(tmp[:binary.PutUvarint(tmp[:], v)])
}

func encodeDir(es []entry) []byte {
	var b bytes.Buffer
	uvarint(&b, uint64(len(es)))
	var last uint64
	for _, e := range es {
		uvarint(&b, e.tileID-last)
		last = e.tileID
	}
	for _, e := range es {
		uvarint(&b, uint64(e.run))
	}
	for _, e := range es {
		uvarint(&b, uint64(e.length))
	}
	for i, e := range es {
		if i > 0 && e.offset == es[i-1].offset+uint64(es[i-1].length) {
			uvarint(&b, 0)
		} else {
			uvarint(&b, e.offset+1)
		}
	}
	return b.Bytes()
}

func gz(t testing.TB, b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// buildPMTiles writes an archive; with leafSize > 0 the entries are split into
// leaf directories of that many entries each.
func buildPMTiles(t testing.TB, tiles []zxy, tileType uint8, gzipDirs bool, leafSize int) []byte {
	sort.Slice(tiles, func(i, j int) bool {
		return TileID(tiles[i].z, tiles[i].x, tiles[i].y) < TileID(tiles[j].z, tiles[j].x, tiles[j].y)
	})
	var data bytes.Buffer
	var es []entry
	for _, a := range tiles {
		b := pngTile(t, a.z, a.x, a.y)
		es = append(es, entry{tileID: TileID(a.z, a.x, a.y), offset: uint64(data.Len()), length: uint32(len(b)), run: 1})
		data.Write(b)
	}
	comp := func(b []byte) []byte {
		if gzipDirs {
			return gz(t, b)
		}
		return b
	}
	var root []byte
	var leaves bytes.Buffer
	if leafSize > 0 {
		var rootEs []entry
		for i := 0; i < len(es); i += leafSize {
			part := es[i:min(i+leafSize, len(es))]
			enc := comp(encodeDir(part))
			rootEs = append(rootEs, entry{tileID: part[0].tileID, offset: uint64(leaves.Len()), length: uint32(len(enc))})
			leaves.Write(enc)
		}
		root = comp(encodeDir(rootEs))
	} else {
		root = comp(encodeDir(es))
	}
	h := make([]byte, pmHeaderLen)
	copy(h, "PMTiles")
	h[7] = 3
	put := func(off int, v uint64) { binary.LittleEndian.PutUint64(h[off:], v) }
	rootOff := uint64(pmHeaderLen)
	leafOff := rootOff + uint64(len(root))
	dataOff := leafOff + uint64(leaves.Len())
	put(8, rootOff)
	put(16, uint64(len(root)))
	put(24, dataOff+uint64(data.Len()))
	put(32, 0)
	put(40, leafOff)
	put(48, uint64(leaves.Len()))
	put(56, dataOff)
	put(64, uint64(data.Len()))
	h[97] = compNone
	if gzipDirs {
		h[97] = compGzip
	}
	h[98], h[99], h[100], h[101] = compNone, tileType, 0, 6
	out := append(h, root...)
	out = append(out, leaves.Bytes()...)
	return append(out, data.Bytes()...)
}

func allTiles(maxZ int) []zxy {
	var out []zxy
	for z := 0; z <= maxZ; z++ {
		for x := 0; x < 1<<z; x++ {
			for y := 0; y < 1<<z; y++ {
				out = append(out, zxy{z, x, y})
			}
		}
	}
	return out
}

func TestPMTiles_FindsEveryTileWithAndWithoutLeaves(t *testing.T) {
	tiles := allTiles(4)
	for _, c := range []struct {
		name     string
		gzip     bool
		leafSize int
	}{{"flat", false, 0}, {"gzip", true, 0}, {"leaves", false, 7}, {"gzip leaves", true, 50}} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "map.pmtiles")
			if err := os.WriteFile(path, buildPMTiles(t, append([]zxy(nil), tiles...), 2, c.gzip, c.leafSize), 0o600); err != nil {
				t.Fatal(err)
			}
			src, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			if i := src.Info(); i.Kind != "pmtiles" || i.Format != "png" || i.MaxZoom != 6 {
				t.Fatalf("info %+v", i)
			}
			for _, a := range tiles {
				b, mime, err := src.Tile(a.z, a.x, a.y)
				if err != nil {
					t.Fatalf("%v: %v", a, err)
				}
				if got, want := pixel(t, b), (color.RGBA{uint8(a.z), uint8(a.x), uint8(a.y), 255}); got != want || mime != "image/png" {
					t.Fatalf("%v: got the tile of %v (%s)", a, got, mime)
				}
			}
			if _, _, err := src.Tile(5, 3, 3); !errors.Is(err, ErrNoTile) {
				t.Errorf("zoom 5 is not in the file: %v", err)
			}
		})
	}
}

func TestPMTiles_RefusesVectorAndDamagedFiles(t *testing.T) {
	vec := buildPMTiles(t, allTiles(1), 1, false, 0)
	if _, err := newPMTiles(bytes.NewReader(vec), int64(len(vec)), "v.pmtiles"); err == nil || !strings.Contains(err.Error(), "vector tiles") {
		t.Errorf("vector: %v", err)
	}
	good := buildPMTiles(t, allTiles(1), 2, false, 0)
	v2 := bytes.Clone(good)
	v2[7] = 2
	if _, err := newPMTiles(bytes.NewReader(v2), int64(len(v2)), "old.pmtiles"); err == nil || !strings.Contains(err.Error(), "version 2") {
		t.Errorf("version 2: %v", err)
	}
	short := good[:pmHeaderLen+2]
	if _, err := newPMTiles(bytes.NewReader(short), int64(len(short)), "cut.pmtiles"); err == nil || !strings.Contains(err.Error(), "beyond the end") {
		t.Errorf("truncated: %v", err)
	}
}

func FuzzPMTiles(f *testing.F) {
	f.Add(buildPMTiles(f, allTiles(2), 2, false, 0))
	f.Add(buildPMTiles(f, allTiles(2), 2, true, 0))
	f.Add(buildPMTiles(f, allTiles(3), 2, false, 5))
	f.Add(buildPMTiles(f, allTiles(2), 2, true, 4))
	f.Add([]byte("PMTiles\x03"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := newPMTiles(bytes.NewReader(b), int64(len(b)), "fuzz.pmtiles")
		if err != nil {
			return
		}
		for _, a := range allTiles(3) {
			data, mime, err := p.Tile(a.z, a.x, a.y)
			if err == nil && (mime == "" || len(data) > MaxTileBytes) {
				t.Fatalf("tile %v accepted without a raster type", a)
			}
		}
	})
}

func FuzzParseDirectory(f *testing.F) {
	f.Add(encodeDir([]entry{{tileID: 0, offset: 0, length: 10, run: 1}, {tileID: 1, offset: 10, length: 5, run: 3}}))
	f.Add([]byte{0})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		es, err := parseDirectory(b)
		if err != nil {
			return
		}
		for i := 1; i < len(es); i++ {
			if es[i].tileID <= es[i-1].tileID {
				t.Fatalf("accepted non-increasing ids at %d", i)
			}
		}
		again, err := parseDirectory(encodeDir(es))
		if err != nil || len(again) != len(es) {
			t.Fatalf("round trip: %v", err)
		}
		for i := range es {
			if again[i] != es[i] {
				t.Fatalf("round trip changed entry %d: %+v -> %+v", i, es[i], again[i])
			}
		}
	})
}
