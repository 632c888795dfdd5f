package tiles

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// PMTiles v3 (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
// a 127-byte header, a root directory, optional leaf directories, metadata and
// tile data, each at an offset the header gives. This is our own small reader:
// the Go library drags in cloud storage SDKs for a job of a few hundred lines.

const pmHeaderLen = 127

// Compression codes used by the header.
const (
	compUnknown = 0
	compNone    = 1
	compGzip    = 2
)

// Tile type codes used by the header.
var pmTileTypes = map[uint8]string{0: "", 1: "mvt", 2: "png", 3: "jpeg", 4: "webp", 5: "avif"}

// Limits that keep a damaged or hostile file from exhausting memory.
const (
	maxDirBytes    = 32 << 20 // one directory, after decompression
	maxDirEntries  = 4 << 20
	maxDirDepth    = 4 // the spec needs at most a root and one leaf level; allow a few more
	leafCacheLimit = 64
)

type pmHeader struct {
	rootOff, rootLen uint64
	metaOff, metaLen uint64
	leafOff, leafLen uint64
	dataOff, dataLen uint64
	internalComp     uint8
	tileComp         uint8
	tileType         uint8
	minZoom, maxZoom uint8
}

// parseHeader reads the fixed header; errors say what is wrong in words a
// support engineer can act on.
func parseHeader(b []byte) (pmHeader, error) {
	var h pmHeader
	if len(b) < pmHeaderLen {
		return h, fmt.Errorf("the PMTiles header is %d bytes, expected %d", len(b), pmHeaderLen)
	}
	if string(b[:7]) != "PMTiles" {
		return h, errors.New("the file does not start with the PMTiles signature")
	}
	if b[7] != 3 {
		return h, fmt.Errorf("PMTiles version %d is not supported (Redline reads version 3; convert with `pmtiles convert`)", b[7])
	}
	u := func(off int) uint64 { return binary.LittleEndian.Uint64(b[off:]) }
	h.rootOff, h.rootLen = u(8), u(16)
	h.metaOff, h.metaLen = u(24), u(32)
	h.leafOff, h.leafLen = u(40), u(48)
	h.dataOff, h.dataLen = u(56), u(64)
	h.internalComp, h.tileComp, h.tileType = b[97], b[98], b[99]
	h.minZoom, h.maxZoom = b[100], b[101]
	if h.internalComp != compNone && h.internalComp != compGzip {
		return h, fmt.Errorf("the PMTiles directories use compression %d; Redline reads uncompressed or gzip (re-create the file with gzip)", h.internalComp)
	}
	if h.tileComp != compNone && h.tileComp != compGzip && h.tileComp != compUnknown {
		return h, fmt.Errorf("the PMTiles tiles use compression %d; Redline reads uncompressed or gzip tiles", h.tileComp)
	}
	if h.rootLen == 0 || h.rootLen > maxDirBytes {
		return h, fmt.Errorf("the PMTiles root directory length %d is not plausible", h.rootLen)
	}
	if h.minZoom > h.maxZoom || h.maxZoom > 30 {
		return h, fmt.Errorf("the PMTiles zoom range %d..%d is not plausible", h.minZoom, h.maxZoom)
	}
	return h, nil
}

// entry is one directory entry: a run of tiles, or (run 0) a leaf directory.
type entry struct {
	tileID uint64
	offset uint64
	length uint32
	run    uint32
}

