package main

import (
	"errors"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// saveDialogs is the native save dialog. Go opens it, so the webview never supplies a path to
// write to: exports go only where a person chose in the operating system's own dialog.
// (The map screen has its own equivalent seam in maps_dialogs.go.)
type saveDialogs interface {
	// SaveFileDialog returns the chosen path, or "" when the person cancelled.
	SaveFileDialog(title, defaultName, filterName, pattern string) (string, error)
}

func (p wailsPlatform) SaveFileDialog(title, defaultName, filterName, pattern string) (string, error) {
	return runtime.SaveFileDialog(p.ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: defaultName,
		CanCreateDirectories: true, Filters: []runtime.FileFilter{{DisplayName: filterName, Pattern: pattern}}})
}

func (p wailsPlatform) OpenFileDialog(title, filterName, pattern string) (string, error) {
	opts := runtime.OpenDialogOptions{Title: title}
	if pattern != "" {
		opts.Filters = []runtime.FileFilter{{DisplayName: filterName, Pattern: pattern}}
	}
	return runtime.OpenFileDialog(p.ctx, opts)
}

var errNoWindow = errors.New("the window is not ready yet; try again in a moment")

func (nullPlatform) SaveFileDialog(string, string, string, string) (string, error) {
	return "", errNoWindow
}
func (nullPlatform) OpenFileDialog(string, string, string) (string, error) { return "", errNoWindow }

// openDialogs is the native open dialog, for choosing programs and model files in Settings.
type openDialogs interface {
	OpenFileDialog(title, filterName, pattern string) (string, error)
}
