package outfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWrite_IsReadableOnlyByItsOwner(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no unix permission bits")
	}
	path := filepath.Join(t.TempDir(), "alerts.geojson")
	if err := WriteBytes(path, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v; want -rw-------", fi.Mode(), err)
	}
}

func TestWrite_FailedRenderLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "register.xlsx")
	boom := errors.New("the database went away")
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "half a workbook")
		return boom
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "register.xlsx") {
		t.Fatalf("err = %v; want the render's error, naming the file", err)
	}
	if names := entries(t, dir); len(names) != 0 {
		t.Fatalf("left behind %v", names)
	}
}

func TestWrite_FailedRenderKeepsTheOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "letter.pdf")
	os.WriteFile(path, []byte("the old letter"), 0o600)
	Write(path, func(w io.Writer) error { io.WriteString(w, "new"); return errors.New("stop") })
	if b, _ := os.ReadFile(path); string(b) != "the old letter" {
		t.Fatalf("old file now %q", b)
	}
}

func TestWrite_ReplacesAnExistingFileAndNarrowsItsMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "transcript.txt")
	os.WriteFile(path, []byte("an older, longer transcript"), 0o644)
	if err := WriteBytes(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Fatalf("file holds %q", b)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v after replacing a 0644 file", fi.Mode())
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Fatalf("folder holds %v; want only the file", names)
	}
}

func TestWrite_ThroughALinkReplacesItsTarget(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	target, link := filepath.Join(dir, "real.kml"), filepath.Join(dir, "link.kml")
	os.WriteFile(target, []byte("old"), 0o600)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Fatalf("target holds %q", b)
	}
}

func TestCreate_RefusesAFolder(t *testing.T) {
	dir := t.TempDir()
	if _, err := Create(dir); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Fatalf("err = %v", err)
	}
}

func TestCreate_WritesADeviceInPlace(t *testing.T) {
	if _, err := os.Stat(os.DevNull); err != nil || runtime.GOOS == "windows" {
		t.Skip("no null device to write to")
	}
	if err := WriteBytes(os.DevNull, []byte("discarded")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode().IsRegular() {
		t.Fatalf("%s was replaced: %v %v", os.DevNull, fi.Mode(), err)
	}
}

func TestAbort_AfterCommitKeepsTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "map.png")
	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "png")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Abort()
	if b, _ := os.ReadFile(path); string(b) != "png" {
		t.Fatalf("file holds %q", b)
	}
}
