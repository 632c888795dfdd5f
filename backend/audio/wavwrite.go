package audio

import (
	"encoding/binary"
	"fmt"
	"io"
)

// WriteWAV16 writes mono 16-bit PCM as a canonical 44-byte-header WAV file.
func WriteWAV16(w io.Writer, rate int, samples []int16) error {
	return WriteWAV16Channels(w, rate, 1, samples)
}

// WriteWAV16Channels writes interleaved 16-bit PCM with the given channel count.
func WriteWAV16Channels(w io.Writer, rate, channels int, samples []int16) error {
	if rate <= 0 || channels <= 0 || len(samples)%channels != 0 {
		return fmt.Errorf("write wav: bad format: %d Hz, %d channels, %d samples", rate, channels, len(samples))
	}
	dataLen := len(samples) * 2
	if int64(dataLen) > 0xFFFFFFFF-36 {
		return fmt.Errorf("write wav: %d samples is too long for a WAV file", len(samples))
	}
	var h [44]byte
	le := binary.LittleEndian
	copy(h[0:], "RIFF")
	le.PutUint32(h[4:], uint32(36+dataLen))
	copy(h[8:], "WAVEfmt ")
	le.PutUint32(h[16:], 16)
	le.PutUint16(h[20:], tagPCM)
	le.PutUint16(h[22:], uint16(channels))
	le.PutUint32(h[24:], uint32(rate))
	le.PutUint32(h[28:], uint32(rate*channels*2))
	le.PutUint16(h[32:], uint16(channels*2))
	le.PutUint16(h[34:], 16)
	copy(h[36:], "data")
	le.PutUint32(h[40:], uint32(dataLen))
	if _, err := w.Write(h[:]); err != nil {
		return fmt.Errorf("write wav header: %w", err)
	}
	buf := make([]byte, 0, 8192)
	for i, s := range samples {
		buf = le.AppendUint16(buf, uint16(s))
		if len(buf) == cap(buf) || i == len(samples)-1 {
			if _, err := w.Write(buf); err != nil {
				return fmt.Errorf("write wav data: %w", err)
			}
			buf = buf[:0]
		}
	}
	return nil
}
