package player

import (
	"bytes"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/audio"
)

// tone returns a 10-second 8 kHz mono WAV of a 440 Hz tone as an open stream.
func tone(t testing.TB, seconds int) *audio.Stream {
	t.Helper()
	const rate = 8000
	s := make([]int16, rate*seconds)
	for i := range s {
		s[i] = int16(8000 * math.Sin(2*math.Pi*440*float64(i)/rate))
	}
	var b bytes.Buffer
	if err := audio.WriteWAV16(&b, rate, s); err != nil {
		t.Fatal(err)
	}
	st, err := audio.Open(bytes.NewReader(b.Bytes()), "tone.wav")
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func newTestPlayer(t testing.TB) (*Player, *Null) {
	out := NewNull(48000, 2, false)
	p, err := New(tone(t, 10), out)
	if err != nil {
		t.Fatal(err)
	}
	return p, out
}

func near(t *testing.T, what string, got, want, tol int64) {
	t.Helper()
	if got < want-tol || got > want+tol {
		t.Errorf("%s = %d ms, want %d ± %d", what, got, want, tol)
	}
}

func TestPlayer_PositionFollowsTheClockAtEachSpeed(t *testing.T) {
	for _, speed := range []float64{0.5, 1, 1.5, 2} {
		p, out := newTestPlayer(t)
		p.SetSpeed(speed)
		p.Play()
		for i := 0; i < 100; i++ { // two seconds of virtual time in 20 ms ticks
			out.Advance(20 * time.Millisecond)
		}
		near(t, "position at speed", p.Position(), int64(2000*speed), 60)
		if got := out.Consumed(); got != 96000 {
			t.Errorf("speed %.1f: output consumed %d frames in 2 s, want 96000 (pitch/tempo kept at 48 kHz)", speed, got)
		}
	}
}

func TestPlayer_PauseHoldsThePlayhead(t *testing.T) {
	p, out := newTestPlayer(t)
	p.Play()
	out.Advance(time.Second)
	p.Pause()
	at := p.Position()
	out.Advance(time.Second)
	if p.Position() != at || p.State() != Paused {
		t.Fatalf("paused player moved from %d to %d ms (state %v)", at, p.Position(), p.State())
	}
}

func TestPlayer_SeekSkipAndRewindOnResume(t *testing.T) {
	p, out := newTestPlayer(t)
	p.SeekMs(5000)
	near(t, "after seek", p.Position(), 5000, 1)
	p.SkipForward(2 * time.Second)
	near(t, "after skip forward", p.Position(), 7000, 1)
	p.SkipBack(3 * time.Second)
	near(t, "after skip back", p.Position(), 4000, 1)
	p.SetRewindOnResume(1500 * time.Millisecond)
	p.Play()
	out.Advance(time.Second)
	p.Pause()
	near(t, "after playing 1 s", p.Position(), 5000, 30)
	p.Play()
	near(t, "resume rewinds 1.5 s", p.Position(), 3500, 30)
	p.SeekMs(-10)
	near(t, "seek before start clamps", p.Position(), 0, 0)
	p.SeekMs(99999)
	near(t, "seek past end clamps", p.Position(), 10000, 0)
}

func TestPlayer_PlaysToTheEndThenRestarts(t *testing.T) {
	p, out := newTestPlayer(t)
	p.SetSpeed(2)
	p.Play()
	for i := 0; i < 300 && p.State() == Playing; i++ {
		out.Advance(50 * time.Millisecond)
	}
	if p.State() != Ended {
		t.Fatalf("state = %v after 15 s at 2x of a 10 s file, want ended", p.State())
	}
	near(t, "position at end", p.Position(), 10000, 0)
	p.Play()
	if p.State() != Playing || p.Position() > 50 {
		t.Fatalf("play after end: state %v at %d ms, want playing from the start", p.State(), p.Position())
	}
}

func TestPlayer_VolumeScalesOutput(t *testing.T) {
	for _, vol := range []float64{0, 0.5, 1} {
		p, _ := newTestPlayer(t)
		p.SetVolume(vol)
		buf := make([]byte, 48000*2*4/2)
		src := &source{p}
		if _, err := src.Read(buf); err != nil {
			t.Fatal(err)
		}
		var peak float64
		for i := len(buf) / 2; i+4 <= len(buf); i += 4 {
			v := float64(math.Float32frombits(uint32(buf[i]) | uint32(buf[i+1])<<8 | uint32(buf[i+2])<<16 | uint32(buf[i+3])<<24))
			peak = max(peak, math.Abs(v))
		}
		want := vol * 8000 / 32768
		if math.Abs(peak-want) > 0.02 {
			t.Errorf("volume %.1f: peak %.3f, want %.3f", vol, peak, want)
		}
	}
}

func TestPlayer_ConcurrentControlIsRaceFree(t *testing.T) {
	p, out := newTestPlayer(t)
	p.SetEnhance(true)
	p.Play()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				out.Advance(10 * time.Millisecond)
			}
		}
	}()
	for i := 0; i < 200; i++ {
		switch i % 7 {
		case 0:
			p.SeekMs(int64(i * 37 % 10000))
		case 1:
			p.SetSpeed(0.5 + float64(i%4)*0.5)
		case 2:
			p.SetVolume(float64(i%3) / 2)
		case 3:
			p.SetEnhance(i%2 == 0)
		case 4:
			p.Toggle()
		case 5:
			_ = p.Position()
		case 6:
			p.SkipBack(time.Second)
		}
	}
	close(stop)
	wg.Wait()
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestNewOutput_FallsBackToNullWithoutDevice(t *testing.T) {
	out, ok, err := NewOutput()
	defer out.Close()
	if ok != out.HasDevice() {
		t.Fatalf("NewOutput says device=%v but output says %v", ok, out.HasDevice())
	}
	if !ok && err == nil {
		t.Fatal("no device but no reason given")
	}
	t.Logf("device=%v err=%v", ok, err)
}

// BenchmarkPipeline: CPU cost of one second of 48 kHz output with stretch and enhancement on.
func BenchmarkPipeline(b *testing.B) {
	for _, c := range []struct {
		name    string
		speed   float64
		enhance bool
	}{{"plain", 1, false}, {"speed1.5", 1.5, false}, {"speed0.75_enhance", 0.75, true}} {
		b.Run(c.name, func(b *testing.B) {
			p, _ := New(tone(b, 60), NewNull(48000, 2, false))
			p.SetSpeed(c.speed)
			p.SetEnhance(c.enhance)
			src := &source{p}
			buf := make([]byte, 48000*2*4)
			for b.Loop() {
				if _, err := src.Read(buf); err != nil {
					p.SeekMs(0)
				}
			}
			b.ReportMetric(1/(b.Elapsed().Seconds()/float64(b.N)), "x_realtime")
		})
	}
}
