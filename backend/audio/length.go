package audio

import (
	"fmt"
	"math"
)

// Kinds of LengthMismatch.
const (
	// MismatchTruncated: the file ends before its header says (cut short in copying, or the
	// recorder stopped before it finished writing).
	MismatchTruncated = "truncated"
	// MismatchTrailing: the file holds more than its header says (a writer that kept recording
	// after it wrote the sizes, or two recordings joined end to end).
	MismatchTrailing = "trailing"
)

// LengthMismatch says how a recording's header and its file disagree about how much audio there
// is. For evidence the disagreement must be said, not quietly smoothed over: Info.Frames is what
// is decoded, this is what the header claimed.
type LengthMismatch struct {
	Kind           string  `json:"kind"`           // MismatchTruncated or MismatchTrailing
	ClaimedSeconds float64 `json:"claimedSeconds"` // the length the header gives
	ActualSeconds  float64 `json:"actualSeconds"`  // the length the file's bytes hold
	// BytesClaimed and BytesPresent count the audio data (a WAV's data chunk, an MP3's stream
	// after any ID3v2 tag). BytesClaimed is 0 when the header gives no byte count.
	BytesClaimed int64 `json:"bytesClaimed"`
	BytesPresent int64 `json:"bytesPresent"`
}

// newMismatch compares claimed and actual frames; nil when they agree, so that a whole file
// carries no mismatch at all.
func newMismatch(rate int, claimedFrames, actualFrames, bytesClaimed, bytesPresent int64) *LengthMismatch {
	if rate <= 0 || claimedFrames < 0 || claimedFrames == actualFrames {
		return nil
	}
	m := &LengthMismatch{Kind: MismatchTruncated, ClaimedSeconds: seconds(claimedFrames, rate),
		ActualSeconds: seconds(actualFrames, rate), BytesClaimed: bytesClaimed, BytesPresent: bytesPresent}
	if actualFrames > claimedFrames {
		m.Kind = MismatchTrailing
	}
	return m
}

// seconds is rounded to the millisecond so JSON shows 11.4, not 11.400000000000002.
func seconds(frames int64, rate int) float64 {
	return math.Round(float64(frames)*1000/float64(rate)) / 1000
}

// Gap is the difference between the claimed and actual lengths, in seconds, always positive.
func (m *LengthMismatch) Gap() float64 {
	return math.Abs(m.ClaimedSeconds - m.ActualSeconds)
}

// Sentence says the mismatch in plain words, as the transcript header and the import report
// print it: "The file ends 11.4 s before its header says."
func (m *LengthMismatch) Sentence() string {
	if m.Kind == MismatchTrailing {
		return fmt.Sprintf("The file holds %s more than its header says.", GapWords(m.Gap()))
	}
	return fmt.Sprintf("The file ends %s before its header says.", GapWords(m.Gap()))
}

// GapWords writes a length for a reader: "11.4 s", and beyond a minute also as a clock,
// "268435.5 s (74:33:55)", so a lying 4 GiB header reads as the absurdity it is.
func GapWords(s float64) string {
	if s < 0.05 {
		return "less than 0.1 s"
	}
	out := fmt.Sprintf("%.1f s", s)
	if s >= 60 {
		t := int64(s)
		out += fmt.Sprintf(" (%02d:%02d:%02d)", t/3600, t/60%60, t%60)
	}
	return out
}
