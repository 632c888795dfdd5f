//go:build dev

package main

import "os"

// In dev builds only (used by the end-to-end tests, which cannot drive native
// dialogs from Chromium), REDLINE_E2E_PICK answers the open dialog and
// REDLINE_E2E_SAVE the save dialog. Production builds compile imports_e2e_nodev.go.
func e2ePick() (string, bool) {
	p := os.Getenv("REDLINE_E2E_PICK")
	return p, p != ""
}

func e2eSave(dialog func(title, name, filter, pattern string) (string, error)) func(title, name, filter, pattern string) (string, error) {
	if p := os.Getenv("REDLINE_E2E_SAVE"); p != "" {
		return func(string, string, string, string) (string, error) { return p, nil }
	}
	return dialog
}

// e2eSaveDir answers the "choose folder" dialog of a save (the quarantined
// rows) with REDLINE_DEV_SAVE_DIR, as devSavePath does for files.
func e2eSaveDir() (string, bool) {
	d := os.Getenv("REDLINE_DEV_SAVE_DIR")
	return d, d != ""
}
