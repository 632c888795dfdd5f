// Package vault keeps evidence files in a content-addressed folder: each file
// is stored once under its SHA-256, written read-only, and never modified.
//
// Files are added under a Lease and removed only by Remove, which the lease
// holds off (see lock.go), so a file is never removed while a writer is
// about to record a row that names it.
//
// In team mode (OpenTeam, team.go) the same API keeps the files in the team
// database instead, and the lease is a lock every client of it shares.
package vault

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sync/atomic"
)

// Vault is a folder of evidence files named by their SHA-256.
type Vault struct {
	root    string
	onReuse atomic.Pointer[func(sum string)]
	blobs   Blobs // the team database, or nil for a folder vault
}

// Open returns the vault rooted at dir, creating it if needed.
func Open(dir string) (*Vault, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open evidence vault %s: %w", dir, err)
	}
	return &Vault{root: dir}, nil
}

// Root is the vault folder.
func (v *Vault) Root() string { return v.root }

var hexSHA = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Rel is the path of a file inside the vault, relative to its root.
func Rel(sum string) (string, error) {
	if !hexSHA.MatchString(sum) {
		return "", fmt.Errorf("%q is not a SHA-256 in hex", sum)
	}
	return filepath.Join(sum[:2], sum), nil
}

// Stored is the outcome of Put.
type Stored struct {
	SHA256  string
	Size    int64
	Rel     string
	Created bool // false when an identical file was already in the vault
}

// put streams r into the vault, hashing as it copies. The file is written to a
// temporary name and renamed only when complete, so a killed import leaves no
// partial evidence under a real hash. Only a Lease calls it.
func (v *Vault) put(r io.Reader) (Stored, error) {
	tmp, err := os.CreateTemp(v.root, ".incoming-*")
	if err != nil {
		return Stored{}, fmt.Errorf("vault: %w", err)
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), r)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Stored{}, fmt.Errorf("vault: copy: %w", err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	rel, _ := Rel(sum)
	dst := filepath.Join(v.root, rel)
	st := Stored{SHA256: sum, Size: n, Rel: rel}
	if v.blobs != nil {
		return v.putTeam(tmp.Name(), st)
	}
	if _, err := os.Stat(dst); err == nil {
		if hook := v.onReuse.Load(); hook != nil {
			(*hook)(sum)
		}
		return st, nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return Stored{}, err
	}
	if err := os.Chmod(tmp.Name(), 0o400); err != nil {
		return Stored{}, err
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return Stored{}, fmt.Errorf("vault: store %s: %w", sum, err)
	}
	st.Created = true
	return st, nil
}

// Path is the absolute path of the file with the given hash. In team mode
// it is a copy fetched from the team database just now, its hash checked;
// a file the database does not hold is an error wrapping os.ErrNotExist.
func (v *Vault) Path(sum string) (string, error) {
	rel, err := Rel(sum)
	if err != nil {
		return "", err
	}
	if v.blobs != nil {
		return v.fetchTeam(sum)
	}
	return filepath.Join(v.root, rel), nil
}

// Open opens the file with the given hash for reading.
func (v *Vault) Open(sum string) (*os.File, error) {
	p, err := v.Path(sum)
	if err != nil {
		return nil, err
	}
	return os.Open(p)
}

// ErrTampered says a vault file no longer hashes to its name.
var ErrTampered = errors.New("evidence file does not match its recorded SHA-256")

// Verify re-hashes the stored file and fails with ErrTampered if it changed.
func (v *Vault) Verify(sum string) error {
	if v.blobs != nil {
		return v.verifyTeam(sum)
	}
	f, err := v.Open(sum)
	if err != nil {
		return fmt.Errorf("verify %s: %w", sum, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("verify %s: %w", sum, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return fmt.Errorf("verify %s: %w (now %s)", sum, ErrTampered, got)
	}
	return nil
}

// SetReuseHook makes every Put that finds its file already stored call fn
// just before it returns. It exists for tests that stop a writer at the
// moment a purge of the same bytes would do harm; nil removes the hook.
func (v *Vault) SetReuseHook(fn func(sum string)) {
	if fn == nil {
		v.onReuse.Store(nil)
		return
	}
	v.onReuse.Store(&fn)
}

// destroy overwrites the file with random bytes, syncs, then removes it. On an
// SSD the overwrite is best effort; the record of destruction is what counts.
// Only Remove calls it, under the exclusive lock. In team mode it deletes
// the file from the database and overwrites this computer's copy, if any.
func (v *Vault) destroy(sum string) error {
	if v.blobs != nil {
		return v.destroyTeam(sum)
	}
	return v.destroyFile(sum)
}

func (v *Vault) destroyFile(sum string) error {
	rel, err := Rel(sum)
	if err != nil {
		return err
	}
	p := filepath.Join(v.root, rel)
	info, err := os.Stat(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := os.Chmod(p, 0o600); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = io.CopyN(f, rand.Reader, info.Size())
	if err == nil {
		err = f.Sync()
	}
	f.Close()
	if err != nil {
		return fmt.Errorf("destroy %s: overwrite: %w", sum, err)
	}
	return os.Remove(p)
}

// Sweep removes temporary files left by a Put that was killed mid-copy. The
// temporary file of a Put still running, here or in another process, looks
// the same, so it sweeps only when no writer holds a lease, and otherwise
// leaves the sweeping to a later call.
func (v *Vault) Sweep() error {
	err := v.WithoutWriters(context.Background(), 0, v.sweep)
	if errors.Is(err, ErrBusy) {
		return nil
	}
	return err
}

func (v *Vault) sweep() error {
	tmps, err := filepath.Glob(filepath.Join(v.root, ".incoming-*"))
	if err != nil {
		return err
	}
	for _, t := range tmps {
		if err := os.Remove(t); err != nil {
			return err
		}
	}
	return nil
}
