package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// pcmWAV is 8 kHz mono 16-bit PCM whose header claims claimed seconds while
// the file holds held seconds.
func pcmWAV(claimed, held float64) []byte {
	data := func(s float64) uint32 { return uint32(s * 8000 * 2) }
	var b bytes.Buffer
	w := func(v any) { binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	w(36 + data(claimed))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(8000), uint32(16000), uint16(2), uint16(16)} {
		w(v)
	}
	b.WriteString("data")
	w(data(claimed))
	b.Write(make([]byte, data(held)))
	return b.Bytes()
}

// TestAudioProbe_SaysWhenTheHeaderClaimsMoreOrLessThanTheFile: the JSON names
// the kind and both lengths; a whole recording's truncated is null.
func TestAudioProbe_SaysWhenTheHeaderClaimsMoreOrLessThanTheFile(t *testing.T) {
	for name, tc := range map[string]struct {
		claimed, held float64
		kind, summary string
	}{
		"cut short":         {30, 18.6, "truncated", "The file ends 11.4 s before its header says."},
		"more than it says": {10, 12, "trailing", "The file holds 2.0 s more than its header says."},
		"whole":             {5, 5, "", ""},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "red-1.wav")
			os.WriteFile(path, pcmWAV(tc.claimed, tc.held), 0o600)
			code, out, errs := runCLI(t, "audio", "probe", "--json", path)
			if code != exitOK {
				t.Fatalf("exit %d %q", code, errs)
			}
			var got struct {
				Duration  float64 `json:"durationSeconds"`
				Truncated *struct {
					Kind    string  `json:"kind"`
					Claimed float64 `json:"claimedSeconds"`
					Actual  float64 `json:"actualSeconds"`
				} `json:"truncated"`
				Summary string `json:"truncatedSummary"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if tc.kind == "" {
				if got.Truncated != nil || !bytes.Contains([]byte(out), []byte(`"truncated": null`)) {
					t.Fatalf("a whole recording: %s", out)
				}
				return
			}
			if got.Truncated == nil || got.Truncated.Kind != tc.kind || got.Truncated.Claimed != tc.claimed ||
				got.Truncated.Actual != tc.held || got.Summary != tc.summary {
				t.Fatalf("%s", out)
			}
		})
	}
}
