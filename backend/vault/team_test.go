package vault_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
	"github.com/nhs-redline/redline/backend/vault"
)

// teamVault is a vault in a fresh team database (skipped without one), and
// the database's URL, so a test can open a second client on it.
func teamVault(t *testing.T) (*vault.Vault, string) {
	t.Helper()
	url := teamtest.NewDatabase(t)
	if _, err := store.InitTeam(context.Background(), url); err != nil {
		t.Fatal(err)
	}
	return client(t, url), url
}

// client is one more Redline on the team database at url, with a cache folder of its own.
func client(t *testing.T, url string) *vault.Vault {
	t.Helper()
	st, err := store.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	v, err := vault.OpenTeam(t.TempDir(), st.VaultBlobs())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func putBytes(t *testing.T, v *vault.Vault, b []byte) vault.Stored {
	t.Helper()
	l, err := v.Lease(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	st, err := l.Put(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func shaOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// recording is n bytes that are not all alike, so a misplaced chunk shows.
func recording(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/1000)
	}
	return b
}

func TestTeamVault_StoresInChunksAndEveryClientReadsTheSameBytes(t *testing.T) {
	a, url := teamVault(t)
	b := client(t, url)
	for _, size := range []int{0, 5, store.VaultChunkSize, 2*store.VaultChunkSize + 12345} {
		data := recording(size)
		st := putBytes(t, a, data)
		if st.SHA256 != shaOf(data) || st.Size != int64(size) || !st.Created {
			t.Fatalf("%d bytes: Put = %+v", size, st)
		}
		if again := putBytes(t, b, data); again.Created || again.SHA256 != st.SHA256 {
			t.Fatalf("%d bytes: the second client's Put of the same bytes = %+v, want the file shared", size, again)
		}
		f, err := b.Open(st.SHA256)
		if err != nil {
			t.Fatalf("%d bytes: open on the other client: %v", size, err)
		}
		got, _ := io.ReadAll(f)
		f.Close()
		if !bytes.Equal(got, data) {
			t.Fatalf("%d bytes: read back %d bytes, not the same", size, len(got))
		}
		if err := b.Verify(st.SHA256); err != nil {
			t.Fatalf("%d bytes: verify: %v", size, err)
		}
	}
	sums, err := b.Sums(context.Background())
	if err != nil || len(sums) != 4 {
		t.Fatalf("the other client lists %d files (%v), want the 4 stored", len(sums), err)
	}
	if _, err := a.Open(shaOf([]byte("never stored"))); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("open of a file never stored: %v, want os.ErrNotExist", err)
	}
}

func TestTeamVault_ChangedOrMissingChunkIsTamperingOnEveryRead(t *testing.T) {
	v, url := teamVault(t)
	data := recording(2*store.VaultChunkSize + 10)
	st := putBytes(t, v, data)
	if _, err := v.Path(st.SHA256); err != nil { // a good copy in the cache first
		t.Fatal(err)
	}
	// The database's owner can change a chunk, having dropped the trigger.
	teamtest.Exec(t, url, `ALTER TABLE vault_chunks DISABLE TRIGGER vault_chunks_no_update`,
		`UPDATE vault_chunks SET data = set_byte(data, 3, get_byte(data, 3) + 1) WHERE n = 1`)
	if err := v.Verify(st.SHA256); !errors.Is(err, vault.ErrTampered) {
		t.Fatalf("verify after a chunk changed: %v, want ErrTampered", err)
	}
	if f, err := v.Open(st.SHA256); !errors.Is(err, vault.ErrTampered) {
		if f != nil {
			f.Close()
		}
		t.Fatalf("open after a chunk changed: %v, want ErrTampered (the cached copy must not be served)", err)
	}
	teamtest.Exec(t, url, `DELETE FROM vault_chunks WHERE n = 2`)
	if err := v.Verify(st.SHA256); !errors.Is(err, vault.ErrTampered) {
		t.Fatalf("verify after a chunk went: %v, want ErrTampered", err)
	}
}

func TestTeamVault_RemoveAsksInUseAndWaitsForEveryClientsLease(t *testing.T) {
	a, url := teamVault(t)
	b := client(t, url)
	ctx := context.Background()
	kept, gone := putBytes(t, a, []byte("kept")), putBytes(t, a, []byte("gone"))
	lease, err := b.Lease(ctx) // the other client is storing something
	if err != nil {
		t.Fatal(err)
	}
	inUse := func(_ context.Context, sum string) (bool, error) { return sum == kept.SHA256, nil }
	if _, err := a.Remove(ctx, 0, []string{kept.SHA256, gone.SHA256}, inUse); !errors.Is(err, vault.ErrBusy) {
		t.Fatalf("remove while another client holds a lease: %v, want ErrBusy", err)
	}
	lease.Release()
	r, err := a.Remove(ctx, time.Second, []string{kept.SHA256, gone.SHA256}, inUse)
	if err != nil || len(r.Removed) != 1 || r.Removed[0] != gone.SHA256 || len(r.Kept) != 1 || len(r.Failed) != 0 {
		t.Fatalf("remove = %+v (%v), want %s removed and %s kept", r, err, gone.SHA256, kept.SHA256)
	}
	if _, err := b.Open(gone.SHA256); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("open of the removed file on the other client: %v, want os.ErrNotExist", err)
	}
	if err := b.Verify(kept.SHA256); err != nil {
		t.Fatalf("the file in use: %v", err)
	}
}
