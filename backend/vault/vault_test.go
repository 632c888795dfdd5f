package vault

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

// put stores s under a lease of its own.
func put(t *testing.T, v *Vault, s string) Stored {
	t.Helper()
	l, err := v.Lease(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	st, err := l.Put(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestVault_PutIsContentAddressedAndIdempotent(t *testing.T) {
	v, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a := put(t, v, "hello")
	const want = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
	if a.SHA256 != want || a.Size != 5 || !a.Created {
		t.Fatalf("Put = %+v, want sha %s size 5 created", a, want)
	}
	if b := put(t, v, "hello"); b.Created {
		t.Fatal("second Put of the same bytes created a new file")
	}
	f, err := v.Open(want)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(f)
	f.Close()
	if string(got) != "hello" {
		t.Fatalf("read back %q", got)
	}
}

func TestVault_VerifyDetectsTampering(t *testing.T) {
	v, _ := Open(t.TempDir())
	st := put(t, v, "evidence")
	if err := v.Verify(st.SHA256); err != nil {
		t.Fatalf("fresh file: %v", err)
	}
	p, _ := v.Path(st.SHA256)
	os.Chmod(p, 0o600)
	if err := os.WriteFile(p, []byte("evidencE"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := v.Verify(st.SHA256); !errors.Is(err, ErrTampered) {
		t.Fatalf("Verify after edit = %v, want ErrTampered", err)
	}
}

func TestVault_RemoveRemovesFilesNothingNames(t *testing.T) {
	v, _ := Open(t.TempDir())
	gone, kept := put(t, v, "false alarm"), put(t, v, "same bytes imported again")
	named := func(_ context.Context, sum string) (bool, error) { return sum == kept.SHA256, nil }
	rm, err := v.Remove(context.Background(), 0, []string{gone.SHA256, kept.SHA256, gone.SHA256}, named)
	if err != nil {
		t.Fatal(err)
	}
	if len(rm.Removed) != 1 || rm.Removed[0] != gone.SHA256 || len(rm.Kept) != 1 || rm.Kept[0] != kept.SHA256 || len(rm.Failed) > 0 {
		t.Fatalf("Remove = %+v", rm)
	}
	if exists(t, v, gone.SHA256) || !exists(t, v, kept.SHA256) {
		t.Fatal("Remove removed the wrong file")
	}
}

func exists(t *testing.T, v *Vault, sum string) bool {
	t.Helper()
	p, _ := v.Path(sum)
	_, err := os.Stat(p)
	return err == nil
}

func TestVault_RejectsNonHashNames(t *testing.T) {
	v, _ := Open(t.TempDir())
	for _, bad := range []string{"../../etc/passwd", "", "ABC", strings.Repeat("g", 64)} {
		if _, err := v.Open(bad); err == nil {
			t.Errorf("Open(%q) succeeded", bad)
		}
	}
}
