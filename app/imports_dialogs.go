package main

import (
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// folderDialogs is the native "choose folder" dialog, for export folders.
type folderDialogs interface {
	OpenDirectoryDialog(title string) (string, error)
}

func (p wailsPlatform) OpenDirectoryDialog(title string) (string, error) {
	return runtime.OpenDirectoryDialog(p.ctx, runtime.OpenDialogOptions{Title: title})
}

func (nullPlatform) OpenDirectoryDialog(string) (string, error) { return "", errNoWindow }

// fileDrops delivers the paths of files dropped on the window. Go keeps the
// paths; the page only ever sees tokens (see Imports.dropped).
type fileDrops interface {
	OnFileDrop(fn func(paths []string))
}

func (p wailsPlatform) OnFileDrop(fn func(paths []string)) {
	runtime.OnFileDrop(p.ctx, func(_, _ int, paths []string) { fn(paths) })
}

// listenForDrops hooks dropped files to the Imports service once the window exists.
func (im *Imports) listenForDrops(p platform) {
	if d, ok := p.(fileDrops); ok {
		d.OnFileDrop(im.dropped)
	}
}

// pickExport asks the person for an export: a folder, or a .zip or CSV file.
func pickExport(p platform, folder bool) (string, error) {
	if path, ok := e2ePick(); ok {
		return path, nil
	}
	if folder {
		d, ok := p.(folderDialogs)
		if !ok {
			return "", errNoWindow
		}
		return d.OpenDirectoryDialog("Choose the ARC export folder")
	}
	d, ok := p.(openDialogs)
	if !ok {
		return "", errNoWindow
	}
	return d.OpenFileDialog("Choose an ARC export (.zip or .csv)", "ARC exports (*.zip, *.csv)", "*.zip;*.csv;*.CSV;*.ZIP")
}
