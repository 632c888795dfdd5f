package transcribe

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"

	"github.com/nhs-redline/redline/backend/transcript"
)

// Whisper runs whisper.cpp's command-line program (whisper-cli) as a subprocess; no cgo.
type Whisper struct {
	Program  string // path to whisper-cli (or whisper-cli.exe), or a name on PATH
	Model    string // ggml model file, e.g. ggml-base.en.bin
	VADModel string // optional Silero VAD model, passed only when VADTimingsChecked
	// VADTimingsChecked says a person has checked, on this whisper.cpp build, that its
	// voice-activity detection leaves token timestamps on the original audio's timeline.
	// whisper.cpp's VAD transcribes only the speech it keeps and maps the times back,
	// and the mapping has shifted timestamps (whisper.cpp issues 3174 and 3754): a court
	// transcript's times must match the recording, so by default VAD is never passed.
	VADTimingsChecked bool
	Language          string // default "en"
	Threads           int    // default: number of CPUs
}

func (w *Whisper) Name() string { return "whisper" }

const whisperHelp = "Install whisper.cpp (on Windows unzip whisper-bin-x64.zip from the whisper.cpp releases page) " +
	"and choose its whisper-cli program in Settings > Transcription"

// Check reports a missing program or model with what to do about it.
func (w *Whisper) Check() error {
	if w.Program == "" {
		return fmt.Errorf("whisper.cpp is not set up: %s: %w", whisperHelp, ErrNotInstalled)
	}
	if _, err := lookProgram(w.Program); err != nil {
		return fmt.Errorf("whisper.cpp's program %s was not found. %s: %w", w.Program, whisperHelp, ErrNotInstalled)
	}
	if w.Model == "" {
		return fmt.Errorf("no whisper model file is chosen: download a ggml model (for example ggml-base.en.bin, 142 MB) "+
			"and choose it in Settings > Transcription: %w", ErrNotInstalled)
	}
	if st, err := os.Stat(w.Model); err != nil || st.IsDir() {
		return fmt.Errorf("the whisper model file %s does not exist: download a ggml model (for example ggml-base.en.bin) "+
			"and choose it in Settings > Transcription: %w", w.Model, ErrNotInstalled)
	}
	if w.VADModel != "" {
		if _, err := os.Stat(w.VADModel); err != nil {
			return fmt.Errorf("the voice-activity model %s does not exist: choose it again or clear it in Settings > Transcription: %w",
				w.VADModel, ErrNotInstalled)
		}
	}
	return nil
}

// usesVAD is whether whisper.cpp is asked to skip non-speech: only with a model and
// only once its timings have been checked (see VADTimingsChecked).
func (w *Whisper) usesVAD() bool { return w.VADModel != "" && w.VADTimingsChecked }

// Args is the command line Redline runs (without the program), for the record and for tests.
func (w *Whisper) Args(wav, outBase string) []string {
	lang := w.Language
	if lang == "" {
		lang = "en"
	}
	threads := w.Threads
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	args := []string{"-m", w.Model, "-f", wav, "-l", lang, "-t", strconv.Itoa(threads), "-ojf", "-of", outBase, "-pp"}
	if w.usesVAD() {
		args = append(args, "--vad", "-vm", w.VADModel)
	}
	return args
}

var whisperProgress = regexp.MustCompile(`progress\s*=\s*(\d+)%`)

// Run writes OUTBASE.json beside the WAV and parses it.
func (w *Whisper) Run(ctx context.Context, wav string, durationMs int64, progress func(float64)) (Result, error) {
	if err := w.Check(); err != nil {
		return Result{}, err
	}
	bin, _ := lookProgram(w.Program)
	outBase := strings.TrimSuffix(wav, filepath.Ext(wav)) + "-whisper"
	onErr := func(line string) {
		if m := whisperProgress.FindStringSubmatch(line); m != nil && progress != nil {
			p, _ := strconv.Atoi(m[1])
			progress(float64(min(p, 100)) / 100)
		}
	}
	if err := runProgram(ctx, bin, w.Args(wav, outBase), nil, onErr); err != nil {
		return Result{}, err
	}
	b, err := readBounded(outBase+".json", 256<<20)
	if err != nil {
		return Result{}, fmt.Errorf("whisper.cpp wrote no readable output: %w", err)
	}
	segs, err := ParseWhisperJSON(b)
	if err != nil {
		return Result{}, err
	}
	return Result{Segments: segs, Detail: "whisper.cpp, model " + filepath.Base(w.Model)}, nil
}

func readBounded(path string, limit int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d Redline reads", path, st.Size(), limit)
	}
	return os.ReadFile(path)
}

type whisperOffsets struct {
	From int64 `json:"from"`
	To   int64 `json:"to"`
}

type whisperDoc struct {
	Transcription []struct {
		Offsets whisperOffsets `json:"offsets"`
		Text    string         `json:"text"`
		Tokens  []struct {
			Text    string         `json:"text"`
			Offsets whisperOffsets `json:"offsets"`
			P       float64        `json:"p"`
		} `json:"tokens"`
	} `json:"transcription"`
}

// ParseWhisperJSON reads whisper.cpp's -oj/-ojf output: segments with millisecond offsets, and
// with -ojf tokens (sub-word pieces with a probability) that are joined into words. Special
// tokens such as [_BEG_] and [_TT_150] are dropped.
func ParseWhisperJSON(b []byte) ([]transcript.Segment, error) {
	var doc whisperDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("whisper.cpp's JSON output cannot be read: %w", err)
	}
	if doc.Transcription == nil {
		return nil, fmt.Errorf("whisper.cpp's JSON output has no \"transcription\" list")
	}
	segs := make([]transcript.Segment, 0, len(doc.Transcription))
	for i, t := range doc.Transcription {
		if t.Offsets.From < 0 || t.Offsets.To < t.Offsets.From {
			return nil, fmt.Errorf("whisper.cpp's JSON output: segment %d runs from %d ms to %d ms", i+1, t.Offsets.From, t.Offsets.To)
		}
		seg := transcript.Segment{StartMs: t.Offsets.From, EndMs: t.Offsets.To, Speaker: "Unknown",
			Text: strings.TrimSpace(t.Text)}
		var psum float64
		var pn int
		for _, tok := range t.Tokens {
			if strings.HasPrefix(tok.Text, "[_") || tok.Text == "" {
				continue
			}
			p := min(max(tok.P, 0), 1)
			psum += p
			pn++
			startsWord := strings.HasPrefix(tok.Text, " ") || len(seg.Words) == 0
			piece := strings.TrimSpace(tok.Text)
			if piece == "" {
				continue
			}
			if startsWord {
				seg.Words = append(seg.Words, transcript.Word{StartMs: tok.Offsets.From, EndMs: tok.Offsets.To,
					Text: piece, Confidence: p})
				continue
			}
			w := &seg.Words[len(seg.Words)-1]
			w.Text += piece
			w.EndMs = max(w.EndMs, tok.Offsets.To)
			w.Confidence = min(w.Confidence, p) // a word is as doubtful as its least certain piece
		}
		if pn > 0 {
			seg.Confidence = psum / float64(pn)
		}
		if seg.Text == "" && len(seg.Words) == 0 {
			continue
		}
		segs = append(segs, seg)
	}
	return segs, nil
}
