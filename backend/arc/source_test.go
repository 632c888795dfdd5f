package arc

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type zipEntry struct {
	name string
	mode fs.FileMode
	body []byte
}

func makeZip(t testing.TB, entries []zipEntry) string {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.body)
	}
	zw.Close()
	p := filepath.Join(t.TempDir(), "export.zip")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var smallLimits = Limits{MaxEntries: 10, MaxEntrySize: 4 << 20, MaxTotalSize: 8 << 20, MaxRatio: 100, RatioMinBytes: 64 << 10}

func TestArchive_HostileEntriesAreRefused(t *testing.T) {
	alarms := []byte(canonHeader + good)
	zeros := make([]byte, 3<<20)
	cases := []struct {
		name    string
		entries []zipEntry
		want    string
	}{
		{"parent path", []zipEntry{{name: "../evil.csv", body: alarms}}, "would escape the export folder"},
		{"nested parent path", []zipEntry{{name: "a/../../evil.csv", body: alarms}}, "would escape the export folder"},
		{"absolute path", []zipEntry{{name: "/etc/cron.d/x", body: alarms}}, "is an absolute path"},
		{"windows drive", []zipEntry{{name: `C:\Windows\x.csv`, body: alarms}}, "is an absolute path"},
		{"backslash parent", []zipEntry{{name: `..\evil.csv`, body: alarms}}, "would escape the export folder"},
		{"symbolic link", []zipEntry{{name: "alarms.csv", mode: fs.ModeSymlink | 0o777, body: []byte("/etc/passwd")}}, "is a link"},
		{"device file", []zipEntry{{name: "dev", mode: fs.ModeDevice | 0o600}}, "device or special file"},
		{"named pipe", []zipEntry{{name: "fifo", mode: fs.ModeNamedPipe | 0o600}}, "device or special file"},
		{"duplicate names", []zipEntry{{name: "alarms.csv", body: alarms}, {name: "ALARMS.csv", body: alarms}}, "appears twice"},
		{"zip bomb by ratio", []zipEntry{{name: "alarms.csv", body: alarms}, {name: "audio/big.wav", body: zeros}}, "possible zip bomb"},
		{"too many entries", func() []zipEntry {
			var es []zipEntry
			for i := 0; i < 11; i++ {
				es = append(es, zipEntry{name: strings.Repeat("a", i+1) + ".csv", body: alarms})
			}
			return es
		}(), "more than the 10 allowed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := makeZip(t, c.entries)
			_, err := OpenSource(p, smallLimits)
			var se *SourceError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want a refusal containing %q", err, c.want)
			}
		})
	}
}

func TestArchive_TotalSizeBounded(t *testing.T) {
	lim := smallLimits
	lim.MaxTotalSize = 1 << 20
	rnd := bytes.Repeat([]byte("0123456789abcdef"), 40<<10) // 640 KiB, compresses well but under the ratio
	p := makeZip(t, []zipEntry{{name: "a.wav", body: rnd}, {name: "b.wav", body: rnd}})
	lim.MaxRatio = 1e9
	if _, err := OpenSource(p, lim); err == nil || !strings.Contains(err.Error(), "more than 1048576 bytes in total") {
		t.Fatalf("err = %v", err)
	}
}

// TestArchive_LyingSizeIsCaught: an entry whose header claims fewer bytes
// than it holds fails while reading instead of unpacking without bound.
func TestArchive_LyingSizeIsCaught(t *testing.T) {
	var raw bytes.Buffer
	zw := zip.NewWriter(&raw)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "alarms.csv", Method: zip.Store})
	w.Write([]byte(canonHeader + good + good))
	zw.Close()
	b := raw.Bytes()
	// Patch the declared uncompressed size in the central directory to 10.
	cd := bytes.LastIndex(b, []byte("PK\x01\x02"))
	b[cd+24], b[cd+25], b[cd+26], b[cd+27] = 10, 0, 0, 0
	p := filepath.Join(t.TempDir(), "lying.zip")
	os.WriteFile(p, b, 0o644)
	src, err := OpenSource(p, smallLimits)
	if err != nil {
		return // refused up front is fine too
	}
	defer src.Close()
	rc, err := src.Entries[0].Open()
	if err != nil {
		return
	}
	n, err := io.Copy(io.Discard, rc)
	if err == nil || n > 10 {
		t.Fatalf("read %d bytes with err %v; want a failure after at most 10", n, err)
	}
}

