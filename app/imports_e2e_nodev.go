//go:build !dev

package main

// Production builds take paths from the native dialogs only.
func e2ePick() (string, bool) { return "", false }

func e2eSave(dialog func(title, name, filter, pattern string) (string, error)) func(title, name, filter, pattern string) (string, error) {
	return dialog
}

func e2eSaveDir() (string, bool) { return "", false }
