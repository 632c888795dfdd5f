package recording

import (
	"context"
	"encoding/json"
	"io"
	"sync"
	"time"

	"github.com/nhs-redline/redline/backend/audio/player"
	"github.com/nhs-redline/redline/backend/store"
)

// Timings modelled on transcription tools (oTranscribe, Express Scribe).
const (
	SkipStep       = 1500 * time.Millisecond
	RewindOnResume = 1500 * time.Millisecond
	SpeedStep      = 0.125
)

// Status is what the player UI shows.
type Status struct {
	MediaID    int64   `json:"mediaId"`
	State      string  `json:"state"` // paused, playing, ended
	Playing    bool    `json:"playing"`
	PositionMs int64   `json:"positionMs"`
	DurationMs int64   `json:"durationMs"`
	Speed      float64 `json:"speed"`
	Volume     float64 `json:"volume"`
	Enhance    bool    `json:"enhance"`
	HasDevice  bool    `json:"hasDevice"`
	DeviceNote string  `json:"deviceNote"`
	Error      string  `json:"error,omitempty"`
	// Seq orders the statuses a window receives: events may overtake each
	// other on their way to the page, so it keeps the one with the highest.
	Seq uint64 `json:"seq"`
}

// Session is one recording open for listening. Each stretch heard (from where play started to
// where it stopped: pause, seek, end or close) is written to the audit log as recording.play.
type Session struct {
	lib   *Library
	media store.Media
	p     *player.Player
	file  io.Closer
	note  string

	mu   sync.Mutex
	from int64 // where the current stretch started; -1 when not playing
}

// Listen opens a recording on out (player.NewOutput() in the app, a Null sink in tests).
// deviceNote explains a missing sound device; it is shown in the UI.
func (l *Library) Listen(ctx context.Context, mediaID int64, out player.Output, deviceNote string) (*Session, error) {
	m, err := l.Media(ctx, mediaID)
	if err != nil {
		out.Close()
		return nil, err
	}
	s, f, err := l.Open(m)
	if err != nil {
		out.Close()
		return nil, err
	}
	p, err := player.New(s, out)
	if err != nil {
		f.Close()
		out.Close()
		return nil, err
	}
	p.SetRewindOnResume(RewindOnResume)
	return &Session{lib: l, media: m, p: p, file: f, note: deviceNote, from: -1}, nil
}

// Media is the recording being listened to.
func (s *Session) Media() store.Media { return s.media }

// Status reports the player's state. When playback has reached the end it closes the audit
// stretch, so the ticker that polls Status also records plays that run out.
func (s *Session) Status() Status {
	st := s.p.State()
	if st == player.Ended {
		s.endStretch(s.p.Duration())
	}
	out := Status{MediaID: s.media.ID, State: st.String(), Playing: st == player.Playing, PositionMs: s.p.Position(), DurationMs: s.p.Duration(),
		Speed: s.p.Speed(), Volume: s.p.Volume(), Enhance: s.p.Enhance(), HasDevice: s.p.HasDevice(), DeviceNote: s.note}
	if err := s.p.Err(); err != nil {
		out.Error = err.Error()
	}
	return out
}

// Play starts or resumes (stepping back RewindOnResume after a pause).
func (s *Session) Play() Status {
	s.p.Play()
	s.mu.Lock()
	if s.from < 0 {
		s.from = s.p.Position()
	}
	s.mu.Unlock()
	return s.Status()
}

// Pause stops where it is.
func (s *Session) Pause() Status {
	at := s.p.Position()
	s.p.Pause()
	s.endStretch(at)
	return s.Status()
}

// Toggle plays when paused and pauses when playing.
func (s *Session) Toggle() Status {
	if s.p.State() == player.Playing {
		return s.Pause()
	}
	return s.Play()
}

// SeekTo moves the playhead; while playing, the stretch heard so far is recorded first.
func (s *Session) SeekTo(ms int64) Status {
	s.moved(func() { s.p.SeekMs(ms) })
	return s.Status()
}

// Skip moves the playhead by delta (negative: back).
func (s *Session) Skip(delta time.Duration) Status {
	s.moved(func() {
		if delta < 0 {
			s.p.SkipBack(-delta)
		} else {
			s.p.SkipForward(delta)
		}
	})
	return s.Status()
}

func (s *Session) moved(move func()) {
	playing := s.p.State() == player.Playing
	if playing {
		s.endStretch(s.p.Position())
	}
	move()
	if playing {
		s.mu.Lock()
		s.from = s.p.Position()
		s.mu.Unlock()
	}
}

// SetSpeed sets the tempo (0.5 to 2, pitch kept).
func (s *Session) SetSpeed(x float64) Status { s.p.SetSpeed(x); return s.Status() }

// SetVolume sets the gain (0 to 2).
func (s *Session) SetVolume(v float64) Status { s.p.SetVolume(v); return s.Status() }

// SetEnhance switches the listening aid (band-pass, noise reduction, loudness); the file is untouched.
func (s *Session) SetEnhance(on bool) Status { s.p.SetEnhance(on); return s.Status() }

// Close records any stretch still playing and releases the sound device and the file.
func (s *Session) Close() error {
	s.endStretch(s.p.Position())
	err := s.p.Close()
	s.file.Close()
	return err
}

// endStretch writes the stretch [from, to] to the audit log, once.
func (s *Session) endStretch(to int64) {
	s.mu.Lock()
	from := s.from
	s.from = -1
	s.mu.Unlock()
	if from < 0 || to <= from {
		return
	}
	detail, _ := json.Marshal(map[string]any{"fromMs": from, "toMs": to, "speed": s.p.Speed(),
		"enhance": s.p.Enhance(), "sha256": s.media.SHA256, "device": s.p.HasDevice()})
	if err := s.lib.audit(context.Background(), "recording.play", s.media, string(detail)); err != nil {
		s.lib.logAuditFailure(err)
	}
}
