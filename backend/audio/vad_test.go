package audio

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

// burst is a stretch of synthetic sound at a known time.
type burst struct {
	fromMs, toMs int
	kind         string // "tone" (a vowel-like 220 Hz tone with harmonics) or "noise"
	dBFS         float64
}

// synth makes rate-Hz mono audio: a low background hiss (backgroundDBFS; -200 for digital
// silence) with the bursts laid over it.
func synth(rate, lengthMs int, backgroundDBFS float64, bursts ...burst) []int16 {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]float64, rate*lengthMs/1000)
	bg := 32768 * math.Pow(10, backgroundDBFS/20) * math.Sqrt(3) // uniform noise RMS = amplitude/sqrt(3)
	for i := range out {
		out[i] = (rng.Float64()*2 - 1) * bg
	}
	for _, b := range bursts {
		amp := 32768 * math.Pow(10, b.dBFS/20)
		for i := rate * b.fromMs / 1000; i < rate*b.toMs/1000 && i < len(out); i++ {
			t := float64(i) / float64(rate)
			if b.kind == "noise" {
				out[i] += (rng.Float64()*2 - 1) * amp * math.Sqrt(3)
				continue
			}
			v := math.Sin(2*math.Pi*220*t) + 0.5*math.Sin(2*math.Pi*440*t) + 0.25*math.Sin(2*math.Pi*660*t)
			out[i] += v * amp / 0.8 // 0.8 is about the RMS of the three partials
		}
	}
	pcm := make([]int16, len(out))
	for i, v := range out {
		pcm[i] = int16(max(-32768, min(32767, math.Round(v))))
	}
	return pcm
}

func speechOf(t *testing.T, rate int, pcm []int16) []Stretch {
	t.Helper()
	var wav bytes.Buffer
	if err := WriteWAV16(&wav, rate, pcm); err != nil {
		t.Fatal(err)
	}
	s, err := Open(bytes.NewReader(wav.Bytes()), "synth.wav")
	if err != nil {
		t.Fatal(err)
	}
	p, err := ComputePeaks(s, 0)
	if err != nil {
		t.Fatal(err)
	}
	return p.Speech
}

// msOf turns stretches in frames into milliseconds.
func msOf(rate int, in []Stretch) [][2]int {
	out := make([][2]int, len(in))
	for i, s := range in {
		out[i] = [2]int{int(s.From * 1000 / int64(rate)), int(s.To * 1000 / int64(rate))}
	}
	return out
}

// near checks each found stretch against the burst it should cover: starting no later than the
// burst and at most the pre-roll plus a bucket or two earlier; ending after the burst, within
// the hangover plus the smoothing.
func near(t *testing.T, got [][2]int, want []burst) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("found %d stretches %v, want %d matching %v", len(got), got, len(want), want)
	}
	for i, w := range want {
		g := got[i]
		if g[0] > w.fromMs+20 || g[0] < w.fromMs-DefaultVAD.PreRollMs-30 {
			t.Errorf("stretch %d starts at %d ms, want about %d ms (less the %d ms pre-roll)", i, g[0], w.fromMs, DefaultVAD.PreRollMs)
		}
		if g[1] < w.toMs || g[1] > w.toMs+DefaultVAD.HangoverMs+30 {
			t.Errorf("stretch %d ends at %d ms, want between %d and %d ms", i, g[1], w.toMs, w.toMs+DefaultVAD.HangoverMs+30)
		}
	}
}

func TestDetectSpeech_ToneBurstsInQuietHissAreFoundAtTheirTimes(t *testing.T) {
	want := []burst{{2000, 3500, "tone", -20}, {7000, 7600, "tone", -30}, {12000, 15000, "tone", -25}}
	for _, rate := range []int{8000, 16000} {
		got := msOf(rate, speechOf(t, rate, synth(rate, 20000, -60, want...)))
		near(t, got, want)
	}
}

func TestDetectSpeech_NoiseBurstsCountLikeSpeechAboveTheFloor(t *testing.T) {
	want := []burst{{1000, 2000, "noise", -25}, {5000, 5800, "noise", -30}}
	near(t, msOf(8000, speechOf(t, 8000, synth(8000, 9000, -65, want...))), want)
}

func TestDetectSpeech_DigitalSilenceAndSteadyHissHaveNoSpeech(t *testing.T) {
	for name, bg := range map[string]float64{"digital silence": -200, "hiss at -40 dBFS": -40, "loud hiss at -15 dBFS": -15} {
		if got := speechOf(t, 8000, synth(8000, 30000, bg)); len(got) != 0 {
			t.Errorf("%s: found speech %v", name, msOf(8000, got))
		}
	}
}

func TestDetectSpeech_ClicksShorterThanTheMinimumAreDropped(t *testing.T) {
	click := burst{3000, 3000 + DefaultVAD.MinSpeechMs/2, "tone", -10}
	word := burst{6000, 6400, "tone", -25}
	near(t, msOf(8000, speechOf(t, 8000, synth(8000, 8000, -60, click, word))), []burst{word})
}

