package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/transcribe"
	"github.com/nhs-redline/redline/backend/transcript"
	"github.com/nhs-redline/redline/reports/exports"
)

// Transcripts is the bound service for transcription engines, the transcript editor and exports.
type Transcripts struct {
	s        *session
	rec      *Recordings
	platform func() platform
	jobs     *jobs
}

func newTranscripts(s *session, rec *Recordings, plat func() platform, j *jobs) *Transcripts {
	return &Transcripts{s: s, rec: rec, platform: plat, jobs: j}
}

// Settings keys for the engines.
const (
	keyWhisperProgram = "transcribe.whisper.program"
	keyWhisperModel   = "transcribe.whisper.model"
	keyWhisperVAD     = "transcribe.whisper.vad_model"
	keyWhisperThreads = "transcribe.whisper.threads"
)

// TranscribeProgress is one progress report of a job.
type TranscribeProgress struct {
	JobID        string  `json:"jobId"`
	MediaID      int64   `json:"mediaId"`
	Engine       string  `json:"engine"`
	State        string  `json:"state"` // running, done, failed, cancelled
	Progress     float64 `json:"progress"`
	Message      string  `json:"message"`
	TranscriptID int64   `json:"transcriptId"`
}

// EngineInfo describes an engine for the chooser.
type EngineInfo struct {
	Name        string `json:"name"`
	Label       string `json:"label"`
	Available   bool   `json:"available"`
	Problem     string `json:"problem"`
	Warning     string `json:"warning"`
	Recommended bool   `json:"recommended"`
}

// WhisperSettings are the whisper.cpp files chosen in Settings.
type WhisperSettings struct {
	Program  string `json:"program"`
	Model    string `json:"model"`
	VADModel string `json:"vadModel"`
	Threads  int    `json:"threads"`
}

func (t *Transcripts) whisper(ctx context.Context, st *store.Store) (*transcribe.Whisper, error) {
	if w := devWhisper(); w != nil {
		return w, nil
	}
	get := func(k string) string { v, _ := st.Setting(ctx, k, ""); return v }
	n, _ := strconv.Atoi(get(keyWhisperThreads))
	return &transcribe.Whisper{Program: get(keyWhisperProgram), Model: get(keyWhisperModel), VADModel: get(keyWhisperVAD), Threads: n}, nil
}

func (t *Transcripts) engine(ctx context.Context, st *store.Store, name string) (transcribe.Engine, error) {
	switch name {
	case "whisper":
		return t.whisper(ctx, st)
	case "pocketsphinx":
		return &transcribe.Pocketsphinx{}, nil
	}
	return nil, fmt.Errorf("unknown transcription engine %q: choose whisper or pocketsphinx", name)
}

// Engines lists the engines and whether each can run on this computer.
func (t *Transcripts) Engines() ([]EngineInfo, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	w, _ := t.whisper(ctx, ws.Store)
	out := []EngineInfo{
		{Name: "whisper", Label: "whisper.cpp (recommended)", Recommended: true,
			Warning: "Whisper can write fluent text over silence or noise: check every line against the recording."},
		{Name: "pocketsphinx", Label: "pocketsphinx", Warning: transcribe.TelephoneWarning},
	}
	for i, e := range []transcribe.Engine{w, &transcribe.Pocketsphinx{}} {
		if err := e.Check(); err != nil {
			out[i].Problem = strings.TrimSuffix(err.Error(), ": "+transcribe.ErrNotInstalled.Error())
		} else {
			out[i].Available = true
		}
	}
	return out, nil
}

// WhisperSettings returns the whisper.cpp files chosen.
func (t *Transcripts) WhisperSettings() (WhisperSettings, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return WhisperSettings{}, err
	}
	w, _ := t.whisper(context.Background(), ws.Store)
	return WhisperSettings{Program: w.Program, Model: w.Model, VADModel: w.VADModel, Threads: w.Threads}, nil
}

// ChooseWhisperFile opens the native file dialog for "program", "model" or "vad" and stores the
// choice; paths never come from the webview. It returns the settings after the choice.
func (t *Transcripts) ChooseWhisperFile(which string) (WhisperSettings, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return WhisperSettings{}, err
	}
	keys := map[string][3]string{
		"program": {keyWhisperProgram, "Choose whisper.cpp's whisper-cli program", ""},
		"model":   {keyWhisperModel, "Choose a whisper ggml model file", "*.bin"},
		"vad":     {keyWhisperVAD, "Choose a voice-activity (Silero VAD) model file", "*.bin"},
	}
	k, ok := keys[which]
	if !ok {
		return WhisperSettings{}, fmt.Errorf("unknown whisper setting %q", which)
	}
	d, ok := t.platform().(openDialogs)
	if !ok {
		return WhisperSettings{}, errNoWindow
	}
	path, err := d.OpenFileDialog(k[1], "Model files", k[2])
	if err != nil {
		return WhisperSettings{}, err
	}
	if path != "" {
		if err := ws.Store.SetSetting(context.Background(), k[0], path); err != nil {
			return WhisperSettings{}, err
		}
	}
	return t.WhisperSettings()
}

