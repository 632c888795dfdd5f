package audio

import "math"

// Speech activity: where in a recording somebody is probably speaking, so an hour that is
// mostly silence (a red alert left open in a pocket) can be reviewed by jumping from one
// stretch of speech to the next.
//
// Why an energy detector and not a trained model (Silero, WebRTC's GMM): it runs in the same
// pass as the waveform peaks at no measurable cost, needs no model file and no cgo, and its
// behaviour is explained in one paragraph to a court. It is a reviewing aid only: it never
// removes audio and never moves a transcript's times. What it does:
//
//   - energy per 10 ms bucket in dBFS, smoothed over three buckets;
//   - an adaptive noise floor by minimum statistics (after Martin, 2001, simplified): the floor
//     at each moment is the quietest smoothed bucket within FloorWindowMs around it. Speech
//     pauses between words many times a second, so its quiet moments show the background
//     under it, while a steady noise that starts (an engine, a television) becomes the floor
//     within half a window instead of counting as speech for the rest of the recording. The
//     whole recording is known when peaks are computed, so the window looks both ways and a
//     recording that opens mid-shout still finds its floor;
//   - a bucket is active when it is ThresholdDB above the floor and above AbsoluteDB (digital
//     silence and dither are never speech);
//   - speech continues HangoverMs after the last active bucket, so the gaps between words do
//     not split a sentence; a stretch starts PreRollMs early, because speech onsets are soft;
//   - stretches with less than MinSpeechMs of activity (a door, a cough, a click) are dropped.
//
// The defaults were set on espeak-ng speech and on 8 kHz telephony from testdata/audio with
// silence and noise between the sentences.

// Stretch is a span of frames [From, To).
type Stretch struct {
	From int64 `json:"from"`
	To   int64 `json:"to"`
}

// VADParams tunes DetectSpeech; DefaultVAD is what Redline uses.
type VADParams struct {
	ThresholdDB   float64 // above the noise floor
	AbsoluteDB    float64 // below this (dBFS) is never speech
	FloorWindowMs int     // the noise floor is the minimum over this window, centred
	HangoverMs    int
	PreRollMs     int
	MinSpeechMs   int
}

// DefaultVAD is the detector's tuning, documented above.
var DefaultVAD = VADParams{ThresholdDB: 10, AbsoluteDB: -55, FloorWindowMs: 6000, HangoverMs: 300, PreRollMs: 100, MinSpeechMs: 200}

// DetectSpeech finds speech in per-bucket energies (dBFS) of buckets bucketMs long and returns
// the stretches in bucket indices [From, To).
func DetectSpeech(energyDB []float32, bucketMs float64, prm VADParams) []Stretch {
	n := len(energyDB)
	if n == 0 || bucketMs <= 0 {
		return nil
	}
	e := smooth(energyDB)
	toBuckets := func(ms int) int { return int(math.Ceil(float64(ms) / bucketMs)) }
	hang, pre, minActive := toBuckets(prm.HangoverMs), toBuckets(prm.PreRollMs), toBuckets(prm.MinSpeechMs)
	floor := slidingMin(e, toBuckets(prm.FloorWindowMs)/2)

	var out []Stretch
	start, last, active := -1, -1, 0
	flush := func() {
		if start >= 0 && active >= minActive {
			out = append(out, Stretch{From: int64(max(0, start-pre)), To: int64(min(n, last+1+hang))})
		}
		start, active = -1, 0
	}
	for i, v := range e {
		if v > floor[i]+prm.ThresholdDB && v > prm.AbsoluteDB {
			if start >= 0 && i > last+hang {
				flush()
			}
			if start < 0 {
				start = i
			}
			last = i
			active++
		} else if start >= 0 && i > last+hang {
			flush()
		}
	}
	flush()
	return mergeTouching(out)
}

// smooth averages each bucket with its neighbours, so one quiet 10 ms between two syllables
// does not count as a drop.
func smooth(e []float32) []float64 {
	out := make([]float64, len(e))
	for i := range e {
		lo, hi := max(0, i-1), min(len(e), i+2)
		var s float64
		for _, v := range e[lo:hi] {
			s += float64(v)
		}
		out[i] = s / float64(hi-lo)
	}
	return out
}

// slidingMin returns, for each i, the minimum of e[i-half : i+half+1], in one pass with a
// queue of candidate positions whose values increase.
func slidingMin(e []float64, half int) []float64 {
	out := make([]float64, len(e))
	var q []int
	for j := 0; j < len(e)+half; j++ {
		if j < len(e) {
			for len(q) > 0 && e[q[len(q)-1]] >= e[j] {
				q = q[:len(q)-1]
			}
			q = append(q, j)
		}
		i := j - half
		if i < 0 {
			continue
		}
		for q[0] < i-half {
			q = q[1:]
		}
		out[i] = e[q[0]]
	}
	return out
}

// mergeTouching joins stretches the pre-roll made overlap.
func mergeTouching(in []Stretch) []Stretch {
	var out []Stretch
	for _, s := range in {
		if k := len(out) - 1; k >= 0 && s.From <= out[k].To {
			out[k].To = max(out[k].To, s.To)
			continue
		}
		out = append(out, s)
	}
	return out
}

// energyDB is a bucket's mean square as dBFS (full-scale square wave = 0 dB); -120 for silence.
func energyDB(sumSquares float64, samples int) float32 {
	if samples == 0 || sumSquares == 0 {
		return -120
	}
	ms := sumSquares / float64(samples) / (32768.0 * 32768.0)
	return float32(max(-120, 10*math.Log10(ms)))
}
