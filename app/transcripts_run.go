package main

import (
	"context"
	"os"
	"path/filepath"

	"github.com/nhs-redline/redline/backend/recording"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/transcribe"
	"github.com/nhs-redline/redline/backend/transcript"
)

// runTranscription decodes the recording, runs the engine and stores a draft transcript.
func runTranscription(ctx context.Context, t *Transcripts, lib *recording.Library, m store.Media, eng transcribe.Engine,
	actor string, progress func(float64)) (transcript.Doc, error) {
	s, c, err := lib.Open(m)
	if err != nil {
		return transcript.Doc{}, err
	}
	defer c.Close()
	tmp := filepath.Join(lib.CacheDir, "tmp")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return transcript.Doc{}, err
	}
	res, err := transcribe.Transcribe(ctx, eng, s, tmp, progress)
	if err != nil {
		return transcript.Doc{}, err
	}
	return transcript.Create(ctx, lib.Store, m.ID, eng.Name(), res.Detail, res.Segments, actor, t.s.now())
}
