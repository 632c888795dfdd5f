package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Peaks is a waveform summary: for each bucket of BucketFrames frames, the minimum and maximum
// sample over all channels, and the stretches of speech found in the same pass (see
// DetectSpeech). Compute it once per recording and store it beside the file.
type Peaks struct {
	SampleRate   int       `json:"sampleRate"`
	Channels     int       `json:"channels"`
	Frames       int64     `json:"frames"`
	BucketFrames int       `json:"bucketFrames"`
	Min          []int16   `json:"min"`
	Max          []int16   `json:"max"`
	Speech       []Stretch `json:"speech"` // in frames, in order, not overlapping
}

// DefaultBucketMs is the default bucket width: 10 ms gives 360,000 buckets (1.4 MB) an hour,
// enough to zoom to single syllables.
const DefaultBucketMs = 10

// ComputePeaks reads the stream from its current position to the end. bucketFrames <= 0 picks
// DefaultBucketMs.
func ComputePeaks(s *Stream, bucketFrames int) (*Peaks, error) {
	inf := s.Info()
	if bucketFrames <= 0 {
		bucketFrames = max(1, inf.SampleRate*DefaultBucketMs/1000)
	}
	p := &Peaks{SampleRate: inf.SampleRate, Channels: inf.Channels, BucketFrames: bucketFrames}
	if est := inf.Frames/int64(bucketFrames) + 1; est > 0 && est < 1<<24 {
		p.Min = make([]int16, 0, est)
		p.Max = make([]int16, 0, est)
	}
	ch := inf.Channels
	buf := make([]int16, 8192*ch)
	lo, hi := int16(math.MaxInt16), int16(math.MinInt16)
	inBucket := 0
	var sq int64 // the bucket's sum of squares, for the speech detector (at most 2^30 a sample)
	energy := make([]float32, 0, cap(p.Min))
	for {
		n, err := s.Read(buf)
		for i := 0; i < n; i += ch {
			for c := 0; c < ch; c++ {
				v := buf[i+c]
				lo = min(lo, v)
				hi = max(hi, v)
				sq += int64(v) * int64(v)
			}
			inBucket++
			if inBucket == bucketFrames {
				p.Min, p.Max = append(p.Min, lo), append(p.Max, hi)
				energy = append(energy, energyDB(float64(sq), bucketFrames*ch))
				lo, hi, inBucket, sq = math.MaxInt16, math.MinInt16, 0, 0
			}
		}
		p.Frames += int64(n / ch)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("waveform peaks: %w", err)
		}
	}
	if inBucket > 0 {
		p.Min, p.Max = append(p.Min, lo), append(p.Max, hi)
		energy = append(energy, energyDB(float64(sq), inBucket*ch))
	}
	p.Speech = p.speechFrames(DetectSpeech(energy, float64(bucketFrames)*1000/float64(max(1, inf.SampleRate)), DefaultVAD))
	return p, nil
}

// speechFrames turns stretches of buckets into stretches of frames, ending at the last frame.
func (p *Peaks) speechFrames(in []Stretch) []Stretch {
	out := make([]Stretch, 0, len(in))
	bf := int64(p.BucketFrames)
	for _, s := range in {
		if from, to := s.From*bf, min(s.To*bf, p.Frames); from < to {
			out = append(out, Stretch{From: from, To: to})
		}
	}
	return out
}

// Span returns n display columns over frames [from, to): the min and max of the buckets each
// column covers. It is what the UI draws at a given zoom.
func (p *Peaks) Span(from, to int64, n int) (mins, maxs []int16) {
	if n <= 0 || to <= from || len(p.Min) == 0 {
		return nil, nil
	}
	mins, maxs = make([]int16, n), make([]int16, n)
	bf := int64(p.BucketFrames)
	for i := 0; i < n; i++ {
		a := (from + (to-from)*int64(i)/int64(n)) / bf
		b := (from + (to-from)*int64(i+1)/int64(n) + bf - 1) / bf
		a = min(max(a, 0), int64(len(p.Min)))
		b = min(max(b, a+1), int64(len(p.Min)))
		lo, hi := int16(0), int16(0)
		if a < b {
			lo, hi = p.Min[a], p.Max[a]
			for j := a + 1; j < b; j++ {
				lo, hi = min(lo, p.Min[j]), max(hi, p.Max[j])
			}
		}
		mins[i], maxs[i] = lo, hi
	}
	return mins, maxs
}

// Binary encoding: "RLPK", version, then the header fields and the min/max pairs, then (from
// version 2) the number of speech stretches and their from/to frames, all little-endian. A cache
// of another version is refused, so the caller computes it again.
const (
	peaksMagic   = "RLPK"
	peaksVersion = 2
	peaksHeader  = 4 + 2 + 2 + 4 + 8 + 4 + 4
	maxBuckets   = 1 << 26 // 64M buckets: far beyond any real recording; rejects hostile headers
)

