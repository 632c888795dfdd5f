// Package vault keeps evidence files in a content-addressed folder: each file
// is stored once under its SHA-256, written read-only, and never modified.
package vault

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
)

// Vault is a folder of evidence files named by their SHA-256.
type Vault struct {
	root string
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

// Put streams r into the vault, hashing as it copies. The file is written to a
// temporary name and renamed only when complete, so a killed import leaves no
// partial evidence under a real hash.
func (v *Vault) Put(r io.Reader) (Stored, error) {
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
	if _, err := os.Stat(dst); err == nil {
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

// Path is the absolute path of the file with the given hash.
func (v *Vault) Path(sum string) (string, error) {
	rel, err := Rel(sum)
	if err != nil {
		return "", err
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

// Destroy overwrites the file with random bytes, syncs, then removes it. On an
// SSD the overwrite is best effort; the record of destruction is what counts.
func (v *Vault) Destroy(sum string) error {
	p, err := v.Path(sum)
	if err != nil {
		return err
	}
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

// Sweep removes temporary files left by an import that was killed mid-copy.
func (v *Vault) Sweep() error {
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