func TestDetectSpeech_GapsShorterThanTheHangoverDoNotSplitASentence(t *testing.T) {
	a := burst{1000, 1600, "tone", -25}
	b := burst{1600 + DefaultVAD.HangoverMs/2, 2500, "tone", -25} // a pause between words
	c := burst{2500 + DefaultVAD.HangoverMs*3, 4000, "tone", -25} // a new sentence
	got := msOf(8000, speechOf(t, 8000, synth(8000, 6000, -60, a, b, c)))
	near(t, got, []burst{{a.fromMs, b.toMs, "", 0}, c})
}

// A recording that opens mid-shout still finds the quiet between: the floor starts at the
// quietest tenth of the recording, not at the first bucket.
func TestDetectSpeech_SpeechFromTheFirstSampleIsFound(t *testing.T) {
	want := []burst{{0, 2000, "tone", -15}, {4000, 4500, "tone", -30}}
	near(t, msOf(8000, speechOf(t, 8000, synth(8000, 6000, -60, want...))), want)
}

// The floor follows a background that gets louder (an engine starting) instead of calling the
// rest of the recording speech, and speech over the louder background is still found.
func TestDetectSpeech_FloorFollowsALouderBackground(t *testing.T) {
	engine := burst{3000, 40000, "noise", -35}
	word := burst{30000, 31000, "tone", -15}
	got := msOf(8000, speechOf(t, 8000, synth(8000, 40000, -60, engine, word)))
	if len(got) == 0 || len(got) > 2 {
		t.Fatalf("found %v, want the engine's start at most and the word", got)
	}
	near(t, got[len(got)-1:], []burst{word})
	if len(got) == 2 && got[0][1]-got[0][0] > 15000 {
		t.Errorf("the engine counted as speech for %d ms: the floor did not follow it", got[0][1]-got[0][0])
	}
}

func TestPeaksCache_SpeechSurvivesARoundTripAndOldVersionsAreRefused(t *testing.T) {
	p := &Peaks{SampleRate: 8000, Channels: 1, Frames: 160, BucketFrames: 80, Min: []int16{1, 2}, Max: []int16{3, 4},
		Speech: []Stretch{{0, 40}, {80, 160}}}
	b, err := p.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var q Peaks
	if err := q.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if len(q.Speech) != 2 || q.Speech[1] != (Stretch{80, 160}) {
		t.Fatalf("speech after a round trip: %v", q.Speech)
	}
	v1 := bytes.Clone(b[:peaksHeader+8]) // version 1 had no speech: header and buckets only
	v1[4] = 1
	if err := q.UnmarshalBinary(v1); err == nil {
		t.Fatal("a version 1 cache (no speech) was accepted: it must be computed again")
	}
	for name, s := range map[string][]Stretch{"overlapping": {{0, 100}, {90, 160}}, "past the end": {{100, 161}}, "empty": {{50, 50}}} {
		bad, _ := (&Peaks{SampleRate: 8000, Channels: 1, Frames: 160, BucketFrames: 80, Min: []int16{1, 2}, Max: []int16{3, 4}, Speech: s}).MarshalBinary()
		if err := q.UnmarshalBinary(bad); err == nil {
			t.Errorf("%s speech stretches accepted", name)
		}
	}
}

func FuzzPeaksCache(f *testing.F) {
	good, _ := (&Peaks{SampleRate: 8000, Channels: 1, Frames: 160, BucketFrames: 80, Min: []int16{1, 2}, Max: []int16{3, 4},
		Speech: []Stretch{{0, 40}, {80, 160}}}).MarshalBinary()
	f.Add(good)
	f.Add(good[:len(good)-3])
	f.Add([]byte("RLPK\x01\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p Peaks
		if p.UnmarshalBinary(b) != nil {
			return
		}
		again, err := p.MarshalBinary()
		if err != nil || !bytes.Equal(again, b) {
			t.Fatalf("accepted a cache that does not re-encode to itself: %v", err)
		}
	})
}

func TestSlidingMin_MatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 7, 100} {
		e := make([]float64, n)
		for i := range e {
			e[i] = float64(rng.IntN(50))
		}
		for _, half := range []int{0, 1, 3, 200} {
			got := slidingMin(e, half)
			for i := range e {
				want := e[i]
				for _, v := range e[max(0, i-half):min(n, i+half+1)] {
					want = min(want, v)
				}
				if got[i] != want {
					t.Fatalf("n=%d half=%d: min at %d = %v, want %v", n, half, i, got[i], want)
				}
			}
		}
	}
}

// BenchmarkDetectSpeech60Min is the detector's share of the first-open cost of an hour
// (360,000 buckets of 10 ms), to set beside BenchmarkPeaks60Min.
func BenchmarkDetectSpeech60Min(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	e := make([]float32, 360_000)
	for i := range e {
		e[i] = -60 + float32(rng.NormFloat64())
		if i%3000 < 400 { // 4 s of speech every 30 s
			e[i] += 35
		}
	}
	for b.Loop() {
		if len(DetectSpeech(e, 10, DefaultVAD)) != 120 {
			b.Fatal("wrong stretches")
		}
	}
}
