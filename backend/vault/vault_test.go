package vault

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

func TestVault_PutIsContentAddressedAndIdempotent(t *testing.T) {
	v, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a, err := v.Put(strings.NewReader("hello"))
	if err != nil {
		t.Fatal(err)
	}
	const want = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
	if a.SHA256 != want || a.Size != 5 || !a.Created {
		t.Fatalf("Put = %+v, want sha %s size 5 created", a, want)
	}
	b, err := v.Put(strings.NewReader("hello"))
	if err != nil {
		t.Fatal(err)
	}
	if b.Created {
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
	st, _ := v.Put(strings.NewReader("evidence"))
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

func TestVault_DestroyRemovesFile(t *testing.T) {
	v, _ := Open(t.TempDir())
	st, _ := v.Put(strings.NewReader("false alarm"))
	if err := v.Destroy(st.SHA256); err != nil {
		t.Fatal(err)
	}
	p, _ := v.Path(st.SHA256)
	if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("file still there: %v", err)
	}
}

func TestVault_RejectsNonHashNames(t *testing.T) {
	v, _ := Open(t.TempDir())
	for _, bad := range []string{"../../etc/passwd", "", "ABC", strings.Repeat("g", 64)} {
		if _, err := v.Open(bad); err == nil {
			t.Errorf("Open(%q) succeeded", bad)
		}
	}
}
