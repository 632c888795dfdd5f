package audio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// riff builds a WAV file from chunks, padding odd-sized chunks as the format requires.
func riff(chunks ...[]byte) []byte {
	var body []byte
	for _, c := range chunks {
		body = append(body, c...)
	}
	h := []byte("RIFF")
	h = binary.LittleEndian.AppendUint32(h, uint32(4+len(body)))
	return append(append(h, "WAVE"...), body...)
}

func chunk(id string, data []byte) []byte {
	c := append([]byte(id), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
	c = append(c, data...)
	if len(data)%2 == 1 {
		c = append(c, 0)
	}
	return c
}

func fmtChunk(tag, ch uint16, rate uint32, bits uint16, extra []byte) []byte {
	le := binary.LittleEndian
	align := ch * max(bits/8, 1)
	b := le.AppendUint16(nil, tag)
	b = le.AppendUint16(b, ch)
	b = le.AppendUint32(b, rate)
	b = le.AppendUint32(b, rate*uint32(align))
	b = le.AppendUint16(b, align)
	b = le.AppendUint16(b, bits)
	if extra != nil {
		b = le.AppendUint16(b, uint16(len(extra)))
		b = append(b, extra...)
	}
	return chunk("fmt ", b)
}

func pcm16(vals ...int16) []byte {
	var b []byte
	for _, v := range vals {
		b = binary.LittleEndian.AppendUint16(b, uint16(v))
	}
	return b
}

func decodeBytes(t *testing.T, b []byte) (Info, []int16, error) {
	t.Helper()
	s, err := Open(bytes.NewReader(b), "test.wav")
	if err != nil {
		return Info{}, nil, err
	}
	var all []int16
	buf := make([]int16, 7)
	for {
		n, err := s.Read(buf)
		all = append(all, buf[:n]...)
		if err != nil {
			break
		}
	}
	return s.Info(), all, nil
}

func TestWAV_ChunkLayouts(t *testing.T) {
	extensible := func(sub uint16) []byte {
		e := binary.LittleEndian.AppendUint16(nil, 16) // valid bits
		e = binary.LittleEndian.AppendUint32(e, 4)     // channel mask
		e = binary.LittleEndian.AppendUint16(e, sub)
		return append(e, "\x00\x00\x00\x00\x10\x00\x80\x00\x00\xAA\x00\x38\x9B\x71"...)
	}
	cases := []struct {
		name string
		file []byte
		want []int16
	}{
		{"LIST chunk with odd length before fmt and data",
			riff(chunk("LIST", []byte("INFOabc")), fmtChunk(1, 1, 8000, 16, nil), chunk("data", pcm16(1, -2, 3))),
			[]int16{1, -2, 3}},
		{"odd-sized unknown chunk is padded",
			riff(fmtChunk(1, 1, 8000, 16, nil), chunk("junk", []byte{1, 2, 3}), chunk("data", pcm16(7, 8))),
			[]int16{7, 8}},
		{"extensible wrapping PCM",
			riff(fmtChunk(0xFFFE, 1, 8000, 16, extensible(1)), chunk("data", pcm16(100, -100))),
			[]int16{100, -100}},
		{"data before fmt",
			riff(chunk("data", pcm16(5, 6)), fmtChunk(1, 1, 8000, 16, nil)),
			[]int16{5, 6}},
		{"data size larger than the file (truncated recording)",
			func() []byte {
				b := riff(fmtChunk(1, 1, 8000, 16, nil), chunk("data", pcm16(9, 10, 11)))
				binary.LittleEndian.PutUint32(b[len(b)-10:], 1<<30)
				return b
			}(),
			[]int16{9, 10, 11}},
		{"streaming writer left data size 0xFFFFFFFF",
			func() []byte {
				b := riff(fmtChunk(1, 1, 8000, 16, nil), chunk("data", pcm16(4, 4)))
				binary.LittleEndian.PutUint32(b[len(b)-8:], 0xFFFFFFFF)
				return b
			}(),
			[]int16{4, 4}},
		{"half a trailing frame is dropped",
			riff(fmtChunk(1, 2, 8000, 16, nil), chunk("data", append(pcm16(1, 2, 3, 4), 0xAA, 0xBB))),
			[]int16{1, 2, 3, 4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, got, err := decodeBytes(t, c.file)
			if err != nil {
				t.Fatal(err)
			}
			if !equal16(got, c.want) {
				t.Fatalf("samples = %v, want %v", got, c.want)
			}
		})
	}
}

func equal16(a, b []int16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWAV_UnsupportedAndDamagedFilesNameTheProblem(t *testing.T) {
	cases := []struct {
		name, codec string
		file        []byte
		format      bool
	}{
		{"IMA ADPCM", "IMA ADPCM", riff(fmtChunk(0x11, 1, 8000, 4, []byte{0xF9, 1}), chunk("data", make([]byte, 256))), false},
		{"AMR in WAV", "GSM-AMR (CBR)", riff(fmtChunk(0x7A21, 1, 8000, 0, nil), chunk("data", make([]byte, 32))), false},
		{"unknown tag", "WAV format tag 0x1234", riff(fmtChunk(0x1234, 1, 8000, 16, nil), chunk("data", make([]byte, 4))), false},
		{"AMR file", "AMR-NB", []byte("#!AMR\n\x3c\x00\x00"), false},
		{"no fmt", "", riff(chunk("data", pcm16(1))), true},
		{"no data", "", riff(fmtChunk(1, 1, 8000, 16, nil)), true},
		{"zero channels", "", riff(fmtChunk(1, 0, 8000, 16, nil), chunk("data", pcm16(1))), true},
		{"GSM stereo", "", riff(fmtChunk(0x31, 2, 8000, 0, []byte{0x40, 1}), chunk("data", make([]byte, 130))), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := decodeBytes(t, c.file)
			var uc *UnsupportedCodecError
			var fe *FormatError
			switch {
			case c.format && !errors.As(err, &fe):
				t.Fatalf("err = %v, want a FormatError", err)
			case !c.format && (!errors.As(err, &uc) || uc.Codec != c.codec):
				t.Fatalf("err = %v, want UnsupportedCodecError naming %q", err, c.codec)
			}
		})
	}
}

func TestWAV_TruncatedGSMStopsAtTheLastWholeBlock(t *testing.T) {
	b := riff(fmtChunk(0x31, 1, 8000, 0, []byte{0x40, 1}), chunk("data", make([]byte, 65*3+20)))
	// fmtChunk computes blockAlign from bits; GSM needs 65.
	binary.LittleEndian.PutUint16(b[12+8+12:], 65)
	inf, got, err := decodeBytes(t, b)
	if err != nil {
		t.Fatal(err)
	}
	if inf.Frames != 960 || len(got) != 960 {
		t.Fatalf("frames = %d, decoded %d; want 3 whole blocks = 960", inf.Frames, len(got))
	}
}

func TestWriteWAV16_RoundTrips(t *testing.T) {
	in := []int16{0, 1, -1, 32767, -32768, 1234}
	var b bytes.Buffer
	if err := WriteWAV16(&b, 16000, in); err != nil {
		t.Fatal(err)
	}
	inf, got, err := decodeBytes(t, b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if inf.SampleRate != 16000 || inf.Channels != 1 || inf.Codec != CodecPCM16 || !equal16(got, in) {
		t.Fatalf("round trip: %+v %v", inf, got)
	}
}
