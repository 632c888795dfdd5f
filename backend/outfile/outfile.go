// Package outfile is the one way Redline writes a file out of the data
// folder (exports, saved reports, templates, settings files): nothing appears
// under the chosen name until the whole file is on disk, readable only by the
// person who made it.
package outfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// Mode is the permission every file written out gets: exports carry personal
// data and evidence, so no other account on the laptop may read them.
const Mode os.FileMode = 0o600

// File is an output file being written. Writes go to a temporary file beside
// the target; Commit puts it in place, Abort throws it away. A File that is
// neither committed nor aborted leaves only a hidden temporary file, never a
// partial one under the target's name.
type File struct {
	path   string // the target, after following a link
	tmp    *os.File
	direct *os.File // a device or pipe (e.g. /dev/stdout), written in place
	done   bool
}

// Create starts writing path. A link is followed, so the file it points at is
// replaced and the link kept. A folder is refused. A device or named pipe
// cannot be renamed over (that would replace the device node), so it is
// written straight through: there is no half-file to avoid there.
func Create(path string) (*File, error) {
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		path = resolved
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return nil, fmt.Errorf("%s is a folder: choose a file name", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("cannot write to %s: %w", path, err)
		}
		return &File{path: path, direct: f}, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".redline-out-*")
	if err != nil {
		return nil, fmt.Errorf("cannot write in %s: %w", filepath.Dir(path), err)
	}
	return &File{path: path, tmp: tmp}, nil
}

// Path is where the file will be once committed.
func (f *File) Path() string { return f.path }

func (f *File) Write(p []byte) (int, error) {
	if f.direct != nil {
		return f.direct.Write(p)
	}
	return f.tmp.Write(p)
}

// Commit makes the file durable and puts it under its name: fsync, mode 0600,
// rename over any file already there, then fsync the folder so the rename
// itself survives a power cut.
func (f *File) Commit() error {
	if f.done {
		return errors.New("outfile: commit after commit or abort")
	}
	f.done = true
	if f.direct != nil {
		return f.direct.Close()
	}
	if err := f.finish(); err != nil {
		os.Remove(f.tmp.Name())
		return fmt.Errorf("save %s: %w", f.path, err)
	}
	syncDir(filepath.Dir(f.path))
	return nil
}

func (f *File) finish() error {
	if err := f.tmp.Sync(); err != nil {
		f.tmp.Close()
		return err
	}
	// Chmod before the rename so the file is never visible with a wider mode.
	if err := f.tmp.Chmod(Mode); err != nil && runtime.GOOS != "windows" {
		f.tmp.Close()
		return err
	}
	if err := f.tmp.Close(); err != nil {
		return err
	}
	// Windows cannot rename over a file another program holds open (Word, a
	// viewer); Go's os.Rename replaces an unopened one, as on unix.
	return os.Rename(f.tmp.Name(), f.path)
}

// Abort discards what was written. It is safe after Commit, so callers can
// defer it.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	if f.direct != nil {
		f.direct.Close()
		return
	}
	f.tmp.Close()
	os.Remove(f.tmp.Name())
}

// Write writes path with render, atomically: on any error nothing is left
// under path and an existing file there is untouched.
func Write(path string, render func(io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := render(f); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return f.Commit()
}

// WriteBytes writes b to path atomically.
func WriteBytes(path string, b []byte) error {
	return Write(path, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// syncDir flushes a folder's entry for a renamed file. Where the system
// cannot (Windows has no directory handles to sync), the rename still
// happened; only its durability across a power cut is the file system's.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
