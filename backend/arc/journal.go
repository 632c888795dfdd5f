package arc

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// journal lists the vault files an import is about to create, written and
// synced before each file lands, so files of an import that was killed or
// rolled back can be found and removed: the database never points at them.
type journal struct {
	path string
	f    *os.File
	shas []string
}

const journalGlob = ".import-*.journal"

func newJournal(v *vault.Vault) (*journal, error) {
	var b [8]byte
	rand.Read(b[:])
	p := filepath.Join(v.Root(), ".import-"+hex.EncodeToString(b[:])+".journal")
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("start import journal: %w", err)
	}
	return &journal{path: p, f: f}, nil
}

// add records sha before the file is put in the vault.
func (j *journal) add(sha string) error {
	if _, err := fmt.Fprintln(j.f, sha); err != nil {
		return fmt.Errorf("import journal: %w", err)
	}
	j.shas = append(j.shas, sha)
	return j.f.Sync()
}

// done forgets the journal after a commit: its files are now evidence.
func (j *journal) done() {
	j.f.Close()
	os.Remove(j.path)
}

// abandon removes the files this import created that nothing references.
func (j *journal) abandon(ctx context.Context, st *store.Store, v *vault.Vault) error {
	j.f.Close()
	if err := removeUnreferenced(ctx, st, v, j.shas); err != nil {
		return err
	}
	return os.Remove(j.path)
}

func removeUnreferenced(ctx context.Context, st *store.Store, v *vault.Vault, shas []string) error {
	if len(shas) == 0 {
		return nil
	}
	return st.WithUnreferencedMedia(ctx, shas, func(orphans []string) error {
		for _, sha := range orphans {
			if err := v.Destroy(sha); err != nil {
				return fmt.Errorf("remove evidence file %s left by an unfinished import: %w", sha, err)
			}
		}
		return nil
	})
}

// RecoverVault removes vault files left by imports that were killed before
// they committed, then their journals. Every import calls it first; the app
// may call it at start-up. It returns how many files it removed.
func RecoverVault(ctx context.Context, st *store.Store, v *vault.Vault) (int, error) {
	if err := v.Sweep(); err != nil {
		return 0, err
	}
	paths, err := filepath.Glob(filepath.Join(v.Root(), journalGlob))
	if err != nil || len(paths) == 0 {
		return 0, err
	}
	removed := 0
	for _, p := range paths {
		shas, err := readJournal(p)
		if err != nil {
			return removed, err
		}
		var n int
		err = st.WithUnreferencedMedia(ctx, shas, func(orphans []string) error {
			// A live import in another process holds the write lock for its whole
			// transaction, so reaching here means its journal is stale.
			for _, sha := range orphans {
				if err := v.Destroy(sha); err != nil {
					return err
				}
				n++
			}
			return os.Remove(p)
		})
		removed += n
		if err != nil {
			return removed, fmt.Errorf("clean up an interrupted import: %w", err)
		}
	}
	return removed, nil
}

func readJournal(p string) ([]string, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); isHexSHA(s) {
			out = append(out, s)
		}
	}
	return out, sc.Err()
}
