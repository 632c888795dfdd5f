//go:build !windows

package auditkey

import (
	"os"
	"path/filepath"
)

// platformDir is $XDG_CONFIG_HOME/Redline/audit-keys (~/.config/... on
// Linux, ~/Library/Application Support/... on macOS): not the data folder
// (~/.local/share/redline), so copying the data does not copy the key.
func platformDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "Redline", "audit-keys"), nil
}

// Without DPAPI the file's permissions are the protection: the folder is
// 0700 and the file 0600 (outfile.Mode), so only this account can read it.
func protect(b []byte) ([]byte, error)   { return b, nil }
func unprotect(b []byte) ([]byte, error) { return b, nil }

// restrictDir tightens a folder someone made with wider permissions.
func restrictDir(dir string) error { return os.Chmod(dir, 0o700) }

func samePath(a, b string) bool { return a == b }
