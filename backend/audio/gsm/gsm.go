// Package gsm decodes GSM 06.10 full-rate speech (ETSI EN 300 961) as stored in WAV files
// (the Microsoft "WAV49" packing, format tag 0x31) and in raw 33-byte frames.
package gsm

import "fmt"

const (
	// FrameSamples is the number of samples one GSM frame decodes to (20 ms at 8 kHz).
	FrameSamples = 160
	// FrameBytes is the size of a standard (libgsm / .gsm file) frame.
	FrameBytes = 33
	// WAV49BlockBytes is the size of one Microsoft GSM block: two frames in 65 bytes.
	WAV49BlockBytes = 65
	// WAV49BlockSamples is the number of samples one WAV49 block decodes to.
	WAV49BlockSamples = 2 * FrameSamples
)

// params holds the 76 coded parameters of one frame (clause 1.7 of the standard).
type params struct {
	larc  [8]int16
	nc    [4]int16
	bc    [4]int16
	mc    [4]int16
	xmaxc [4]int16
	xmc   [4][13]int16
}

// Decoder keeps the synthesis state carried between frames. Decoders are not safe for
// concurrent use; use one per stream.
type Decoder struct {
	dp0   [280]int16 // long-term synthesis history: dp0[0:120] is the past, [120:160] the current subframe
	larpp [2][8]int16
	j     int
	nrp   int16
	v     [9]int16
	msr   int16
}

// NewDecoder returns a decoder in the reset state the standard specifies.
func NewDecoder() *Decoder {
	d := &Decoder{}
	d.Reset()
	return d
}

// Reset clears the state, as at the start of a stream (used after seeking).
func (d *Decoder) Reset() {
	*d = Decoder{nrp: 40}
}

// DecodeWAV49 decodes one 65-byte Microsoft GSM block into 320 samples.
func (d *Decoder) DecodeWAV49(dst []int16, block []byte) error {
	if len(block) < WAV49BlockBytes {
		return fmt.Errorf("gsm: WAV49 block is %d bytes, want %d", len(block), WAV49BlockBytes)
	}
	if len(dst) < WAV49BlockSamples {
		return fmt.Errorf("gsm: output holds %d samples, want %d", len(dst), WAV49BlockSamples)
	}
	br := lsbReader{buf: block[:WAV49BlockBytes]}
	var p params
	for f := 0; f < 2; f++ {
		br.params(&p)
		d.decode(&p, dst[f*FrameSamples:(f+1)*FrameSamples])
	}
	return nil
}

// DecodeFrame decodes one standard 33-byte frame (high nibble of the first byte 0xD).
func (d *Decoder) DecodeFrame(dst []int16, frame []byte) error {
	if len(frame) < FrameBytes {
		return fmt.Errorf("gsm: frame is %d bytes, want %d", len(frame), FrameBytes)
	}
	if frame[0]>>4 != 0xD {
		return fmt.Errorf("gsm: frame does not start with the 0xD signature (got 0x%X)", frame[0]>>4)
	}
	if len(dst) < FrameSamples {
		return fmt.Errorf("gsm: output holds %d samples, want %d", len(dst), FrameSamples)
	}
	br := msbReader{buf: frame[:FrameBytes], pos: 4}
	var p params
	br.params(&p)
	d.decode(&p, dst[:FrameSamples])
	return nil
}

// Bit widths of the parameters, in transmission order.
var larBits = [8]uint{6, 6, 5, 5, 4, 4, 3, 3}

// lsbReader reads the WAV49 packing: a little-endian bit stream, least significant bit first.
type lsbReader struct {
	buf []byte
	pos uint // bit position
}

func (r *lsbReader) bits(n uint) int16 {
	var v int16
	for i := uint(0); i < n; i++ {
		b := (r.buf[r.pos>>3] >> (r.pos & 7)) & 1
		v |= int16(b) << i
		r.pos++
	}
	return v
}

func (r *lsbReader) params(p *params) { readParams(p, r.bits) }

// msbReader reads the standard packing: most significant bit first.
type msbReader struct {
	buf []byte
	pos uint
}

func (r *msbReader) bits(n uint) int16 {
	var v int16
	for i := uint(0); i < n; i++ {
		b := (r.buf[r.pos>>3] >> (7 - r.pos&7)) & 1
		v = v<<1 | int16(b)
		r.pos++
	}
	return v
}

func (r *msbReader) params(p *params) { readParams(p, r.bits) }

func readParams(p *params, bits func(uint) int16) {
	for i := range p.larc {
		p.larc[i] = bits(larBits[i])
	}
	for s := 0; s < 4; s++ {
		p.nc[s] = bits(7)
		p.bc[s] = bits(2)
		p.mc[s] = bits(2)
		p.xmaxc[s] = bits(6)
		for i := range p.xmc[s] {
			p.xmc[s][i] = bits(3)
		}
	}
}
