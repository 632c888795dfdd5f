package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/arc"
	"github.com/nhs-redline/redline/backend/recording"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/testclock"
)

// hookPlatform lets a test look at the moment an event leaves Go.
type hookPlatform struct {
	*fakePlatform
	onEmit func(ev string, data any)
}

func (h *hookPlatform) Emit(ev string, data any) {
	if h.onEmit != nil {
		h.onEmit(ev, data)
	}
	h.fakePlatform.Emit(ev, data)
}

// importWithWaveforms wires an Imports and a Recordings service as the app does.
func importWithWaveforms(t *testing.T) (*Imports, *Recordings, *hookPlatform) {
	t.Helper()
	s, _ := testSession(t, testclock.Now())
	hp := &hookPlatform{fakePlatform: &fakePlatform{}}
	plat := func() platform { return hp }
	im := newImports(s, plat, newJobs(plat))
	t.Cleanup(func() { im.jobs.shutdown(10 * time.Second) })
	r := newRecordings(s, plat)
	r.jobs = im.jobs
	im.afterCommit, im.waveforms = r.prepareWaveforms, r
	return im, r, hp
}

// audioFiles are the recordings an import received.
func audioFiles(res *arc.Result) []store.ImportFile {
	var out []store.ImportFile
	for _, f := range res.Files {
		if f.Kind == "audio" {
			out = append(out, f)
		}
	}
	return out
}

// The import's job is done only once every recording it brought has its waveform cached, with
// "waveforms" progress on the way; the background pass the commit set off then finds nothing
// left to compute.
func TestImports_DoneOnlyOnceTheRecordingsWaveformsAreCached(t *testing.T) {
	im, r, fp := importWithWaveforms(t)
	tok := im.remember(filepath.Join("..", "testdata", "arc", "demo", "canonical")).Token
	const id = "0123456789abcdef"
	lib, err := r.library()
	if err != nil {
		t.Fatal(err)
	}
	var cachedAtDone []bool
	fp.onEmit = func(ev string, data any) {
		out, ok := data.(ImportOutcome)
		if ev != "import:done:"+id || !ok || out.Result == nil {
			return
		}
		// What a page opening a recording at this moment would find.
		for _, f := range out.Result.Files {
			if f.Kind == "audio" {
				cachedAtDone = append(cachedAtDone, lib.HasPeaks(f.SHA256))
			}
		}
	}
	if _, err := im.Start(tok, StartOptions{RunID: id}); err != nil {
		t.Fatal(err)
	}
	out := waitDone(t, fp.fakePlatform, id)
	if out.Error != "" || out.Result.Status != arc.StatusImported {
		t.Fatalf("import: %+v", out)
	}
	files := audioFiles(out.Result)
	if len(files) == 0 || len(cachedAtDone) != len(files) {
		t.Fatalf("%d recordings imported, %d looked at when done", len(files), len(cachedAtDone))
	}
	for i, ok := range cachedAtDone {
		if !ok {
			t.Errorf("%s: no waveform cached when the import said done", files[i].Name)
		}
	}
	distinct := map[string]bool{}
	for _, f := range files {
		distinct[f.SHA256] = true // the same memo sent for three alerts is prepared once
	}
	p, _ := waitEvent(t, fp.fakePlatform, "import:progress:"+id).(ImportProgress)
	if n := len(distinct); p.Phase != "waveforms" || p.WaveformsTotal != n || p.WaveformsDone != n || p.Fraction != 1 || n < 2 {
		t.Fatalf("last progress %+v, want waveforms %d of %d", p, n, n)
	}
	waitFor(t, "the background pass", func() bool { return im.jobs.count("waveforms") == 0 })
	if st, _ := r.Preparation(); st.State.Total != 0 {
		t.Fatalf("the background pass found %+v still to prepare", st.State)
	}
}

// cancelAtWaveforms stops the import's job as its waveforms start, after the commit.
type cancelAtWaveforms struct {
	*Recordings
	im *Imports
	id string
}

func (c cancelAtWaveforms) prepareImported(ctx context.Context, files []store.ImportFile, progress func(recording.Preparation)) (recording.Preparation, error) {
	c.im.Cancel(c.id)
	<-ctx.Done()
	return c.Recordings.prepareImported(ctx, files, progress)
}

// Cancelled while it waits for its waveforms, the import stays committed and the background
// pass prepares the recordings instead.
func TestImports_CancelledAfterTheCommitKeepsTheImportAndLeavesWaveformsToTheBackground(t *testing.T) {
	im, r, fp := importWithWaveforms(t)
	const id = "fedcba9876543210"
	im.waveforms = cancelAtWaveforms{Recordings: r, im: im, id: id}
	tok := im.remember(filepath.Join("..", "testdata", "arc", "demo", "canonical")).Token
	if _, err := im.Start(tok, StartOptions{RunID: id}); err != nil {
		t.Fatal(err)
	}
	out := waitDone(t, fp.fakePlatform, id)
	if out.Error != "" || out.Result == nil || out.Result.Status != arc.StatusImported {
		t.Fatalf("import: %+v", out)
	}
	if hist, err := im.History(); err != nil || len(hist) != 1 {
		t.Fatalf("history %+v, %v: the import must stay committed", hist, err)
	}
	lib, _ := r.library()
	files := audioFiles(out.Result)
	waitFor(t, "the background pass to prepare the import's recordings", func() bool {
		for _, f := range files {
			if !lib.HasPeaks(f.SHA256) {
				return false
			}
		}
		return len(files) > 0
	})
}
