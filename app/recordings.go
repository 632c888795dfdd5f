package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/audio/player"
	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/recording"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/workspace"
)

// Recordings is the bound service behind the recording panel: waveform, playback in Go (the
// webview never gets the audio), working copies and exports. One recording plays at a time.
type Recordings struct {
	s         *session
	platform  func() platform
	newOutput func() (player.Output, bool, error)

	libMu sync.Mutex
	libWS *workspace.Workspace
	lib   *recording.Library

	mu     sync.Mutex
	cur    *recording.Session
	stopTk chan struct{}
	seq    atomic.Uint64

	jobs      *jobs // runs the background preparation of waveforms
	prepMu    sync.Mutex
	prep      WaveformPreparation
	preparing bool // a preparation job is running
	prepAgain bool // an import committed while it ran: look again when it ends
	importing int  // imports preparing their own recordings now (prepareImported)
	prepAfter bool // the background pass was asked for meanwhile: it starts when they end
}

// stamp numbers a status as it leaves Go, for the page to keep the newest.
func (r *Recordings) stamp(st recording.Status) recording.Status {
	st.Seq = r.seq.Add(1)
	return st
}

func newRecordings(s *session, plat func() platform) *Recordings {
	return &Recordings{s: s, platform: plat, newOutput: player.NewOutput}
}

// EventPosition carries a Status while a recording plays (about 20 a second) and on each change.
const EventPosition = "player:position"

// library returns the recordings of the open workspace (rebuilt if the workspace changed).
func (r *Recordings) library() (*recording.Library, error) {
	ws, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	r.libMu.Lock()
	defer r.libMu.Unlock()
	if r.libWS != ws {
		r.libWS = ws
		r.lib = recording.New(ws.Store, ws.Vault, recording.CacheDir(ws.Dir), func() string { return actorOf(r.s) })
	}
	return r.lib, nil
}

// RecordingInfo is what the panel shows before playing.
type RecordingInfo struct {
	Media     store.Media `json:"media"`
	AlertRef  string      `json:"alertRef"`
	AlertType string      `json:"alertType"`
	Decoded   audio.Info  `json:"decoded"`
	Playable  bool        `json:"playable"`
	Problem   string      `json:"problem"` // why it cannot be played, in words
	// LengthNote says, for evidence, that the file and its header disagree about
	// how much audio there is: "The file ends 11.4 s before its header says."
	LengthNote  string            `json:"lengthNote"`
	CanConvert  bool              `json:"canConvert"` // ffmpeg is installed, so a working copy can be made
	Provenance  *store.Provenance `json:"provenance"`
	Shortcuts   []Shortcut        `json:"shortcuts"`
	SkipMs      int64             `json:"skipMs"`
	RewindMs    int64             `json:"rewindMs"`
	SpeedStep   float64           `json:"speedStep"`
	Derivatives []store.Media     `json:"derivatives"` // working copies made from this recording
}

// Shortcut is one keyboard control, shown in the UI.
type Shortcut struct {
	Key    string `json:"key"`
	Action string `json:"action"`
}

var shortcuts = []Shortcut{
	{"Esc", "Play or pause (steps back 1.5 s on resume)"},
	{"F1", "Back 1.5 seconds"},
	{"F2", "Forward 1.5 seconds"},
	{"F3", "Slower (by 0.125)"},
	{"F4", "Faster (by 0.125)"},
	{"F8", "Next stretch of speech (shaded on the waveform)"},
	{"Shift+F8", "Previous stretch of speech"},
	{"Ctrl+J", "Insert the current time into the transcript"},
	{"Ctrl+I", "Insert an [inaudible] mark at the current time"},
}

