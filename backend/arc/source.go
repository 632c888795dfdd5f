package arc

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Limits bound what an export may make Redline read, so a hostile or broken
// archive is refused before it fills the disk or the memory.
type Limits struct {
	MaxEntries    int     // files in a folder or archive
	MaxEntrySize  int64   // uncompressed bytes of one file
	MaxTotalSize  int64   // uncompressed bytes of all files
	MaxRatio      float64 // uncompressed / compressed size of one archive entry
	RatioMinBytes int64   // entries smaller than this are not ratio-checked
}

// DefaultLimits fit the largest real exports seen (hour-long WAV calls, a
// million-row alarm report) with room to spare.
var DefaultLimits = Limits{
	MaxEntries:    50_000,
	MaxEntrySize:  4 << 30,
	MaxTotalSize:  32 << 30,
	MaxRatio:      200,
	RatioMinBytes: 1 << 20,
}

// Entry is one file in an export.
type Entry struct {
	Name string // slash-separated path inside the export
	Size int64  // uncompressed size
	open func() (io.ReadCloser, error)
}

// Open reads the entry; the reader fails if the file is longer than declared.
func (e *Entry) Open() (io.ReadCloser, error) { return e.open() }

// Source is an opened export: a folder, an archive or one CSV file.
type Source struct {
	Name    string // what the user chose, for the import record
	Entries []*Entry
	closer  io.Closer
}

// Close releases the archive, if any.
func (s *Source) Close() error {
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}

// SourceError says an export as a whole cannot be read safely.
type SourceError struct{ Msg string }

func (e *SourceError) Error() string { return e.Msg }

func refuse(format string, a ...any) error { return &SourceError{Msg: fmt.Sprintf(format, a...)} }

// OpenSource opens a folder, a .zip or a single CSV file.
func OpenSource(p string, lim Limits) (*Source, error) {
	info, err := os.Lstat(p)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", p, err)
	}
	switch {
	case info.IsDir():
		return openFolder(p, lim)
	case !info.Mode().IsRegular():
		return nil, refuse("%s is not a regular file, a folder or a .zip archive", p)
	case isZip(p):
		return openZip(p, lim)
	default:
		if info.Size() > lim.MaxEntrySize {
			return nil, refuse("%s is %d bytes, more than the %d allowed for one file", p, info.Size(), lim.MaxEntrySize)
		}
		name := filepath.Base(p)
		return &Source{Name: name, Entries: []*Entry{fileEntry(name, p, info.Size())}}, nil
	}
}

func isZip(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	var magic [4]byte
	if _, err := io.ReadFull(f, magic[:]); err != nil {
		return strings.EqualFold(filepath.Ext(p), ".zip")
	}
	return string(magic[:]) == "PK\x03\x04" || string(magic[:]) == "PK\x05\x06" || strings.EqualFold(filepath.Ext(p), ".zip")
}

func fileEntry(name, full string, size int64) *Entry {
	return &Entry{Name: name, Size: size, open: func() (io.ReadCloser, error) {
		f, err := os.Open(full)
		if err != nil {
			return nil, err
		}
		return readCloser{Reader: &exactReader{r: f, name: name, left: size}, Closer: f}, nil
	}}
}

type readCloser struct {
	io.Reader
	io.Closer
}

// exactReader fails when a file holds more bytes than it declared, which is
// how a zip bomb with a lying header, or a file growing under us, shows itself.
type exactReader struct {
	r    io.Reader
	name string
	left int64
}

func (e *exactReader) Read(p []byte) (int, error) {
	if e.left <= 0 {
		var one [1]byte
		n, err := e.r.Read(one[:])
		if n > 0 {
			return 0, refuse("%s is longer than its declared size; the file changed while reading or the archive is corrupt", e.name)
		}
		if err != nil && err != io.EOF {
			var se *SourceError
			if errors.As(err, &se) {
				return 0, err
			}
			return 0, fmt.Errorf("%s: %w", e.name, err)
		}
		return 0, io.EOF
	}
	if int64(len(p)) > e.left {
		p = p[:e.left]
	}
	n, err := e.r.Read(p)
	e.left -= int64(n)
	if err == io.EOF && e.left > 0 {
		return n, refuse("%s is shorter than its declared size; the archive may be truncated", e.name)
	}
	return n, err
}

func openFolder(root string, lim Limits) (*Source, error) {
	src := &Source{Name: filepath.Base(root)}
	var total int64
	err := filepath.WalkDir(root, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, full)
		rel = filepath.ToSlash(rel)
		if d.Type()&fs.ModeSymlink != 0 {
			return refuse("%s in the export folder is a link; links are not followed: copy the real file in its place", rel)
		}
		if !d.Type().IsRegular() {
			return refuse("%s in the export folder is not a regular file (device, pipe or socket)", rel)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if len(src.Entries) >= lim.MaxEntries {
			return refuse("the export folder holds more than %d files", lim.MaxEntries)
		}
		if info.Size() > lim.MaxEntrySize {
			return refuse("%s is %d bytes, more than the %d allowed for one file", rel, info.Size(), lim.MaxEntrySize)
		}
		if total += info.Size(); total > lim.MaxTotalSize {
			return refuse("the export folder holds more than %d bytes", lim.MaxTotalSize)
		}
		src.Entries = append(src.Entries, fileEntry(rel, full, info.Size()))
		return nil
	})
	if err != nil {
		var se *SourceError
		if errors.As(err, &se) {
			return nil, err
		}
		return nil, fmt.Errorf("read export folder %s: %w", root, err)
	}
	sort.Slice(src.Entries, func(i, j int) bool { return src.Entries[i].Name < src.Entries[j].Name })
	return src, nil
}

