//go:build !windows

package credential

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestSeal_RoundTripNeverPlainText(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "profile")
	secret := []byte("correct horse battery staple")
	sealed, err := Seal(dir, secret)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, secret) {
		t.Fatal("the sealed bytes hold the secret in plain text")
	}
	again, _ := Seal(dir, secret)
	if bytes.Equal(again, sealed) {
		t.Fatal("sealing twice gave the same bytes: the nonce is not fresh")
	}
	got, err := Open(dir, sealed)
	if err != nil || !bytes.Equal(got, secret) {
		t.Fatalf("open: %q, %v", got, err)
	}
	fi, err := os.Stat(filepath.Join(dir, KeyFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, %v; want 0600", fi, err)
	}
}

func TestOpen_RefusesTamperedOrForeignSecrets(t *testing.T) {
	dir := t.TempDir()
	sealed, err := Seal(dir, []byte("s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(sealed)
	flipped[len(flipped)-1] ^= 1
	other, _ := Seal(t.TempDir(), []byte("s3cret")) // another user's key
	cases := map[string][]byte{"a flipped bit": flipped, "empty": nil, "truncated": sealed[:5],
		"another key": other, "another version": append([]byte{9}, sealed[1:]...)}
	for name, b := range cases {
		if _, err := Open(dir, b); !errors.Is(err, ErrUnreadable) {
			t.Errorf("%s: %v, want ErrUnreadable", name, err)
		}
	}
	if err := os.Remove(filepath.Join(dir, KeyFile)); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, sealed); !errors.Is(err, ErrUnreadable) {
		t.Errorf("key gone: %v, want ErrUnreadable", err)
	}
}

func TestSeal_RefusesAKeyOthersCanRead(t *testing.T) {
	dir := t.TempDir()
	if _, err := Seal(dir, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, KeyFile), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Seal(dir, []byte("x")); err == nil {
		t.Fatal("sealed under a key other accounts can read")
	}
}
