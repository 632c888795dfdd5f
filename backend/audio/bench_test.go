package audio

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// decodeAll decodes data completely and returns the frames decoded.
func decodeAll(b testing.TB, data []byte) int64 {
	s, err := Open(bytes.NewReader(data), "bench")
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]int16, 8192)
	for {
		_, err := s.Read(buf)
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	return s.Position()
}

// BenchmarkDecode reports x-real-time (seconds of audio decoded per second) for each codec.
func BenchmarkDecode(b *testing.B) {
	for _, f := range []string{"pcm16.wav", "pcm8.wav", "mulaw.wav", "alaw.wav", "gsm.wav", "float32.wav", "mp3_16k.mp3", "mp3_8k.mp3"} {
		data, err := os.ReadFile(filepath.Join(corpus, f))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(f, func(b *testing.B) {
			var frames int64
			var rate int
			for b.Loop() {
				frames += decodeAll(b, data)
			}
			s, _ := Open(bytes.NewReader(data), f)
			rate = s.Info().SampleRate
			audioSec := float64(frames) / float64(rate)
			b.ReportMetric(audioSec/b.Elapsed().Seconds(), "x_realtime")
		})
	}
}

// longWAV makes an in-memory 8 kHz recording of the given minutes by repeating the corpus.
func longPCM(b testing.TB, minutes int) []byte {
	_, all := decodeFile(b, "pcm16.wav")
	n := minutes * 60 * 8000
	s := make([]int16, n)
	for i := range s {
		s[i] = all[i%len(all)]
	}
	var buf bytes.Buffer
	if err := WriteWAV16(&buf, 8000, s); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// longGSM repeats gsm.wav's blocks to the given minutes under a new header.
func longGSM(b testing.TB, minutes int) []byte {
	src, err := os.ReadFile(filepath.Join(corpus, "gsm.wav"))
	if err != nil {
		b.Fatal(err)
	}
	const dataOff = 0x3C // header, fmt, fact and data chunk header of sox's GSM WAV
	blocks := src[dataOff : dataOff+(len(src)-dataOff)/65*65]
	want := minutes * 60 * 8000 / 320 * 65
	data := make([]byte, 0, want)
	for len(data) < want {
		data = append(data, blocks[:min(len(blocks), want-len(data))]...)
	}
	return riff(fmtChunk(0x31, 1, 8000, 0, []byte{0x40, 1}), chunk("data", data))
}

func fixGSMAlign(b []byte) []byte {
	b[12+8+12] = 65 // fmtChunk derives blockAlign from bits; GSM's is 65
	b[12+8+13] = 0
	return b
}

// BenchmarkPeaks60Min: the first-open cost of the waveform for an hour-long call.
func BenchmarkPeaks60Min(b *testing.B) {
	cases := map[string][]byte{"pcm16": longPCM(b, 60), "gsm": fixGSMAlign(longGSM(b, 60))}
	for name, data := range cases {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				s, err := Open(bytes.NewReader(data), name)
				if err != nil {
					b.Fatal(err)
				}
				p, err := ComputePeaks(s, 0)
				if err != nil || p.Frames != 60*60*8000 {
					b.Fatalf("%v frames %d", err, p.Frames)
				}
			}
		})
	}
}

// BenchmarkPeaksCacheLoad: reopening a cached hour of peaks.
func BenchmarkPeaksCacheLoad(b *testing.B) {
	s, _ := Open(bytes.NewReader(longPCM(b, 60)), "pcm")
	p, _ := ComputePeaks(s, 0)
	enc, _ := p.MarshalBinary()
	b.SetBytes(int64(len(enc)))
	for b.Loop() {
		var q Peaks
		if err := q.UnmarshalBinary(enc); err != nil {
			b.Fatal(err)
		}
		q.Span(0, q.Frames, 1600)
	}
}

// BenchmarkSeek: seek to a random point of an hour and decode the next 20 ms.
func BenchmarkSeek(b *testing.B) {
	mp3, err := os.ReadFile(filepath.Join(corpus, "mp3_16k.mp3"))
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
	}{
		{"pcm16_60min", longPCM(b, 60)},
		{"gsm_60min", fixGSMAlign(longGSM(b, 60))},
		{"mp3_16k_6s", mp3},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			s, err := Open(bytes.NewReader(c.data), c.name)
			if err != nil {
				b.Fatal(err)
			}
			frames := s.Info().Frames
			buf := make([]int16, s.Info().SampleRate/50)
			x := uint64(12345)
			for b.Loop() {
				x = x*6364136223846793005 + 1442695040888963407
				if err := s.SeekFrame(int64(x>>33) % frames); err != nil {
					b.Fatal(err)
				}
				if _, err := s.Read(buf); err != nil && err != io.EOF {
					b.Fatal(err)
				}
			}
		})
	}
}
