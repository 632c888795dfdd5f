package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAudioDecode_WritesAWAVListeningCopy(t *testing.T) {
	src := filepath.Join("..", "..", "testdata", "audio", "mp3_8k.mp3")
	for name, args := range map[string][]string{
		"flags after FILE":  {"audio", "decode", src, "--out", "OUT"},
		"flags before FILE": {"audio", "decode", "--out", "OUT", src},
	} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "call.wav")
			for i, a := range args {
				if a == "OUT" {
					args[i] = out
				}
			}
			code, stdout, stderr := runCLI(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			b, err := os.ReadFile(out)
			if err != nil || len(b) != 44+2*45019 || string(b[:4]) != "RIFF" {
				t.Fatalf("wrote %d bytes (%v), want a WAV of 45,019 samples", len(b), err)
			}
			if !strings.Contains(stdout, "8000 Hz, 1 channel(s), 5.6 s") {
				t.Fatalf("stdout %q", stdout)
			}
		})
	}
}

func TestAudioDecode_RefusesWhatItCannotDo(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "call.wav")
	os.WriteFile(src, pcmWAV(1, 1), 0o600)
	notAudio := filepath.Join(dir, "notes.txt")
	os.WriteFile(notAudio, []byte(strings.Repeat("not audio ", 20)), 0o600)
	for name, tc := range map[string]struct {
		args []string
		code int
		says string
	}{
		"no --out":            {[]string{"audio", "decode", src}, exitBadInput, "--out"},
		"two files":           {[]string{"audio", "decode", src, src, "--out", filepath.Join(dir, "x.wav")}, exitBadInput, "one FILE"},
		"onto itself":         {[]string{"audio", "decode", src, "--out", src}, exitBadInput, "overwrite the recording"},
		"not audio":           {[]string{"audio", "decode", notAudio, "--out", filepath.Join(dir, "y.wav")}, exitFailure, "not a recognised audio file"},
		"missing source file": {[]string{"audio", "decode", filepath.Join(dir, "gone.mp3"), "--out", filepath.Join(dir, "z.wav")}, exitFailure, "cannot be read"},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.says) {
				t.Fatalf("exit %d, stderr %q; want exit %d saying %q", code, stderr, tc.code, tc.says)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("files left behind: %v", entries)
	}
}

func TestAudioDecode_HelpSaysNoAuditEntry(t *testing.T) {
	code, out, _ := runCLI(t, "help", "audio")
	if code != exitOK || !strings.Contains(out, "audio decode") || !strings.Contains(out, "no audit entry") {
		t.Fatalf("exit %d: %s", code, out)
	}
}
