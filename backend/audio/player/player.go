// Package player plays a decoded recording through an Output (a sound device or a null sink)
// with pause, seek, skip, speed without pitch change, volume and voice enhancement.
package player

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
	"time"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/audio/dsp"
)

// State is what the player is doing.
type State int

const (
	Paused State = iota
	Playing
	Ended
)

func (s State) String() string {
	return [...]string{"paused", "playing", "ended"}[s]
}

// Limits for the settings.
const (
	MaxVolume = 2.0
	chunkMs   = 20 // decode in 20 ms steps: small enough that settings apply promptly
)

// Player is safe for concurrent use: UI calls and the output's audio thread share one mutex.
type Player struct {
	mu     sync.Mutex
	out    Output
	stream *audio.Stream
	inf    audio.Info

	stretch *dsp.Stretcher
	enh     *dsp.Enhancer
	rs      *audio.Resampler

	state    State
	speed    float64
	volume   float64
	enhance  bool
	rewind   time.Duration
	played   bool    // something was heard since the last seek (rewind applies only then)
	genPos   float64 // source frame reached by the audio generated so far
	queue    []float32
	ended    bool // the stream is exhausted; the queue holds the last audio
	err      error
	ibuf     []int16
	f1, f2   []float32
	outScale float64 // source frames per output frame at speed 1
}

// New prepares a player for stream on out; it starts paused at the stream's position.
func New(stream *audio.Stream, out Output) (*Player, error) {
	inf := stream.Info()
	if inf.SampleRate <= 0 || inf.Channels <= 0 {
		return nil, fmt.Errorf("player: the recording has no usable format (%d Hz, %d channels)", inf.SampleRate, inf.Channels)
	}
	rs, err := audio.NewResampler(inf.SampleRate, out.SampleRate(), inf.Channels)
	if err != nil {
		return nil, fmt.Errorf("player: %w", err)
	}
	p := &Player{
		out: out, stream: stream, inf: inf, rs: rs,
		stretch:  dsp.NewStretcher(inf.SampleRate, inf.Channels),
		enh:      dsp.NewEnhancer(inf.SampleRate, inf.Channels),
		speed:    1,
		volume:   1,
		genPos:   float64(stream.Position()),
		outScale: float64(inf.SampleRate) / float64(out.SampleRate()),
	}
	if err := out.Start(&source{p}); err != nil {
		return nil, fmt.Errorf("player: %w", err)
	}
	return p, nil
}

// HasDevice reports whether sound reaches a real device (false: the UI says "no audio device").
func (p *Player) HasDevice() bool { return p.out.HasDevice() }

// Info describes the recording being played.
func (p *Player) Info() audio.Info { return p.inf }

// State returns whether the player is playing, paused or at the end.
func (p *Player) State() State {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.state
}

// Err returns the decoding error that stopped playback, if any.
func (p *Player) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// Play starts or resumes playback. Resuming after a pause first steps back by the rewind
// interval (SetRewindOnResume), as transcription tools do; playing at the end starts again.
func (p *Player) Play() {
	p.mu.Lock()
	flush := false
	switch {
	case p.state == Playing:
		p.mu.Unlock()
		return
	case p.state == Ended:
		p.seekLocked(0)
		flush = true
	case p.rewind > 0 && p.played:
		p.seekLocked(p.positionLocked() - p.rewind.Milliseconds())
		flush = true
	}
	p.state = Playing
	p.mu.Unlock()
	if flush {
		p.out.Flush()
	}
	p.out.Play()
}

// Pause stops playback where it is.
func (p *Player) Pause() {
	p.mu.Lock()
	if p.state == Playing {
		p.state = Paused
	}
	p.mu.Unlock()
	p.out.Pause()
}

// Toggle plays if paused and pauses if playing.
func (p *Player) Toggle() {
	if p.State() == Playing {
		p.Pause()
	} else {
		p.Play()
	}
}

// SeekMs moves the playhead to ms from the start (clamped), keeping the play/pause state.
func (p *Player) SeekMs(ms int64) {
	p.mu.Lock()
	p.seekLocked(ms)
	p.mu.Unlock()
	p.out.Flush()
}

// SkipBack and SkipForward move the playhead relative to where it is heard now.
func (p *Player) SkipBack(d time.Duration) { p.skip(-d) }

func (p *Player) SkipForward(d time.Duration) { p.skip(d) }

func (p *Player) skip(d time.Duration) {
	p.mu.Lock()
	p.seekLocked(p.positionLocked() + d.Milliseconds())
	p.mu.Unlock()
	p.out.Flush()
}

// Position returns the playhead in milliseconds: what is being heard now, not what was decoded.
func (p *Player) Position() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.positionLocked()
}

// Duration returns the recording's length in milliseconds.
func (p *Player) Duration() int64 { return p.inf.DurationMs }

func (p *Player) positionLocked() int64 {
	if p.state == Ended {
		return p.frameToMs(p.genPos)
	}
	pending := float64(len(p.queue)/p.out.Channels()) + p.out.Latency().Seconds()*float64(p.out.SampleRate())
	f := p.genPos - pending*p.outScale*p.speed
	return min(max(p.frameToMs(f), 0), p.inf.DurationMs)
}

func (p *Player) frameToMs(f float64) int64 {
	return int64(math.Round(f * 1000 / float64(p.inf.SampleRate)))
}

