package audio

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestPeaks_MatchBruteForceAndRoundTrip(t *testing.T) {
	_, all := decodeFile(t, "pcm16.wav")
	f, _ := os.Open(filepath.Join(corpus, "pcm16.wav"))
	defer f.Close()
	s, err := Open(f, "pcm16.wav")
	if err != nil {
		t.Fatal(err)
	}
	p, err := ComputePeaks(s, 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.BucketFrames != 80 || len(p.Min) != (len(all)+79)/80 || p.Frames != int64(len(all)) {
		t.Fatalf("bucket %d, %d buckets, %d frames", p.BucketFrames, len(p.Min), p.Frames)
	}
	for b := range p.Min {
		lo, hi := all[b*80], all[b*80]
		for _, v := range all[b*80 : min(len(all), b*80+80)] {
			lo, hi = min(lo, v), max(hi, v)
		}
		if p.Min[b] != lo || p.Max[b] != hi {
			t.Fatalf("bucket %d = [%d,%d], want [%d,%d]", b, p.Min[b], p.Max[b], lo, hi)
		}
	}
	enc, err := p.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var q Peaks
	if err := q.UnmarshalBinary(enc); err != nil {
		t.Fatal(err)
	}
	enc2, _ := q.MarshalBinary()
	if !bytes.Equal(enc, enc2) || q.Frames != p.Frames {
		t.Fatal("peaks do not survive a round trip")
	}
	mins, maxs := p.Span(0, p.Frames, 100)
	var lo, hi int16
	for i := range mins {
		lo, hi = min(lo, mins[i]), max(hi, maxs[i])
	}
	var wlo, whi int16
	for _, v := range all {
		wlo, whi = min(wlo, v), max(whi, v)
	}
	if lo != wlo || hi != whi {
		t.Fatalf("span extremes [%d,%d], want [%d,%d]", lo, hi, wlo, whi)
	}
}

func TestPeaks_RejectsDamagedCache(t *testing.T) {
	good, _ := (&Peaks{SampleRate: 8000, Channels: 1, Frames: 160, BucketFrames: 80, Min: []int16{1, 2}, Max: []int16{3, 4}}).MarshalBinary()
	cases := map[string][]byte{
		"empty":       nil,
		"wrong magic": append([]byte("XXXX"), good[4:]...),
		"truncated":   good[:len(good)-1],
		"count lies":  func() []byte { b := bytes.Clone(good); b[24] = 0xFF; b[27] = 0x7F; return b }(),
	}
	for name, b := range cases {
		var p Peaks
		if err := p.UnmarshalBinary(b); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
