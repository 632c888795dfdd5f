package main

import (
	"fmt"
	"path/filepath"

	"github.com/nhs-redline/redline/backend/audio"
)

// cmdAudioDecode is `audio decode FILE --out OUT.wav`: a listening copy of any recording
// Redline can play, as 16-bit PCM WAV at the recording's own rate, and the command that
// bench/audio/run.sh times against FFmpeg.
func cmdAudioDecode(e *env, args []string) error {
	fs := flags("audio decode", e)
	out := fs.String("out", "", "required: the WAV file to write, 16-bit PCM at the recording's own rate, replacing any file there only once complete. "+
		"FILE is read from where it is, not from the evidence vault, so no audit entry is made: it is not evidence in the database")
	var files []string
	for {
		if err := parse(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0)) // flags may come after FILE too
		args = fs.Args()[1:]
	}
	if len(files) != 1 || *out == "" {
		return badInput("audio decode: give one FILE and --out OUT.wav")
	}
	if filepath.Clean(files[0]) == filepath.Clean(*out) {
		return badInput("audio decode: --out %s would overwrite the recording itself; choose another file", *out)
	}
	inf, err := audio.DecodeToWAV(files[0], *out)
	if err != nil {
		return fmt.Errorf("audio decode: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d Hz, %d channel(s), %.1f s, from %s (%s)\n",
		*out, inf.SampleRate, inf.Channels, float64(inf.DurationMs)/1000, filepath.Base(files[0]), inf.Codec)
	return nil
}