// Info describes a recording and whether Redline can play it.
func (r *Recordings) Info(mediaID int64) (RecordingInfo, error) {
	lib, err := r.library()
	if err != nil {
		return RecordingInfo{}, err
	}
	ctx := context.Background()
	m, err := lib.Media(ctx, mediaID)
	if err != nil {
		return RecordingInfo{}, err
	}
	out := RecordingInfo{Media: m, Shortcuts: shortcuts, SkipMs: recording.SkipStep.Milliseconds(),
		RewindMs: recording.RewindOnResume.Milliseconds(), SpeedStep: recording.SpeedStep, CanConvert: recording.CanConvert()}
	if a, err := lib.Store.Alert(ctx, m.AlertID); err == nil {
		out.AlertRef, out.AlertType = a.ARCRef, a.Type
	}
	if p, err := lib.Store.MediaProvenance(ctx, m.ID); err == nil {
		out.Provenance = &p
	}
	if all, err := lib.Store.MediaForAlert(ctx, m.AlertID); err == nil {
		for _, d := range all {
			if d.DerivedFrom != nil && *d.DerivedFrom == m.ID && d.DestroyedAt == nil {
				out.Derivatives = append(out.Derivatives, d)
			}
		}
	}
	out.Decoded, err = lib.Describe(m)
	var uc *audio.UnsupportedCodecError
	switch {
	case errors.As(err, &uc):
		out.Problem = fmt.Sprintf("This recording is encoded as %s, which Redline cannot play itself.", uc.Codec)
		if !out.CanConvert {
			out.Problem += " Install ffmpeg to make a playable working copy; the original is never changed."
		}
	case err != nil:
		out.Problem = problem.Explain(err, r.s.log).Message
	default:
		out.Playable = true
	}
	if t := out.Decoded.Truncated; t != nil {
		out.LengthNote = t.Sentence() + " Redline plays and transcribes only the audio the file holds."
	}
	return out, nil
}

// Peaks returns the waveform for [fromMs, toMs) in columns columns (toMs 0 = to the end). The
// peaks are computed once per recording and cached under the data folder.
func (r *Recordings) Peaks(mediaID, fromMs, toMs int64, columns int) (recording.Span, error) {
	lib, err := r.library()
	if err != nil {
		return recording.Span{}, err
	}
	m, err := lib.Media(context.Background(), mediaID)
	if err != nil {
		return recording.Span{}, err
	}
	return lib.PeaksSpan(m, fromMs, toMs, columns)
}

// Speech lists the recording's stretches of probable speech, shaded on the waveform and
// reached with the next and previous speech keys. They come from the same cache as its peaks.
func (r *Recordings) Speech(mediaID int64) ([]recording.SpeechStretch, error) {
	lib, err := r.library()
	if err != nil {
		return nil, err
	}
	m, err := lib.Media(context.Background(), mediaID)
	if err != nil {
		return nil, err
	}
	return lib.Speech(m)
}

// WaveformPreparation is the background computation of waveforms as the page shows it.
type WaveformPreparation struct {
	Running bool                  `json:"running"`
	State   recording.Preparation `json:"state"`
}

// EventPreparation carries a WaveformPreparation as recordings are prepared.
const EventPreparation = "waveforms:progress"

// Preparation reports the background computation of waveforms, for a page opened while it runs.
func (r *Recordings) Preparation() (WaveformPreparation, error) {
	r.prepMu.Lock()
	defer r.prepMu.Unlock()
	return r.prep, nil
}

// prepareWaveforms computes, as a background job, the peaks of every recording that has none
// (after an import commits, at start-up, when a workspace opens). One job at a time; a call
// while it runs makes it look again when it ends, for recordings the new import brought.
func (r *Recordings) prepareWaveforms() {
	if r.jobs == nil {
		return
	}
	r.prepMu.Lock()
	if r.importing > 0 {
		// An import's job is computing its own recordings: the pass would only compete with
		// it for the machine, so it waits and then picks up whatever that job left.
		r.prepAfter = true
		r.prepMu.Unlock()
		return
	}
	if r.preparing {
		r.prepAgain = true
		r.prepMu.Unlock()
		return
	}
	r.preparing = true
	r.prepMu.Unlock()
	_, err := r.jobs.start("waveforms", "", func(ctx context.Context, _ string, p *progress) any {
		for {
			r.prepareOnce(ctx, p)
			r.prepMu.Lock()
			if !r.prepAgain || ctx.Err() != nil {
				r.preparing, r.prep.Running = false, false
				st := r.prep
				r.prepMu.Unlock()
				return st
			}
			r.prepAgain = false
			r.prepMu.Unlock()
		}
	})
	if err != nil {
		r.prepMu.Lock()
		r.preparing = false
		r.prepMu.Unlock()
	}
}

