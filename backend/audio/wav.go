package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/nhs-redline/redline/backend/audio/gsm"
)

// WAV format tags (mmreg.h).
const (
	tagPCM        = 0x0001
	tagFloat      = 0x0003
	tagALaw       = 0x0006
	tagMuLaw      = 0x0007
	tagGSM        = 0x0031
	tagExtensible = 0xFFFE
)

// Known tags Redline does not decode, named so the user knows what the file is.
var wavTagNames = map[uint16]string{
	0x0002: "Microsoft ADPCM", 0x0011: "IMA ADPCM", 0x0010: "OKI ADPCM", 0x0014: "G.723 ADPCM",
	0x0016: "DigiFix", 0x0017: "Dialogic OKI ADPCM", 0x0020: "Yamaha ADPCM", 0x0022: "DSP Group TrueSpeech",
	0x0028: "LRC", 0x0032: "MSN Audio (GSM)", 0x0040: "G.721 ADPCM", 0x0042: "G.723.1", 0x0045: "G.726 ADPCM",
	0x0050: "MPEG-1 Layer 1/2", 0x0055: "MP3 inside WAV", 0x0057: "AMR-NB", 0x0058: "AMR-WB",
	0x0064: "G.726 ADPCM", 0x0065: "G.722 ADPCM", 0x0083: "G.729", 0x00FF: "AAC", 0x0133: "G.729A",
	0x0161: "Windows Media Audio", 0x0162: "Windows Media Audio Pro", 0x0163: "Windows Media Audio Lossless",
	0x0270: "Sony ATRAC3", 0x1610: "HE-AAC", 0x2000: "Dolby AC-3", 0x7A21: "GSM-AMR (CBR)", 0x7A22: "GSM-AMR (VBR)",
	0x704F: "Opus", 0xF1AC: "FLAC",
}

const (
	maxChunks   = 4096    // stop scanning a hostile file with endless tiny chunks
	maxFmtBytes = 1 << 10 // fmt chunks are 16-40 bytes; never allocate what the file claims
)

type wavFormat struct {
	tag           uint16
	channels      int
	rate          int
	blockAlign    int
	bitsPerSample int
	samplesPerBlk int // GSM only
}

func wavErr(name string, off int64, format string, a ...any) error {
	return &FormatError{Name: name, Offset: off, Reason: fmt.Sprintf(format, a...)}
}

// openWAV walks the RIFF chunks, reads fmt, fact and the data location, and returns a decoder.
func openWAV(r io.ReadSeeker, name string) (decoder, error) {
	size, err := r.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	if _, err := r.Seek(12, io.SeekStart); err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	var (
		fmtc       *wavFormat
		factFrames int64 = -1
		off        int64 = 12
		hdr        [8]byte
	)
	data := wavData{off: -1}
	for n := 0; n < maxChunks && off+8 <= size; n++ {
		if _, err := r.Seek(off, io.SeekStart); err != nil {
			return nil, fmt.Errorf("open %s: %w", name, err)
		}
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return nil, wavErr(name, off, "cannot read chunk header: %v", err)
		}
		id := string(hdr[0:4])
		clen := int64(binary.LittleEndian.Uint32(hdr[4:8]))
		body := off + 8
		switch id {
		case "fmt ":
			f, err := readFmt(r, name, body, clen)
			if err != nil {
				return nil, err
			}
			fmtc = f
		case "fact":
			if clen >= 4 {
				var b [4]byte
				if _, err := io.ReadFull(r, b[:]); err == nil {
					factFrames = int64(binary.LittleEndian.Uint32(b[:]))
				}
			}
		case "data":
			data = newWAVData(body, clen, size)
		}
		if data.off >= 0 && fmtc != nil {
			break
		}
		off = body + clen + clen&1 // chunks are padded to an even length
	}
	if fmtc == nil {
		return nil, wavErr(name, -1, "no fmt chunk, so the audio format is unknown")
	}
	if data.off < 0 {
		return nil, wavErr(name, -1, "no data chunk, so there is no audio")
	}
	if data.claimed >= 0 && data.present == data.claimed {
		data.trailing = trailingBytes(r, data.off+data.claimed+data.claimed&1, size)
	}
	return newWAVDecoder(r, name, fmtc, data, factFrames)
}

// wavData is where a WAV's samples lie and how many bytes its header claims for them.
type wavData struct {
	off      int64 // first byte of the samples, -1 until a data chunk is found
	present  int64 // bytes of samples the file holds: what is decoded
	claimed  int64 // bytes the data chunk's size gives; -1 when a streaming writer left it unknown
	trailing int64 // bytes at the end of the file that no chunk accounts for
}

