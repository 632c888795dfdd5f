//go:build !windows

package credential

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Without DPAPI the secret is sealed with AES-256-GCM under a random key kept
// in KeyFile in the user's profile folder, readable by the user alone (0600).
// This is weaker than DPAPI (anyone who can read the user's files reads the
// key too) but never leaves the password in plain text on disk, and a sealed
// secret copied elsewhere is useless without the key.

// sealVersion is the first byte of every sealed secret, so the format can change.
const sealVersion = 1

// aad binds the sealed bytes to their purpose.
var aad = []byte("uk.nhs.redline.credential.v1")

func seal(dir string, secret []byte) ([]byte, error) {
	gcm, err := cipherIn(dir, true)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	out := append([]byte{sealVersion}, nonce...)
	return gcm.Seal(out, nonce, secret, aad), nil
}

func open(dir string, sealed []byte) ([]byte, error) {
	gcm, err := cipherIn(dir, false)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrUnreadable // the key is gone: nothing sealed under it can be read
	}
	if err != nil {
		return nil, err
	}
	n := gcm.NonceSize()
	if len(sealed) < 1+n || sealed[0] != sealVersion {
		return nil, ErrUnreadable
	}
	plain, err := gcm.Open(nil, sealed[1:1+n], sealed[1+n:], aad)
	if err != nil {
		return nil, ErrUnreadable
	}
	return plain, nil
}

// cipherIn is the AES-GCM cipher under dir's key, made first when create is set.
func cipherIn(dir string, create bool) (cipher.AEAD, error) {
	key, err := readKey(dir)
	if errors.Is(err, fs.ErrNotExist) && create {
		key, err = makeKey(dir)
	}
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// readKey reads the key, refusing one that other accounts could read: a key
// anyone may read protects nothing.
func readKey(dir string) ([]byte, error) {
	path := filepath.Join(dir, KeyFile)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("the key file %s can be read by other accounts (permissions %v): remove it and save the password again", path, fi.Mode().Perm())
	}
	key, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(key) != 32 {
		return nil, fmt.Errorf("the key file %s is damaged (%d bytes, not 32): remove it and save the password again", path, len(key))
	}
	return key, nil
}

// makeKey writes a new random key. O_EXCL: if another Redline made one at the
// same moment, theirs is kept and read back.
func makeKey(dir string) ([]byte, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, KeyFile)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return readKey(dir)
	}
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(key); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	return key, f.Close()
}