func (r *Recordings) prepareOnce(ctx context.Context, p *progress) {
	lib, err := r.library()
	if err != nil {
		return
	}
	var last time.Time
	report := func(st recording.Preparation) {
		ev := WaveformPreparation{Running: st.Done < st.Total, State: st}
		r.prepMu.Lock()
		r.prep = ev
		r.prepMu.Unlock()
		// The page listens without knowing the job's id: the same throttle as the job's events.
		if ev.Running && time.Since(last) < 200*time.Millisecond {
			return
		}
		last = time.Now()
		p.Now(ev)
		r.platform().Emit(EventPreparation, ev)
	}
	st, err := lib.Prepare(ctx, report)
	if err != nil && ctx.Err() == nil {
		r.s.log.Warn("waveform preparation stopped", "err", err, "done", st.Done, "total", st.Total)
	}
	if st.Failed > 0 {
		r.s.log.Info("waveforms not prepared for some recordings", "failed", st.Failed)
	}
}

// holdPreparation keeps the background pass from starting until the returned release is
// called: an import takes it before its commit sets off the background work, so the pass
// does not race the import's own preparation of the same recordings.
func (r *Recordings) holdPreparation() (release func()) {
	r.prepMu.Lock()
	r.importing++
	r.prepMu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			r.prepMu.Lock()
			r.importing--
			start := r.importing == 0 && r.prepAfter
			if start {
				r.prepAfter = false
			}
			r.prepMu.Unlock()
			if start {
				r.prepareWaveforms() // what a cancelled import left, and anything else lacking peaks
			}
		})
	}
}

// prepareImported computes, within an import's job, the waveforms of the recordings the import
// brought (recording.Library.PrepareImported, which redline-cli import calls too), so the import
// is done only when each of them opens at once.
func (r *Recordings) prepareImported(ctx context.Context, files []store.ImportFile, progress func(recording.Preparation)) (recording.Preparation, error) {
	lib, err := r.library()
	if err != nil {
		return recording.Preparation{}, err
	}
	return lib.PrepareImported(ctx, files, progress)
}

// Open loads a recording into the player, paused at the start, closing any other.
func (r *Recordings) Open(mediaID int64) (recording.Status, error) {
	lib, err := r.library()
	if err != nil {
		return recording.Status{}, err
	}
	out, _, devErr := r.newOutput()
	note := ""
	if devErr != nil {
		note = "No audio device: playing silently. The playhead still moves so you can follow the transcript."
	}
	sess, err := lib.Listen(context.Background(), mediaID, out, note)
	if err != nil {
		return recording.Status{}, err
	}
	r.mu.Lock()
	old := r.cur
	r.cur = sess
	r.startTicker()
	r.mu.Unlock()
	if old != nil {
		old.Close()
	}
	return r.stamp(sess.Status()), nil
}

// startTicker pushes the playhead to the UI while playing; r.mu is held.
func (r *Recordings) startTicker() {
	if r.stopTk != nil {
		return
	}
	stop := make(chan struct{})
	r.stopTk = stop
	go func() {
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		lastState := ""
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			r.mu.Lock()
			sess := r.cur
			r.mu.Unlock()
			if sess == nil {
				continue
			}
			st := sess.Status()
			if st.State == "playing" || st.State != lastState {
				r.platform().Emit(EventPosition, r.stamp(st))
			}
			lastState = st.State
		}
	}()
}

func (r *Recordings) session() (*recording.Session, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur == nil {
		return nil, errors.New("no recording is open in the player: open one from an alert's recordings first")
	}
	return r.cur, nil
}

func (r *Recordings) do(fn func(*recording.Session) recording.Status) (recording.Status, error) {
	s, err := r.session()
	if err != nil {
		return recording.Status{}, err
	}
	st := r.stamp(fn(s))
	r.platform().Emit(EventPosition, st)
	return st, nil
}

