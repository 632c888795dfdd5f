//go:build windows

package credential

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// On Windows the secret is sealed by DPAPI for the signed-in user: Windows
// holds the key, derived from the user's logon, so no key file exists and
// another account (or another computer) cannot open it.

// entropy binds the sealed bytes to Redline, so another program running as
// the same user cannot open them by accident with a plain CryptUnprotectData.
var entropy = []byte("uk.nhs.redline.credential.v1")

func blob(b []byte) *windows.DataBlob {
	if len(b) == 0 {
		return &windows.DataBlob{}
	}
	return &windows.DataBlob{Size: uint32(len(b)), Data: &b[0]}
}

// take copies DPAPI's answer into Go memory and frees Windows's copy.
func take(out *windows.DataBlob) []byte {
	defer windows.LocalFree(windows.Handle(unsafe.Pointer(out.Data)))
	return append([]byte(nil), unsafe.Slice(out.Data, out.Size)...)
}

func seal(_ string, secret []byte) ([]byte, error) {
	var out windows.DataBlob
	name, _ := windows.UTF16PtrFromString("Redline team database")
	if err := windows.CryptProtectData(blob(secret), name, blob(entropy), 0, nil, windows.CRYPTPROTECT_UI_FORBIDDEN, &out); err != nil {
		return nil, err
	}
	return take(&out), nil
}

func open(_ string, sealed []byte) ([]byte, error) {
	if len(sealed) == 0 {
		return nil, ErrUnreadable
	}
	var out windows.DataBlob
	if err := windows.CryptUnprotectData(blob(sealed), nil, blob(entropy), 0, nil, windows.CRYPTPROTECT_UI_FORBIDDEN, &out); err != nil {
		return nil, ErrUnreadable
	}
	return take(&out), nil
}
