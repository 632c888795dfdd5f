package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	gomp3 "github.com/hajimehoshi/go-mp3"
)

// decoderDelay is the MP3 synthesis filterbank delay that LAME's gapless tag assumes (528 + 1).
const decoderDelay = 529

func looksLikeMP3(h []byte) bool {
	if len(h) >= 3 && string(h[:3]) == "ID3" {
		return true
	}
	_, ok := parseMP3Header(h)
	return ok
}

// mp3Header is the part of an MPEG audio frame header Redline needs.
type mp3Header struct {
	version    int // 1, 2, or 25 for MPEG 2.5
	layer      int
	rate       int
	channels   int
	bitrate    int // bits per second
	padding    int
	crc        bool
	frameBytes int
	spf        int // samples per frame
}

var (
	mp3Rates     = [3]int{44100, 48000, 32000}
	mp3BitrateV1 = [16]int{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0}
	mp3BitrateV2 = [16]int{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0}
)

// parseMP3Header decodes a Layer III frame header; ok is false for anything else.
func parseMP3Header(b []byte) (mp3Header, bool) {
	var h mp3Header
	if len(b) < 4 || b[0] != 0xFF || b[1]&0xE0 != 0xE0 {
		return h, false
	}
	switch (b[1] >> 3) & 3 {
	case 0:
		h.version = 25
	case 2:
		h.version = 2
	case 3:
		h.version = 1
	default:
		return h, false
	}
	if (b[1]>>1)&3 != 1 { // Layer III only
		return h, false
	}
	h.layer = 3
	h.crc = b[1]&1 == 0
	bi, ri := int(b[2]>>4), int((b[2]>>2)&3)
	if bi == 0 || bi == 15 || ri == 3 {
		return h, false
	}
	h.padding = int((b[2] >> 1) & 1)
	h.channels = 2
	if b[3]>>6 == 3 {
		h.channels = 1
	}
	h.rate = mp3Rates[ri]
	h.spf = 1152
	h.bitrate = mp3BitrateV1[bi] * 1000
	if h.version != 1 {
		h.rate /= 2
		if h.version == 25 {
			h.rate /= 2
		}
		h.spf = 576
		h.bitrate = mp3BitrateV2[bi] * 1000
	}
	h.frameBytes = h.spf/8*h.bitrate/h.rate + h.padding
	return h, true
}

func (h mp3Header) sideInfoBytes() int {
	switch {
	case h.version == 1 && h.channels == 1:
		return 17
	case h.version == 1:
		return 32
	case h.channels == 1:
		return 9
	}
	return 17
}

// id3Size returns the length of a leading ID3v2 tag, 0 if there is none.
func id3Size(h []byte) int64 {
	if len(h) < 10 || string(h[:3]) != "ID3" {
		return 0
	}
	s := int64(h[6]&0x7F)<<21 | int64(h[7]&0x7F)<<14 | int64(h[8]&0x7F)<<7 | int64(h[9]&0x7F)
	if h[5]&0x10 != 0 {
		s += 10 // footer
	}
	return 10 + s
}

// gapless is what the Xing/Info and LAME tags in the first frame say about padding.
type gapless struct {
	tagFrame      bool  // the first frame is a tag, not audio
	frames        int64 // audio frames, when the tag gives them
	bytes         int64 // the stream's length (tag frame included), when the tag gives it
	delay, padEnd int   // encoder delay and padding, in samples
	lame          bool
}

func readGapless(frame []byte, h mp3Header) gapless {
	var g gapless
	off := 4 + h.sideInfoBytes()
	if h.crc {
		off += 2
	}
	if len(frame) < off+8 {
		return g
	}
	id := string(frame[off : off+4])
	if id != "Xing" && id != "Info" {
		return g
	}
	g.tagFrame = true
	flags := binary.BigEndian.Uint32(frame[off+4:])
	p := off + 8
	if flags&1 != 0 && len(frame) >= p+4 {
		g.frames = int64(binary.BigEndian.Uint32(frame[p:]))
		p += 4
	}
	if flags&2 != 0 && len(frame) >= p+4 {
		g.bytes = int64(binary.BigEndian.Uint32(frame[p:]))
		p += 4
	}
	if flags&4 != 0 {
		p += 100
	}
	if flags&8 != 0 {
		p += 4
	}
	// LAME extension: 9-byte encoder string, then at +21 the 12-bit delay and padding.
	if len(frame) >= p+24 {
		d := frame[p+21:]
		g.delay = int(d[0])<<4 | int(d[1])>>4
		g.padEnd = int(d[1]&0x0F)<<8 | int(d[2])
		g.lame = true
	}
	return g
}

// mp3Dec adapts go-mp3 (which always yields 16-bit stereo) and trims encoder delay and
// padding as the LAME tag describes, so the samples line up with ffmpeg's decode.
// go-mp3 is the patched copy in third_party/go-mp3, which also decodes MPEG 2.5
// (8, 11.025 and 12 kHz MP3, common in telephony); see its README.md.
type mp3Dec struct {
	name       string
	d          *gomp3.Decoder
	inf        Info
	spf        int
	skip       int64 // go-mp3 frames (sample pairs) to drop before sample 0
	pos        int64
	positioned bool
	buf        []byte
}

