package main

import (
	"testing"
	"time"
)

// waitFor polls cond for up to 20 s; background jobs here finish in well under a second.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestRecordings_WaveformsArePreparedInTheBackgroundWithProgress(t *testing.T) {
	r, _, fp, mid := recordingsFixture(t)
	j := newJobs(func() platform { return fp })
	t.Cleanup(func() { j.shutdown(5 * time.Second) })
	r.jobs = j
	r.prepareWaveforms()
	r.prepareWaveforms() // an import committing while it runs: looked at again, not run twice at once
	waitFor(t, "the preparation to end", func() bool { return j.count("waveforms") == 0 && fp.count(EventPreparation) > 0 })
	st, _ := r.Preparation()
	if st.Running || st.State.Done != 1 || st.State.Total != 1 || st.State.Failed != 0 {
		t.Fatalf("preparation = %+v", st)
	}
	lib, _ := r.library()
	m, _ := lib.Media(t.Context(), mid)
	if !lib.HasPeaks(m.SHA256) {
		t.Fatal("no peaks cache after the preparation")
	}
	sp, err := r.Speech(mid)
	if err != nil || len(sp) != 2 { // the corpus's two sentences
		t.Fatalf("speech = %+v, %v", sp, err)
	}
}

func TestMaps_PreloadLoadsTheIndexBeforeTheFirstView(t *testing.T) {
	m, _ := mapFixture(t)
	m.preload()
	m.preload() // after an import that committed while the first load ran
	waitFor(t, "the map index to load", func() bool {
		_, idx, err := m.current()
		return err == nil && idx.Len() > 0 && !m.loading.Load()
	})
	_, idx, _ := m.current()
	if idx.Len() != 7 {
		t.Fatalf("index holds %d alerts before any view, want the fixture's 7", idx.Len())
	}
}
