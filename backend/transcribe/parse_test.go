package transcribe

import (
	"os"
	"path/filepath"
	"testing"
)

const psSample = `and mr john
<s> 0.000 0.140 0.999400
and(2) 0.150 0.360 0.260057
mr 0.370 0.620 0.988762
<sil> 0.630 0.700 0.553348
john 0.710 1.000 0.929128
</s> 1.050 1.080 1.000000
he was
<s> 2.000 2.100 1.000000
he 2.110 2.300 0.5
[NOISE] 2.300 2.350 0.5
was 2.360 2.700 0.7
</s> 2.710 2.800 1.000000
`

func TestParsePocketsphinx_UtterancesBecomeSegmentsWithoutFillers(t *testing.T) {
	segs, err := ParsePocketsphinx(psSample)
	if err != nil {
		t.Fatal(err)
	}
	if len(segs) != 2 {
		t.Fatalf("got %d segments: %+v", len(segs), segs)
	}
	if segs[0].Text != "and mr john" || segs[0].StartMs != 150 || segs[0].EndMs != 1000 {
		t.Errorf("segment 1 = %+v", segs[0])
	}
	if segs[1].Text != "he was" || segs[1].StartMs != 2110 || segs[1].EndMs != 2700 {
		t.Errorf("segment 2 = %+v", segs[1])
	}
	if c := segs[1].Confidence; c < 0.59 || c > 0.61 {
		t.Errorf("segment 2 confidence = %v, want the mean 0.6", c)
	}
}

func TestParsePocketsphinx_EmptyHypothesisStillSplitsUtterances(t *testing.T) {
	segs, _ := ParsePocketsphinx("<s> 0 0.1 1\nyes 0.1 0.5 1\n</s> 0.5 0.6 1\n<s> 1 1.1 1\nno 1.1 1.5 1\n</s> 1.5 1.6 1\n")
	if len(segs) != 2 || segs[0].Text != "yes" || segs[1].Text != "no" {
		t.Fatalf("segments = %+v", segs)
	}
}

func TestParseWhisperJSON_RejectsDamagedOutput(t *testing.T) {
	for name, in := range map[string]string{
		"not json":  `{"transcription": [`,
		"no list":   `{"result": {}}`,
		"backwards": `{"transcription":[{"offsets":{"from":500,"to":100},"text":"x"}]}`,
		"negative":  `{"transcription":[{"offsets":{"from":-1,"to":100},"text":"x"}]}`,
	} {
		if _, err := ParseWhisperJSON([]byte(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzParseWhisperJSON(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "transcribe", "whisper-sample.json")); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"transcription":[]}`))
	f.Add([]byte(`{"transcription":[{"offsets":{"from":0,"to":10},"text":"a","tokens":[{"text":"b","p":2}]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		segs, err := ParseWhisperJSON(b)
		if err != nil {
			return
		}
		for _, s := range segs {
			if s.StartMs < 0 || s.EndMs < s.StartMs || s.Confidence < 0 || s.Confidence > 1 {
				t.Fatalf("bad segment %+v", s)
			}
			for _, w := range s.Words {
				if w.Confidence < 0 || w.Confidence > 1 || w.Text == "" {
					t.Fatalf("bad word %+v", w)
				}
			}
		}
	})
}

func FuzzParsePocketsphinx(f *testing.F) {
	f.Add(psSample)
	f.Add("x 1 2 3\n\n<s> NaN 1 1\n")
	f.Add("a 5 1 0.5\n")
	f.Fuzz(func(t *testing.T, s string) {
		segs, err := ParsePocketsphinx(s)
		if err != nil {
			return
		}
		for _, seg := range segs {
			if seg.StartMs < 0 || seg.Text == "" || len(seg.Words) == 0 {
				t.Fatalf("bad segment %+v", seg)
			}
			for _, w := range seg.Words {
				if w.EndMs < w.StartMs || w.Confidence < 0 || w.Confidence > 1 {
					t.Fatalf("bad word %+v", w)
				}
			}
		}
	})
}