// parseDirectory decodes an uncompressed directory: the entry count, then
// columns of delta-coded tile ids, run lengths, lengths and offsets (0 means
// "right after the previous entry"), all as unsigned varints.
func parseDirectory(b []byte) ([]entry, error) {
	r := bytes.NewReader(b)
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, fmt.Errorf("directory entry count: %w", err)
	}
	// Each entry takes at least four bytes (one varint per column).
	if n > maxDirEntries || n > uint64(len(b))/4+1 {
		return nil, fmt.Errorf("directory claims %d entries in %d bytes", n, len(b))
	}
	es := make([]entry, n)
	var last uint64
	for i := range es {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, fmt.Errorf("directory tile id %d: %w", i, err)
		}
		if i > 0 && d == 0 || last+d < last {
			return nil, fmt.Errorf("directory tile ids are not increasing at entry %d", i)
		}
		last += d
		es[i].tileID = last
	}
	for i := range es {
		v, err := binary.ReadUvarint(r)
		if err != nil || v > 1<<32-1 {
			return nil, fmt.Errorf("directory run length %d is damaged", i)
		}
		es[i].run = uint32(v)
	}
	for i := range es {
		v, err := binary.ReadUvarint(r)
		if err != nil || v > 1<<32-1 {
			return nil, fmt.Errorf("directory length %d is damaged", i)
		}
		es[i].length = uint32(v)
	}
	for i := range es {
		v, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, fmt.Errorf("directory offset %d: %w", i, err)
		}
		switch {
		case v == 0 && i == 0:
			return nil, errors.New("directory offset 0 refers to an entry before the first")
		case v == 0:
			es[i].offset = es[i-1].offset + uint64(es[i-1].length)
		default:
			es[i].offset = v - 1
		}
	}
	return es, nil
}

// find returns the entry covering id: the last entry at or before it, if it is
// a leaf pointer or its run reaches id.
func find(es []entry, id uint64) (entry, bool) {
	i := sort.Search(len(es), func(i int) bool { return es[i].tileID > id }) - 1
	if i < 0 {
		return entry{}, false
	}
	e := es[i]
	if e.run == 0 || id-e.tileID < uint64(e.run) {
		return e, true
	}
	return entry{}, false
}

// TileID numbers z/x/y along the Hilbert curve of each zoom, after all tiles
// of the lower zooms, as PMTiles does.
func TileID(z, x, y int) uint64 {
	acc := ((uint64(1) << (2 * uint(z))) - 1) / 3
	n := uint64(1) << uint(z)
	tx, ty := uint64(x), uint64(y)
	var d uint64
	for s := n / 2; s > 0; s /= 2 {
		var rx, ry uint64
		if tx&s != 0 {
			rx = 1
		}
		if ty&s != 0 {
			ry = 1
		}
		d += s * s * ((3 * rx) ^ ry)
		if ry == 0 { // rotate the quadrant so the curve stays continuous
			if rx == 1 {
				tx, ty = n-1-tx, n-1-ty
			}
			tx, ty = ty, tx
		}
	}
	return acc + d
}

// pmtiles reads one archive through ReaderAt, caching directories.
type pmtiles struct {
	r    io.ReaderAt
	size int64
	c    io.Closer
	h    pmHeader
	root []entry
	info Info

	mu     sync.Mutex
	leaves map[uint64][]entry
}

func openPMTiles(f *os.File, path string) (Source, error) {
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open map tiles %s: %w", filepath.Base(path), err)
	}
	p, err := newPMTiles(f, st.Size(), filepath.Base(path))
	if err != nil {
		f.Close()
		return nil, err
	}
	p.c, p.info.Path = f, path
	return p, nil
}

// newPMTiles reads the header and root directory of an archive of size bytes.
func newPMTiles(r io.ReaderAt, size int64, name string) (*pmtiles, error) {
	head := make([]byte, pmHeaderLen)
	if _, err := r.ReadAt(head, 0); err != nil {
		return nil, fmt.Errorf("%s: read PMTiles header: %w", name, err)
	}
	h, err := parseHeader(head)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	tt := pmTileTypes[h.tileType]
	if tt == "avif" {
		return nil, fmt.Errorf("%s holds AVIF tiles; Redline draws PNG, JPEG or WebP tiles", name)
	}
	format, err := rasterFormat(name, tt)
	if err != nil {
		return nil, err
	}
	p := &pmtiles{r: r, size: size, h: h, leaves: map[uint64][]entry{},
		info: Info{Kind: "pmtiles", Format: format, MinZoom: int(h.minZoom), MaxZoom: int(h.maxZoom)}}
	if p.root, err = p.directory(h.rootOff, h.rootLen); err != nil {
		return nil, fmt.Errorf("%s: root directory: %w", name, err)
	}
	return p, nil
}