// PeaksHeaderCurrent says whether the first 6 bytes of a cache file are this version's magic
// and version, without reading the rest.
func PeaksHeaderCurrent(head []byte) bool {
	return len(head) >= 6 && string(head[:4]) == peaksMagic && binary.LittleEndian.Uint16(head[4:]) == peaksVersion
}

// MarshalBinary encodes the peaks compactly (4 bytes per bucket plus a 28-byte header, then
// 4 bytes plus 16 per speech stretch).
func (p *Peaks) MarshalBinary() ([]byte, error) {
	if len(p.Min) != len(p.Max) {
		return nil, errors.New("peaks: min and max lengths differ")
	}
	b := make([]byte, peaksHeader, peaksHeader+4*len(p.Min)+4+16*len(p.Speech))
	le := binary.LittleEndian
	copy(b, peaksMagic)
	le.PutUint16(b[4:], peaksVersion)
	le.PutUint16(b[6:], uint16(p.Channels))
	le.PutUint32(b[8:], uint32(p.SampleRate))
	le.PutUint64(b[12:], uint64(p.Frames))
	le.PutUint32(b[20:], uint32(p.BucketFrames))
	le.PutUint32(b[24:], uint32(len(p.Min)))
	for i := range p.Min {
		b = le.AppendUint16(b, uint16(p.Min[i]))
		b = le.AppendUint16(b, uint16(p.Max[i]))
	}
	b = le.AppendUint32(b, uint32(len(p.Speech)))
	for _, s := range p.Speech {
		b = le.AppendUint64(b, uint64(s.From))
		b = le.AppendUint64(b, uint64(s.To))
	}
	return b, nil
}

// UnmarshalBinary decodes what MarshalBinary wrote, rejecting anything inconsistent.
func (p *Peaks) UnmarshalBinary(b []byte) error {
	if len(b) < peaksHeader || string(b[:4]) != peaksMagic {
		return errors.New("peaks cache: not a Redline peaks file")
	}
	le := binary.LittleEndian
	if v := le.Uint16(b[4:]); v != peaksVersion {
		return fmt.Errorf("peaks cache: version %d, want %d", v, peaksVersion)
	}
	q := Peaks{
		Channels:     int(le.Uint16(b[6:])),
		SampleRate:   int(le.Uint32(b[8:])),
		Frames:       int64(le.Uint64(b[12:])),
		BucketFrames: int(le.Uint32(b[20:])),
	}
	n := int64(le.Uint32(b[24:]))
	switch {
	case q.BucketFrames <= 0 || q.SampleRate <= 0 || q.Channels <= 0 || q.Frames < 0:
		return errors.New("peaks cache: header has zero or negative fields")
	case n > maxBuckets || n != (q.Frames+int64(q.BucketFrames)-1)/int64(q.BucketFrames):
		return fmt.Errorf("peaks cache: %d buckets does not match %d frames of %d", n, q.Frames, q.BucketFrames)
	case int64(len(b)) < peaksHeader+4*n+4:
		return fmt.Errorf("peaks cache: %d bytes, want at least %d", len(b), peaksHeader+4*n+4)
	}
	q.Min, q.Max = make([]int16, n), make([]int16, n)
	for i := range q.Min {
		q.Min[i] = int16(le.Uint16(b[peaksHeader+4*i:]))
		q.Max[i] = int16(le.Uint16(b[peaksHeader+4*i+2:]))
	}
	speech, err := decodeSpeech(b[peaksHeader+4*n:], n, q.Frames)
	if err != nil {
		return err
	}
	q.Speech = speech
	*p = q
	return nil
}

// decodeSpeech reads the stretches after the buckets: at most one per bucket, in order, not
// overlapping, inside the recording.
func decodeSpeech(b []byte, buckets, frames int64) ([]Stretch, error) {
	le := binary.LittleEndian
	k := int64(le.Uint32(b))
	if k > buckets || int64(len(b)) != 4+16*k {
		return nil, fmt.Errorf("peaks cache: %d speech stretches in %d bytes", k, len(b)-4)
	}
	out := make([]Stretch, k)
	prev := int64(0)
	for i := range out {
		s := Stretch{From: int64(le.Uint64(b[4+16*i:])), To: int64(le.Uint64(b[12+16*i:]))}
		if s.From < prev || s.To <= s.From || s.To > frames {
			return nil, fmt.Errorf("peaks cache: speech stretch %d [%d,%d) is out of order or outside the recording", i, s.From, s.To)
		}
		out[i], prev = s, s.To
	}
	return out, nil
}
