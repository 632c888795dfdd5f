package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Peaks is a waveform summary: for each bucket of BucketFrames frames, the minimum and maximum
// sample over all channels. Compute it once per recording and store it beside the file.
type Peaks struct {
	SampleRate   int     `json:"sampleRate"`
	Channels     int     `json:"channels"`
	Frames       int64   `json:"frames"`
	BucketFrames int     `json:"bucketFrames"`
	Min          []int16 `json:"min"`
	Max          []int16 `json:"max"`
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
	for {
		n, err := s.Read(buf)
		for i := 0; i < n; i += ch {
			for c := 0; c < ch; c++ {
				v := buf[i+c]
				lo = min(lo, v)
				hi = max(hi, v)
			}
			inBucket++
			if inBucket == bucketFrames {
				p.Min, p.Max = append(p.Min, lo), append(p.Max, hi)
				lo, hi, inBucket = math.MaxInt16, math.MinInt16, 0
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
	}
	return p, nil
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

// Binary encoding: "RLPK", version, then the header fields and the min/max pairs, little-endian.
const (
	peaksMagic   = "RLPK"
	peaksVersion = 1
	peaksHeader  = 4 + 2 + 2 + 4 + 8 + 4 + 4
	maxBuckets   = 1 << 26 // 64M buckets: far beyond any real recording; rejects hostile headers
)

// MarshalBinary encodes the peaks compactly (4 bytes per bucket plus a 28-byte header).
func (p *Peaks) MarshalBinary() ([]byte, error) {
	if len(p.Min) != len(p.Max) {
		return nil, errors.New("peaks: min and max lengths differ")
	}
	b := make([]byte, peaksHeader, peaksHeader+4*len(p.Min))
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
	case int64(len(b)) != peaksHeader+4*n:
		return fmt.Errorf("peaks cache: %d bytes, want %d", len(b), peaksHeader+4*n)
	}
	q.Min, q.Max = make([]int16, n), make([]int16, n)
	for i := range q.Min {
		q.Min[i] = int16(le.Uint16(b[peaksHeader+4*i:]))
		q.Max[i] = int16(le.Uint16(b[peaksHeader+4*i+2:]))
	}
	*p = q
	return nil
}