// section reads length bytes at off, refusing ranges outside the file.
func (p *pmtiles) section(off, length, limit uint64) ([]byte, error) {
	if length > limit {
		return nil, fmt.Errorf("section of %d bytes is over the %d byte limit", length, limit)
	}
	if off > uint64(p.size) || length > uint64(p.size)-off {
		return nil, fmt.Errorf("section at %d (+%d bytes) lies beyond the end of the file (%d bytes)", off, length, p.size)
	}
	b := make([]byte, length)
	if _, err := p.r.ReadAt(b, int64(off)); err != nil && !(errors.Is(err, io.EOF) && length == 0) {
		return nil, err
	}
	return b, nil
}

func (p *pmtiles) directory(off, length uint64) ([]entry, error) {
	b, err := p.section(off, length, maxDirBytes)
	if err != nil {
		return nil, err
	}
	if p.h.internalComp == compGzip {
		if b, err = gunzip(b, maxDirBytes); err != nil {
			return nil, fmt.Errorf("decompress directory: %w", err)
		}
	}
	return parseDirectory(b)
}

// gunzip decompresses at most limit bytes.
func gunzip(b []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("decompresses to more than %d bytes", limit)
	}
	return out, nil
}

func (p *pmtiles) leaf(off, length uint64) ([]entry, error) {
	p.mu.Lock()
	es, ok := p.leaves[off]
	p.mu.Unlock()
	if ok {
		return es, nil
	}
	if off > p.h.leafLen || length > p.h.leafLen-off {
		return nil, fmt.Errorf("leaf directory at %d lies outside the leaf section", off)
	}
	es, err := p.directory(p.h.leafOff+off, length)
	if err != nil {
		return nil, fmt.Errorf("leaf directory: %w", err)
	}
	p.mu.Lock()
	if len(p.leaves) >= leafCacheLimit {
		clear(p.leaves)
	}
	p.leaves[off] = es
	p.mu.Unlock()
	return es, nil
}

func (p *pmtiles) Info() Info { return p.info }

func (p *pmtiles) Tile(z, x, y int) ([]byte, string, error) {
	if err := CheckAddress(z, x, y); err != nil {
		return nil, "", err
	}
	id := TileID(z, x, y)
	es := p.root
	for depth := 0; depth <= maxDirDepth; depth++ {
		e, ok := find(es, id)
		if !ok {
			return nil, "", ErrNoTile
		}
		if e.run > 0 {
			return p.tileData(e, z, x, y)
		}
		var err error
		if es, err = p.leaf(e.offset, uint64(e.length)); err != nil {
			return nil, "", fmt.Errorf("tile %d/%d/%d: %w", z, x, y, err)
		}
	}
	return nil, "", fmt.Errorf("tile %d/%d/%d: leaf directories nest deeper than %d levels", z, x, y, maxDirDepth)
}

func (p *pmtiles) tileData(e entry, z, x, y int) ([]byte, string, error) {
	if e.offset > p.h.dataLen || uint64(e.length) > p.h.dataLen-e.offset {
		return nil, "", fmt.Errorf("tile %d/%d/%d lies outside the tile data section", z, x, y)
	}
	b, err := p.section(p.h.dataOff+e.offset, uint64(e.length), MaxTileBytes)
	if err != nil {
		return nil, "", fmt.Errorf("tile %d/%d/%d: %w", z, x, y, err)
	}
	if p.h.tileComp == compGzip {
		if b, err = gunzip(b, MaxTileBytes); err != nil {
			return nil, "", fmt.Errorf("tile %d/%d/%d: %w", z, x, y, err)
		}
	}
	return checkTile(b, z, x, y)
}

func (p *pmtiles) Close() error {
	if p.c != nil {
		return p.c.Close()
	}
	return nil
}
