// Package audio decodes telephony recordings (WAV PCM, G.711, GSM 6.10, MP3) into
// 16-bit samples, and resamples, writes and summarises them, without ever changing the source.
package audio

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Codec identifiers reported in Info.Codec.
const (
	CodecPCM16   = "pcm_s16le"
	CodecPCM8    = "pcm_u8"
	CodecPCM24   = "pcm_s24le"
	CodecPCM32   = "pcm_s32le"
	CodecFloat32 = "pcm_f32le"
	CodecFloat64 = "pcm_f64le"
	CodecALaw    = "pcm_alaw"
	CodecMuLaw   = "pcm_mulaw"
	CodecGSM     = "gsm_ms"
	CodecMP3     = "mp3"
)

// Info describes a recording as decoded, not as its container claims.
type Info struct {
	Container  string `json:"container"` // "wav" or "mp3"
	Codec      string `json:"codec"`     // one of the Codec constants
	SampleRate int    `json:"sampleRate"`
	Channels   int    `json:"channels"`
	Frames     int64  `json:"frames"` // samples per channel
	DurationMs int64  `json:"durationMs"`
	// Approximate is true when Frames is an estimate (MP3 without a frame index).
	Approximate bool `json:"approximate,omitempty"`
	// Truncated is set when the header and the file disagree about the length (either way);
	// nil when the file is whole or the header leaves the length unknown (a streaming writer).
	Truncated *LengthMismatch `json:"truncated,omitempty"`
}

func (i *Info) setDuration() {
	if i.SampleRate > 0 {
		i.DurationMs = i.Frames * 1000 / int64(i.SampleRate)
	}
}

// UnsupportedCodecError says which codec a file uses that Redline cannot decode itself.
type UnsupportedCodecError struct {
	Name  string // file name as given by the caller
	Codec string // human-readable codec name, e.g. "AMR-NB", "Opus", "IMA ADPCM"
}

func (e *UnsupportedCodecError) Error() string {
	return fmt.Sprintf("%s is encoded as %s, which Redline cannot play directly; make a converted working copy (needs ffmpeg) to listen to it", e.Name, e.Codec)
}

// FormatError reports a damaged or hostile file, naming the file and the part that is wrong.
type FormatError struct {
	Name   string
	Offset int64 // byte offset where the problem was found, -1 if unknown
	Reason string
}

func (e *FormatError) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("%s: %s (at byte %d); the file may be damaged or truncated", e.Name, e.Reason, e.Offset)
	}
	return fmt.Sprintf("%s: %s; the file may be damaged or truncated", e.Name, e.Reason)
}

// ErrUnknownFormat is wrapped when a file is not recognised as audio at all.
var ErrUnknownFormat = errors.New("not a recognised audio file")

// decoder is what each codec implements: interleaved int16 samples, frame-accurate seek.
type decoder interface {
	info() Info
	// read fills p with whole frames of interleaved samples.
	read(p []int16) (int, error)
	// seek moves to the given frame (sample per channel) index.
	seek(frame int64) error
}

// Stream is a decoded recording read incrementally; memory stays bounded whatever the file length.
type Stream struct {
	dec  decoder
	inf  Info
	pos  int64 // frames delivered so far
	tail []int16
}

// Info returns the stream's format and length.
func (s *Stream) Info() Info { return s.inf }

// Position returns the index of the next frame Read will return.
func (s *Stream) Position() int64 { return s.pos }

// Read fills p with interleaved 16-bit samples. It returns whole frames only; len(p) must hold
// at least one frame. It returns io.EOF at the end of the recording.
func (s *Stream) Read(p []int16) (int, error) {
	ch := s.inf.Channels
	p = p[:len(p)-len(p)%ch]
	if len(p) == 0 {
		return 0, fmt.Errorf("audio: buffer of %d samples is smaller than one %d-channel frame", len(p), ch)
	}
	n, err := s.dec.read(p)
	n -= n % ch
	s.pos += int64(n / ch)
	return n, err
}

