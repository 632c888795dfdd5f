// Added for Redline: the decoder's samples against FFmpeg's, for every MPEG version
// and channel mode Redline can meet (see README.md, "Speed").

package mp3

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"io/ioutil"
	"math"
	"path/filepath"
	"testing"
)

// oracleCases are one-second clips of speech, clicks and a sweep (testdata/make.sh),
// encoded by LAME through FFmpeg and decoded by FFmpeg 5.1 for the oracle.
// minSNR is what the decoder measured before it was made faster, less 0.5 dB:
// the speed work may change rounding, never make it worse.
var oracleCases = []struct {
	file     string
	rate, ch int
	minSNR   float64
}{
	{"mpeg1_44k_js.mp3", 44100, 2, 69.1},
	{"mpeg1_48k_stereo.mp3", 48000, 2, 73.8},
	{"mpeg1_32k_mono.mp3", 32000, 1, 71.7},
	{"mpeg2_22k_js.mp3", 22050, 2, 53.1},
	{"mpeg2_24k_mono.mp3", 24000, 1, 62.3},
	{"mpeg25_11k_mono.mp3", 11025, 1, 71.7},
	{"mpeg25_12k_js.mp3", 12000, 2, 46.3},
}

func TestDecode_MatchesFFmpeg(t *testing.T) {
	for _, c := range oracleCases {
		c := c
		t.Run(c.file, func(t *testing.T) {
			got, rate := decodeTestFile(t, c.file)
			want := readOracle(t, c.file)
			if rate != c.rate {
				t.Errorf("sample rate %d, want %d", rate, c.rate)
			}
			src, _ := ioutil.ReadFile(filepath.Join("testdata", c.file))
			skip := (lameSkip(src) + 529) * 2 // FFmpeg drops the tag frame, the encoder delay and the filterbank delay
			if skip+len(want)/c.ch*2 > len(got) {
				t.Fatalf("decoded %d stereo samples, want at least %d", len(got)/2, skip/2+len(want)/c.ch)
			}
			got = got[skip:]
			var sig, noise float64
			for i := 0; i < len(want)/c.ch; i++ {
				for ch := 0; ch < c.ch; ch++ {
					w, g := float64(want[i*c.ch+ch]), float64(got[2*i+ch])
					sig += w * w
					noise += (g - w) * (g - w)
				}
				if c.ch == 1 && got[2*i] != got[2*i+1] {
					t.Fatalf("mono sample %d differs between the two output channels", i)
				}
			}
			snr := 10 * math.Log10(sig/noise)
			t.Logf("%s: SNR against FFmpeg %.2f dB", c.file, snr)
			if snr < c.minSNR {
				t.Errorf("SNR against FFmpeg %.2f dB, want >= %.1f", snr, c.minSNR)
			}
		})
	}
}

func decodeTestFile(t testing.TB, file string) ([]int16, int) {
	b, err := ioutil.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDecoder(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ioutil.ReadAll(d)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]int16, len(raw)/2)
	for i := range out {
		out[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
	}
	return out, d.SampleRate()
}

func readOracle(t testing.TB, file string) []int16 {
	f, err := ioutil.ReadFile(filepath.Join("testdata", file[:len(file)-4]+".oracle.s16.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ioutil.ReadAll(zr)
	if err != nil && err != io.EOF {
		t.Fatal(err)
	}
	out := make([]int16, len(raw)/2)
	for i := range out {
		out[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
	}
	return out
}

// lameSkip returns the samples before the first one FFmpeg keeps, less the filterbank
// delay: the Xing/Info tag frame and the encoder delay from its LAME extension.
func lameSkip(b []byte) int {
	h := 0
	if string(b[:3]) == "ID3" {
		h = 10 + (int(b[6])<<21 | int(b[7])<<14 | int(b[8])<<7 | int(b[9]))
	}
	spf := 1152
	if b[h+1]&0x08 == 0 { // MPEG 2 or 2.5
		spf = 576
	}
	i := bytes.Index(b[:200], []byte("Info"))
	if i < 0 {
		i = bytes.Index(b[:200], []byte("Xing"))
	}
	if i < 0 {
		return 0
	}
	flags := binary.BigEndian.Uint32(b[i+4:])
	p := i + 8
	for bit, n := range []int{4, 4, 100, 4} {
		if flags&(1<<uint(bit)) != 0 {
			p += n
		}
	}
	d := b[p+21:]
	return spf + (int(d[0])<<4 | int(d[1])>>4)
}
