package audio

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// fuzzDecode opens and fully decodes data, checking the decoder's claims stay proportional to
// the input (bounded memory and time) and that nothing panics.
func fuzzDecode(t *testing.T, data []byte) {
	s, err := Open(bytes.NewReader(data), "fuzz")
	if err != nil {
		return
	}
	inf := s.Info()
	if inf.Frames < 0 || inf.Channels < 1 || inf.SampleRate <= 0 {
		t.Fatalf("implausible info %+v", inf)
	}
	// No codec expands more than 1152 frames per 24-byte MP3 frame (48 per byte).
	if limit := int64(len(data))*48 + 2304; inf.Frames > limit {
		t.Fatalf("claims %d frames from %d bytes", inf.Frames, len(data))
	}
	// A header may claim anything; what the file is said to hold must be what it holds.
	if m := inf.Truncated; m != nil && (m.BytesPresent > int64(len(data)) || m.ClaimedSeconds == m.ActualSeconds) {
		t.Fatalf("implausible length mismatch %+v from %d bytes", m, len(data))
	}
	buf := make([]int16, 4096)
	var total int64
	for i := 0; i < 10000; i++ {
		n, err := s.Read(buf)
		total += int64(n)
		if err != nil {
			break
		}
	}
	_ = s.SeekFrame(inf.Frames / 2)
	_, _ = s.Read(buf)
}

func addCorpusSeeds(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(corpus, n))
		if err != nil {
			f.Fatal(err)
		}
		if len(b) > 4096 {
			b = b[:4096] // a truncated real file is a good seed, and keeps each run fast
		}
		f.Add(b)
	}
}

func FuzzWAV(f *testing.F) {
	addCorpusSeeds(f, "pcm16.wav", "pcm8.wav", "mulaw.wav", "alaw.wav", "gsm.wav", "float32.wav", "stereo16k.wav")
	f.Add(riff(chunk("LIST", []byte("INFOabc")), fmtChunk(1, 1, 8000, 16, nil), chunk("data", pcm16(1, -2, 3))))
	f.Add(riff(fmtChunk(0xFFFE, 2, 8000, 16, make([]byte, 22)), chunk("data", pcm16(1, 2))))
	// Headers that lie about the length (issue 12): cut short, 4 GiB in 108 bytes, trailing
	// audio, and the streaming writers' "unknown" sizes.
	f.Add(truncatedWAV[:1024])
	f.Add(lyingWAV)
	f.Add(trailingWAV[:2048])
	f.Add(wavClaiming(0, silence(16)))
	f.Add(wavClaiming(0xFFFFFFFF, silence(16)))
	f.Add(wavClaiming(0xFFFFFFFE, nil, []byte("LIST")))
	f.Fuzz(fuzzDecode)
}

func FuzzMP3(f *testing.F) {
	addCorpusSeeds(f, "mp3_16k.mp3", "mp3_8k.mp3")
	f.Add([]byte("ID3\x04\x00\x00\x00\x00\x00\x00\xff\xf3\x38\xc0"))
	if b, err := os.ReadFile(filepath.Join(corpus, "mp3_8k.mp3")); err == nil {
		f.Add(b[:1200]) // a Xing tag promising 81 frames over a file cut after a few
	}
	f.Fuzz(fuzzDecode)
}
