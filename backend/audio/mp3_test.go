package audio

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// snr returns the signal-to-noise ratio in dB of got against want, sample by sample.
func snr(got, want []int16) float64 {
	var sig, noise float64
	for i := range min(len(got), len(want)) {
		w := float64(want[i])
		d := float64(got[i]) - w
		sig += w * w
		noise += d * d
	}
	if noise == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(sig/noise)
}

func TestDecode_MP3MatchesFFmpeg(t *testing.T) {
	cases := []struct {
		file, oracle string
		rate         int
		minSNR       float64
	}{
		{"mp3_16k.mp3", "mp3_16k.oracle.s16.gz", 16000, 30},
		// MPEG 2.5 through the patched go-mp3 (third_party/go-mp3): measured 63.4 dB.
		// With MPEG 2's band tables instead of the 8 kHz ones it measures -9.5 dB.
		{"mp3_8k.mp3", "mp3_8k.oracle.s16.gz", 8000, 55},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			inf, got := decodeFile(t, c.file)
			want := readOracle(t, c.oracle)
			if inf.Codec != CodecMP3 || inf.SampleRate != c.rate || inf.Channels != 1 {
				t.Errorf("info = %+v", inf)
			}
			if len(got) != len(want) {
				t.Errorf("decoded %d samples, ffmpeg %d", len(got), len(want))
			}
			s := snr(got, want)
			t.Logf("%s: %d samples, SNR against ffmpeg %.1f dB", c.file, len(got), s)
			if s < c.minSNR {
				t.Errorf("SNR against ffmpeg = %.1f dB, want >= %.0f", s, c.minSNR)
				best, lag := -1e9, 0
				for l := -2000; l <= 2000; l++ {
					var a, b []int16
					if l >= 0 {
						a, b = got[l:], want
					} else {
						a, b = got, want[-l:]
					}
					if v := snr(a[:20000], b[:20000]); v > best {
						best, lag = v, l
					}
				}
				t.Logf("best lag %d: %.1f dB", lag, best)
			}
		})
	}
}

func TestOpen_UnsupportedCodecIsNamed(t *testing.T) {
	f, err := os.Open(filepath.Join(corpus, "opus.ogg"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, err = Open(f, "call.ogg")
	var uc *UnsupportedCodecError
	if !errors.As(err, &uc) || uc.Codec != "Opus" {
		t.Fatalf("err = %v, want UnsupportedCodecError naming Opus", err)
	}
}

// Probe reads an MPEG 2.5 file's rate, channels and length (ffmpeg's gapless-trimmed length),
// and Open decodes it instead of naming it unsupported.
func TestProbe_MPEG25IsDecodedAtItsOwnRate(t *testing.T) {
	f, err := os.Open(filepath.Join(corpus, "mp3_8k.mp3"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inf, err := Probe(f, "call.mp3")
	if err != nil {
		t.Fatalf("probe: %v", err)
	}
	want := int64(len(readOracle(t, "mp3_8k.oracle.s16.gz")))
	if inf.Codec != CodecMP3 || inf.SampleRate != 8000 || inf.Channels != 1 || inf.Frames != want {
		t.Fatalf("info = %+v, want MP3 8000 Hz mono %d frames (ffmpeg's length)", inf, want)
	}
}
