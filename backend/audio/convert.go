package audio

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// ErrNoFFmpeg means ffmpeg is not installed, so no working copy can be made.
var ErrNoFFmpeg = errors.New("ffmpeg is not installed (or not on PATH); install it to convert this recording")

// FFmpegPath returns the ffmpeg executable on PATH, or ErrNoFFmpeg.
func FFmpegPath() (string, error) {
	p, err := exec.LookPath("ffmpeg")
	if err != nil {
		return "", ErrNoFFmpeg
	}
	return p, nil
}

// FFmpegArgs is the exact command line used for a working copy, for the provenance record.
func FFmpegArgs(in, out string) []string {
	return []string{"ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-n",
		"-i", in, "-vn", "-map_metadata", "-1", "-c:a", "pcm_s16le", "-f", "wav", out}
}

// ConvertWithFFmpeg makes a 16-bit PCM WAV working copy of in at out (which must not exist),
// keeping the original sample rate and channels. The original is only read.
func ConvertWithFFmpeg(ctx context.Context, in, out string) error {
	bin, err := FFmpegPath()
	if err != nil {
		return err
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("convert %s: the working copy %s already exists; choose a new name", in, out)
	}
	args := FFmpegArgs(in, out)
	cmd := exec.CommandContext(ctx, bin, args[1:]...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		_ = os.Remove(out) // never leave a half-written working copy
		if ctx.Err() != nil {
			return fmt.Errorf("convert %s: cancelled: %w", in, ctx.Err())
		}
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 400 {
			msg = msg[len(msg)-400:]
		}
		return fmt.Errorf("convert %s with ffmpeg failed: %v: %s", in, err, msg)
	}
	f, err := os.Open(out)
	if err != nil {
		return fmt.Errorf("convert %s: %w", in, err)
	}
	defer f.Close()
	if _, err := Probe(f, out); err != nil {
		return fmt.Errorf("convert %s: ffmpeg's output cannot be read back: %w", in, err)
	}
	return nil
}