func openZip(p string, lim Limits) (*Source, error) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, refuse("%s is not a readable .zip archive (%v)", filepath.Base(p), err)
	}
	src, err := zipEntries(&zr.Reader, filepath.Base(p), lim)
	if err != nil {
		zr.Close()
		return nil, err
	}
	src.closer = zr
	return src, nil
}

// zipEntries checks every entry before anything is read: names, types, sizes,
// compression ratios and overlapping data (the "overlapping files" zip bomb).
func zipEntries(zr *zip.Reader, name string, lim Limits) (*Source, error) {
	src := &Source{Name: name}
	if len(zr.File) > lim.MaxEntries {
		return nil, refuse("%s holds %d entries, more than the %d allowed", name, len(zr.File), lim.MaxEntries)
	}
	seen := map[string]bool{}
	type span struct {
		start, end int64
		name       string
	}
	var spans []span
	var total uint64
	for _, f := range zr.File {
		clean, err := safeName(f.Name)
		if err != nil {
			return nil, refuse("%s: entry %q %v; the archive was refused", name, f.Name, err)
		}
		mode := f.Mode()
		if mode&fs.ModeSymlink != 0 {
			return nil, refuse("%s: entry %q is a link; archives with links are refused", name, f.Name)
		}
		if mode&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeNamedPipe|fs.ModeSocket|fs.ModeIrregular) != 0 {
			return nil, refuse("%s: entry %q is a device or special file; the archive was refused", name, f.Name)
		}
		if mode.IsDir() || strings.HasSuffix(f.Name, "/") {
			continue
		}
		if f.Flags&0x1 != 0 {
			return nil, refuse("%s: entry %q is encrypted; ask the ARC for an unencrypted export", name, f.Name)
		}
		if seen[strings.ToLower(clean)] {
			return nil, refuse("%s: entry %q appears twice", name, clean)
		}
		seen[strings.ToLower(clean)] = true
		size := f.UncompressedSize64
		if size > uint64(lim.MaxEntrySize) {
			return nil, refuse("%s: entry %q would unpack to %d bytes, more than the %d allowed for one file; refused as a possible zip bomb", name, clean, size, lim.MaxEntrySize)
		}
		if total += size; total > uint64(lim.MaxTotalSize) {
			return nil, refuse("%s would unpack to more than %d bytes in total; refused as a possible zip bomb", name, lim.MaxTotalSize)
		}
		if int64(size) >= lim.RatioMinBytes {
			comp := f.CompressedSize64
			if comp == 0 || float64(size)/float64(comp) > lim.MaxRatio {
				return nil, refuse("%s: entry %q compresses %d bytes into %d (more than %.0f to 1); refused as a possible zip bomb", name, clean, size, comp, lim.MaxRatio)
			}
		}
		off, err := f.DataOffset()
		if err != nil {
			return nil, refuse("%s: entry %q cannot be located in the archive (%v)", name, clean, err)
		}
		spans = append(spans, span{off, off + int64(f.CompressedSize64), clean})
		zf := f
		src.Entries = append(src.Entries, &Entry{Name: clean, Size: int64(size), open: func() (io.ReadCloser, error) {
			rc, err := zf.Open()
			if err != nil {
				return nil, damaged(name, clean, err)
			}
			return readCloser{Reader: &exactReader{r: &zipData{r: rc, archive: name, entry: clean}, name: name + ": entry " + clean,
				left: int64(size)}, Closer: rc}, nil
		}})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			return nil, refuse("%s: entries %q and %q share compressed data; refused as a zip bomb", name, spans[i-1].name, spans[i].name)
		}
	}
	sort.Slice(src.Entries, func(i, j int) bool { return src.Entries[i].Name < src.Entries[j].Name })
	return src, nil
}

// zipData turns a failure to unpack an entry into one refusal that names
// the archive and the entry once: the archive's directory promised data
// (a size, a checksum, a place) that its contents do not hold.
type zipData struct {
	r              io.Reader
	archive, entry string
}

func (z *zipData) Read(p []byte) (int, error) {
	n, err := z.r.Read(p)
	if err != nil && err != io.EOF {
		var se *SourceError
		if !errors.As(err, &se) {
			err = damaged(z.archive, z.entry, err)
		}
	}
	return n, err
}

func damaged(archive, entry string, err error) error {
	why := err.Error()
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, zip.ErrChecksum):
		why = "its contents do not match the checksum the archive records for it"
	case errors.Is(err, io.ErrUnexpectedEOF):
		why = "the archive ends before the entry does"
	case errors.As(err, &corrupt):
		why = "its compressed data is corrupt"
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm):
		why = "the archive's directory does not describe it correctly (" + strings.TrimPrefix(why, "zip: ") + ")"
	}
	return refuse("%s: entry %s cannot be read: %s. The archive is damaged or was altered; ask the ARC for a new export", archive, entry, why)
}

// safeName cleans an archive entry name and refuses any that could land
// outside the export: absolute paths, drive letters, "..", NUL bytes.
func safeName(n string) (string, error) {
	if n == "" || strings.ContainsRune(n, 0) {
		return "", fmt.Errorf("has an empty or invalid name")
	}
	s := strings.ReplaceAll(n, `\`, "/")
	if strings.HasPrefix(s, "/") || (len(s) >= 2 && s[1] == ':') {
		return "", fmt.Errorf("is an absolute path")
	}
	for _, part := range strings.Split(s, "/") {
		if part == ".." {
			return "", fmt.Errorf("would escape the export folder")
		}
	}
	clean := path.Clean(s)
	if clean == "." || strings.HasPrefix(clean, "../") {
		return "", fmt.Errorf("would escape the export folder")
	}
	return clean, nil
}
