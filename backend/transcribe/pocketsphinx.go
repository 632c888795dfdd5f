package transcribe

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nhs-redline/redline/backend/transcript"
)

// Pocketsphinx runs CMU pocketsphinx_continuous (Debian's pocketsphinx package) with its US English
// model. The model is wideband (16 kHz): on 8 kHz telephone audio it recognises very little.
type Pocketsphinx struct {
	Program  string // default pocketsphinx_continuous on PATH
	ModelDir string // default /usr/share/pocketsphinx/model/en-us
}

// TelephoneWarning is what the UI shows beside this engine.
const TelephoneWarning = "pocketsphinx's only English model is for 16 kHz wideband speech; on 8 kHz telephone recordings it recognises very little. Use whisper.cpp where you can."

func (p *Pocketsphinx) Name() string { return "pocketsphinx" }

func (p *Pocketsphinx) program() string {
	if p.Program == "" {
		return "pocketsphinx_continuous"
	}
	return p.Program
}

func (p *Pocketsphinx) modelDir() string {
	if p.ModelDir == "" {
		return "/usr/share/pocketsphinx/model/en-us"
	}
	return p.ModelDir
}

// Check reports a missing program or model with how to install them.
func (p *Pocketsphinx) Check() error {
	if _, err := lookProgram(p.program()); err != nil {
		return fmt.Errorf("pocketsphinx is not installed (%s not found): on Debian or Ubuntu run "+
			"`apt-get install pocketsphinx pocketsphinx-en-us`: %w", p.program(), ErrNotInstalled)
	}
	for _, f := range []string{"en-us", "en-us.lm.bin", "cmudict-en-us.dict"} {
		if _, err := os.Stat(filepath.Join(p.modelDir(), f)); err != nil {
			return fmt.Errorf("pocketsphinx's English model is missing (%s): run `apt-get install pocketsphinx-en-us`: %w",
				filepath.Join(p.modelDir(), f), ErrNotInstalled)
		}
	}
	return nil
}

// Args is the command line run (without the program).
func (p *Pocketsphinx) Args(wav string) []string {
	m := p.modelDir()
	return []string{"-infile", wav, "-hmm", filepath.Join(m, "en-us"), "-lm", filepath.Join(m, "en-us.lm.bin"),
		"-dict", filepath.Join(m, "cmudict-en-us.dict"), "-time", "yes", "-logfn", os.DevNull}
}

// Run transcribes the WAV; progress follows the end time of the last word printed.
func (p *Pocketsphinx) Run(ctx context.Context, wav string, durationMs int64, progress func(float64)) (Result, error) {
	if err := p.Check(); err != nil {
		return Result{}, err
	}
	bin, _ := lookProgram(p.program())
	var out strings.Builder
	onOut := func(line string) {
		if out.Len() < 64<<20 {
			out.WriteString(line)
			out.WriteByte('\n')
		}
		if progress != nil && durationMs > 0 {
			if w, ok := parseWordLine(line); ok {
				progress(min(float64(w.EndMs)/float64(durationMs), 1))
			}
		}
	}
	if err := runProgram(ctx, bin, p.Args(wav), onOut, nil); err != nil {
		return Result{}, err
	}
	segs, err := ParsePocketsphinx(out.String())
	if err != nil {
		return Result{}, err
	}
	return Result{Segments: segs, Detail: "pocketsphinx_continuous, model " + p.modelDir()}, nil
}

// parseWordLine reads "word start end posterior" (seconds, posterior 0..1).
func parseWordLine(line string) (transcript.Word, bool) {
	f := strings.Fields(line)
	if len(f) != 4 {
		return transcript.Word{}, false
	}
	var v [3]float64
	for i := range v {
		x, err := strconv.ParseFloat(f[i+1], 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || x > 1e7 {
			return transcript.Word{}, false
		}
		v[i] = x
	}
	if v[1] < v[0] {
		return transcript.Word{}, false
	}
	return transcript.Word{Text: f[0], StartMs: int64(math.Round(v[0] * 1000)), EndMs: int64(math.Round(v[1] * 1000)),
		Confidence: min(v[2], 1)}, true
}

// fillers are pocketsphinx's markers for silence and noise, not words anyone said.
func filler(w string) bool {
	return strings.HasPrefix(w, "<") || strings.HasPrefix(w, "[") || strings.HasPrefix(w, "++")
}

// ParsePocketsphinx reads pocketsphinx_continuous -time yes output: for each utterance a
// hypothesis line, then one "word start end posterior" line per word, where words may carry a
// pronunciation variant ("and(2)") and fillers (<s>, </s>, <sil>, [NOISE]) are dropped. Each
// utterance becomes one segment.
func ParsePocketsphinx(out string) ([]transcript.Segment, error) {
	var segs []transcript.Segment
	var cur *transcript.Segment
	closeSeg := func() {
		if cur != nil && len(cur.Words) > 0 {
			var words []string
			var psum float64
			for _, w := range cur.Words {
				words = append(words, w.Text)
				psum += w.Confidence
			}
			cur.Text = strings.Join(words, " ")
			cur.Confidence = psum / float64(len(cur.Words))
			cur.StartMs, cur.EndMs = cur.Words[0].StartMs, cur.Words[len(cur.Words)-1].EndMs
			segs = append(segs, *cur)
		}
		cur = nil
	}
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		w, ok := parseWordLine(line)
		if !ok { // a hypothesis line starts the next utterance
			closeSeg()
			cur = &transcript.Segment{Speaker: "Unknown"}
			continue
		}
		if cur == nil || w.Text == "<s>" && len(cur.Words) > 0 {
			closeSeg() // an empty hypothesis line is skipped, so <s> also marks a new utterance
			cur = &transcript.Segment{Speaker: "Unknown"}
		}
		if filler(w.Text) {
			continue
		}
		if i := strings.IndexByte(w.Text, '('); i > 0 && strings.HasSuffix(w.Text, ")") {
			w.Text = w.Text[:i]
		}
		cur.Words = append(cur.Words, w)
	}
	closeSeg()
	if segs == nil {
		segs = []transcript.Segment{}
	}
	return segs, nil
}
