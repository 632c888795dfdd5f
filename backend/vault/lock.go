package vault

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Why a lock: Put may find the file it was given already stored and hand back
// its hash, and the caller then commits a row naming that hash. A purge that
// had just destroyed the last recording with those bytes would otherwise
// remove the file between the Put and the commit, leaving a live row (perhaps
// on a case under legal hold) with no evidence behind it.
//
// So writers hold a shared lease from before Put until after their row
// commits, and removal takes the lock exclusively, then asks the database
// again whether anything names each file. The lock is an OS lock on a file in
// the vault folder, so the app and redline-cli, which may run at once, respect
// each other; the OS keys it to the open file, so two goroutines of one
// process exclude each other too, and a killed process lets go of it.
//
// An exclusive holder only reads the database. Writers may wait for a lease
// while holding SQLite's write lock, so the two locks can never wait on each
// other in a circle.

// lockName is the lock file in the vault folder. It holds no data.
const lockName = ".lock"

// leaseWait bounds how long a writer waits for a removal to finish.
const leaseWait = 2 * time.Minute

// ErrBusy says the vault could not be locked in the time allowed.
var ErrBusy = errors.New("the evidence vault is in use")

// Lease is a writer's shared hold on the vault. While any lease is held,
// nothing is removed from the vault.
type Lease struct {
	v       *Vault
	mu      sync.RWMutex // Put holds it shared; Release waits for Puts in progress
	release func()       // nil once released
}

// Lease waits (up to two minutes) for any removal in progress, then holds the
// vault until Release. Take it before Put and release it once the row that
// names the stored file has committed, or has been abandoned.
func (v *Vault) Lease(ctx context.Context) (*Lease, error) {
	release, err := v.lock(ctx, false, leaseWait)
	if errors.Is(err, ErrBusy) {
		return nil, fmt.Errorf("the evidence vault stayed locked for %s while recordings were being destroyed; try again in a few minutes: %w", leaseWait, err)
	}
	if err != nil {
		return nil, err
	}
	return &Lease{v: v, release: release}, nil
}

// Put stores r in the vault (see put). It fails once the lease is released.
func (l *Lease) Put(r io.Reader) (Stored, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.release == nil {
		return Stored{}, errors.New("vault: Put after the lease was released")
	}
	return l.v.put(r)
}

// Release lets removals run again. Releasing twice is harmless.
func (l *Lease) Release() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.release != nil {
		l.release()
		l.release = nil
	}
}

// WithoutWriters runs fn while no lease is held anywhere, waiting up to wait
// for the writers of the moment to finish (0: try once). It returns ErrBusy,
// without running fn, when they do not. fn should be quick, and must not
// write to the database: a writer may be waiting for a lease inside a
// database transaction.
func (v *Vault) WithoutWriters(ctx context.Context, wait time.Duration, fn func() error) error {
	release, err := v.lock(ctx, true, wait)
	if err != nil {
		return err
	}
	defer release()
	return fn()
}

// InUse reports whether the database still names a vault file.
type InUse func(ctx context.Context, sum string) (bool, error)

// Removal is what Remove did.
type Removal struct {
	Removed []string // overwritten and removed now
	Kept    []string // named again since the caller chose them: the same bytes came back as new evidence
	Failed  []error  // files that could not be removed, each naming its hash
}

// Remove overwrites and removes the files with the given hashes that nothing
// names any more. With the vault to itself (see WithoutWriters) it asks inUse
// about each file at that moment, so a file a writer has come to share since
// the caller chose it stays. Files already gone are skipped, and when none is
// left it does not wait for the lock at all. On ErrBusy nothing is removed,
// and the caller tries again later.
func (v *Vault) Remove(ctx context.Context, wait time.Duration, sums []string, inUse InUse) (Removal, error) {
	var out Removal
	present := v.present(sums, &out)
	if len(present) == 0 {
		return out, nil
	}
	err := v.WithoutWriters(ctx, wait, func() error {
		for _, sum := range present {
			if err := v.removeOne(ctx, sum, inUse, &out); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// present returns the distinct hashes whose files are in the vault. A file
// absent now needs no removal: if a writer stores it again, it is for a row
// of its own.
func (v *Vault) present(sums []string, out *Removal) []string {
	var have []string
	seen := map[string]bool{}
	for _, sum := range sums {
		if seen[sum] {
			continue
		}
		seen[sum] = true
		if _, err := Rel(sum); err != nil {
			out.Failed = append(out.Failed, err)
			continue
		}
		if v.exists(context.Background(), sum) {
			have = append(have, sum)
		}
	}
	return have
}

// removeOne removes one file unless inUse says it is named; only a failure
// to ask the database stops Remove.
func (v *Vault) removeOne(ctx context.Context, sum string, inUse InUse, out *Removal) error {
	if v.gone(ctx, sum) {
		return nil
	}
	used, err := inUse(ctx, sum)
	if err != nil {
		return fmt.Errorf("check whether evidence file %s is still in use: %w", sum, err)
	}
	if used {
		out.Kept = append(out.Kept, sum)
		return nil
	}
	if err := v.destroy(sum); err != nil {
		out.Failed = append(out.Failed, fmt.Errorf("evidence file %s: %w", sum, err))
		return nil
	}
	out.Removed = append(out.Removed, sum)
	return nil
}

// exists says whether the vault holds the file (a folder vault: whether the
// file is there, whatever its state; a team vault: whether the database
// holds it).
func (v *Vault) exists(ctx context.Context, sum string) bool {
	if v.blobs != nil {
		return v.existsTeam(ctx, sum)
	}
	rel, err := Rel(sum)
	if err != nil {
		return false
	}
	_, err = os.Stat(filepath.Join(v.root, rel))
	return err == nil
}

// gone says whether the file has certainly left the vault (another removal
// got there first); a folder vault's file that cannot be looked at is not.
func (v *Vault) gone(ctx context.Context, sum string) bool {
	if v.blobs != nil {
		return !v.existsTeam(ctx, sum)
	}
	rel, _ := Rel(sum)
	_, err := os.Stat(filepath.Join(v.root, rel))
	return errors.Is(err, os.ErrNotExist)
}

// lock takes the vault's lock, shared or alone, and gives back the function
// that lets it go: the lock file of a folder vault, or the team database's
// lock (lockTeam).
func (v *Vault) lock(ctx context.Context, exclusive bool, wait time.Duration) (func(), error) {
	if v.blobs != nil {
		return v.lockTeam(ctx, exclusive, wait)
	}
	f, err := v.lockFile(ctx, exclusive, wait)
	if err != nil {
		return nil, err
	}
	return func() {
		unlock(f)
		f.Close()
	}, nil
}

// lockFile opens the lock file and locks it, polling until it gets the lock, wait
// passes (ErrBusy) or ctx ends. Polling, rather than a blocking call, is what
// lets a wait be bounded and cancelled on every system.
func (v *Vault) lockFile(ctx context.Context, exclusive bool, wait time.Duration) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(v.root, lockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock the evidence vault: %w", err)
	}
	deadline := time.Now().Add(wait)
	for pause := time.Millisecond; ; pause = min(2*pause, 20*time.Millisecond) {
		ok, err := tryLock(f, exclusive)
		if err == nil && !ok {
			err = pauseUntil(ctx, deadline, pause)
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		if ok {
			return f, nil
		}
	}
}

// pauseUntil sleeps for pause, or returns ErrBusy once deadline has passed.
func pauseUntil(ctx context.Context, deadline time.Time, pause time.Duration) error {
	if !time.Now().Before(deadline) {
		return ErrBusy
	}
	t := time.NewTimer(pause)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
