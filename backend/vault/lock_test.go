package vault

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func nothingNamed(context.Context, string) (bool, error) { return false, nil }

func TestVault_RemoveWaitsForLeasesAndGivesUp(t *testing.T) {
	v, _ := Open(t.TempDir())
	st := put(t, v, "destroyed recording")
	l, err := v.Lease(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = v.Remove(context.Background(), 50*time.Millisecond, []string{st.SHA256}, nothingNamed)
	if !errors.Is(err, ErrBusy) || time.Since(start) < 50*time.Millisecond {
		t.Fatalf("Remove under a lease = %v after %s, want ErrBusy after the wait", err, time.Since(start))
	}
	if !exists(t, v, st.SHA256) {
		t.Fatal("Remove removed a file while a writer held a lease")
	}
	l.Release()
	l.Release() // twice is harmless
	if _, err := v.Remove(context.Background(), 0, []string{st.SHA256}, nothingNamed); err != nil || exists(t, v, st.SHA256) {
		t.Fatalf("Remove after release = %v, file there %v", err, exists(t, v, st.SHA256))
	}
	if _, err := l.Put(strings.NewReader("late")); err == nil {
		t.Fatal("Put on a released lease succeeded")
	}
}

func TestVault_LeaseWaitsForRemoval(t *testing.T) {
	v, _ := Open(t.TempDir())
	inside, leased := make(chan struct{}), make(chan time.Time, 1)
	release := make(chan struct{})
	go v.WithoutWriters(context.Background(), 0, func() error {
		close(inside)
		<-release
		return nil
	})
	<-inside
	go func() {
		l, err := v.Lease(context.Background())
		if err == nil {
			l.Release()
		}
		leased <- time.Now()
	}()
	time.Sleep(30 * time.Millisecond)
	select {
	case <-leased:
		t.Fatal("a lease was granted while the vault was held exclusively")
	default:
	}
	freed := time.Now()
	close(release)
	if at := <-leased; at.Before(freed) {
		t.Fatal("lease granted before the exclusive hold ended")
	}
}

func TestVault_LeaseGivesUpWhenCancelled(t *testing.T) {
	v, _ := Open(t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	err := v.WithoutWriters(context.Background(), 0, func() error {
		cancel()
		_, err := v.Lease(ctx)
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Lease while held exclusively with a cancelled context = %v", err)
	}
}

func TestVault_SweepLeavesTemporaryFilesOfRunningPuts(t *testing.T) {
	v, _ := Open(t.TempDir())
	tmp := filepath.Join(v.Root(), ".incoming-123")
	if err := os.WriteFile(tmp, []byte("half a recording"), 0o600); err != nil {
		t.Fatal(err)
	}
	l, _ := v.Lease(context.Background())
	if err := v.Sweep(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Fatal("Sweep removed a temporary file while a writer held a lease")
	}
	l.Release()
	if err := v.Sweep(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("Sweep left a temporary file nobody was writing")
	}
}
