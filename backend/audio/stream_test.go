package audio

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestDecode_StereoPCMAndProbe(t *testing.T) {
	inf, got := decodeFile(t, "stereo16k.wav")
	if inf.SampleRate != 16000 || inf.Channels != 2 || inf.DurationMs != 2000 || inf.Frames != 32000 {
		t.Fatalf("info = %+v", inf)
	}
	raw, _ := os.ReadFile(filepath.Join(corpus, "stereo16k.wav"))
	want := make([]int16, 0, len(got))
	for i := 44; i+1 < len(raw); i += 2 {
		want = append(want, int16(uint16(raw[i])|uint16(raw[i+1])<<8))
	}
	if !equal16(got, want) {
		t.Fatal("stereo samples differ from the file's PCM")
	}
	f, _ := os.Open(filepath.Join(corpus, "gsm.wav"))
	defer f.Close()
	p, err := Probe(f, "gsm.wav")
	if err != nil || p.Codec != CodecGSM || p.DurationMs != 5627 || p.Frames != 45019 {
		t.Fatalf("probe = %+v, %v", p, err)
	}
}

// After a seek the samples must be those of a straight decode from the start.
func TestSeek_LandsOnTheSameSamplesAsAStraightDecode(t *testing.T) {
	cases := []struct {
		file   string
		minSNR float64 // exact codecs: +Inf; GSM restarts its filters, MP3 its bit reservoir
	}{
		{"pcm16.wav", math.Inf(1)}, {"mulaw.wav", math.Inf(1)}, {"pcm8.wav", math.Inf(1)},
		{"gsm.wav", 15}, {"mp3_16k.mp3", 15}, {"mp3_8k.mp3", 15},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			_, all := decodeFile(t, c.file)
			f, _ := os.Open(filepath.Join(corpus, c.file))
			defer f.Close()
			s, err := Open(f, c.file)
			if err != nil {
				t.Fatal(err)
			}
			for _, at := range []int64{12345, 777, 30000, 0} {
				if err := s.SeekFrame(at); err != nil {
					t.Fatal(err)
				}
				buf := make([]int16, 4000)
				n, _ := s.Read(buf)
				for n < len(buf) {
					k, err := s.Read(buf[n:])
					n += k
					if err != nil {
						break
					}
				}
				want := all[at : at+int64(n)]
				if got := snr(buf[:n], want); got < c.minSNR {
					t.Errorf("seek to %d: SNR %.1f dB against straight decode, want >= %.0f", at, got, c.minSNR)
				}
			}
		})
	}
}

func TestConvertWithFFmpeg_MakesAReadableWorkingCopy(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg not installed")
	}
	in := filepath.Join(corpus, "opus.ogg")
	before, _ := os.ReadFile(in)
	out := filepath.Join(t.TempDir(), "copy.wav")
	if err := ConvertWithFFmpeg(context.Background(), in, out); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(in)
	if !bytes.Equal(before, after) {
		t.Fatal("the original changed")
	}
	f, _ := os.Open(out)
	defer f.Close()
	inf, err := Probe(f, out)
	if err != nil || inf.Codec != CodecPCM16 || inf.DurationMs < 5500 || inf.DurationMs > 5800 {
		t.Fatalf("working copy: %+v, %v", inf, err)
	}
	if err := ConvertWithFFmpeg(context.Background(), in, out); err == nil {
		t.Fatal("overwrote an existing working copy")
	}
}

func TestConvertWithFFmpeg_SaysWhenFFmpegIsMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	err := ConvertWithFFmpeg(context.Background(), "a.amr", filepath.Join(t.TempDir(), "b.wav"))
	if !errors.Is(err, ErrNoFFmpeg) {
		t.Fatalf("err = %v, want ErrNoFFmpeg", err)
	}
}

func TestResample_KeepsPitchAndLength(t *testing.T) {
	const inRate = 8000
	in := make([]int16, inRate) // 1 s of 1 kHz
	for i := range in {
		in[i] = int16(10000 * math.Sin(2*math.Pi*1000*float64(i)/inRate))
	}
	for _, outRate := range []int{16000, 48000, 44100, 8000, 11025} {
		out, err := Resample(in, 1, inRate, outRate)
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != outRate {
			t.Errorf("%d Hz: %d samples for 1 s", outRate, len(out))
		}
		// Compare with the ideal sine away from the edges.
		var sig, noise float64
		for i := outRate / 10; i < len(out)-outRate/10; i++ {
			w := 10000 * math.Sin(2*math.Pi*1000*float64(i)/float64(outRate))
			d := float64(out[i]) - w
			sig += w * w
			noise += d * d
		}
		if s := 10 * math.Log10(sig/max(noise, 1e-9)); s < 50 {
			t.Errorf("%d Hz: SNR against ideal sine %.1f dB, want >= 50", outRate, s)
		}
	}
}

func TestResampler_StreamingEqualsWhole(t *testing.T) {
	in := make([]float32, 3000)
	for i := range in {
		in[i] = float32(math.Sin(float64(i) * 0.1))
	}
	whole, _ := NewResampler(8000, 48000, 1)
	want := whole.Flush(whole.Process(in, nil))
	parts, _ := NewResampler(8000, 48000, 1)
	var got []float32
	for i := 0; i < len(in); i += 37 {
		got = parts.Process(in[i:min(i+37, len(in))], got)
	}
	got = parts.Flush(got)
	if len(got) != len(want) {
		t.Fatalf("streamed %d samples, whole %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("sample %d differs", i)
		}
	}
}
