package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/recording"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/transcribe"
	"github.com/nhs-redline/redline/backend/transcript"
)

// probeResult is what `audio probe --json` prints.
type probeResult struct {
	File        string  `json:"file"`
	Container   string  `json:"container"`
	Codec       string  `json:"codec"`
	SampleRate  int     `json:"sampleRate"`
	Channels    int     `json:"channels"`
	Duration    float64 `json:"durationSeconds"`
	Approximate bool    `json:"approximate,omitempty"`
	Decodable   bool    `json:"decodable"`
	Problem     string  `json:"problem,omitempty"`
	SHA256      string  `json:"sha256"`
	Size        int64   `json:"size"`
	// Truncated is set when the header claims more or less audio than the
	// file holds (claimed and actual seconds); null when they agree.
	Truncated *audio.LengthMismatch `json:"truncated"`
	Summary   string                `json:"truncatedSummary,omitempty"` // "The file ends 11.4 s before its header says."
}

func cmdAudio(_ context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "decode" {
		return cmdAudioDecode(e, args[1:])
	}
	if len(args) == 0 || args[0] != "probe" {
		return badInput("audio: use `audio probe --json FILE`")
	}
	fs := flags("audio probe", e)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if !*asJSON || fs.NArg() != 1 {
		return badInput("audio probe: give --json and one FILE")
	}
	name := fs.Arg(0)
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("audio probe: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	size, err := io.Copy(h, f)
	if err != nil {
		return fmt.Errorf("audio probe %s: %w", name, err)
	}
	res := probeResult{File: filepath.Base(name), SHA256: hex.EncodeToString(h.Sum(nil)), Size: size}
	inf, err := audio.Probe(f, filepath.Base(name))
	var uc *audio.UnsupportedCodecError
	switch {
	case errors.As(err, &uc):
		res.Problem = err.Error()
		res.Codec = uc.Codec
		if inf.SampleRate > 0 { // described but not decodable (e.g. 8 kHz MP3)
			res.Codec = inf.Codec
		}
	case err != nil:
		return err
	default:
		res.Decodable = true
	}
	res.Container, res.SampleRate, res.Channels, res.Approximate = inf.Container, inf.SampleRate, inf.Channels, inf.Approximate
	if res.Codec == "" {
		res.Codec = inf.Codec
	}
	res.Duration = float64(inf.DurationMs) / 1000
	if res.Truncated = inf.Truncated; res.Truncated != nil {
		res.Summary = res.Truncated.Sentence()
	}
	return printJSON(e, res)
}

func printJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// transcribeResult is what `transcribe --json` prints.
type transcribeResult struct {
	Alert        string               `json:"alert"`
	MediaID      int64                `json:"mediaId"`
	Recording    string               `json:"recording"`
	SHA256       string               `json:"sha256"`
	Engine       string               `json:"engine"`
	Detail       string               `json:"detail"`
	Draft        bool                 `json:"draft"`
	TranscriptID int64                `json:"transcriptId,omitempty"`
	Seconds      float64              `json:"elapsedSeconds"`
	Segments     []transcript.Segment `json:"segments"`
}

func cmdTranscribe(ctx context.Context, e *env, args []string) error {
	fs := flags("transcribe", e)
	engine := fs.String("engine", "pocketsphinx", "whisper or pocketsphinx")
	asJSON := fs.Bool("json", false, "print JSON")
	mediaID := fs.Int64("media", 0, "which recording of the alert (default: the first playable one)")
	save := fs.Bool("save", false, "also store the result as a draft transcript")
	program := fs.String("whisper-program", "", "whisper-cli path (default: the one chosen in Settings)")
	model := fs.String("whisper-model", "", "whisper model file (default: the one chosen in Settings)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !*asJSON || fs.NArg() != 1 {
		return badInput("transcribe: give --json and one ALERT_REF")
	}
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	var eng transcribe.Engine
	switch *engine {
	case "pocketsphinx":
		eng = &transcribe.Pocketsphinx{}
	case "whisper":
		w := &transcribe.Whisper{Program: *program, Model: *model}
		if w.Program == "" {
			w.Program, _ = ws.Store.Setting(ctx, "transcribe.whisper.program", "")
		}
		if w.Model == "" {
			w.Model, _ = ws.Store.Setting(ctx, "transcribe.whisper.model", "")
		}
		eng = w
	default:
		return badInput("transcribe: unknown --engine %q: use whisper or pocketsphinx", *engine)
	}
	a, err := ws.Store.AlertByRef(ctx, fs.Arg(0))
	if errors.Is(err, store.ErrNotFound) {
		return badInput("transcribe: no alert with reference %q", fs.Arg(0))
	}
	if err != nil {
		return err
	}
	lib := recording.New(ws.Store, ws.Vault, filepath.Join(ws.Dir, "cache"), func() string { return ws.Store.Actor(ctx) })
	m, err := pickRecording(ctx, lib, a, *mediaID)
	if err != nil {
		return err
	}
	s, c, err := lib.Open(m)
	if err != nil {
		return err
	}
	defer c.Close()
	tmp := filepath.Join(ws.Dir, "cache", "tmp")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return err
	}
	start := time.Now()
	res, err := transcribe.Transcribe(ctx, eng, s, tmp, nil)
	if err != nil {
		return errors.New(strings.TrimSuffix(err.Error(), ": "+transcribe.ErrNotInstalled.Error()))
	}
	out := transcribeResult{Alert: a.ARCRef, MediaID: m.ID, Recording: m.OriginalName, SHA256: m.SHA256, Engine: eng.Name(),
		Detail: res.Detail, Draft: true, Seconds: time.Since(start).Seconds(), Segments: res.Segments}
	if *save {
		d, err := transcript.Create(ctx, ws.Store, m.ID, eng.Name(), res.Detail, res.Segments, ws.Store.Actor(ctx), time.Now())
		if err != nil {
			return err
		}
		out.TranscriptID = d.ID
	}
	return printJSON(e, out)
}

func pickRecording(ctx context.Context, lib *recording.Library, a store.Alert, id int64) (store.Media, error) {
	if id != 0 {
		m, err := lib.Media(ctx, id)
		if err == nil && m.AlertID != a.ID {
			return m, badInput("transcribe: recording %d does not belong to alert %s", id, a.ARCRef)
		}
		return m, err
	}
	all, err := lib.Store.MediaForAlert(ctx, a.ID)
	if err != nil {
		return store.Media{}, err
	}
	for _, m := range all {
		if m.DestroyedAt == nil {
			if _, err := lib.Describe(m); err == nil {
				return m, nil
			}
		}
	}
	return store.Media{}, fmt.Errorf("alert %s has no recording Redline can decode", a.ARCRef)
}