func (p *Player) seekLocked(ms int64) {
	ms = min(max(ms, 0), p.inf.DurationMs)
	frame := ms * int64(p.inf.SampleRate) / 1000
	if err := p.stream.SeekFrame(frame); err != nil {
		p.err = err
		return
	}
	p.genPos = float64(frame)
	p.queue = p.queue[:0]
	p.ended = false
	p.played = false
	p.stretch.Reset()
	p.enh.Reset()
	p.rs.Reset()
	if p.state == Ended {
		p.state = Paused
	}
}

// SetSpeed sets the tempo (0.5 to 2.0, pitch unchanged) and returns the value applied.
// The change is heard at once: audio already prepared at the old speed is dropped.
func (p *Player) SetSpeed(x float64) float64 {
	if math.IsNaN(x) {
		x = 1
	}
	x = min(dsp.MaxSpeed, max(dsp.MinSpeed, x))
	p.mu.Lock()
	if x == p.speed {
		p.mu.Unlock()
		return x
	}
	pos := p.positionLocked()
	p.speed = x
	p.stretch.SetSpeed(x)
	p.reprimeLocked(pos)
	p.mu.Unlock()
	p.out.Flush()
	return x
}

// Speed returns the current tempo.
func (p *Player) Speed() float64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.speed
}

// SetVolume sets the gain, 0 to MaxVolume (1 is the recording's own level).
func (p *Player) SetVolume(v float64) float64 {
	if math.IsNaN(v) {
		v = 1
	}
	v = min(MaxVolume, max(0, v))
	p.mu.Lock()
	p.volume = v
	p.mu.Unlock()
	return v
}

// Volume returns the current gain.
func (p *Player) Volume() float64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.volume
}

// SetEnhance switches the voice-enhancement chain (band-pass, noise reduction, loudness).
func (p *Player) SetEnhance(on bool) {
	p.mu.Lock()
	if on == p.enhance {
		p.mu.Unlock()
		return
	}
	pos := p.positionLocked()
	p.enhance = on
	p.reprimeLocked(pos)
	p.mu.Unlock()
	p.out.Flush()
}

// Enhance reports whether the enhancement chain is on.
func (p *Player) Enhance() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.enhance
}

// SetRewindOnResume sets how far Play steps back after a pause (0 turns it off).
func (p *Player) SetRewindOnResume(d time.Duration) {
	p.mu.Lock()
	p.rewind = max(d, 0)
	p.mu.Unlock()
}

// reprimeLocked restarts the pipeline at pos (ms) after a change that invalidates queued audio.
func (p *Player) reprimeLocked(pos int64) {
	played, state := p.played, p.state
	p.seekLocked(pos)
	p.played, p.state = played, state
}

// Close stops playback and releases the output.
func (p *Player) Close() error {
	p.Pause()
	return p.out.Close()
}

// source is the io.Reader (and no-op io.Seeker, for oto's buffer reset) the output pulls.
type source struct{ p *Player }

func (s *source) Seek(int64, int) (int64, error) { return 0, nil }

// Read fills b with float32 little-endian PCM at the output's rate and channel count.
func (s *source) Read(b []byte) (int, error) {
	p := s.p
	p.mu.Lock()
	defer p.mu.Unlock()
	och := p.out.Channels()
	want := len(b) / 4 / och * och
	for len(p.queue) < want && !p.ended && p.err == nil {
		p.generateLocked()
	}
	n := min(want, len(p.queue))
	if n == 0 {
		if p.state == Playing {
			p.state = Ended
		}
		if p.err != nil {
			return 0, p.err
		}
		return 0, io.EOF
	}
	vol := float32(p.volume)
	for i, v := range p.queue[:n] {
		v *= vol
		if vol > 1 {
			v = max(-1, min(1, v))
		}
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
	}
	p.queue = p.queue[:copy(p.queue, p.queue[n:])]
	if p.state == Playing {
		p.played = true
	}
	return n * 4, nil
}

// generateLocked decodes one chunk and runs it through enhance -> stretch -> resample.
func (p *Player) generateLocked() {
	ch := p.inf.Channels
	frames := max(1, p.inf.SampleRate*chunkMs/1000)
	if cap(p.ibuf) < frames*ch {
		p.ibuf = make([]int16, frames*ch)
	}
	n, err := p.stream.Read(p.ibuf[:frames*ch])
	p.f1 = audio.Int16ToFloat(p.ibuf[:n], p.f1[:0])
	if err != nil {
		if !errors.Is(err, io.EOF) {
			p.err = fmt.Errorf("playback stopped: %w", err)
		}
		p.ended = true
	}
	x := p.f1
	if p.enhance {
		p.f2 = p.enh.Process(x, p.f2[:0])
		x, p.f1, p.f2 = p.f2, p.f2, p.f1
	}
	if p.speed != 1 {
		p.f2 = p.stretch.Process(x, p.f2[:0])
		x, p.f1, p.f2 = p.f2, p.f2, p.f1
	}
	p.f2 = p.rs.Process(x, p.f2[:0])
	if p.ended {
		p.f2 = p.rs.Flush(p.f2)
	}
	p.appendOutputLocked(p.f2)
}

// appendOutputLocked maps source channels onto the output's and queues the audio.
func (p *Player) appendOutputLocked(x []float32) {
	ch, och := p.inf.Channels, p.out.Channels()
	frames := len(x) / ch
	for i := 0; i < frames; i++ {
		for c := 0; c < och; c++ {
			p.queue = append(p.queue, x[i*ch+min(c, ch-1)])
		}
	}
	p.genPos += float64(frames) * p.outScale * p.speed
	if p.ended {
		p.genPos = float64(p.inf.Frames)
	}
}
