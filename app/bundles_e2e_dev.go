//go:build dev

package main

import "os"

// In dev builds only (the end-to-end tests cannot drive native dialogs from
// Chromium), REDLINE_E2E_BUNDLE_DIR answers the folder dialog of a package
// build and REDLINE_E2E_BUNDLE_CHECK the dialog of a package check.
// Production builds compile bundles_e2e_nodev.go.
func e2eBundleDir() (string, bool) {
	d := os.Getenv("REDLINE_E2E_BUNDLE_DIR")
	return d, d != ""
}

func e2eBundleCheck() (string, bool) {
	p := os.Getenv("REDLINE_E2E_BUNDLE_CHECK")
	return p, p != ""
}
