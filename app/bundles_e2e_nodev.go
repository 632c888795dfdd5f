//go:build !dev

package main

// Production builds take a package's folder, and the package to check, from
// the native dialogs only.
func e2eBundleDir() (string, bool) { return "", false }

func e2eBundleCheck() (string, bool) { return "", false }