// newWAVData reads a data chunk's size against the file's. Streaming writers leave the size as
// 0 or 0xFFFFFFFF, meaning "to the end of the file"; a truncated file claims more than it
// holds. Either way the samples run to the end of the file, and the decoder never sizes
// anything by what the header claims, so a 4 GiB claim in a 108-byte file costs 108 bytes.
func newWAVData(body, clen, size int64) wavData {
	d := wavData{off: body, present: clen, claimed: clen}
	if clen == 0 || clen == 0xFFFFFFFF {
		d.claimed = -1
	}
	if d.claimed < 0 || body+clen > size {
		d.present = size - body
	}
	return d
}

// trailingBytes walks the chunks after the samples and returns how many bytes at the end of
// the file no chunk accounts for. Metadata chunks (LIST, id3, bext) after the data are whole
// files; a recorder that kept writing after it set the sizes leaves its audio there instead.
func trailingBytes(r io.ReadSeeker, from, size int64) int64 {
	var hdr [8]byte
	for n := 0; n < maxChunks && from < size; n++ {
		if size-from < 8 {
			return size - from
		}
		if _, err := r.Seek(from, io.SeekStart); err != nil {
			return 0
		}
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return 0
		}
		if !isChunkID(hdr[:4]) {
			return size - from
		}
		clen := int64(binary.LittleEndian.Uint32(hdr[4:8]))
		from += 8 + clen + clen&1 // a chunk cut short at the end is damaged metadata, not audio
	}
	return 0
}

// isChunkID is true for a RIFF chunk identifier: four printable ASCII characters.
func isChunkID(id []byte) bool {
	for _, c := range id {
		if c < 0x20 || c > 0x7E {
			return false
		}
	}
	return true
}

// mismatch compares the claimed length with the file's. framesOf turns data bytes into frames
// for the codec. A single trailing byte is ignored: writers differ on padding the last chunk.
func (d wavData) mismatch(rate int, framesOf func(int64) int64) *LengthMismatch {
	switch {
	case d.claimed < 0:
		return nil // the writer never said, so there is nothing to contradict
	case d.claimed > d.present:
		return newMismatch(rate, framesOf(d.claimed), framesOf(d.present), d.claimed, d.present)
	case d.trailing > 1:
		held := d.claimed + d.trailing
		return newMismatch(rate, framesOf(d.claimed), framesOf(held), d.claimed, held)
	}
	return nil
}

func readFmt(r io.Reader, name string, off, clen int64) (*wavFormat, error) {
	if clen < 16 {
		return nil, wavErr(name, off, "fmt chunk is %d bytes, at least 16 are needed", clen)
	}
	b := make([]byte, min(clen, maxFmtBytes))
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, wavErr(name, off, "fmt chunk is cut short: %v", err)
	}
	le := binary.LittleEndian
	f := &wavFormat{
		tag:           le.Uint16(b[0:2]),
		channels:      int(le.Uint16(b[2:4])),
		rate:          int(le.Uint32(b[4:8])),
		blockAlign:    int(le.Uint16(b[12:14])),
		bitsPerSample: int(le.Uint16(b[14:16])),
	}
	var extra []byte
	if len(b) >= 18 {
		n := int(le.Uint16(b[16:18]))
		extra = b[18:min(len(b), 18+n)]
	}
	if f.tag == tagExtensible {
		if len(extra) < 22 {
			return nil, wavErr(name, off, "extensible fmt chunk is missing its sub-format")
		}
		// extra: validBits(2) channelMask(4) subFormat GUID(16); the GUID starts with the tag.
		f.tag = le.Uint16(extra[6:8])
	}
	if f.tag == tagGSM && len(extra) >= 2 {
		f.samplesPerBlk = int(le.Uint16(extra[0:2]))
	}
	return f, nil
}

func codecFor(f *wavFormat) (string, error) {
	switch f.tag {
	case tagPCM:
		switch f.bitsPerSample {
		case 8:
			return CodecPCM8, nil
		case 16:
			return CodecPCM16, nil
		case 24:
			return CodecPCM24, nil
		case 32:
			return CodecPCM32, nil
		}
		return "", fmt.Errorf("%d-bit PCM", f.bitsPerSample)
	case tagFloat:
		switch f.bitsPerSample {
		case 32:
			return CodecFloat32, nil
		case 64:
			return CodecFloat64, nil
		}
		return "", fmt.Errorf("%d-bit floating point", f.bitsPerSample)
	case tagALaw:
		return CodecALaw, nil
	case tagMuLaw:
		return CodecMuLaw, nil
	case tagGSM:
		return CodecGSM, nil
	}
	if n, ok := wavTagNames[f.tag]; ok {
		return "", errors.New(n)
	}
	return "", fmt.Errorf("WAV format tag 0x%04X", f.tag)
}

