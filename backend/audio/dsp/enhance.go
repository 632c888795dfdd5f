package dsp

import (
	"math"

	"gonum.org/v1/gonum/dsp/fourier"
)

// Enhancer is the optional voice-enhancement chain: telephone band-pass (300-3400 Hz),
// spectral noise reduction, then loudness normalisation with a soft limiter. It is a
// listening aid; it adds about one FFT frame (32 ms) of latency.
type Enhancer struct {
	ch   int
	hp   [][2]biquad // per channel: two high-pass sections (4th order at 300 Hz)
	lp   [][2]biquad // per channel: two low-pass sections (4th order at 3400 Hz), nil if above Nyquist
	nr   []*denoiser
	agc  agc
	tmp  []float32
	outs [][]float32
}

// NewEnhancer returns a chain for interleaved audio at rate Hz.
func NewEnhancer(rate, channels int) *Enhancer {
	e := &Enhancer{ch: channels, agc: newAGC(rate)}
	fr := float64(rate)
	for c := 0; c < channels; c++ {
		e.hp = append(e.hp, [2]biquad{highPass(fr, 300, 0.5412), highPass(fr, 300, 1.3066)})
		if 3400 < fr/2*0.95 {
			e.lp = append(e.lp, [2]biquad{lowPass(fr, 3400, 0.5412), lowPass(fr, 3400, 1.3066)})
		}
		e.nr = append(e.nr, newDenoiser(rate))
	}
	e.outs = make([][]float32, channels)
	return e
}

// Reset clears filter state and the noise estimate's history, as after a seek.
func (e *Enhancer) Reset() {
	for c := range e.hp {
		for i := range e.hp[c] {
			e.hp[c][i].reset()
		}
		if e.lp != nil {
			for i := range e.lp[c] {
				e.lp[c][i].reset()
			}
		}
		e.nr[c].reset()
	}
	e.agc.reset()
}

// Process appends the enhanced form of in (interleaved) to out.
func (e *Enhancer) Process(in, out []float32) []float32 {
	frames := len(in) / e.ch
	for c := 0; c < e.ch; c++ {
		e.tmp = e.tmp[:0]
		for i := 0; i < frames; i++ {
			v := float64(in[i*e.ch+c])
			v = e.hp[c][1].step(e.hp[c][0].step(v))
			if e.lp != nil {
				v = e.lp[c][1].step(e.lp[c][0].step(v))
			}
			e.tmp = append(e.tmp, float32(v))
		}
		e.outs[c] = e.nr[c].process(e.tmp, e.outs[c])
	}
	n := len(e.outs[0])
	for c := 1; c < e.ch; c++ {
		n = min(n, len(e.outs[c]))
	}
	start := len(out)
	for i := 0; i < n; i++ {
		for c := 0; c < e.ch; c++ {
			out = append(out, e.outs[c][i])
		}
	}
	for c := range e.outs {
		m := copy(e.outs[c], e.outs[c][n:])
		e.outs[c] = e.outs[c][:m]
	}
	e.agc.process(out[start:], e.ch)
	return out
}

// biquad is a direct-form-I second-order section (RBJ cookbook coefficients).
type biquad struct {
	b0, b1, b2, a1, a2 float64
	x1, x2, y1, y2     float64
}

func (f *biquad) step(x float64) float64 {
	y := f.b0*x + f.b1*f.x1 + f.b2*f.x2 - f.a1*f.y1 - f.a2*f.y2
	f.x2, f.x1, f.y2, f.y1 = f.x1, x, f.y1, y
	return y
}

func (f *biquad) reset() { f.x1, f.x2, f.y1, f.y2 = 0, 0, 0, 0 }

func lowPass(rate, fc, q float64) biquad {
	w := 2 * math.Pi * fc / rate
	alpha := math.Sin(w) / (2 * q)
	cw := math.Cos(w)
	a0 := 1 + alpha
	return biquad{b0: (1 - cw) / 2 / a0, b1: (1 - cw) / a0, b2: (1 - cw) / 2 / a0, a1: -2 * cw / a0, a2: (1 - alpha) / a0}
}

func highPass(rate, fc, q float64) biquad {
	w := 2 * math.Pi * fc / rate
	alpha := math.Sin(w) / (2 * q)
	cw := math.Cos(w)
	a0 := 1 + alpha
	return biquad{b0: (1 + cw) / 2 / a0, b1: -(1 + cw) / a0, b2: (1 + cw) / 2 / a0, a1: -2 * cw / a0, a2: (1 - alpha) / a0}
}

// denoiser is STFT spectral subtraction with a minimum-tracking noise estimate.
type denoiser struct {
	n, hop   int
	fft      *fourier.FFT
	win      []float64 // sqrt-Hann, used for analysis and synthesis (sums to one at 50% overlap)
	in       []float32
	ola      []float64
	power    []float64
	noise    []float64
	gain     []float64
	seq      []float64
	coef     []complex128
	started  bool
	riseStep float64
}