// Start transcribes a recording in the background as run runID (16 hex digits named by the
// page, or "" for a new one) and returns the run's id. Progress arrives as
// "transcribe:progress:<id>" and the outcome once as "transcribe:done:<id>", both
// TranscribeProgress; the result is stored as a new draft transcript.
func (t *Transcripts) Start(mediaID int64, engineName, runID string) (string, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return "", err
	}
	lib, err := t.rec.library()
	if err != nil {
		return "", err
	}
	ctx := context.Background()
	m, err := lib.Media(ctx, mediaID)
	if err != nil {
		return "", err
	}
	eng, err := t.engine(ctx, ws.Store, engineName)
	if err != nil {
		return "", err
	}
	if err := eng.Check(); err != nil {
		return "", errors.New(strings.TrimSuffix(err.Error(), ": "+transcribe.ErrNotInstalled.Error()))
	}
	actor := actorOf(t.s)
	return t.jobs.start("transcribe", runID, func(ctx context.Context, id string, p *progress) any {
		state := func(s TranscribeProgress) TranscribeProgress {
			s.JobID, s.MediaID, s.Engine = id, mediaID, engineName
			return s
		}
		p.Now(state(TranscribeProgress{State: "running", Message: "Preparing the audio"}))
		doc, err := runTranscription(ctx, t, lib, m, eng, actor, func(f float64) {
			p.Send(state(TranscribeProgress{State: "running", Progress: f}))
		})
		switch {
		case ctx.Err() != nil:
			return state(TranscribeProgress{State: "cancelled", Message: "Transcription cancelled; nothing was saved."})
		case err != nil:
			return state(TranscribeProgress{State: "failed", Message: problem.Explain(err, t.s.log).Message})
		}
		return state(TranscribeProgress{State: "done", Progress: 1, TranscriptID: doc.ID,
			Message: fmt.Sprintf("Draft transcript ready: %d segments. Check it against the recording.", len(doc.Segments))})
	})
}

// Cancel stops a running transcription.
func (t *Transcripts) Cancel(jobID string) bool { return t.jobs.cancel("transcribe", jobID) }

// New starts an empty transcript typed by hand.
func (t *Transcripts) New(mediaID int64) (transcript.Doc, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return transcript.Doc{}, err
	}
	lib, err := t.rec.library()
	if err != nil {
		return transcript.Doc{}, err
	}
	if _, err := lib.Media(context.Background(), mediaID); err != nil {
		return transcript.Doc{}, err
	}
	return transcript.Create(context.Background(), ws.Store, mediaID, "manual", "", nil, actorOf(t.s), t.s.now())
}

// List returns a recording's transcripts, newest first.
func (t *Transcripts) List(mediaID int64) ([]transcript.Doc, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return nil, err
	}
	return transcript.ForMedia(context.Background(), ws.Store, mediaID)
}

// Get returns one transcript.
func (t *Transcripts) Get(id int64) (transcript.Doc, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return transcript.Doc{}, err
	}
	return transcript.Load(context.Background(), ws.Store, id)
}

// Save stores an edit as a new revision.
func (t *Transcripts) Save(e transcript.Edit) (transcript.Doc, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return transcript.Doc{}, err
	}
	ctx := context.Background()
	cur, err := transcript.Load(ctx, ws.Store, e.ID)
	if err != nil {
		return transcript.Doc{}, err
	}
	m, err := ws.Store.MediaByID(ctx, cur.MediaID)
	if err != nil {
		return transcript.Doc{}, err
	}
	return transcript.Save(ctx, ws.Store, e, m.DurationMS, actorOf(t.s), t.s.now())
}

// Sign records "transcribed" or "checked" by name against revision rev.
func (t *Transcripts) Sign(id, rev int64, role, name string) (transcript.Doc, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return transcript.Doc{}, err
	}
	return transcript.Sign(context.Background(), ws.Store, id, rev, role, name, actorOf(t.s), t.s.now())
}

// Revisions lists a transcript's saved versions, newest first.
func (t *Transcripts) Revisions(id int64) ([]store.TranscriptRevision, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return nil, err
	}
	return ws.Store.TranscriptRevisions(context.Background(), id)
}

// Revision returns the text of one saved version.
func (t *Transcripts) Revision(id, rev int64) ([]transcript.Segment, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return nil, err
	}
	r, err := ws.Store.TranscriptRevisionText(context.Background(), id, rev)
	if err != nil {
		return nil, err
	}
	return transcript.Unmarshal(r.Segments)
}

// Export writes the transcript in format (pdf, docx, srt, vtt, txt) to a file chosen in the
// native save dialog, after checking the recording still matches its SHA-256. It returns the
// path written, or "" when the dialog was cancelled.
func (t *Transcripts) Export(id int64, format string) (string, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return "", err
	}
	ctx := context.Background()
	ext, err := exports.TranscriptFormat(format)
	if err != nil {
		return "", err
	}
	name, err := exports.TranscriptName(ctx, ws.Store, id)
	if err != nil {
		return "", err
	}
	path, err := saveDialog(t.platform(), "Export transcript", name+ext, strings.ToUpper(format)+" (*"+ext+")", "*"+ext)
	if err != nil || path == "" {
		return "", err
	}
	if _, err := exports.Transcript(ctx, ws.Store, ws.Vault, who(t.s), id, format, exports.File(path)); err != nil {
		return "", err
	}
	return path, nil
}
