package vault

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Blobs is where a team vault keeps its files: the team database, in
// chunks (store.VaultBlobs). Put and Read check the SHA-256 themselves;
// TryLock is the shared lock every client of the database sees.
type Blobs interface {
	Stat(ctx context.Context, sum string) (size int64, ok bool, err error)
	Put(ctx context.Context, sum string, r io.Reader) (created bool, err error)
	Read(ctx context.Context, sum string, w io.Writer) (int64, error)
	Delete(ctx context.Context, sum string) error
	Sums(ctx context.Context) ([]string, error)
	TryLock(ctx context.Context, exclusive bool) (release func(), ok bool, err error)
}

// OpenTeam returns a vault whose files live in blobs, the team database,
// with the same API as a folder vault. cacheDir is a folder of this
// computer's where Path and Open put a checked copy of a file for the
// tools that need one (players, decoders, exports): each call fetches the
// file afresh and checks its hash, so a copy there is never trusted.
func OpenTeam(cacheDir string, blobs Blobs) (*Vault, error) {
	v, err := Open(cacheDir)
	if err != nil {
		return nil, err
	}
	v.blobs = blobs
	return v, nil
}

// Team reports whether the vault's files live in the team database.
func (v *Vault) Team() bool { return v.blobs != nil }

// putTeam stores the checked temporary copy at tmp in the team database.
func (v *Vault) putTeam(tmp string, st Stored) (Stored, error) {
	ctx := context.Background()
	if _, ok, err := v.blobs.Stat(ctx, st.SHA256); err != nil {
		return Stored{}, fmt.Errorf("vault: %w", err)
	} else if ok {
		if hook := v.onReuse.Load(); hook != nil {
			(*hook)(st.SHA256)
		}
		return st, nil
	}
	f, err := os.Open(tmp)
	if err != nil {
		return Stored{}, fmt.Errorf("vault: %w", err)
	}
	defer f.Close()
	if st.Created, err = v.blobs.Put(ctx, st.SHA256, f); err != nil {
		return Stored{}, fmt.Errorf("vault: store %s: %w", st.SHA256, err)
	}
	return st, nil
}

// fetchTeam copies the file from the team database to its place in the
// cache folder, through a temporary file renamed only once the hash matched,
// and returns the copy's path.
func (v *Vault) fetchTeam(sum string) (string, error) {
	rel, err := Rel(sum)
	if err != nil {
		return "", err
	}
	dst := filepath.Join(v.root, rel)
	tmp, err := os.CreateTemp(v.root, ".incoming-*")
	if err != nil {
		return "", fmt.Errorf("vault: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, err = v.blobs.Read(context.Background(), sum, tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("read %s from the team database: %w", sum, teamErr(err))
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return "", err
	}
	os.Chmod(tmp.Name(), 0o400)
	if err := os.Rename(tmp.Name(), dst); err != nil {
		// Windows will not rename over a copy another reader has open: that
		// copy is good if it hashes to its name.
		if verr := verifyFile(dst, sum); verr != nil {
			return "", fmt.Errorf("vault: keep a copy of %s: %w", sum, err)
		}
	}
	return dst, nil
}

// teamErr maps the team database's tamper and absence errors onto the
// vault's own, so callers test for ErrTampered and os.ErrNotExist alike in
// both modes.
func teamErr(err error) error {
	var t interface{ Tampered() bool }
	if errors.As(err, &t) && t.Tampered() {
		return fmt.Errorf("%w: %w", ErrTampered, err)
	}
	return err // a missing file already wraps os.ErrNotExist
}

func verifyFile(path, sum string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return fmt.Errorf("%w (now %s)", ErrTampered, got)
	}
	return nil
}

// verifyTeam reads the file from the team database, which checks its hash.
func (v *Vault) verifyTeam(sum string) error {
	if _, err := v.blobs.Read(context.Background(), sum, io.Discard); err != nil {
		return fmt.Errorf("verify %s: %w", sum, teamErr(err))
	}
	return nil
}

// destroyTeam removes the file from the team database and overwrites any
// copy of it in this computer's cache.
func (v *Vault) destroyTeam(sum string) error {
	if err := v.blobs.Delete(context.Background(), sum); err != nil {
		return err
	}
	return v.destroyFile(sum)
}

