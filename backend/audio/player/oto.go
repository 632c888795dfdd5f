package player

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/ebitengine/oto/v3"
)

// Oto is an Output on the machine's sound device via oto v3 (WASAPI/WinMM on Windows,
// PulseAudio on Linux, Core Audio on macOS).
type Oto struct {
	rate, ch int
	p        *oto.Player
}

var (
	otoOnce sync.Once
	otoCtx  *oto.Context
	otoErr  error
)

// otoContext creates the one process-wide oto context (oto allows only one, and a failed
// attempt cannot be retried, so the outcome is remembered).
func otoContext(rate, ch int) (*oto.Context, error) {
	otoOnce.Do(func() {
		ctx, ready, err := oto.NewContext(&oto.NewContextOptions{
			SampleRate:      rate,
			ChannelCount:    ch,
			Format:          oto.FormatFloat32LE,
			BufferSize:      100 * time.Millisecond,
			ApplicationName: "Redline",
		})
		if err != nil {
			otoErr = err
			return
		}
		select {
		case <-ready:
		case <-time.After(3 * time.Second):
			otoErr = errors.New("the sound device did not become ready within 3 seconds")
			return
		}
		if err := ctx.Err(); err != nil {
			otoErr = err
			return
		}
		otoCtx = ctx
	})
	return otoCtx, otoErr
}

// NewOto opens the sound device at 48 kHz stereo. It fails quickly when there is none (for
// example no PulseAudio server); callers then use NewNull and tell the user.
func NewOto() (*Oto, error) {
	const rate, ch = 48000, 2
	if _, err := otoContext(rate, ch); err != nil {
		return nil, fmt.Errorf("no audio device: %w", err)
	}
	return &Oto{rate: rate, ch: ch}, nil
}

func (o *Oto) SampleRate() int { return o.rate }
func (o *Oto) Channels() int   { return o.ch }
func (o *Oto) HasDevice() bool { return true }

// Start attaches the source; src must also implement io.Seeker so Flush can reset oto's buffer.
func (o *Oto) Start(src io.Reader) error {
	if _, ok := src.(io.Seeker); !ok {
		return errors.New("oto output: source must implement io.Seeker")
	}
	o.p = otoCtx.NewPlayer(src)
	o.p.SetBufferSize(o.rate * o.ch * 4 / 10) // 100 ms: speed and volume changes are heard at once
	return nil
}

func (o *Oto) Play()  { o.p.Play() }
func (o *Oto) Pause() { o.p.Pause() }

// Flush empties oto's buffer; the Seek call reaches the player's source, which ignores it.
func (o *Oto) Flush() { _, _ = o.p.Seek(0, io.SeekCurrent) }

func (o *Oto) Latency() time.Duration {
	frames := o.p.BufferedSize() / (o.ch * 4)
	return time.Duration(frames) * time.Second / time.Duration(o.rate)
}

func (o *Oto) Close() error {
	if o.p != nil {
		o.p.Pause()
	}
	return nil
}

// NewOutput returns the sound device if there is one, else a real-time null sink; the bool
// reports whether a device was found, and the error says why not (for the "no audio device" notice).
func NewOutput() (Output, bool, error) {
	o, err := NewOto()
	if err != nil {
		return NewNull(48000, 2, true), false, err
	}
	return o, true, nil
}
