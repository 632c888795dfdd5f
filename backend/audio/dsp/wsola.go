// Package dsp holds the listening aids applied during playback: WSOLA time-stretch,
// the voice-enhancement chain and gain. They work on copies of decoded samples, never on files.
package dsp

import "math"

// Speed limits for the time-stretcher.
const (
	MinSpeed = 0.5
	MaxSpeed = 2.0
)

// Stretcher changes playback speed without changing pitch, by WSOLA (waveform-similarity
// overlap-add): each output hop copies the input segment, near the nominal position, that best
// continues the previous one. It streams interleaved float32 audio of any channel count.
type Stretcher struct {
	ch, n, hs, tol int
	speed          float64
	win            []float32
	in             []float32 // interleaved; frame 0 is absolute frame inStart
	inStart        int64
	ana            float64 // nominal analysis position of the next segment
	prev           int64   // start of the previous segment, -1 before the first
	tail           []float32
}

// NewStretcher returns a stretcher for audio at rate Hz: 30 ms frames, 10 ms search.
func NewStretcher(rate, channels int) *Stretcher {
	n := max(16, rate*30/1000) &^ 1
	s := &Stretcher{ch: channels, n: n, hs: n / 2, tol: max(4, rate/100), speed: 1}
	s.win = make([]float32, n)
	for i := range s.win {
		s.win[i] = float32(0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(n)))
	}
	s.Reset()
	return s
}

// SetSpeed sets the tempo factor, clamped to [MinSpeed, MaxSpeed]; takes effect at the next hop.
func (s *Stretcher) SetSpeed(x float64) {
	if x != x {
		x = 1
	}
	s.speed = min(MaxSpeed, max(MinSpeed, x))
}

// Speed returns the current tempo factor.
func (s *Stretcher) Speed() float64 { return s.speed }

// Reset drops buffered audio, as after a seek.
func (s *Stretcher) Reset() {
	s.in = s.in[:0]
	s.inStart, s.ana, s.prev = 0, 0, -1
	s.tail = make([]float32, s.hs*s.ch)
}

// Process appends the stretched output available after feeding in to out.
func (s *Stretcher) Process(in, out []float32) []float32 {
	s.in = append(s.in, in...)
	avail := s.inStart + int64(len(s.in)/s.ch)
	for {
		nominal := int64(s.ana + 0.5)
		lo := max(nominal-int64(s.tol), s.inStart)
		hi := nominal + int64(s.tol)
		if hi+int64(s.n) > avail || (s.prev >= 0 && s.prev+int64(s.hs+s.n) > avail) {
			break
		}
		best := max(nominal, s.inStart)
		if s.prev >= 0 {
			best = s.search(s.prev+int64(s.hs), nominal, lo, hi)
		}
		out = s.overlapAdd(best, out)
		s.prev = best
		s.ana += float64(s.hs) * s.speed
	}
	s.trim()
	return out
}

// search returns the candidate start in [lo, hi] whose segment best matches the natural
// continuation of the previous segment (normalised cross-correlation on a mono mix).
func (s *Stretcher) search(target, nominal, lo, hi int64) int64 {
	if target >= lo && target <= hi {
		// At speed 1 the continuation itself is a candidate and wins: output equals input.
		if s.speed == 1 {
			return target
		}
	}
	best, bestScore := nominal, math.Inf(-1)
	tOff := int(target - s.inStart)
	for c := lo; c <= hi; c++ {
		cOff := int(c - s.inStart)
		var xy, yy float64
		for i := 0; i < s.n; i += 2 {
			x := s.mono(tOff + i)
			y := s.mono(cOff + i)
			xy += float64(x * y)
			yy += float64(y * y)
		}
		score := xy / math.Sqrt(yy+1e-9)
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

func (s *Stretcher) mono(frame int) float32 {
	if s.ch == 1 {
		return s.in[frame]
	}
	var v float32
	for c := 0; c < s.ch; c++ {
		v += s.in[frame*s.ch+c]
	}
	return v
}

func (s *Stretcher) overlapAdd(start int64, out []float32) []float32 {
	off := int(start-s.inStart) * s.ch
	seg := s.in[off : off+s.n*s.ch]
	for i := 0; i < s.hs; i++ {
		for c := 0; c < s.ch; c++ {
			out = append(out, s.tail[i*s.ch+c]+seg[i*s.ch+c]*s.win[i])
		}
	}
	for i := 0; i < s.hs; i++ {
		for c := 0; c < s.ch; c++ {
			s.tail[i*s.ch+c] = seg[(s.hs+i)*s.ch+c] * s.win[s.hs+i]
		}
	}
	return out
}

// trim discards input that no future search can reach.
func (s *Stretcher) trim() {
	keep := int64(s.ana+0.5) - int64(s.tol)
	if s.prev >= 0 {
		keep = min(keep, s.prev+int64(s.hs))
	}
	drop := keep - s.inStart
	if drop <= 0 {
		return
	}
	if int(drop)*s.ch >= len(s.in) {
		drop = int64(len(s.in) / s.ch)
	}
	n := copy(s.in, s.in[int(drop)*s.ch:])
	s.in = s.in[:n]
	s.inStart += drop
}
