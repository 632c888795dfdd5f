package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font/gofont/gobold"
)

// icoEntry is one directory row of a decoded .ico file.
type icoEntry struct {
	W, H, Colours, Reserved uint8
	Planes, BitCount        uint16
	Bytes, Offset           uint32
}

func readDirectory(t *testing.T, ico []byte) []icoEntry {
	t.Helper()
	var head [3]uint16
	r := bytes.NewReader(ico)
	if err := binary.Read(r, binary.LittleEndian, &head); err != nil {
		t.Fatalf("read header: %v", err)
	}
	if head[0] != 0 || head[1] != 1 {
		t.Fatalf("header %v: want reserved 0, type 1", head)
	}
	entries := make([]icoEntry, head[2])
	if err := binary.Read(r, binary.LittleEndian, entries); err != nil {
		t.Fatalf("read directory: %v", err)
	}
	return entries
}

// dibPixel reads pixel (x, y), top-down, from a 32-bit bottom-up DIB entry.
func dibPixel(dib []byte, n, x, y int) color.NRGBA {
	p := dib[40+((n-1-y)*n+x)*4:]
	return color.NRGBA{R: p[2], G: p[1], B: p[0], A: p[3]}
}

func TestICO_EveryEntryDecodesToTheDrawnIcon(t *testing.T) {
	ttf, err := truetype.Parse(gobold.TTF)
	if err != nil {
		t.Fatal(err)
	}
	imgs := make([]image.Image, len(icoSizes))
	for i, s := range icoSizes {
		imgs[i] = draw(ttf, s)
	}
	ico, err := encodeICO(imgs)
	if err != nil {
		t.Fatal(err)
	}
	entries := readDirectory(t, ico)
	if len(entries) != len(icoSizes) {
		t.Fatalf("%d entries, want %d", len(entries), len(icoSizes))
	}
	for i, e := range entries {
		size := icoSizes[i]
		if int(e.Offset)+int(e.Bytes) > len(ico) {
			t.Fatalf("%d px entry runs past the end of the file", size)
		}
		data := ico[e.Offset : e.Offset+e.Bytes]
		if size > 128 {
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil || img.Bounds().Dx() != size || e.W != 0 {
				t.Errorf("%d px entry: PNG %v, width byte %d, err %v", size, img.Bounds(), e.W, err)
			}
			continue
		}
		if int(e.W) != size || e.BitCount != 32 {
			t.Errorf("%d px entry: directory says %d px, %d bits", size, e.W, e.BitCount)
		}
		corner, centre := dibPixel(data, size, 0, 0), dibPixel(data, size, size/2, size/2)
		want := color.NRGBAModel.Convert(imgs[i].At(size/2, size/2)).(color.NRGBA)
		if corner.A != 0 {
			t.Errorf("%d px: corner alpha %d, want transparent (rounded corner)", size, corner.A)
		}
		if centre != want {
			t.Errorf("%d px: centre pixel %v, drawn %v", size, centre, want)
		}
	}
}

func TestDraw_RedSquareWithWhiteLetter(t *testing.T) {
	ttf, _ := truetype.Parse(gobold.TTF)
	img := draw(ttf, 1024)
	at := func(x, y int) color.NRGBA { return color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA) }
	tests := []struct {
		name string
		x, y int
		want color.NRGBA
	}{
		{"corner is transparent", 2, 2, color.NRGBA{}},
		{"edge of the square is NHS red", 512, 60, color.NRGBA{0xd5, 0x28, 0x1b, 0xff}},
		{"stem of the R is white", 300, 512, color.NRGBA{0xff, 0xff, 0xff, 0xff}},
		{"counter of the R is red", 460, 380, color.NRGBA{0xd5, 0x28, 0x1b, 0xff}},
	}
	for _, tt := range tests {
		if got := at(tt.x, tt.y); got != tt.want {
			t.Errorf("%s: pixel (%d,%d) = %v, want %v", tt.name, tt.x, tt.y, got, tt.want)
		}
	}
}

func TestEncodeICO_RejectsNonSquareImages(t *testing.T) {
	if _, err := encodeICO([]image.Image{image.NewNRGBA(image.Rect(0, 0, 32, 16))}); err == nil {
		t.Fatal("a 32x16 image was accepted")
	}
}
