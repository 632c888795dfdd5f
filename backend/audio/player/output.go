package player

import (
	"io"
	"sync"
	"time"
)

// Output plays float32 little-endian interleaved PCM that it pulls from a source. The
// implementations are Oto (a real sound device) and Null (a clock-driven sink for machines
// without one, and for tests).
type Output interface {
	// SampleRate and Channels describe the PCM the output pulls.
	SampleRate() int
	Channels() int
	// Start attaches the source, paused. It is called once.
	Start(src io.Reader) error
	Play()
	Pause()
	// Flush drops audio pulled but not yet heard, after a seek or a setting change.
	Flush()
	// Latency is the audio pulled from the source but not yet heard.
	Latency() time.Duration
	// HasDevice reports whether sound reaches a real device.
	HasDevice() bool
	Close() error
}

// Null is an Output with no device: it consumes audio at the rate a device would, timed by a
// clock. NewNull with realtime=true runs its own ticker; tests call Advance to move a virtual clock.
type Null struct {
	rate, ch int
	mu       sync.Mutex
	src      io.Reader
	playing  bool
	frac     float64 // frames owed but not yet pulled (sub-frame remainder)
	stop     chan struct{}
	done     chan struct{}
	consumed int64 // frames pulled in total, for tests
	buf      []byte
}

// NewNull returns a null output. With realtime it pulls audio in step with the wall clock.
func NewNull(rate, channels int, realtime bool) *Null {
	n := &Null{rate: rate, ch: channels}
	if realtime {
		n.stop, n.done = make(chan struct{}), make(chan struct{})
		go n.run()
	}
	return n
}

func (n *Null) run() {
	defer close(n.done)
	const tick = 20 * time.Millisecond
	t := time.NewTicker(tick)
	defer t.Stop()
	last := time.Now()
	for {
		select {
		case <-n.stop:
			return
		case now := <-t.C:
			n.Advance(now.Sub(last))
			last = now
		}
	}
}

func (n *Null) SampleRate() int { return n.rate }
func (n *Null) Channels() int   { return n.ch }
func (n *Null) HasDevice() bool { return false }

func (n *Null) Start(src io.Reader) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.src = src
	return nil
}

func (n *Null) Play()  { n.mu.Lock(); n.playing = true; n.mu.Unlock() }
func (n *Null) Pause() { n.mu.Lock(); n.playing = false; n.mu.Unlock() }
func (n *Null) Flush() {}

// Latency is zero: the null sink "hears" audio the moment it pulls it.
func (n *Null) Latency() time.Duration { return 0 }

// Consumed returns the frames pulled so far.
func (n *Null) Consumed() int64 {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.consumed
}

// Advance pulls d worth of audio if playing, as a device would over d. It returns the frames pulled.
// The source is read without holding the sink's lock, so the player may call Pause meanwhile.
func (n *Null) Advance(d time.Duration) int64 {
	n.mu.Lock()
	if !n.playing || n.src == nil {
		n.frac = 0
		n.mu.Unlock()
		return 0
	}
	want := d.Seconds()*float64(n.rate) + n.frac
	frames := int64(want)
	n.frac = want - float64(frames)
	src := n.src
	need := int(frames) * n.ch * 4
	if cap(n.buf) < need {
		n.buf = make([]byte, need)
	}
	buf := n.buf[:need]
	n.mu.Unlock()

	got := 0
	for got < len(buf) {
		k, err := src.Read(buf[got:])
		got += k
		if err != nil || k == 0 {
			if err == io.EOF {
				n.Pause() // a device stops at the end of the stream
			}
			break
		}
	}
	n.mu.Lock()
	n.consumed += int64(got / (n.ch * 4))
	n.mu.Unlock()
	return int64(got / (n.ch * 4))
}

func (n *Null) Close() error {
	if n.stop != nil {
		select {
		case <-n.stop:
		default:
			close(n.stop)
			<-n.done
		}
	}
	return nil
}
