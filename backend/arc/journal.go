package arc

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// journal lists the vault files an import is about to create, written and
// synced before each file lands, so files of an import that was killed or
// rolled back can be found and removed: the database never points at them.
// It holds the import's lease on the vault from before the journal exists
// until the import has committed or cleaned up, so while a journal is live
// no file it names, nor any file the import reuses, can be removed.
type journal struct {
	path  string
	f     *os.File
	shas  []string
	lease *vault.Lease
}

const journalGlob = ".import-*.journal"

// cleanupWait bounds how long cleaning up after an import waits for other
// writers; the files are left for the next import's RecoverVault otherwise.
const cleanupWait = 2 * time.Second

func newJournal(ctx context.Context, v *vault.Vault) (*journal, error) {
	lease, err := v.Lease(ctx)
	if err != nil {
		return nil, err
	}
	var b [8]byte
	rand.Read(b[:])
	p := filepath.Join(v.Root(), ".import-"+hex.EncodeToString(b[:])+".journal")
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		lease.Release()
		return nil, fmt.Errorf("start import journal: %w", err)
	}
	return &journal{path: p, f: f, lease: lease}, nil
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
	j.lease.Release()
}

// abandon removes the files this import created that nothing references. If
// other writers keep the vault busy, the journal stays for RecoverVault.
func (j *journal) abandon(ctx context.Context, st *store.Store, v *vault.Vault) error {
	j.f.Close()
	j.lease.Release()
	_, err := v.Remove(ctx, cleanupWait, j.shas, st.VaultFileInUse)
	if errors.Is(err, vault.ErrBusy) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("remove evidence files left by an unfinished import: %w", err)
	}
	return os.Remove(j.path)
}

// RecoverVault removes vault files left by imports that were killed before
// they committed, then their journals. Every import calls it first; the app
// may call it at start-up. It returns how many files it removed. A live
// import holds a lease, so a journal read before the vault is had
// exclusively belongs to an import that has ended; while any writer is at
// work it does nothing, and a later import tidies up.
func RecoverVault(ctx context.Context, st *store.Store, v *vault.Vault) (int, error) {
	paths, err := filepath.Glob(filepath.Join(v.Root(), journalGlob))
	if err != nil {
		return 0, err
	}
	var shas []string
	for _, p := range paths {
		s, err := readJournal(p)
		if errors.Is(err, os.ErrNotExist) {
			continue // its import has just finished
		}
		if err != nil {
			return 0, err
		}
		shas = append(shas, s...)
	}
	if err := v.Sweep(); err != nil {
		return 0, err
	}
	rm, err := v.Remove(ctx, 0, shas, st.VaultFileInUse)
	if errors.Is(err, vault.ErrBusy) {
		return 0, nil
	}
	if err == nil && len(rm.Failed) > 0 {
		err = rm.Failed[0]
	}
	if err != nil {
		return len(rm.Removed), fmt.Errorf("clean up an interrupted import: %w", err)
	}
	for _, p := range paths {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return len(rm.Removed), fmt.Errorf("clean up an interrupted import: %w", err)
		}
	}
	return len(rm.Removed), nil
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
