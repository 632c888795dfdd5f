//go:build windows

package auditkey

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

// platformDir is %LOCALAPPDATA%\Redline\audit-keys: not the data folder
// (%APPDATA%\Redline), so copying the data does not copy the key, and local
// rather than roaming, since the key is protected for this account here.
func platformDir() (string, error) {
	base := os.Getenv("LOCALAPPDATA")
	if base == "" {
		var err error
		if base, err = os.UserCacheDir(); err != nil {
			return "", err
		}
	}
	return filepath.Join(base, "Redline", "audit-keys"), nil
}

// entropy binds the protected blobs to this use. It is not a secret: DPAPI's
// protection is the Windows account's own key, which only its logon unlocks.
var entropy = []byte("Redline audit log key v1")

// protect encrypts b with DPAPI for the current Windows account; the blob is
// also integrity-checked, so the switch point inside it cannot be edited.
func protect(b []byte) ([]byte, error) {
	name, err := windows.UTF16PtrFromString("Redline audit log key")
	if err != nil {
		return nil, err
	}
	return dpapi(b, func(in, ent, out *windows.DataBlob) error {
		return windows.CryptProtectData(in, name, ent, 0, nil, windows.CRYPTPROTECT_UI_FORBIDDEN, out)
	})
}

// unprotect decrypts a blob protect made, under the same account only.
func unprotect(b []byte) ([]byte, error) {
	return dpapi(b, func(in, ent, out *windows.DataBlob) error {
		return windows.CryptUnprotectData(in, nil, ent, 0, nil, windows.CRYPTPROTECT_UI_FORBIDDEN, out)
	})
}

func dpapi(b []byte, call func(in, ent, out *windows.DataBlob) error) ([]byte, error) {
	if len(b) == 0 {
		return nil, errors.New("empty audit key file")
	}
	in := windows.DataBlob{Size: uint32(len(b)), Data: &b[0]}
	ent := windows.DataBlob{Size: uint32(len(entropy)), Data: &entropy[0]}
	var out windows.DataBlob
	if err := call(&in, &ent, &out); err != nil {
		return nil, err
	}
	defer windows.LocalFree(windows.Handle(unsafe.Pointer(out.Data)))
	return append([]byte(nil), unsafe.Slice(out.Data, out.Size)...), nil
}

// restrictDir does nothing on Windows: the folder under the profile is the
// account's already, and DPAPI is the protection.
func restrictDir(string) error { return nil }

// samePath compares as Windows does: without regard to case.
func samePath(a, b string) bool { return strings.EqualFold(a, b) }