// Status reports the player's state.
func (r *Recordings) Status() (recording.Status, error) {
	return r.do(func(s *recording.Session) recording.Status { return s.Status() })
}

// Play starts or resumes playback.
func (r *Recordings) Play() (recording.Status, error) {
	return r.do(func(s *recording.Session) recording.Status { return s.Play() })
}

// Pause pauses playback.
func (r *Recordings) Pause() (recording.Status, error) {
	return r.do(func(s *recording.Session) recording.Status { return s.Pause() })
}

// Toggle plays or pauses.
func (r *Recordings) Toggle() (recording.Status, error) {
	return r.do(func(s *recording.Session) recording.Status { return s.Toggle() })
}

// SeekTo moves the playhead to ms.
func (r *Recordings) SeekTo(ms int64) (recording.Status, error) {
	return r.do(func(s *recording.Session) recording.Status { return s.SeekTo(ms) })
}

// SkipBack steps back 1.5 s.
func (r *Recordings) SkipBack() (recording.Status, error) {
	return r.do(func(s *recording.Session) recording.Status { return s.Skip(-recording.SkipStep) })
}

// SkipForward steps forward 1.5 s.
func (r *Recordings) SkipForward() (recording.Status, error) {
	return r.do(func(s *recording.Session) recording.Status { return s.Skip(recording.SkipStep) })
}

// SetSpeed sets the tempo, 0.5 to 2 (pitch unchanged).
func (r *Recordings) SetSpeed(x float64) (recording.Status, error) {
	return r.do(func(s *recording.Session) recording.Status { return s.SetSpeed(x) })
}

// SetVolume sets the gain, 0 to 2.
func (r *Recordings) SetVolume(v float64) (recording.Status, error) {
	return r.do(func(s *recording.Session) recording.Status { return s.SetVolume(v) })
}

// SetEnhance switches the voice-enhancement listening aid.
func (r *Recordings) SetEnhance(on bool) (recording.Status, error) {
	return r.do(func(s *recording.Session) recording.Status { return s.SetEnhance(on) })
}

// Close stops playback and releases the sound device.
func (r *Recordings) Close() error {
	r.mu.Lock()
	s := r.cur
	r.cur = nil
	if r.stopTk != nil {
		close(r.stopTk)
		r.stopTk = nil
	}
	r.mu.Unlock()
	if s != nil {
		return s.Close()
	}
	return nil
}

// MakeWorkingCopy converts an unplayable recording with ffmpeg into a new evidence item.
func (r *Recordings) MakeWorkingCopy(mediaID int64) (store.Media, error) {
	lib, err := r.library()
	if err != nil {
		return store.Media{}, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	return lib.MakeWorkingCopy(ctx, mediaID)
}

// Export copies the recording, unchanged, to a file chosen in the save dialog. It returns the
// path written, or "" when the dialog was cancelled.
func (r *Recordings) Export(mediaID int64) (string, error) {
	lib, err := r.library()
	if err != nil {
		return "", err
	}
	m, err := lib.Media(context.Background(), mediaID)
	if err != nil {
		return "", err
	}
	ext := filepath.Ext(m.OriginalName)
	path, err := saveDialog(r.platform(), "Export recording "+m.OriginalName, m.OriginalName, "Recording (*"+ext+")", "*"+ext)
	if err != nil || path == "" {
		return "", err
	}
	if _, err := lib.ExportRecording(context.Background(), mediaID, path); err != nil {
		return "", err
	}
	return path, nil
}

func saveDialog(p platform, title, name, filterName, pattern string) (string, error) {
	if dev := devSavePath(name); dev != "" {
		return dev, nil
	}
	d, ok := p.(saveDialogs)
	if !ok {
		return "", errNoWindow
	}
	path, err := d.SaveFileDialog(title, name, filterName, pattern)
	if err != nil {
		return "", fmt.Errorf("the save dialog failed: %w", err)
	}
	return path, nil
}