func newWAVDecoder(r io.ReadSeeker, name string, f *wavFormat, data wavData, factFrames int64) (decoder, error) {
	codec, err := codecFor(f)
	if err != nil {
		return nil, &UnsupportedCodecError{Name: name, Codec: err.Error()}
	}
	if f.channels < 1 || f.channels > 8 {
		return nil, wavErr(name, -1, "%d channels is not a plausible recording", f.channels)
	}
	if f.rate < 1000 || f.rate > 384000 {
		return nil, wavErr(name, -1, "sample rate %d Hz is not a plausible recording", f.rate)
	}
	inf := Info{Container: "wav", Codec: codec, SampleRate: f.rate, Channels: f.channels}
	if codec == CodecGSM {
		if f.channels != 1 {
			return nil, wavErr(name, -1, "GSM audio must be mono, the file says %d channels", f.channels)
		}
		if f.blockAlign != gsm.WAV49BlockBytes || (f.samplesPerBlk != 0 && f.samplesPerBlk != gsm.WAV49BlockSamples) {
			return nil, wavErr(name, -1, "GSM blocks of %d bytes / %d samples are not the Microsoft WAV49 layout (65 / 320)", f.blockAlign, f.samplesPerBlk)
		}
		blockFrames := func(n int64) int64 { return n / gsm.WAV49BlockBytes * gsm.WAV49BlockSamples }
		blocks := data.present / gsm.WAV49BlockBytes
		inf.Frames = blockFrames(data.present)
		inf.Truncated = data.mismatch(f.rate, blockFrames)
		if factFrames >= 0 && factFrames <= inf.Frames && factFrames > inf.Frames-gsm.WAV49BlockSamples {
			inf.Frames = factFrames // the last block is padded; fact says where speech ends
		}
		inf.setDuration()
		return &gsmWAV{r: r, name: name, inf: inf, dataOff: data.off, blocks: blocks, dec: gsm.NewDecoder()}, nil
	}
	bps := f.bitsPerSample / 8
	if codec == CodecALaw || codec == CodecMuLaw {
		bps = 1
	}
	frameBytes := bps * f.channels
	pcmFrames := func(n int64) int64 { return n / int64(frameBytes) }
	inf.Frames = pcmFrames(data.present)
	inf.Truncated = data.mismatch(f.rate, pcmFrames)
	inf.setDuration()
	return &pcmWAV{r: r, name: name, inf: inf, dataOff: data.off, frameBytes: frameBytes, bps: bps, conv: converter(codec)}, nil
}

// converter turns one encoded sample into int16, rounding like sox so oracle decodes match.
func converter(codec string) func([]byte) int16 {
	switch codec {
	case CodecPCM8:
		return func(b []byte) int16 { return int16(int(b[0])-128) << 8 }
	case CodecPCM16:
		return func(b []byte) int16 { return int16(binary.LittleEndian.Uint16(b)) }
	case CodecPCM24:
		return func(b []byte) int16 {
			v := int32(uint32(b[0])<<8|uint32(b[1])<<16|uint32(b[2])<<24) >> 8
			return roundShift(int64(v)<<8, 16)
		}
	case CodecPCM32:
		return func(b []byte) int16 { return roundShift(int64(int32(binary.LittleEndian.Uint32(b))), 16) }
	case CodecFloat32:
		return func(b []byte) int16 { return floatTo16(float64(math.Float32frombits(binary.LittleEndian.Uint32(b)))) }
	case CodecFloat64:
		return func(b []byte) int16 { return floatTo16(math.Float64frombits(binary.LittleEndian.Uint64(b))) }
	case CodecALaw:
		return func(b []byte) int16 { return alawTable[b[0]] }
	case CodecMuLaw:
		return func(b []byte) int16 { return mulawTable[b[0]] }
	}
	panic("audio: no converter for " + codec)
}

func roundShift(v int64, n uint) int16 {
	v = (v + 1<<(n-1)) >> n
	return clamp16(v)
}

func floatTo16(f float64) int16 {
	if f != f { // NaN in a hostile file
		return 0
	}
	return clamp16(int64(math.Floor(f*32768 + 0.5)))
}

func clamp16(v int64) int16 {
	if v > math.MaxInt16 {
		return math.MaxInt16
	}
	if v < math.MinInt16 {
		return math.MinInt16
	}
	return int16(v)
}

