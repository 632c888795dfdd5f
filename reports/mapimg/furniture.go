package mapimg

import (
	"fmt"
	"image/color"
	"math"

	"github.com/fogleman/gg"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/geo/basemap"
)

// drawFurniture adds the title, scale bar, north arrow and attribution.
func drawFurniture(dc *gg.Context, v view, title, note string) error {
	regular, err := face(false, 12)
	if err != nil {
		return err
	}
	heading, err := face(true, 16)
	if err != nil {
		return err
	}
	if title != "" {
		dc.SetFontFace(heading)
		w, _ := dc.MeasureString(title)
		panel(dc, 12, 12, w+20, 30)
		dc.SetColor(ink)
		dc.DrawStringAnchored(title, 22, 27, 0, 0.35)
	}
	dc.SetFontFace(regular)
	scaleBar(dc, v)
	northArrow(dc, v.w-40, 30)
	text := "Map: " + basemap.Attribution + " Low-detail basemap: no streets."
	w, _ := dc.MeasureString(text)
	panel(dc, v.w-w-16, v.h-22, w+12, 18)
	dc.SetColor(color.RGBA{0x44, 0x44, 0x44, 0xff})
	dc.DrawStringAnchored(text, v.w-10, v.h-13, 1, 0.35)
	if note != "" { // bottom left, above the scale bar's corner
		nw, _ := dc.MeasureString(note)
		panel(dc, 10, v.h-22, nw+12, 18)
		dc.SetColor(color.RGBA{0x44, 0x44, 0x44, 0xff})
		dc.DrawStringAnchored(note, 16, v.h-13, 0, 0.35)
	}
	return nil
}

func panel(dc *gg.Context, x, y, w, h float64) {
	dc.DrawRoundedRectangle(x, y, w, h, 4)
	dc.SetColor(color.NRGBA{0xff, 0xff, 0xff, 0xe6})
	dc.FillPreserve()
	dc.SetColor(color.RGBA{0xbb, 0xbb, 0xbb, 0xff})
	dc.SetLineWidth(1)
	dc.Stroke()
}

// niceLength picks 1, 2 or 5 times a power of ten metres no longer than max.
func niceLength(max float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(max)))
	for _, k := range []float64{5, 2, 1} {
		if k*p <= max {
			return k * p
		}
	}
	return p
}

func formatMetres(m float64) string {
	if m >= 1000 {
		return fmt.Sprintf("%g km", m/1000)
	}
	return fmt.Sprintf("%g m", m)
}

// scaleBar is measured at the image's centre latitude: Mercator's scale
// changes with latitude, so a bar for a whole-country map would mislead by a
// few percent at the edges, which is why the label says so.
func scaleBar(dc *gg.Context, v view) {
	centre := geo.FromWorldPixel(v.ox+v.w/2, v.oy+v.h/2, v.z)
	mpp := geo.MetresPerPixel(centre[1], v.z)
	metres := niceLength(mpp * v.w / 5)
	px := metres / mpp
	x, y := 20.0, v.h-40
	panel(dc, x-8, y-22, px+24, 38)
	dc.SetColor(ink)
	dc.DrawRectangle(x, y, px, 6)
	dc.SetLineWidth(1.5)
	dc.Stroke()
	dc.DrawRectangle(x, y, px/2, 6)
	dc.Fill()
	label := formatMetres(metres)
	if v.z < 8 {
		label += " (at map centre)"
	}
	dc.DrawStringAnchored(label, x, y-10, 0, 0.35)
}

func northArrow(dc *gg.Context, x, y float64) {
	panel(dc, x-18, y-20, 36, 52)
	dc.SetColor(ink)
	dc.MoveTo(x, y-12)
	dc.LineTo(x+9, y+14)
	dc.LineTo(x, y+8)
	dc.ClosePath()
	dc.Fill()
	dc.MoveTo(x, y-12)
	dc.LineTo(x-9, y+14)
	dc.LineTo(x, y+8)
	dc.ClosePath()
	dc.SetLineWidth(1.5)
	dc.Stroke()
	dc.DrawStringAnchored("N", x, y+24, 0.5, 0.35)
}