func newDenoiser(rate int) *denoiser {
	n := 1
	for n < rate*32/1000 {
		n <<= 1
	}
	d := &denoiser{n: n, hop: n / 2, fft: fourier.NewFFT(n)}
	d.win = make([]float64, n)
	for i := range d.win {
		d.win[i] = math.Sqrt(0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(n)))
	}
	bins := n/2 + 1
	d.power, d.noise, d.gain = make([]float64, bins), make([]float64, bins), make([]float64, bins)
	d.seq, d.coef = make([]float64, n), make([]complex128, bins)
	hopsPerSec := float64(rate) / float64(d.hop)
	d.riseStep = math.Pow(10, 3.0/10/hopsPerSec) // noise floor may rise 3 dB a second
	d.reset()
	return d
}

func (d *denoiser) reset() {
	d.in = append(d.in[:0], make([]float32, d.hop)...) // prime so output starts aligned to a hop
	d.ola = make([]float64, d.n)
	d.started = false
	for i := range d.gain {
		d.gain[i] = 1
	}
}

func (d *denoiser) process(in, out []float32) []float32 {
	d.in = append(d.in, in...)
	for len(d.in) >= d.n {
		for i := 0; i < d.n; i++ {
			d.seq[i] = float64(d.in[i]) * d.win[i]
		}
		d.coef = d.fft.Coefficients(d.coef, d.seq)
		for k, c := range d.coef {
			p := real(c)*real(c) + imag(c)*imag(c)
			if !d.started {
				d.power[k], d.noise[k] = p, p
			}
			d.power[k] = 0.7*d.power[k] + 0.3*p
			d.noise[k] = min(d.noise[k]*d.riseStep, d.power[k])
			g := 1 - 2*d.noise[k]/(d.power[k]+1e-12) // over-subtract by 2
			g = max(g, 0.12)                         // keep a floor: no "musical noise" holes
			d.gain[k] = 0.5*d.gain[k] + 0.5*g
			d.coef[k] = c * complex(d.gain[k], 0)
		}
		d.started = true
		d.seq = d.fft.Sequence(d.seq, d.coef)
		for i := 0; i < d.n; i++ {
			d.ola[i] += d.seq[i] / float64(d.n) * d.win[i]
		}
		for i := 0; i < d.hop; i++ {
			out = append(out, float32(d.ola[i]))
		}
		copy(d.ola, d.ola[d.hop:])
		clear(d.ola[d.n-d.hop:])
		m := copy(d.in, d.in[d.hop:])
		d.in = d.in[:m]
	}
	return out
}

// agc normalises loudness towards -20 dBFS RMS (gain 0.25x to 8x) and soft-limits peaks.
type agc struct {
	msAlpha, attack, release float64
	ms, gain                 float64
}

func newAGC(rate int) agc {
	a := agc{
		msAlpha: 1 - math.Exp(-1/(0.4*float64(rate))),
		attack:  1 - math.Exp(-1/(0.05*float64(rate))),
		release: 1 - math.Exp(-1/(0.5*float64(rate))),
	}
	a.reset()
	return a
}

func (a *agc) reset() { a.ms, a.gain = 0.01, 1 }

func (a *agc) process(buf []float32, ch int) {
	const target, gate = 0.1, 1e-3
	for i := 0; i+ch <= len(buf); i += ch {
		var m float64
		for c := 0; c < ch; c++ {
			v := float64(buf[i+c])
			m += v * v
		}
		a.ms += a.msAlpha * (m/float64(ch) - a.ms)
		rms := math.Sqrt(a.ms)
		want := a.gain
		if rms > gate { // below the gate hold the gain so silence is not pumped up
			want = min(8, max(0.25, target/rms))
		}
		k := a.release
		if want < a.gain {
			k = a.attack
		}
		a.gain += k * (want - a.gain)
		for c := 0; c < ch; c++ {
			buf[i+c] = softLimit(float32(float64(buf[i+c]) * a.gain))
		}
	}
}

// softLimit passes samples below 0.9 unchanged and bends larger ones smoothly under 1.0.
func softLimit(v float32) float32 {
	const knee = 0.9
	av := float32(math.Abs(float64(v)))
	if av <= knee {
		return v
	}
	l := knee + (1-knee)*float32(math.Tanh(float64((av-knee)/(1-knee))))
	if v < 0 {
		return -l
	}
	return l
}

// Gain multiplies samples by g in place (volume), with the soft limiter for g > 1.
func Gain(buf []float32, g float32) {
	if g == 1 {
		return
	}
	for i, v := range buf {
		v *= g
		if g > 1 {
			v = softLimit(v)
		}
		buf[i] = v
	}
}