func TestArchive_FolderWithLinkIsRefused(t *testing.T) {
	dir := writeFiles(t, map[string]string{"alarms.csv": canonHeader + good})
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "audio.wav")); err != nil {
		t.Skip(err)
	}
	if _, err := OpenSource(dir, DefaultLimits); err == nil || !strings.Contains(err.Error(), "is a link") {
		t.Fatalf("err = %v", err)
	}
}

// TestArchive_ZipOfDemoExportImports: a real export zipped with a top folder
// imports like the folder, recordings included.
func TestArchive_ZipOfDemoExportImports(t *testing.T) {
	dir, sum := exportDemo(t, mustProfile(t, "iso-utc"))
	var entries []zipEntry
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		body, _ := os.ReadFile(p)
		entries = append(entries, zipEntry{name: "Export 2025-11/" + filepath.ToSlash(rel), body: body})
		return nil
	})
	zp := makeZip(t, entries)
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, zp, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Alerts.New != sum.Amber+sum.Red || res.Summary.Media.New != sum.Media || res.Errors != 0 {
		t.Errorf("summary %+v errors %d", res.Summary, res.Errors)
	}
	if len(res.Files) != len(entries) {
		t.Errorf("import recorded %d files, the zip holds %d", len(res.Files), len(entries))
	}
	for _, f := range res.Files {
		if !isHexSHA(f.SHA256) || f.Size <= 0 {
			t.Errorf("file record %+v", f)
		}
	}
}

func TestSource_SingleCSV(t *testing.T) {
	dir := writeFiles(t, map[string]string{"alarms.csv": canonHeader + good})
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, filepath.Join(dir, "alarms.csv"), Options{})
	if err != nil || res.Summary.Alerts.New != 1 {
		t.Fatalf("res %+v err %v", res, err)
	}
}

func TestDetect_NoProfileFitsNamesTheColumns(t *testing.T) {
	dir := writeFiles(t, map[string]string{"weird.csv": "When,Who,What\n1,2,3\n"})
	sp := newSpace(t)
	_, err := Import(context.Background(), sp.st, sp.v, dir, Options{})
	var np *NoProfileError
	if !errors.As(err, &np) || len(np.Files) != 1 || np.Files[0].Headers[2] != "What" || len(np.Files[0].Sample) != 1 {
		t.Fatalf("err = %v (%+v)", err, np)
	}
	if !strings.Contains(err.Error(), "weird.csv (columns: When, Who, What)") {
		t.Errorf("message %q", err)
	}
}

// TestArchive_LyingDirectoryIsOneRefusal: an archive whose directory lies
// (checksum, sizes, offset) is refused as a damaged export, in one message
// that names the archive and the entry once.
func TestArchive_LyingDirectoryIsOneRefusal(t *testing.T) {
	for i, b := range lyingZips() {
		p := filepath.Join(t.TempDir(), "export.zip")
		os.WriteFile(p, b, 0o644)
		sp := newSpace(t)
		_, err := Import(context.Background(), sp.st, sp.v, p, Options{})
		var se *SourceError
		if !errors.As(err, &se) {
			t.Errorf("lie %d: err = %v, want a refusal of the archive", i, err)
			continue
		}
		if msg := err.Error(); strings.Count(msg, "alarms.csv") != 1 || strings.Count(msg, "export.zip") != 1 {
			t.Errorf("lie %d: %q names the archive or the entry more than once", i, msg)
		}
	}
}
