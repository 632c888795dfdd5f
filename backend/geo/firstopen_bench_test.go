package geo_test

import (
	"context"
	"testing"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/geo/geofixture"
)

// BenchmarkMapFirstOpen1M is what a person waits for on the first open of the map over a
// million alerts, the whole region in view, side by side in one run:
//
//   - cold: the index is loaded by that first view (how the map opened before issue 18);
//   - preloaded: the app loaded the index in the background at start-up or after the import
//     (app/maps.go preload), so the first view reads memory. The version check a view
//     starts in the background is not waited for, as in the app.
func BenchmarkMapFirstOpen1M(b *testing.B) {
	s := geofixture.Open(b, 1_000_000)
	opts := geo.ViewOptions{MaxPoints: 600, HardPointsCap: 3000} // app/maps.go viewOptions
	view := func(b *testing.B, x *geo.Index) {
		v, err := x.View(regionView, opts)
		if err != nil || v.Total == 0 {
			b.Fatalf("view: %v, %d alerts", err, v.Total)
		}
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			x := geo.NewIndex(s)
			if _, err := x.Refresh(context.Background()); err != nil {
				b.Fatal(err)
			}
			view(b, x)
		}
	})
	b.Run("preloaded", func(b *testing.B) {
		x := geo.NewIndex(s)
		if _, err := x.Refresh(context.Background()); err != nil { // at start-up, in the background
			b.Fatal(err)
		}
		b.ResetTimer()
		for b.Loop() {
			view(b, x)
		}
	})
}