// SeekFrame moves to frame (clamped to the recording).
func (s *Stream) SeekFrame(frame int64) error {
	if frame < 0 {
		frame = 0
	}
	if s.inf.Frames > 0 && frame > s.inf.Frames && !s.inf.Approximate {
		frame = s.inf.Frames
	}
	if err := s.dec.seek(frame); err != nil {
		return err
	}
	s.pos = frame
	return nil
}

// SeekMs moves to a time in milliseconds from the start.
func (s *Stream) SeekMs(ms int64) error {
	return s.SeekFrame(ms * int64(s.inf.SampleRate) / 1000)
}

// Probe reads only the headers (and for MP3 the frame headers) and describes the recording.
func Probe(r io.ReadSeeker, name string) (Info, error) {
	s, err := Open(r, name)
	if err != nil {
		return Info{}, err
	}
	return s.Info(), nil
}

// Open recognises the file by its content (not its name) and returns a stream of samples.
// name is used only in error messages.
func Open(r io.ReadSeeker, name string) (*Stream, error) {
	var head [64]byte
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	n, err := io.ReadFull(r, head[:])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	h := head[:n]
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	var dec decoder
	switch {
	case len(h) >= 12 && string(h[0:4]) == "RIFF" && string(h[8:12]) == "WAVE":
		dec, err = openWAV(r, name)
	case len(h) >= 12 && (string(h[0:4]) == "RF64" || string(h[0:4]) == "BW64"):
		return nil, &UnsupportedCodecError{Name: name, Codec: "RF64 (64-bit WAV)"}
	default:
		if c := sniffOther(h); c != "" {
			return nil, &UnsupportedCodecError{Name: name, Codec: c}
		}
		if looksLikeMP3(h) {
			dec, err = openMP3(r, name)
		} else {
			return nil, fmt.Errorf("open %s: %w (expected WAV or MP3)", name, ErrUnknownFormat)
		}
	}
	if err != nil {
		return nil, err
	}
	return &Stream{dec: dec, inf: dec.info()}, nil
}

// sniffOther names common audio formats that Redline recognises but cannot decode.
func sniffOther(h []byte) string {
	s := string(h)
	switch {
	case strings.HasPrefix(s, "#!AMR-WB\n"):
		return "AMR-WB"
	case strings.HasPrefix(s, "#!AMR\n"):
		return "AMR-NB"
	case strings.HasPrefix(s, "#!AMR_MC1.0\n"), strings.HasPrefix(s, "#!AMR-WB_MC1.0\n"):
		return "AMR (multichannel)"
	case strings.HasPrefix(s, "OggS"):
		switch {
		case strings.Contains(s, "OpusHead"):
			return "Opus"
		case strings.Contains(s, "vorbis"):
			return "Ogg Vorbis"
		case strings.Contains(s, "Speex"):
			return "Speex"
		case strings.Contains(s, "FLAC"):
			return "FLAC"
		}
		return "an Ogg stream"
	case strings.HasPrefix(s, "fLaC"):
		return "FLAC"
	case len(h) >= 12 && string(h[4:8]) == "ftyp":
		return "MPEG-4 audio (AAC or ALAC in an M4A/MP4 file)"
	case len(h) >= 2 && h[0] == 0xFF && h[1]&0xF6 == 0xF0:
		return "AAC (ADTS)"
	case strings.HasPrefix(s, "FORM") && len(h) >= 12 && (string(h[8:12]) == "AIFF" || string(h[8:12]) == "AIFC"):
		return "AIFF"
	case strings.HasPrefix(s, "caff"):
		return "Core Audio (CAF)"
	case strings.HasPrefix(s, "\x30\x26\xB2\x75\x8E\x66\xCF\x11"):
		return "Windows Media Audio (ASF)"
	case strings.HasPrefix(s, ".snd"):
		return "Sun/NeXT AU"
	case strings.HasPrefix(s, "2.1 ") || strings.HasPrefix(s, "\x02\x21"):
		return "G.729"
	}
	return ""
}
