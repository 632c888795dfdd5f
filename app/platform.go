package main

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// platform is the little of the Wails runtime the services use. Wails's
// runtime functions exit the process when given any other context, so they
// stay behind this seam and tests use nullPlatform.
type platform interface {
	Emit(event string, data any)
	WindowBounds() (x, y, w, h int, maximised bool)
	SetWindowBounds(x, y, w, h int, maximised bool)
	Focus()
}

type wailsPlatform struct{ ctx context.Context }

func (p wailsPlatform) Emit(event string, data any) { runtime.EventsEmit(p.ctx, event, data) }

func (p wailsPlatform) WindowBounds() (x, y, w, h int, maximised bool) {
	x, y = runtime.WindowGetPosition(p.ctx)
	w, h = runtime.WindowGetSize(p.ctx)
	return x, y, w, h, runtime.WindowIsMaximised(p.ctx)
}

func (p wailsPlatform) SetWindowBounds(x, y, w, h int, maximised bool) {
	runtime.WindowSetSize(p.ctx, w, h)
	runtime.WindowSetPosition(p.ctx, x, y)
	if maximised {
		runtime.WindowMaximise(p.ctx)
	}
}

func (p wailsPlatform) Focus() {
	runtime.WindowUnminimise(p.ctx)
	runtime.WindowShow(p.ctx)
}

// nullPlatform stands in before start-up and in tests.
type nullPlatform struct{}

func (nullPlatform) Emit(string, any)                               {}
func (nullPlatform) WindowBounds() (x, y, w, h int, maximised bool) { return 0, 0, 0, 0, false }
func (nullPlatform) SetWindowBounds(int, int, int, int, bool)       {}
func (nullPlatform) Focus()                                         {}
