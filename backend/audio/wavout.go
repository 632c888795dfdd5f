package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/nhs-redline/redline/backend/outfile"
)

// DecodeToWAV decodes the recording at src into a 16-bit PCM WAV at dst, at the
// recording's own rate and channel count: a listening copy any player opens. dst is
// written through backend/outfile, so nothing appears under its name unless the whole
// recording was decoded. It returns the recording's Info (Frames as written).
func DecodeToWAV(src, dst string) (Info, error) {
	f, err := os.Open(src)
	if err != nil {
		return Info{}, fmt.Errorf("%s cannot be read: %w", src, err)
	}
	defer f.Close()
	s, err := Open(f, filepath.Base(src))
	if err != nil {
		return Info{}, err
	}
	frames := s.Info().Frames
	err = outfile.Write(dst, func(w io.Writer) error { return writeWAVStream(w, s, frames) })
	var short *shortStreamError
	if errors.As(err, &short) && isRegularOrAbsent(dst) {
		// The decoder found fewer frames than it counted (a cut-off last MP3 frame):
		// decode again, with the header saying what is really there.
		frames = short.got
		if err = s.SeekFrame(0); err == nil {
			err = outfile.Write(dst, func(w io.Writer) error { return writeWAVStream(w, s, frames) })
		}
	}
	inf := s.Info()
	inf.Frames = frames
	inf.setDuration()
	return inf, err
}

func isRegularOrAbsent(path string) bool {
	fi, err := os.Stat(path)
	return err != nil || fi.Mode().IsRegular()
}

// shortStreamError says the stream ended after got frames, before the header's count.
type shortStreamError struct{ got, want int64 }

func (e *shortStreamError) Error() string {
	return fmt.Sprintf("the recording ended after %d of the %d sample frames its decoder counted", e.got, e.want)
}

// writeWAVStream writes a canonical 44-byte header for frames frames, then that many frames
// of s, streaming: memory stays the same whatever the length.
func writeWAVStream(w io.Writer, s *Stream, frames int64) error {
	inf := s.Info()
	ch := inf.Channels
	dataLen := frames * int64(ch) * 2
	if inf.SampleRate <= 0 || ch <= 0 || frames < 0 {
		return fmt.Errorf("write wav: bad format: %d Hz, %d channels", inf.SampleRate, ch)
	}
	if dataLen > 0xFFFFFFFF-36 {
		return fmt.Errorf("write wav: %d sample frames is too long for a WAV file (4 GiB)", frames)
	}
	le := binary.LittleEndian
	var h [44]byte
	copy(h[0:], "RIFF")
	le.PutUint32(h[4:], uint32(36+dataLen))
	copy(h[8:], "WAVEfmt ")
	le.PutUint32(h[16:], 16)
	le.PutUint16(h[20:], tagPCM)
	le.PutUint16(h[22:], uint16(ch))
	le.PutUint32(h[24:], uint32(inf.SampleRate))
	le.PutUint32(h[28:], uint32(inf.SampleRate*ch*2))
	le.PutUint16(h[32:], uint16(ch*2))
	le.PutUint16(h[34:], 16)
	copy(h[36:], "data")
	le.PutUint32(h[40:], uint32(dataLen))
	if _, err := w.Write(h[:]); err != nil {
		return fmt.Errorf("write wav header: %w", err)
	}
	const chunk = 32 << 10 // frames per write
	samples := make([]int16, chunk*ch)
	buf := make([]byte, 2*len(samples))
	var done int64
	for done < frames {
		p := samples[:min(int64(chunk), frames-done)*int64(ch)]
		n, err := s.Read(p)
		b := buf[:2*n]
		for i, v := range p[:n] {
			le.PutUint16(b[2*i:], uint16(v))
		}
		if _, werr := w.Write(b); werr != nil {
			return fmt.Errorf("write wav data: %w", werr)
		}
		done += int64(n / ch)
		if errors.Is(err, io.EOF) || (err == nil && n == 0) {
			break
		}
		if err != nil {
			return err
		}
	}
	if done < frames {
		return &shortStreamError{got: done, want: frames}
	}
	return nil
}
