package recording

import (
	"context"
	"errors"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/store"
)

// Preparation reports the computation of waveforms: Done of Total recordings that lacked
// peaks, and the one being worked on.
type Preparation struct {
	Done    int    `json:"done"`
	Total   int    `json:"total"`
	Current string `json:"current"` // the recording's original name
	Failed  int    `json:"failed"`  // recordings that could not be decoded; they fail again when opened, with the reason
}

// Prepare computes the peaks (and speech stretches) of every live recording that has none in
// the cache, one at a time, oldest first, so each opens with its waveform at once. It runs at
// start-up and when a workspace opens, for recordings an import left unprepared (cancelled,
// or Redline closed first); a recording the page asks for meanwhile shares the computation
// (see Peaks). progress is called before each recording and at the end.
func (l *Library) Prepare(ctx context.Context, progress func(Preparation)) (Preparation, error) {
	todo, err := l.lackingPeaks(ctx)
	if err != nil {
		return Preparation{}, err
	}
	return l.prepareEach(ctx, len(todo), func(i int) (store.Media, bool) {
		m, err := l.Store.MediaByID(ctx, todo[i])
		return m, err == nil && m.DestroyedAt == nil
	}, progress)
}

// PrepareImported computes the peaks of the recordings an import received (files is the
// import's Result.Files; its "audio" ones are the recordings), after the import commits and
// before the import reports done, so a recording opened straight after the import has its
// waveform at once. The window's import job and redline-cli import both call it. Recordings
// already cached are skipped; one being computed by the page or the start-up pass is joined,
// never computed twice. If ctx ends first the import stays committed and the start-up pass
// prepares the rest. progress is called before each recording and at the end.
func (l *Library) PrepareImported(ctx context.Context, files []store.ImportFile, progress func(Preparation)) (Preparation, error) {
	todo, err := l.importedLacking(ctx, files)
	if err != nil {
		return Preparation{}, err
	}
	return l.prepareEach(ctx, len(todo), func(i int) (store.Media, bool) { return todo[i], true }, progress)
}

// importedLacking lists the import's recordings with no current peaks cache, one per file,
// leaving out files the import received but refused (no recording holds them). Peaks reads
// only the hash (vault file, cache name) and the original name (format by extension,
// messages), which the import's file records carry as its media rows do.
func (l *Library) importedLacking(ctx context.Context, files []store.ImportFile) ([]store.Media, error) {
	var out []store.Media
	seen := map[string]bool{}
	for _, f := range files {
		if f.Kind != "audio" || f.SHA256 == "" || seen[f.SHA256] || l.HasPeaks(f.SHA256) {
			continue
		}
		seen[f.SHA256] = true
		n, err := l.Store.MediaReferences(ctx, f.SHA256)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			out = append(out, store.Media{OriginalName: f.Name, SHA256: f.SHA256, Size: f.Size})
		}
	}
	return out, nil
}

// prepareEach computes the peaks of n recordings in order; item returns the i-th and whether
// it is still there to prepare.
func (l *Library) prepareEach(ctx context.Context, n int, item func(int) (store.Media, bool), progress func(Preparation)) (Preparation, error) {
	if n == 0 {
		return Preparation{}, nil
	}
	st := Preparation{Total: n}
	for i := range n {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		if m, ok := item(i); ok {
			st.Current = m.OriginalName
			progress(st)
			if _, err := l.Peaks(m); failed(err) {
				st.Failed++
			}
		}
		st.Done++
	}
	st.Current = ""
	progress(st)
	return st, nil
}

// failed says whether a preparation error is worth counting: a codec Redline plays only from a
// working copy is not a failure.
func failed(err error) bool {
	var uc *audio.UnsupportedCodecError
	return err != nil && !errors.As(err, &uc)
}

// lackingPeaks lists the live recordings with no current peaks cache, one per file (the same
// file can arrive in two exports), walking the table a page at a time.
func (l *Library) lackingPeaks(ctx context.Context) ([]int64, error) {
	var out []int64
	seen := map[string]bool{}
	after := int64(0)
	for {
		page, err := l.Store.LiveMediaAfter(ctx, after, 500)
		if err != nil {
			return nil, err
		}
		for _, it := range page {
			after = it.MediaID
			if seen[it.SHA256] || l.HasPeaks(it.SHA256) {
				continue
			}
			seen[it.SHA256] = true
			out = append(out, it.MediaID)
		}
		if len(page) < 500 {
			return out, nil
		}
	}
}
