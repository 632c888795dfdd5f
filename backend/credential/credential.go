// Package credential keeps a secret that Redline must use again later (the
// team database password) on this computer so that only the person who
// saved it can read it back: under Windows DPAPI for the signed-in user, or
// elsewhere (developers' Linux) sealed with AES-GCM under a key file of the
// user's own. It owns the sealing and the key file, never where the sealed
// bytes are kept (backend/teamprofile keeps them).
package credential

import "github.com/nhs-redline/redline/backend/problem"

// KeyFile is the key file in the profile folder, made and used only where
// there is no DPAPI (not on Windows).
const KeyFile = "credential.key"

// ErrUnreadable is a sealed secret this user cannot open on this computer:
// it was changed, or sealed by another user or on another computer.
var ErrUnreadable = problem.InField("password", "The password saved on this computer could not be read back: "+
	"it was changed, or saved by another user or on another computer. Enter the password again.")

// Seal protects secret so that only this user, on this computer, can open it.
// dir is the user's Redline profile folder; only the non-Windows fallback
// uses it (for its key file).
func Seal(dir string, secret []byte) ([]byte, error) { return seal(dir, secret) }

// Open reads back what Seal made, or refuses with ErrUnreadable.
func Open(dir string, sealed []byte) ([]byte, error) { return open(dir, sealed) }