// pcmWAV decodes fixed-size samples (PCM, float, G.711) straight from the file.
type pcmWAV struct {
	r          io.ReadSeeker
	name       string
	inf        Info
	dataOff    int64
	frameBytes int
	bps        int
	conv       func([]byte) int16
	frame      int64 // next frame to read
	buf        []byte
	seeked     bool
}

func (d *pcmWAV) info() Info { return d.inf }

func (d *pcmWAV) seek(frame int64) error {
	d.frame = frame
	d.seeked = false
	return nil
}

func (d *pcmWAV) read(p []int16) (int, error) {
	left := d.inf.Frames - d.frame
	if left <= 0 {
		return 0, io.EOF
	}
	ch := d.inf.Channels
	frames := min(int64(len(p)/ch), left, 16384)
	if !d.seeked {
		if _, err := d.r.Seek(d.dataOff+d.frame*int64(d.frameBytes), io.SeekStart); err != nil {
			return 0, fmt.Errorf("read %s: %w", d.name, err)
		}
		d.seeked = true
	}
	need := int(frames) * d.frameBytes
	if cap(d.buf) < need {
		d.buf = make([]byte, need)
	}
	b := d.buf[:need]
	n, err := io.ReadFull(d.r, b)
	n -= n % d.frameBytes
	for i := 0; i*d.bps < n; i++ {
		p[i] = d.conv(b[i*d.bps:])
	}
	d.frame += int64(n / d.frameBytes)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			d.inf.Frames = d.frame // file shrank under us; end here
			if n == 0 {
				return 0, io.EOF
			}
			return n / d.bps, nil
		}
		return n / d.bps, fmt.Errorf("read %s: %w", d.name, err)
	}
	return n / d.bps, nil
}

// gsmWAV decodes Microsoft GSM 6.10 blocks, one 65-byte block (320 samples) at a time.
type gsmWAV struct {
	r       io.ReadSeeker
	name    string
	inf     Info
	dataOff int64
	blocks  int64
	dec     *gsm.Decoder
	block   int64 // next block to decode
	pcm     [gsm.WAV49BlockSamples]int16
	have    int // samples of pcm not yet returned start at pcmPos
	pcmPos  int
	frame   int64
	raw     [gsm.WAV49BlockBytes]byte
	seeked  bool
}

func (d *gsmWAV) info() Info { return d.inf }

func (d *gsmWAV) seek(frame int64) error {
	blk := frame / gsm.WAV49BlockSamples
	d.dec.Reset()
	d.have, d.pcmPos, d.seeked = 0, 0, false
	d.block = blk
	// Decode the previous block to warm up the filters, so the sound after a seek has no click.
	if blk > 0 {
		d.block = blk - 1
		if err := d.decodeBlock(); err != nil {
			return err
		}
		d.have = 0
	}
	d.frame = blk * gsm.WAV49BlockSamples
	if skip := int(frame - d.frame); skip > 0 && blk < d.blocks {
		if err := d.decodeBlock(); err != nil {
			return err
		}
		d.pcmPos, d.have = skip, gsm.WAV49BlockSamples-skip
		d.frame = frame
	}
	return nil
}

func (d *gsmWAV) decodeBlock() error {
	if !d.seeked {
		if _, err := d.r.Seek(d.dataOff+d.block*gsm.WAV49BlockBytes, io.SeekStart); err != nil {
			return fmt.Errorf("read %s: %w", d.name, err)
		}
		d.seeked = true
	}
	off := d.dataOff + d.block*gsm.WAV49BlockBytes
	if _, err := io.ReadFull(d.r, d.raw[:]); err != nil {
		return wavErr(d.name, off, "GSM block %d is cut short", d.block)
	}
	if err := d.dec.DecodeWAV49(d.pcm[:], d.raw[:]); err != nil {
		return wavErr(d.name, off, "GSM block %d: %v", d.block, err)
	}
	d.block++
	d.pcmPos, d.have = 0, gsm.WAV49BlockSamples
	return nil
}

func (d *gsmWAV) read(p []int16) (int, error) {
	n := 0
	for n < len(p) {
		left := d.inf.Frames - d.frame
		if left <= 0 {
			break
		}
		if d.have == 0 {
			if d.block >= d.blocks {
				break
			}
			if err := d.decodeBlock(); err != nil {
				return n, err
			}
		}
		c := min(d.have, len(p)-n, int(min(left, math.MaxInt32)))
		copy(p[n:], d.pcm[d.pcmPos:d.pcmPos+c])
		n += c
		d.pcmPos += c
		d.have -= c
		d.frame += int64(c)
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}
