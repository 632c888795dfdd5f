package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
)

// encodeICO packs square images into a Windows .ico file. Images up to 128 px
// are stored as 32-bit BGRA bitmaps, which every Windows and NSIS reads;
// larger ones as PNG, which Windows Vista and later read and which keeps the
// 256 px image small.
func encodeICO(imgs []image.Image) ([]byte, error) {
	entries := make([][]byte, len(imgs))
	for i, img := range imgs {
		b := img.Bounds()
		if b.Dx() != b.Dy() || b.Dx() < 1 || b.Dx() > 256 {
			return nil, fmt.Errorf("icon image %d is %dx%d: must be square, 1 to 256 px", i, b.Dx(), b.Dy())
		}
		var err error
		if entries[i], err = encodeEntry(img); err != nil {
			return nil, fmt.Errorf("icon image %d (%d px): %w", i, b.Dx(), err)
		}
	}
	var out bytes.Buffer
	le := binary.LittleEndian
	_ = binary.Write(&out, le, [3]uint16{0, 1, uint16(len(imgs))}) // reserved, type 1 = icon, count
	offset := 6 + 16*len(imgs)
	for i, img := range imgs {
		size := img.Bounds().Dx()
		dim := uint8(size % 256) // 0 means 256
		_ = binary.Write(&out, le, struct {
			W, H, Colours, Reserved uint8
			Planes, BitCount        uint16
			Bytes, Offset           uint32
		}{dim, dim, 0, 0, 1, 32, uint32(len(entries[i])), uint32(offset)})
		offset += len(entries[i])
	}
	for _, e := range entries {
		out.Write(e)
	}
	return out.Bytes(), nil
}

func encodeEntry(img image.Image) ([]byte, error) {
	if img.Bounds().Dx() > 128 {
		var buf bytes.Buffer
		err := png.Encode(&buf, img)
		return buf.Bytes(), err
	}
	return encodeDIB(img), nil
}

// encodeDIB writes a BITMAPINFOHEADER, bottom-up BGRA rows with straight
// (not premultiplied) alpha, and the 1-bit AND mask icons still carry.
func encodeDIB(img image.Image) []byte {
	b := img.Bounds()
	n := b.Dx()
	maskStride := (n + 31) / 32 * 4
	var out bytes.Buffer
	le := binary.LittleEndian
	_ = binary.Write(&out, le, struct {
		Size                 uint32
		Width, Height        int32
		Planes, BitCount     uint16
		Compression, ImgSize uint32
		XPPM, YPPM           int32
		ClrUsed, ClrImp      uint32
	}{40, int32(n), int32(2 * n), 1, 32, 0, uint32(n*n*4 + maskStride*n), 0, 0, 0, 0})
	mask := make([]byte, maskStride*n)
	for y := n - 1; y >= 0; y-- {
		row := n - 1 - y
		for x := 0; x < n; x++ {
			r, g, bl, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			out.Write([]byte{unpremul(bl, a), unpremul(g, a), unpremul(r, a), uint8(a >> 8)})
			if a == 0 {
				mask[row*maskStride+x/8] |= 0x80 >> (x % 8)
			}
		}
	}
	out.Write(mask)
	return out.Bytes()
}

// unpremul turns a 16-bit premultiplied channel into an 8-bit straight one.
func unpremul(c, a uint32) uint8 {
	if a == 0 {
		return 0
	}
	return uint8((c * 0xffff / a) >> 8)
}
