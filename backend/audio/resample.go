package audio

import (
	"fmt"
	"math"
	"sync"
)

// Resampler converts interleaved float32 audio between sample rates with a windowed-sinc
// polyphase filter (Kaiser window, 16 zero crossings), streaming: feed blocks of any size.
// Output frame k is aligned with input time k*inRate/outRate.
type Resampler struct {
	l, m     int64 // upsample by l, downsample by m (reduced ratio)
	ch       int
	half     int         // taps on each side of the centre
	taps     [][]float32 // [phase][2*half]
	buf      []float32   // interleaved input; frame 0 of buf is absolute frame bufStart
	bufStart int64
	k        int64 // next output frame
	flushed  bool
}

type filterKey struct{ l, m int64 }

var filterCache sync.Map // filterKey -> [][]float32; tables are read-only once built

// NewResampler returns a resampler from inRate to outRate for channels interleaved channels.
func NewResampler(inRate, outRate, channels int) (*Resampler, error) {
	if inRate <= 0 || outRate <= 0 || channels <= 0 {
		return nil, fmt.Errorf("resample: bad rates %d -> %d Hz or %d channels", inRate, outRate, channels)
	}
	g := gcd(inRate, outRate)
	l, m := int64(outRate/g), int64(inRate/g)
	if l > 4096 {
		return nil, fmt.Errorf("resample: ratio %d/%d is too fine; pick standard rates", outRate, inRate)
	}
	const zeroCrossings = 16
	fc := min(1.0, float64(l)/float64(m)) * 0.92 // cutoff as a fraction of the input Nyquist
	half := int(math.Ceil(zeroCrossings / fc))
	r := &Resampler{l: l, m: m, ch: channels, half: half}
	if t, ok := filterCache.Load(filterKey{l, m}); ok {
		r.taps = t.([][]float32)
	} else {
		r.taps = designFilter(l, half, fc)
		filterCache.Store(filterKey{l, m}, r.taps)
	}
	// Start with `half` frames of silence so the first output is centred on input frame 0.
	r.buf = make([]float32, half*channels)
	r.bufStart = -int64(half)
	return r, nil
}

func designFilter(l int64, half int, fc float64) [][]float32 {
	const beta = 8.0
	i0b := besselI0(beta)
	taps := make([][]float32, l)
	for p := int64(0); p < l; p++ {
		row := make([]float32, 2*half)
		frac := float64(p) / float64(l)
		var sum float64
		for j := range row {
			// input frame base-half+1+j, at distance t from the output time
			t := frac + float64(half-1-j)
			x := t / float64(half)
			if math.Abs(x) >= 1 {
				continue
			}
			w := besselI0(beta*math.Sqrt(1-x*x)) / i0b
			v := fc * sinc(fc*t) * w
			row[j] = float32(v)
			sum += v
		}
		for j := range row { // unity gain at DC for every phase
			row[j] = float32(float64(row[j]) / sum)
		}
		taps[p] = row
	}
	return taps
}

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Sin(math.Pi*x) / (math.Pi * x)
}

func besselI0(x float64) float64 {
	sum, term := 1.0, 1.0
	for k := 1; k < 50; k++ {
		term *= (x / (2 * float64(k))) * (x / (2 * float64(k)))
		sum += term
		if term < 1e-12*sum {
			break
		}
	}
	return sum
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// Process appends the output available after feeding in (interleaved) to out and returns it.
func (r *Resampler) Process(in, out []float32) []float32 {
	r.buf = append(r.buf, in...)
	return r.drain(out)
}

// Flush feeds trailing silence so the last input frames come out, and returns the rest.
func (r *Resampler) Flush(out []float32) []float32 {
	if r.flushed {
		return out
	}
	r.flushed = true
	end := r.bufStart + int64(len(r.buf)/r.ch) // total input frames + bufStart offset
	r.buf = append(r.buf, make([]float32, (r.half+1)*r.ch)...)
	// Only emit outputs whose centre lies before the real end of the input.
	limit := (end*r.l + r.m - 1) / r.m
	for r.k < limit {
		before := r.k
		out = r.drainOne(out)
		if r.k == before {
			break
		}
	}
	return out
}

// Reset forgets all history, as after a seek.
func (r *Resampler) Reset() {
	r.buf = r.buf[:0]
	r.buf = append(r.buf, make([]float32, r.half*r.ch)...)
	r.bufStart = -int64(r.half)
	r.k = 0
	r.flushed = false
}

func (r *Resampler) drain(out []float32) []float32 {
	for {
		before := r.k
		out = r.drainOne(out)
		if r.k == before {
			break
		}
	}
	// Drop input no longer needed.
	base := r.k * r.m / r.l
	keep := base - int64(r.half) + 1
	if drop := keep - r.bufStart; drop > 0 && int(drop)*r.ch <= len(r.buf) {
		n := copy(r.buf, r.buf[int(drop)*r.ch:])
		r.buf = r.buf[:n]
		r.bufStart = keep
	}
	return out
}

// drainOne emits output frame r.k if its input window is buffered.
func (r *Resampler) drainOne(out []float32) []float32 {
	num := r.k * r.m
	base, phase := num/r.l, num%r.l
	first := base - int64(r.half) + 1
	last := base + int64(r.half)
	if last >= r.bufStart+int64(len(r.buf)/r.ch) {
		return out
	}
	taps := r.taps[phase]
	off := int(first-r.bufStart) * r.ch
	for c := 0; c < r.ch; c++ {
		var acc float32
		idx := off + c
		for _, t := range taps {
			acc += t * r.buf[idx]
			idx += r.ch
		}
		out = append(out, acc)
	}
	r.k++
	return out
}

// Resample converts a whole mono or interleaved int16 buffer; for short clips and tests.
// For long recordings stream through Resampler instead.
func Resample(samples []int16, channels, inRate, outRate int) ([]int16, error) {
	if inRate == outRate {
		return append([]int16(nil), samples...), nil
	}
	r, err := NewResampler(inRate, outRate, channels)
	if err != nil {
		return nil, err
	}
	in := Int16ToFloat(samples, nil)
	out := r.Process(in, nil)
	out = r.Flush(out)
	return FloatToInt16(out, nil), nil
}

// Int16ToFloat appends samples scaled to [-1, 1) to dst.
func Int16ToFloat(src []int16, dst []float32) []float32 {
	for _, s := range src {
		dst = append(dst, float32(s)/32768)
	}
	return dst
}

// FloatToInt16 appends samples rounded and clipped to 16 bits to dst.
func FloatToInt16(src []float32, dst []int16) []int16 {
	for _, f := range src {
		v := math.Round(float64(f) * 32768)
		dst = append(dst, clamp16(int64(v)))
	}
	return dst
}
