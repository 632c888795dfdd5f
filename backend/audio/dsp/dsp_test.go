package dsp

import (
	"math"
	"math/rand/v2"
	"testing"
)

func sine(rate int, hz, amp float64, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(amp * math.Sin(2*math.Pi*hz*float64(i)/float64(rate)))
	}
	return s
}

// powerAt measures the power of x at frequency hz (single-bin DFT), for level comparisons.
func powerAt(x []float32, rate int, hz float64) float64 {
	var re, im float64
	for i, v := range x {
		a := 2 * math.Pi * hz * float64(i) / float64(rate)
		re += float64(v) * math.Cos(a)
		im += float64(v) * math.Sin(a)
	}
	return (re*re + im*im) / float64(len(x)*len(x))
}

// dominant returns the frequency (10 Hz resolution, 100-2000 Hz) with the most power.
func dominant(x []float32, rate int) float64 {
	best, bestP := 0.0, 0.0
	for hz := 100.0; hz <= 2000; hz += 10 {
		if p := powerAt(x, rate, hz); p > bestP {
			best, bestP = hz, p
		}
	}
	return best
}

func TestStretcher_ChangesTempoNotPitch(t *testing.T) {
	const rate = 8000
	in := sine(rate, 440, 0.5, 4*rate)
	for _, speed := range []float64{0.5, 0.75, 1, 1.5, 2} {
		s := NewStretcher(rate, 1)
		s.SetSpeed(speed)
		var out []float32
		for i := 0; i < len(in); i += 160 {
			out = s.Process(in[i:i+160], out)
		}
		wantLen := float64(len(in)) / speed
		if got := float64(len(out)); math.Abs(got-wantLen) > 0.02*wantLen+float64(rate)/10 {
			t.Errorf("speed %.2f: %d samples out of %d, want about %.0f", speed, len(out), len(in), wantLen)
		}
		if f := dominant(out[rate/2:len(out)-rate/2], rate); math.Abs(f-440) > 10 {
			t.Errorf("speed %.2f: pitch %.0f Hz, want 440", speed, f)
		}
	}
}

func TestStretcher_SpeedOneIsTransparent(t *testing.T) {
	in := sine(8000, 300, 0.5, 8000)
	s := NewStretcher(8000, 1)
	out := s.Process(in, nil)
	for i := 240; i < len(out); i++ { // after the first frame's fade-in
		if math.Abs(float64(out[i]-in[i])) > 1e-5 {
			t.Fatalf("sample %d = %f, input %f", i, out[i], in[i])
		}
	}
}

func TestEnhancer_RemovesHumAndHissKeepsVoiceBand(t *testing.T) {
	const rate = 8000
	n := 6 * rate
	hum := sine(rate, 100, 0.2, n)
	voice := sine(rate, 1000, 0.1, n)
	rng := rand.New(rand.NewPCG(1, 2))
	in := make([]float32, n)
	for i := range in {
		in[i] = hum[i] + voice[i] + float32(rng.NormFloat64()*0.02)
		if (i/(rate/2))%2 == 1 { // voice only every other half second, like speech
			in[i] -= voice[i]
		}
	}
	e := NewEnhancer(rate, 1)
	var out []float32
	for i := 0; i < n; i += 160 {
		out = e.Process(in[i:i+160], out)
	}
	tail := func(x []float32) []float32 { return x[len(x)-2*rate:] }
	humIn := powerAt(tail(in), rate, 100) / powerAt(tail(in), rate, 1000)
	humOut := powerAt(tail(out), rate, 100) / powerAt(tail(out), rate, 1000)
	if db := 10 * math.Log10(humIn/humOut); db < 20 {
		t.Errorf("100 Hz hum reduced by %.1f dB relative to the voice band, want >= 20", db)
	}
	// Noise in the gaps between "speech" should fall relative to the speech.
	gapPower := func(x []float32, lag int) (gap, speech float64) {
		for i := n - 2*rate; i < n-lag; i++ {
			v := float64(x[i+lag])
			if (i/(rate/2))%2 == 1 {
				gap += v * v
			} else {
				speech += v * v
			}
		}
		return
	}
	gi, si := gapPower(in, 0)
	go_, so := gapPower(out, 256)
	if imp := 10*math.Log10(si/gi) - 10*math.Log10(so/go_); imp > -3 {
		t.Errorf("speech-to-gap ratio improved by %.1f dB, want >= 3", -imp)
	}
}

func TestGain_ScalesAndLimits(t *testing.T) {
	b := []float32{0.1, -0.5, 0.8}
	Gain(b, 0.5)
	if b[0] != 0.05 || b[1] != -0.25 || b[2] != 0.4 {
		t.Fatalf("half gain: %v", b)
	}
	Gain(b, 4)
	for _, v := range b {
		if v > 1 || v < -1 {
			t.Fatalf("gain 4 produced %f beyond full scale", v)
		}
	}
}
