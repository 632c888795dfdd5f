// Added for Redline: tests of the MPEG 2.5 and LSF frame-size patches (see README.md).

package frameheader

import (
	"testing"
)

// header builds a Layer III header word: version bits (3 = MPEG 1, 2 = MPEG 2, 0 = MPEG 2.5),
// bitrate index, sampling frequency index, padding bit, mono.
func header(version, bitrate, freq, padding uint32) FrameHeader {
	return FrameHeader(0xffe00000 | version<<19 | 1<<17 | 1<<16 | bitrate<<12 | freq<<10 | padding<<9 | 3<<6)
}

func TestFrameHeader_RatesAndFrameSizes(t *testing.T) {
	cases := []struct {
		name                string
		h                   FrameHeader
		rate, bitrate, size int
	}{
		{"MPEG 1 44.1 kHz 128k", header(3, 9, 0, 0), 44100, 128000, 417},
		{"MPEG 1 44.1 kHz 128k padded", header(3, 9, 0, 1), 44100, 128000, 418},
		{"MPEG 2 16 kHz 24k", header(2, 3, 2, 0), 16000, 24000, 108},
		{"MPEG 2 22.05 kHz 32k keeps its padding byte", header(2, 4, 0, 1), 22050, 32000, 105},
		{"MPEG 2.5 8 kHz 16k", header(0, 2, 2, 0), 8000, 16000, 144},
		{"MPEG 2.5 8 kHz 16k padded", header(0, 2, 2, 1), 8000, 16000, 145},
		{"MPEG 2.5 11.025 kHz 16k", header(0, 2, 0, 0), 11025, 16000, 104},
		{"MPEG 2.5 12 kHz 24k padded", header(0, 3, 1, 1), 12000, 24000, 145},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !c.h.IsValid() {
				t.Fatalf("header %08x is not valid", uint32(c.h))
			}
			rate, err := c.h.SamplingFrequencyValue()
			if err != nil || rate != c.rate {
				t.Errorf("rate = %d, %v; want %d", rate, err, c.rate)
			}
			if got := c.h.Bitrate(); got != c.bitrate {
				t.Errorf("bitrate = %d, want %d", got, c.bitrate)
			}
			if size, err := c.h.FrameSize(); err != nil || size != c.size {
				t.Errorf("frame size = %d, %v; want %d", size, err, c.size)
			}
		})
	}
}

func TestSfBandIndices_8kHzHasItsOwnTable(t *testing.T) {
	for _, v := range []uint32{3, 2, 0} {
		for f := uint32(0); f < 3; f++ {
			long, short := header(v, 1, f, 0).SfBandIndices()
			if len(long) != 23 || long[0] != 0 || long[22] != 576 || len(short) != 14 || short[0] != 0 || short[13] != 192 {
				t.Fatalf("version %d freq %d: bad table lengths or ends", v, f)
			}
			for i := 1; i < len(long); i++ {
				if long[i] <= long[i-1] {
					t.Fatalf("version %d freq %d: long bands not increasing at %d", v, f, i)
				}
			}
			for i := 1; i < len(short); i++ {
				if short[i] <= short[i-1] {
					t.Fatalf("version %d freq %d: short bands not increasing at %d", v, f, i)
				}
			}
		}
	}
	l8, s8 := header(0, 1, 2, 0).SfBandIndices()
	l11, s11 := header(0, 1, 0, 0).SfBandIndices()
	l16, s16 := header(2, 1, 2, 0).SfBandIndices()
	if l8[1] != 12 || l8[17] != 566 || s8[1] != 8 || s8[9] != 160 {
		t.Errorf("8 kHz tables = %v %v", l8, s8)
	}
	if l11[1] != l16[1] || l11[12] != l16[12] || s11[11] != s16[11] || s11[11] != 134 {
		t.Errorf("11.025 kHz tables should equal 16 kHz's: %v %v, %v %v", l11, s11, l16, s16)
	}
}
