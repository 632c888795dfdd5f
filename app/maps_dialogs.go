package main

import (
	"context"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// wailsDialogs opens the operating system's file dialogs for the map screen.
type wailsDialogs struct{ ctx context.Context }

func (d wailsDialogs) OpenFile(title string, patterns ...string) (string, error) {
	return runtime.OpenFileDialog(d.ctx, runtime.OpenDialogOptions{Title: title,
		Filters: []runtime.FileFilter{{DisplayName: "Map tiles (" + strings.Join(patterns, ", ") + ")", Pattern: strings.Join(patterns, ";")}}})
}

func (d wailsDialogs) SaveFile(title, defaultName, pattern string) (string, error) {
	return runtime.SaveFileDialog(d.ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: defaultName,
		Filters: []runtime.FileFilter{{DisplayName: pattern, Pattern: pattern}}})
}
