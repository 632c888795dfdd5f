// Package transcribe turns a recording into draft time-aligned transcript segments with
// offline speech-to-text engines (whisper.cpp, pocketsphinx) run as subprocesses.
package transcribe

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/transcript"
)

// Engine is one speech-to-text program. Implementations are safe for concurrent use.
type Engine interface {
	// Name is the engine's id: "whisper" or "pocketsphinx".
	Name() string
	// Check says, in words a person can act on, why the engine cannot run (nil when it can).
	Check() error
	// Run transcribes a 16 kHz mono 16-bit PCM WAV of durationMs, reporting progress (0..1).
	Run(ctx context.Context, wav string, durationMs int64, progress func(float64)) (Result, error)
}

// Result is an engine's output: a draft for a person to check.
type Result struct {
	Segments []transcript.Segment `json:"segments"`
	Detail   string               `json:"detail"` // model or program used, for the record
}

// ErrNotInstalled is wrapped when the engine's program or model is missing.
var ErrNotInstalled = errors.New("speech-to-text engine not installed")

// EngineRate is the sample rate both engines expect.
const EngineRate = 16000

// PrepareWAV decodes s (any codec Redline reads) and writes it to path as 16 kHz mono 16-bit
// PCM, which whisper.cpp and pocketsphinx both read (whisper.cpp cannot read GSM WAV itself).
// Memory stays bounded: it streams in blocks.
func PrepareWAV(ctx context.Context, s *audio.Stream, path string) (int64, error) {
	inf := s.Info()
	rs, err := audio.NewResampler(inf.SampleRate, EngineRate, 1)
	if err != nil {
		return 0, fmt.Errorf("prepare audio for transcription: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, fmt.Errorf("prepare audio for transcription: %w", err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<16)
	// A placeholder header; the sizes are patched once the length is known.
	if err := audio.WriteWAV16(w, EngineRate, nil); err != nil {
		return 0, err
	}
	ch := inf.Channels
	in := make([]int16, 4096*ch)
	var mono, out []float32
	var pcm []int16
	var written int64
	flush := func(x []float32) error {
		pcm = audio.FloatToInt16(x, pcm[:0])
		for _, v := range pcm {
			if err := w.WriteByte(byte(v)); err != nil {
				return err
			}
			if err := w.WriteByte(byte(uint16(v) >> 8)); err != nil {
				return err
			}
		}
		written += int64(len(pcm))
		return nil
	}
	for {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		n, rerr := s.Read(in)
		mono = mono[:0]
		for i := 0; i+ch <= n; i += ch {
			var sum float32
			for c := 0; c < ch; c++ {
				sum += float32(in[i+c]) / 32768
			}
			mono = append(mono, sum/float32(ch))
		}
		out = rs.Process(mono, out[:0])
		if err := flush(out); err != nil {
			return 0, err
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			return 0, fmt.Errorf("prepare audio for transcription: %w", rerr)
		}
	}
	if err := flush(rs.Flush(out[:0])); err != nil {
		return 0, err
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	if err := patchWAVSizes(f, written*2); err != nil {
		return 0, err
	}
	return written * 1000 / EngineRate, f.Sync()
}

func patchWAVSizes(f *os.File, dataBytes int64) error {
	if dataBytes > 1<<32-64 {
		return fmt.Errorf("prepare audio for transcription: the recording is too long for one WAV file")
	}
	put := func(off int64, v uint32) error {
		_, err := f.WriteAt([]byte{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24)}, off)
		return err
	}
	if err := put(4, uint32(36+dataBytes)); err != nil {
		return err
	}
	return put(40, uint32(dataBytes))
}

// runProgram runs a subprocess, feeding each line of stdout and stderr to the handlers as it
// arrives (engines report progress as they go). Output kept for error messages is bounded.
// Cancelling ctx kills the program and its children.
func runProgram(ctx context.Context, bin string, args []string, onOut, onErr func(string)) error {
	cmd := exec.CommandContext(ctx, bin, args...)
	killTree(cmd)
	cmd.WaitDelay = 2 * time.Second // a grandchild holding the pipes open must not hang the job
	tail := &tailBuffer{max: 2000}
	out := &lineWriter{fn: onOut}
	errw := &lineWriter{fn: func(line string) {
		tail.add(line)
		if onErr != nil {
			onErr(line)
		}
	}}
	cmd.Stdout, cmd.Stderr = out, errw
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", filepath.Base(bin), err)
	}
	err := cmd.Wait()
	out.flush()
	errw.flush()
	if ctx.Err() != nil {
		return fmt.Errorf("transcription cancelled: %w", ctx.Err())
	}
	if err != nil {
		return fmt.Errorf("%s failed (%v): %s", filepath.Base(bin), err, strings.TrimSpace(tail.String()))
	}
	return nil
}

// lineWriter splits what a program writes into lines; an overlong line is cut at 1 MiB.
type lineWriter struct {
	fn  func(string)
	buf []byte
}

func (l *lineWriter) Write(p []byte) (int, error) {
	for _, c := range p {
		if c == '\n' || len(l.buf) >= 1<<20 {
			l.emit()
			if c == '\n' {
				continue
			}
		}
		l.buf = append(l.buf, c)
	}
	return len(p), nil
}

func (l *lineWriter) emit() {
	line := strings.TrimRight(string(l.buf), "\r")
	l.buf = l.buf[:0]
	if l.fn != nil {
		l.fn(line)
	}
}

func (l *lineWriter) flush() {
	if len(l.buf) > 0 {
		l.emit()
	}
}

type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(append(t.b, line...), '\n')
	if len(t.b) > t.max {
		t.b = t.b[len(t.b)-t.max:]
	}
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}

// lookProgram finds a program given as a path or a name on PATH.
func lookProgram(p string) (string, error) {
	if p == "" {
		return "", ErrNotInstalled
	}
	if strings.ContainsRune(p, os.PathSeparator) || strings.Contains(p, "/") {
		st, err := os.Stat(p)
		if err != nil || st.IsDir() {
			return "", ErrNotInstalled
		}
		return p, nil
	}
	found, err := exec.LookPath(p)
	if err != nil {
		return "", ErrNotInstalled
	}
	return found, nil
}