// existsTeam says whether the team database holds the file; a database
// that cannot be asked holds it, so a removal goes on to ask inUse, whose
// failure stops it, rather than skip the file unremoved.
func (v *Vault) existsTeam(ctx context.Context, sum string) bool {
	_, ok, err := v.blobs.Stat(ctx, sum)
	return err != nil || ok
}

// lockTeam takes the team database's vault lock, polling as lock does.
func (v *Vault) lockTeam(ctx context.Context, exclusive bool, wait time.Duration) (func(), error) {
	deadline := time.Now().Add(wait)
	for pause := time.Millisecond; ; pause = min(2*pause, 20*time.Millisecond) {
		release, ok, err := v.blobs.TryLock(ctx, exclusive)
		if err != nil {
			return nil, fmt.Errorf("lock the evidence vault: %w", err)
		}
		if ok {
			return release, nil
		}
		if err := pauseUntil(ctx, deadline, pause); err != nil {
			return nil, err
		}
	}
}

// TeamCopy is what CopyToTeam did.
type TeamCopy struct {
	Files    int      `json:"files"`    // every evidence file in the folder
	Bytes    int64    `json:"bytes"`    // their size
	Stored   int      `json:"stored"`   // new to the team database (the rest it held already)
	Tampered []string `json:"tampered"` // files that no longer hash to their names: not copied
}

// CopyToTeam copies every evidence file of the folder vault v into blobs,
// the team database, re-hashing each as it goes: blobs refuses bytes that do
// not hash to the file's name, and such a file is listed in Tampered, not
// copied, and the copy goes on to the rest. Files are content-addressed, so
// copying again after a stop stores only what is missing. It holds v's lease
// throughout, so nothing is purged from the folder while it reads.
func CopyToTeam(ctx context.Context, v *Vault, blobs Blobs) (TeamCopy, error) {
	var out TeamCopy
	if v.blobs != nil {
		return out, errors.New("vault: copy from a folder vault only")
	}
	lease, err := v.Lease(ctx)
	if err != nil {
		return out, err
	}
	defer lease.Release()
	sums, err := v.folderSums()
	if err != nil {
		return out, err
	}
	for _, sum := range sums {
		if err := copyOne(ctx, v, blobs, sum, &out); err != nil {
			return out, err
		}
	}
	return out, nil
}

// Sums lists the hashes of every file the vault holds, in order: the team
// database's files, or the folder's files named by their hash. It is what a
// check for files nothing names walks in either mode.
func (v *Vault) Sums(ctx context.Context) ([]string, error) {
	if v.blobs != nil {
		return v.blobs.Sums(ctx)
	}
	return v.folderSums()
}

// folderSums lists the files in the vault folder, by name, in order.
func (v *Vault) folderSums() ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(v.root, "[0-9a-f][0-9a-f]", "*"))
	if err != nil {
		return nil, err
	}
	var sums []string
	for _, p := range paths {
		sum := filepath.Base(p)
		if rel, err := Rel(sum); err == nil && filepath.Join(v.root, rel) == p {
			sums = append(sums, sum)
		}
	}
	return sums, nil
}

// copyOne hashes the file first, whether or not the team database holds it
// already, so every file in the folder is checked; blobs checks it again as
// it stores it.
func copyOne(ctx context.Context, v *Vault, blobs Blobs, sum string, out *TeamCopy) error {
	rel, _ := Rel(sum)
	path := filepath.Join(v.root, rel)
	if err := verifyFile(path, sum); errors.Is(err, ErrTampered) {
		out.Tampered = append(out.Tampered, sum)
		return nil
	} else if err != nil {
		return fmt.Errorf("evidence file %s: %w", sum, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("evidence file %s: %w", sum, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	created, err := blobs.Put(ctx, sum, f)
	var t interface{ Tampered() bool }
	switch {
	case errors.As(err, &t) && t.Tampered():
		out.Tampered = append(out.Tampered, sum)
		return nil
	case err != nil:
		return fmt.Errorf("evidence file %s: %w", sum, err)
	}
	out.Files++
	out.Bytes += info.Size()
	if created {
		out.Stored++
	}
	return nil
}
