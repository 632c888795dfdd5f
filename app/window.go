package main

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/nhs-redline/redline/backend/outfile"
)

// windowState is the window's last size and place, kept in the data directory.
type windowState struct {
	X, Y, Width, Height int
	Maximised           bool
	Saved               bool
}

func windowFile(dir string) string { return filepath.Join(dir, "window.json") }

func loadWindowState(dir string) windowState {
	def := windowState{Width: 1366, Height: 820}
	b, err := os.ReadFile(windowFile(dir))
	if err != nil {
		return def
	}
	var w windowState
	if json.Unmarshal(b, &w) != nil || w.Width < 800 || w.Height < 500 || w.Width > 10000 || w.Height > 10000 {
		return def
	}
	return w
}

func saveWindowState(dir string, w windowState) error {
	if !w.Saved {
		return nil
	}
	b, _ := json.Marshal(w)
	return outfile.WriteBytes(windowFile(dir), b) // a crash mid-write must not lose the old state
}

func captureWindow(p platform) windowState {
	x, y, w, h, max := p.WindowBounds()
	return windowState{X: x, Y: y, Width: w, Height: h, Maximised: max, Saved: w > 0 && h > 0}
}

func restoreWindow(p platform, w windowState) {
	if w.Saved {
		p.SetWindowBounds(w.X, w.Y, w.Width, w.Height, w.Maximised)
	}
}
