// Package transcript holds the shape of a transcript of a recording (time-aligned segments,
// speaker labels, court marks such as [inaudible hh:mm:ss]) and the rules for editing it.
package transcript

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Neutral speaker labels, as courts expect (no names unless someone adds them).
var StandardSpeakers = []string{"Lone worker", "Alleged offender", "ARC operator", "Unknown"}

// Word is one recognised word with its timing and the engine's confidence (0..1).
type Word struct {
	StartMs    int64   `json:"startMs"`
	EndMs      int64   `json:"endMs"`
	Text       string  `json:"text"`
	Confidence float64 `json:"confidence"`
}

// Segment is one stretch of speech: who said it, when, and what.
type Segment struct {
	StartMs    int64   `json:"startMs"`
	EndMs      int64   `json:"endMs"`
	Speaker    string  `json:"speaker"`
	Text       string  `json:"text"`
	Confidence float64 `json:"confidence"` // engine's mean confidence; 0 when typed by a person
	Words      []Word  `json:"words,omitempty"`
}

// Limits that keep a hostile or mistaken save bounded.
const (
	MaxSegments    = 20000
	MaxTextRunes   = 5000
	MaxSpeakerName = 60
)

// Validate checks segments against the recording's length (durationMs <= 0 skips that check),
// naming the segment at fault by its number as shown to the user (1-based).
func Validate(segs []Segment, durationMs int64, speakers []string) error {
	if len(segs) > MaxSegments {
		return fmt.Errorf("the transcript has %d segments; the most Redline keeps is %d", len(segs), MaxSegments)
	}
	known := map[string]bool{"": true}
	for _, s := range AllSpeakers(speakers) {
		known[s] = true
	}
	for i, s := range segs {
		n := i + 1
		switch {
		case s.StartMs < 0 || s.EndMs < s.StartMs:
			return fmt.Errorf("segment %d: it ends (%s) before it starts (%s)", n, Clock(s.EndMs), Clock(s.StartMs))
		case durationMs > 0 && s.StartMs > durationMs:
			return fmt.Errorf("segment %d starts at %s, after the recording ends (%s)", n, Clock(s.StartMs), Clock(durationMs))
		case utf8.RuneCountInString(s.Text) > MaxTextRunes:
			return fmt.Errorf("segment %d is longer than %d characters; split it", n, MaxTextRunes)
		case !utf8.ValidString(s.Text):
			return fmt.Errorf("segment %d contains characters that are not valid text", n)
		case !known[s.Speaker]:
			return fmt.Errorf("segment %d: speaker %q is not in the list; add the name first", n, s.Speaker)
		}
	}
	return nil
}

// AllSpeakers is the standard labels followed by the custom names, without duplicates.
func AllSpeakers(custom []string) []string {
	out := append([]string{}, StandardSpeakers...)
	seen := map[string]bool{}
	for _, s := range out {
		seen[strings.ToLower(s)] = true
	}
	for _, s := range custom {
		s = strings.TrimSpace(s)
		if s != "" && !seen[strings.ToLower(s)] {
			seen[strings.ToLower(s)] = true
			out = append(out, s)
		}
	}
	return out
}

// CleanSpeakerName trims a custom speaker name and rejects empty or overlong ones.
func CleanSpeakerName(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", fmt.Errorf("a speaker name cannot be empty")
	}
	if utf8.RuneCountInString(s) > MaxSpeakerName {
		return "", fmt.Errorf("the speaker name %q is longer than %d characters", s, MaxSpeakerName)
	}
	return s, nil
}

// Sort orders segments by start time (stable, so equal starts keep the editor's order).
func Sort(segs []Segment) {
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].StartMs < segs[j].StartMs })
}

// Clock formats milliseconds as hh:mm:ss, the form court transcripts use.
func Clock(ms int64) string {
	if ms < 0 {
		ms = 0
	}
	s := ms / 1000
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// InaudibleMark is the mark for a passage that cannot be made out, with its time.
func InaudibleMark(ms int64) string { return "[inaudible " + Clock(ms) + "]" }

// OverlapMark marks speakers talking over each other.
const OverlapMark = "[overlapping speech]"

// Marshal encodes segments for storage.
func Marshal(segs []Segment) (string, error) {
	if segs == nil {
		segs = []Segment{}
	}
	b, err := json.Marshal(segs)
	return string(b), err
}

// Unmarshal decodes stored segments.
func Unmarshal(s string) ([]Segment, error) {
	var segs []Segment
	if err := json.Unmarshal([]byte(s), &segs); err != nil {
		return nil, fmt.Errorf("stored transcript text is damaged: %w", err)
	}
	return segs, nil
}

// MarshalSpeakers and UnmarshalSpeakers store the custom speaker names.
func MarshalSpeakers(names []string) string {
	if names == nil {
		names = []string{}
	}
	b, _ := json.Marshal(names)
	return string(b)
}

func UnmarshalSpeakers(s string) []string {
	var names []string
	_ = json.Unmarshal([]byte(s), &names) // a damaged list only loses custom names, never text
	return names
}

// Diff summarises what changed between two versions in words, for the revision history.
func Diff(old, new []Segment) string {
	var changed, speakers, times int
	n := min(len(old), len(new))
	for i := 0; i < n; i++ {
		if old[i].Text != new[i].Text {
			changed++
		}
		if old[i].Speaker != new[i].Speaker {
			speakers++
		}
		if old[i].StartMs != new[i].StartMs || old[i].EndMs != new[i].EndMs {
			times++
		}
	}
	var parts []string
	add := func(k int, what string) {
		if k == 1 {
			parts = append(parts, "1 "+what)
		} else if k > 1 {
			parts = append(parts, fmt.Sprintf("%d %ss", k, what))
		}
	}
	add(changed, "text change")
	add(speakers, "speaker change")
	add(times, "timing change")
	if d := len(new) - len(old); d > 0 {
		add(d, "segment added")
		parts[len(parts)-1] = strings.Replace(parts[len(parts)-1], "segment addeds", "segments added", 1)
	} else if d < 0 {
		add(-d, "segment removed")
		parts[len(parts)-1] = strings.Replace(parts[len(parts)-1], "segment removeds", "segments removed", 1)
	}
	if len(parts) == 0 {
		return "no change to the text"
	}
	return strings.Join(parts, ", ")
}
