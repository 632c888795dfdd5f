package audio

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// wavClaiming builds an 8 kHz 16-bit mono WAV whose data chunk says it holds claim bytes
// while holding samples, followed by any further chunks or raw bytes.
func wavClaiming(claim uint32, samples []byte, after ...[]byte) []byte {
	data := binary.LittleEndian.AppendUint32([]byte("data"), claim)
	data = append(data, samples...)
	return riff(append([][]byte{fmtChunk(1, 1, 8000, 16, nil), data}, after...)...)
}

// silence is n frames of 16-bit mono.
func silence(n int) []byte { return make([]byte, 2*n) }

// Hostile files shared by the tests and the fuzz seeds.
var (
	// 0.6 s of audio under a header that says 12 s: a recording cut short in copying.
	truncatedWAV = wavClaiming(12*8000*2, silence(4800))
	// 108 bytes claiming 4 GiB: whatever sizes buffers by the header will try to allocate it.
	lyingWAV = wavClaiming(0xFFFFFFFE, silence(32))
	// A header written when 1 s had been recorded, then 2 more seconds appended.
	trailingWAV = append(wavClaiming(8000*2, silence(8000)), silence(16000)...)
)

func probeBytes(t *testing.T, b []byte) Info {
	t.Helper()
	inf, err := Probe(bytes.NewReader(b), "test.wav")
	if err != nil {
		t.Fatal(err)
	}
	return inf
}

func TestProbe_SaysWhenTheHeaderAndFileDisagree(t *testing.T) {
	cases := []struct {
		name     string
		file     []byte
		want     *LengthMismatch
		frames   int64
		sentence string
	}{
		{"truncated", truncatedWAV, &LengthMismatch{Kind: MismatchTruncated, ClaimedSeconds: 12, ActualSeconds: 0.6,
			BytesClaimed: 192000, BytesPresent: 9600}, 4800, "The file ends 11.4 s before its header says."},
		{"4 GiB claimed in 108 bytes", lyingWAV, &LengthMismatch{Kind: MismatchTruncated, ClaimedSeconds: 268435.456,
			ActualSeconds: 0.004, BytesClaimed: 0xFFFFFFFE, BytesPresent: 64}, 32,
			"The file ends 268435.5 s (74:33:55) before its header says."},
		{"trailing bytes", trailingWAV, &LengthMismatch{Kind: MismatchTrailing, ClaimedSeconds: 1, ActualSeconds: 3,
			BytesClaimed: 16000, BytesPresent: 48000}, 8000, "The file holds 2.0 s more than its header says."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inf := probeBytes(t, c.file)
			if inf.Truncated == nil || *inf.Truncated != *c.want {
				t.Fatalf("truncated = %+v, want %+v", inf.Truncated, c.want)
			}
			if inf.Frames != c.frames {
				t.Errorf("decodes %d frames, want the %d the file holds", inf.Frames, c.frames)
			}
			if got := inf.Truncated.Sentence(); got != c.sentence {
				t.Errorf("sentence = %q, want %q", got, c.sentence)
			}
		})
	}
	if len(lyingWAV) != 108 {
		t.Fatalf("lying WAV is %d bytes, want 108", len(lyingWAV))
	}
}

func TestProbe_WholeAndStreamingFilesCarryNoMismatch(t *testing.T) {
	cases := map[string][]byte{
		"whole":                   wavClaiming(2*800, silence(800)),
		"metadata after the data": wavClaiming(2*800, silence(800), chunk("LIST", []byte("INFOISFT\x04\x00\x00\x00sox\x00"))),
		"odd data, padded":        riff(fmtChunk(1, 1, 8000, 8, nil), chunk("data", []byte{1, 2, 3})),
		"streaming, size 0":       wavClaiming(0, silence(800)),
		"streaming, size max":     wavClaiming(0xFFFFFFFF, silence(800)),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			if inf := probeBytes(t, b); inf.Truncated != nil {
				t.Fatalf("truncated = %+v, want nil (frames %d)", inf.Truncated, inf.Frames)
			}
		})
	}
	if inf := probeBytes(t, wavClaiming(0xFFFFFFFF, silence(800))); inf.Frames != 800 {
		t.Errorf("streaming WAV decodes %d frames, want all 800 to the end of the file", inf.Frames)
	}
}

func TestProbe_CorpusFilesAreWholeAndTheirHalvesAreNot(t *testing.T) {
	for _, n := range []string{"pcm16.wav", "pcm8.wav", "mulaw.wav", "alaw.wav", "gsm.wav", "float32.wav",
		"stereo16k.wav", "mp3_16k.mp3", "mp3_8k.mp3"} {
		t.Run(n, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(corpus, n))
			if err != nil {
				t.Fatal(err)
			}
			if inf := probeBytes(t, b); inf.Truncated != nil {
				t.Fatalf("whole file: truncated = %+v", inf.Truncated)
			}
			whole := probeBytes(t, b)
			half := probeBytes(t, b[:len(b)/2])
			m := half.Truncated
			if m == nil || m.Kind != MismatchTruncated {
				t.Fatalf("half file: truncated = %+v, want the shortfall said", m)
			}
			if got, want := m.ClaimedSeconds, float64(whole.DurationMs)/1000; got < want-0.1 || got > want+0.1 {
				t.Errorf("half file claims %.3f s, the whole file lasts %.3f s", got, want)
			}
			if got := seconds(half.Frames, half.SampleRate); got != m.ActualSeconds {
				t.Errorf("half file decodes %.3f s but says it holds %.3f s", got, m.ActualSeconds)
			}
		})
	}
}

// A joined MP3 (two encodes end to end) plays on past what the first Xing tag says.
func TestProbe_JoinedMP3HoldsMoreThanItsTagSays(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(corpus, "mp3_8k.mp3"))
	if err != nil {
		t.Fatal(err)
	}
	joined := append(append([]byte{}, b...), b[id3Size(b):]...)
	m := probeBytes(t, joined).Truncated
	if m == nil || m.Kind != MismatchTrailing || m.ActualSeconds < 2*m.ClaimedSeconds-0.2 {
		t.Fatalf("truncated = %+v, want trailing at about twice the claimed length", m)
	}
}

// Playing a lying header reads only what is there and allocates by the file, not the claim.
func TestDecode_LyingHeaderPlaysWhatThereIsInBoundedMemory(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for _, b := range [][]byte{lyingWAV, truncatedWAV} {
		inf, samples, err := decodeBytes(t, b)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(samples)) != inf.Frames {
			t.Errorf("decoded %d samples, info says %d", len(samples), inf.Frames)
		}
		s, err := Open(bytes.NewReader(b), "test.wav")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SeekMs(10_000_000); err != nil { // far past the end the header claims
			t.Fatal(err)
		}
		if n, _ := s.Read(make([]int16, 64)); n != 0 {
			t.Errorf("read %d samples past the end of the file", n)
		}
		if _, err := ComputePeaks(s, 0); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 4<<20 {
		t.Fatalf("decoding 2 small files allocated %d bytes", grew)
	}
}

func TestGapWords(t *testing.T) {
	for s, want := range map[float64]string{0.01: "less than 0.1 s", 11.4: "11.4 s", 59.96: "60.0 s", 754.25: "754.2 s (00:12:34)"} {
		if got := GapWords(s); got != want {
			t.Errorf("GapWords(%v) = %q, want %q", s, got, want)
		}
	}
}
