package transcribe

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/transcript"
)

// Transcribe decodes s to a temporary 16 kHz WAV under tmpDir, runs the engine on it and
// returns its segments sorted and clipped to the recording. The temporary files are removed
// whatever happens. progress gets 0..1: preparing the audio is the first 5%.
func Transcribe(ctx context.Context, eng Engine, s *audio.Stream, tmpDir string, progress func(float64)) (Result, error) {
	if progress == nil {
		progress = func(float64) {}
	}
	if err := eng.Check(); err != nil {
		return Result{}, err
	}
	dir, err := os.MkdirTemp(tmpDir, "transcribe-")
	if err != nil {
		return Result{}, fmt.Errorf("transcription: make a working folder: %w", err)
	}
	defer os.RemoveAll(dir)
	wav := filepath.Join(dir, "audio16k.wav")
	progress(0)
	dur, err := PrepareWAV(ctx, s, wav)
	if err != nil && ctx.Err() != nil {
		return Result{}, fmt.Errorf("transcription cancelled while preparing the audio: %w", ctx.Err())
	}
	if err != nil {
		return Result{}, err
	}
	progress(0.05)
	res, err := eng.Run(ctx, wav, dur, func(p float64) { progress(0.05 + 0.95*min(max(p, 0), 1)) })
	if err != nil {
		return Result{}, err
	}
	res.Segments = clip(res.Segments, s.Info().DurationMs)
	progress(1)
	return res, nil
}

// clip sorts segments and keeps their times inside the recording (engines pad the last one).
func clip(segs []transcript.Segment, durMs int64) []transcript.Segment {
	transcript.Sort(segs)
	out := segs[:0]
	for _, s := range segs {
		if durMs > 0 {
			if s.StartMs >= durMs {
				continue
			}
			s.EndMs = min(s.EndMs, durMs)
		}
		out = append(out, s)
	}
	return out
}

// Jobs runs transcriptions in the background, each with an id the UI can cancel by.
type Jobs struct {
	mu     sync.Mutex
	next   int
	cancel map[string]context.CancelFunc
}

// Start runs fn in a goroutine with a cancellable context and returns the job's id.
func (j *Jobs) Start(fn func(ctx context.Context, id string)) string {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.cancel == nil {
		j.cancel = map[string]context.CancelFunc{}
	}
	j.next++
	id := strconv.FormatInt(time.Now().UnixNano()%1e9, 36) + "-" + strconv.Itoa(j.next)
	ctx, cancel := context.WithCancel(context.Background())
	j.cancel[id] = cancel
	go func() {
		defer j.finish(id)
		fn(ctx, id)
	}()
	return id
}

func (j *Jobs) finish(id string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if c, ok := j.cancel[id]; ok {
		c()
		delete(j.cancel, id)
	}
}

// Cancel stops a running job; it reports false when the job has already finished.
func (j *Jobs) Cancel(id string) bool {
	j.mu.Lock()
	c, ok := j.cancel[id]
	j.mu.Unlock()
	if ok {
		c()
	}
	return ok
}

// Running counts jobs in progress.
func (j *Jobs) Running() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.cancel)
}
