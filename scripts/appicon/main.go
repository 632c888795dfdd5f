// Command appicon draws Redline's application icon (a red rounded square with
// a white bold "R") and writes build/appicon.png, build/windows/icon.ico and
// the installer's side panel build/windows/installer/welcome.bmp.
//
// Run from the repository root: go run ./scripts/appicon
// The outputs are committed; rerun only when the design changes.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"

	"github.com/fogleman/gg"
	"github.com/golang/freetype/truetype"
	"golang.org/x/image/bmp"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/math/fixed"
)

// nhsRed is the colour of the icon's square (#d5281b, NHS emergency red).
var nhsRed = color.RGBA{0xd5, 0x28, 0x1b, 0xff}

// icoSizes are the images Windows picks from for the taskbar, Start menu,
// Explorer views and title bar at 100-200% scaling.
var icoSizes = []int{16, 20, 24, 32, 40, 48, 64, 256}

func main() {
	out := flag.String("out", "build", "build folder to write appicon.png and windows/icon.ico into")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "appicon:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	ttf, err := truetype.Parse(gobold.TTF)
	if err != nil {
		return fmt.Errorf("read the Go Bold font: %w", err)
	}
	if err := writePNG(filepath.Join(out, "appicon.png"), draw(ttf, 1024)); err != nil {
		return err
	}
	imgs := make([]image.Image, len(icoSizes))
	for i, size := range icoSizes {
		// Each size is drawn from the vector shapes, not scaled down from
		// 1024 px, so the small icons stay sharp.
		imgs[i] = draw(ttf, size)
	}
	ico, err := encodeICO(imgs)
	if err != nil {
		return err
	}
	path := filepath.Join(out, "windows", "icon.ico")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(path), err)
	}
	if err := os.WriteFile(path, ico, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return writeBMP(filepath.Join(out, "windows", "installer", "welcome.bmp"), panel(ttf))
}

// draw renders the icon at size x size pixels on a transparent background.
func draw(ttf *truetype.Font, size int) image.Image {
	s := float64(size)
	dc := gg.NewContext(size, size)
	inset := s * 0.04
	tile(dc, ttf, inset, inset, s-2*inset, nhsRed, color.White)
	return dc.Image()
}

// panel draws the installer's welcome and finish side panel: NHS red with the
// icon in reverse. NSIS wants 164x314 px and an opaque BMP.
func panel(ttf *truetype.Font) image.Image {
	const w, h, size = 164, 314, 96
	dc := gg.NewContext(w, h)
	dc.SetColor(nhsRed)
	dc.Clear()
	tile(dc, ttf, (w-size)/2, 40, size, color.White, nhsRed)
	return dc.Image()
}

// tile draws a rounded square of side s at (x, y) with a bold "R" centred on it.
func tile(dc *gg.Context, ttf *truetype.Font, x, y, s float64, bg, fg color.Color) {
	dc.DrawRoundedRectangle(x, y, s, s, s*0.18)
	dc.SetColor(bg)
	dc.Fill()
	face := letterFace(ttf, "R", s*0.65)
	b, _ := font.BoundString(face, "R")
	minX, minY := fixedToFloat(b.Min.X), fixedToFloat(b.Min.Y)
	w, h := fixedToFloat(b.Max.X)-minX, fixedToFloat(b.Max.Y)-minY
	dc.SetFontFace(face)
	dc.SetColor(fg)
	// Centre the glyph's ink, not its advance box, so it sits in the middle.
	dc.DrawString("R", x+(s-w)/2-minX, y+(s-h)/2-minY)
}

// letterFace returns a face in which text's ink is capHeight pixels tall.
func letterFace(ttf *truetype.Font, text string, capHeight float64) font.Face {
	const probe = 1000.0
	b, _ := font.BoundString(truetype.NewFace(ttf, &truetype.Options{Size: probe}), text)
	inkHeight := fixedToFloat(b.Max.Y - b.Min.Y)
	return truetype.NewFace(ttf, &truetype.Options{Size: probe * capHeight / inkHeight, Hinting: font.HintingNone})
}

func fixedToFloat(v fixed.Int26_6) float64 { return float64(v) / 64 }

func writeBMP(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := bmp.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}