func openMP3(r io.ReadSeeker, name string) (decoder, error) {
	first, start, h, err := firstMP3Frame(r, name)
	if err != nil {
		return nil, err
	}
	size, err := r.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	d, err := gomp3.NewDecoder(r)
	if err != nil {
		return nil, &FormatError{Name: name, Offset: -1, Reason: "MP3 cannot be decoded: " + err.Error()}
	}
	total := d.Length() / 4
	if total <= 0 {
		return nil, &FormatError{Name: name, Offset: -1, Reason: "MP3 has no complete audio frames"}
	}
	g := readGapless(first, h)
	m := &mp3Dec{name: name, d: d, spf: h.spf}
	frames := total
	if g.tagFrame {
		m.skip = int64(h.spf)
		frames -= int64(h.spf)
	}
	cut := xingMismatch(g, h, total, size-start)
	if g.lame {
		m.skip += int64(g.delay + decoderDelay)
		frames -= int64(g.delay)
		if cut == nil || cut.Kind != MismatchTruncated {
			frames -= int64(g.padEnd) // the encoder's padding is at an end the file still has
		}
	}
	frames = max(frames, 0)
	m.inf = Info{Container: "mp3", Codec: CodecMP3, SampleRate: d.SampleRate(), Channels: h.channels, Frames: frames, Truncated: cut}
	m.inf.setDuration()
	return m, nil
}

// xingMismatch compares the frame count in a Xing/Info tag with the frames go-mp3 found.
// Without a tag an MP3 makes no claim about its length, so there is nothing to compare.
// total is go-mp3's length in sample frames, tag frame included; stream is the bytes from
// the first frame to the end of the file.
func xingMismatch(g gapless, h mp3Header, total, stream int64) *LengthMismatch {
	if !g.tagFrame || g.frames <= 0 {
		return nil
	}
	spf := int64(h.spf)
	found := total/spf - 1 // go-mp3 counts the tag frame as audio
	trim := int64(g.delay + g.padEnd)
	claimed, actual := g.frames*spf-trim, found*spf-trim
	if found < g.frames {
		actual += int64(g.padEnd) // the padding went with the missing end
	}
	return newMismatch(h.rate, max(claimed, 0), max(actual, 0), g.bytes, stream)
}

// firstMP3Frame skips an ID3v2 tag and returns the first frame's bytes, offset and header.
func firstMP3Frame(r io.ReadSeeker, name string) ([]byte, int64, mp3Header, error) {
	var head [10]byte
	n, _ := io.ReadFull(r, head[:])
	start := id3Size(head[:n])
	if _, err := r.Seek(start, io.SeekStart); err != nil {
		return nil, 0, mp3Header{}, fmt.Errorf("open %s: %w", name, err)
	}
	// Look for a frame header within the first 64 KiB after the tag.
	buf := make([]byte, 64<<10)
	n, _ = io.ReadFull(r, buf)
	buf = buf[:n]
	for i := 0; i+4 <= len(buf); i++ {
		h, ok := parseMP3Header(buf[i:])
		if !ok {
			continue
		}
		// Require the next frame to follow where this one says it ends, unless the file ends.
		next := i + h.frameBytes
		if next+4 <= len(buf) {
			if h2, ok := parseMP3Header(buf[next:]); !ok || h2.version != h.version || h2.rate != h.rate {
				continue
			}
		}
		end := min(len(buf), next)
		return buf[i:end], start + int64(i), h, nil
	}
	return nil, 0, mp3Header{}, &FormatError{Name: name, Offset: start, Reason: "no MPEG Layer III frame found"}
}

func (m *mp3Dec) info() Info { return m.inf }

func (m *mp3Dec) seek(frame int64) error {
	m.pos = frame
	m.positioned = false
	return nil
}

func (m *mp3Dec) read(p []int16) (int, error) {
	left := m.inf.Frames - m.pos
	if left <= 0 {
		return 0, io.EOF
	}
	if !m.positioned {
		if err := m.position(); err != nil {
			return 0, err
		}
	}
	ch := m.inf.Channels
	frames := int(min(int64(len(p)/ch), left, 8192))
	need := frames * 4
	if cap(m.buf) < need {
		m.buf = make([]byte, need)
	}
	b := m.buf[:need]
	n, err := io.ReadFull(m.d, b)
	got := n / 4
	for i := 0; i < got; i++ {
		l := int16(binary.LittleEndian.Uint16(b[4*i:]))
		if ch == 1 {
			p[i] = l
			continue
		}
		p[2*i] = l
		p[2*i+1] = int16(binary.LittleEndian.Uint16(b[4*i+2:]))
	}
	m.pos += int64(got)
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			m.inf.Frames = m.pos
			if got == 0 {
				return 0, io.EOF
			}
			return got * ch, nil
		}
		return got * ch, m.wrap(err)
	}
	return got * ch, nil
}

// position moves go-mp3 to the current frame. go-mp3's own seek restarts the bit reservoir
// and filterbank one frame early, which leaves the first frames wrong; starting
// mp3WarmupFrames earlier and discarding the output gives the same samples as a straight decode.
func (m *mp3Dec) position() error {
	const mp3WarmupFrames = 3
	target := m.skip + m.pos
	from := max(0, target-int64(mp3WarmupFrames*m.spf))
	if _, err := m.d.Seek(from*4, io.SeekStart); err != nil {
		return m.wrap(err)
	}
	if discard := (target - from) * 4; discard > 0 {
		if _, err := io.CopyN(io.Discard, m.d, discard); err != nil {
			return m.wrap(err)
		}
	}
	m.positioned = true
	return nil
}

func (m *mp3Dec) wrap(err error) error {
	return &FormatError{Name: m.name, Offset: -1, Reason: "MP3 frame cannot be decoded: " + err.Error()}
}
