package gsm

import "testing"

func TestDecoder_ResetRestartsTheStream(t *testing.T) {
	block := make([]byte, WAV49BlockBytes)
	for i := range block {
		block[i] = byte(i*37 + 11)
	}
	d := NewDecoder()
	first := make([]int16, WAV49BlockSamples)
	again := make([]int16, WAV49BlockSamples)
	if err := d.DecodeWAV49(first, block); err != nil {
		t.Fatal(err)
	}
	if err := d.DecodeWAV49(again, block); err != nil {
		t.Fatal(err)
	}
	if [320]int16(first) == [320]int16(again) {
		t.Fatal("second block decoded without the first block's filter memory")
	}
	d.Reset()
	if err := d.DecodeWAV49(again, block); err != nil {
		t.Fatal(err)
	}
	if [320]int16(first) != [320]int16(again) {
		t.Fatal("after Reset the same block decodes differently")
	}
}

func TestDecode_RejectsShortInput(t *testing.T) {
	d := NewDecoder()
	out := make([]int16, WAV49BlockSamples)
	if d.DecodeWAV49(out, make([]byte, 64)) == nil {
		t.Error("64-byte WAV49 block accepted")
	}
	if d.DecodeFrame(out, make([]byte, 32)) == nil {
		t.Error("32-byte frame accepted")
	}
	if d.DecodeFrame(out, make([]byte, 33)) == nil {
		t.Error("frame without the 0xD signature accepted")
	}
	if d.DecodeWAV49(out[:100], make([]byte, 65)) == nil {
		t.Error("short output buffer accepted")
	}
}

// The two packings carry the same 260 bits in different orders; a frame packed both ways
// must decode identically.
func TestDecodeFrame_MatchesWAV49PackingOfTheSameParameters(t *testing.T) {
	var p params
	seed := uint32(7)
	next := func(bits uint) int16 {
		seed = seed*1664525 + 1013904223
		return int16(seed>>16) & (1<<bits - 1)
	}
	readParams(&p, next)
	var msb [33]byte
	var lsb [65]byte
	mpos, lpos := uint(4), uint(0)
	msb[0] = 0xD0
	put := func(v int16, n uint) {
		for i := uint(0); i < n; i++ {
			bit := byte(v>>(n-1-i)) & 1
			msb[mpos>>3] |= bit << (7 - mpos&7)
			mpos++
		}
		for i := uint(0); i < n; i++ {
			lsb[lpos>>3] |= byte(v>>i) & 1 << (lpos & 7)
			lpos++
		}
	}
	for twice := 0; twice < 2; twice++ {
		if twice == 1 {
			mpos = 4
		}
		for i := range p.larc {
			put(p.larc[i], larBits[i])
		}
		for s := 0; s < 4; s++ {
			put(p.nc[s], 7)
			put(p.bc[s], 2)
			put(p.mc[s], 2)
			put(p.xmaxc[s], 6)
			for i := range p.xmc[s] {
				put(p.xmc[s][i], 3)
			}
		}
	}
	a, b := NewDecoder(), NewDecoder()
	var outA [320]int16
	var outB [160]int16
	if err := a.DecodeWAV49(outA[:], lsb[:]); err != nil {
		t.Fatal(err)
	}
	if err := b.DecodeFrame(outB[:], msb[:]); err != nil {
		t.Fatal(err)
	}
	if [160]int16(outA[:160]) != outB {
		t.Fatal("first WAV49 frame differs from the same frame in standard packing")
	}
	if err := b.DecodeFrame(outB[:], msb[:]); err != nil {
		t.Fatal(err)
	}
	if [160]int16(outA[160:]) != outB {
		t.Fatal("second WAV49 frame differs from the same frame in standard packing")
	}
}

func FuzzDecodeWAV49(f *testing.F) {
	f.Add(make([]byte, WAV49BlockBytes*2))
	f.Add([]byte("e{_%\x89B`\xe4\xc2\u05ea\xd8\xdb@#KIZ\xb2r\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewDecoder()
		out := make([]int16, WAV49BlockSamples)
		for len(data) >= WAV49BlockBytes {
			if err := d.DecodeWAV49(out, data); err != nil {
				t.Fatal(err)
			}
			data = data[WAV49BlockBytes:]
		}
		if len(data) >= FrameBytes {
			data[0] = 0xD0 | data[0]&0x0F
			if err := d.DecodeFrame(out, data); err != nil {
				t.Fatal(err)
			}
		}
	})
}
