package audio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// readWAV16 checks dst is a canonical 16-bit PCM WAV and returns its rate, channels and samples.
func readWAV16(t *testing.T, path string) (int, int, []int16) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	if len(b) < 44 || string(b[0:4]) != "RIFF" || string(b[8:16]) != "WAVEfmt " || le.Uint16(b[20:]) != 1 || le.Uint16(b[34:]) != 16 {
		t.Fatalf("%s is not a 16-bit PCM WAV: % x", path, b[:min(len(b), 44)])
	}
	n := le.Uint32(b[40:])
	if int(n) != len(b)-44 || le.Uint32(b[4:]) != 36+n {
		t.Fatalf("%s: header says %d data bytes, file holds %d", path, n, len(b)-44)
	}
	s := make([]int16, n/2)
	for i := range s {
		s[i] = int16(le.Uint16(b[44+2*i:]))
	}
	return int(le.Uint32(b[24:])), int(le.Uint16(b[22:])), s
}

func TestDecodeToWAV_WritesWhatTheStreamDecodes(t *testing.T) {
	for _, tc := range []struct {
		file     string
		rate, ch int
	}{
		{"mp3_8k.mp3", 8000, 1},
		{"mp3_16k.mp3", 16000, 1},
		{"gsm.wav", 8000, 1},
		{"mulaw.wav", 8000, 1},
		{"stereo16k.wav", 16000, 2},
	} {
		t.Run(tc.file, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "copy.wav")
			inf, err := DecodeToWAV(filepath.Join(corpus, tc.file), dst)
			if err != nil {
				t.Fatal(err)
			}
			rate, ch, got := readWAV16(t, dst)
			_, want := decodeFile(t, tc.file)
			if rate != tc.rate || ch != tc.ch || inf.SampleRate != rate || inf.Channels != ch {
				t.Fatalf("wrote %d Hz %d channels (info %+v), want %d Hz %d", rate, ch, inf, tc.rate, tc.ch)
			}
			if !slicesEqual(got, want) || inf.Frames != int64(len(want)/ch) {
				t.Fatalf("wrote %d samples (info %d frames), the stream decodes %d, or they differ", len(got), inf.Frames, len(want))
			}
		})
	}
}

// A recording cut off in the middle of an MP3 frame: the WAV's header agrees with its data.
func TestDecodeToWAV_CutOffMP3HeaderMatchesData(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(corpus, "mp3_8k.mp3"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "cut.mp3")
	os.WriteFile(src, b[:len(b)*2/3+37], 0o600)
	dst := filepath.Join(dir, "cut.wav")
	inf, err := DecodeToWAV(src, dst)
	if err != nil {
		t.Fatal(err)
	}
	_, _, got := readWAV16(t, dst) // fails if the header claims more than the data
	if int64(len(got)) != inf.Frames || len(got) == 0 {
		t.Fatalf("wrote %d samples, info says %d frames", len(got), inf.Frames)
	}
}

func TestDecodeToWAV_NotAudioLeavesTheTargetAlone(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "notes.txt"), filepath.Join(dir, "copy.wav")
	os.WriteFile(src, bytes.Repeat([]byte("not audio "), 100), 0o600)
	os.WriteFile(dst, []byte("before"), 0o600)
	if _, err := DecodeToWAV(src, dst); !errors.Is(err, ErrUnknownFormat) {
		t.Fatalf("err = %v, want ErrUnknownFormat", err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "before" {
		t.Fatalf("the existing file was changed: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("left behind: %v", entries)
	}
}

func slicesEqual(a, b []int16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
