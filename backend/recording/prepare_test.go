package recording

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// The page asks for a waveform while the background preparation is computing it, several
// times over (a double click, two views): each recording is still decoded once.
func TestPeaks_BuiltOncePerRecordingUnderConcurrentRequests(t *testing.T) {
	lib, ms := fixture(t, "mp3_8k.mp3", "pcm16.wav", "gsm.wav")
	var wg sync.WaitGroup
	got := make([][]*audio.Peaks, len(ms))
	var mu sync.Mutex
	wg.Add(1)
	go func() {
		defer wg.Done()
		if _, err := lib.Prepare(context.Background(), func(Preparation) {}); err != nil {
			t.Error(err)
		}
	}()
	for i, m := range ms {
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p, err := lib.Peaks(m)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				got[i] = append(got[i], p)
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	if n := lib.builds.Load(); n != int64(len(ms)) {
		t.Fatalf("peaks computed %d times for %d recordings", n, len(ms))
	}
	for i := range got {
		for _, p := range got[i] {
			if p != got[i][0] {
				t.Fatalf("recording %d: callers got different peaks, so it was computed twice", i)
			}
		}
	}
	// Start-up next time finds every cache and computes nothing.
	again := New(lib.Store, lib.Vault, lib.CacheDir, lib.Actor)
	st, err := again.Prepare(context.Background(), func(Preparation) { t.Error("progress for nothing to do") })
	if err != nil || st.Total != 0 || again.builds.Load() != 0 {
		t.Fatalf("second start-up: %+v, %v, %d computed", st, err, again.builds.Load())
	}
}

func TestPrepare_ReportsProgressAndFillsTheCache(t *testing.T) {
	lib, ms := fixture(t, "pcm16.wav", "mulaw.wav")
	var seen []Preparation
	st, err := lib.Prepare(context.Background(), func(p Preparation) { seen = append(seen, p) })
	if err != nil {
		t.Fatal(err)
	}
	if st.Total != 2 || st.Done != 2 || st.Failed != 0 || len(seen) != 3 || seen[0].Current != "pcm16.wav" || seen[2].Current != "" {
		t.Fatalf("final %+v, progress %+v", st, seen)
	}
	for _, m := range ms {
		if !lib.HasPeaks(m.SHA256) {
			t.Errorf("%s: no peaks cache after preparing", m.OriginalName)
		}
	}
}

// A cache written before speech was stored with the peaks is computed again.
func TestPrepare_RecomputesAnOlderCacheVersion(t *testing.T) {
	lib, ms := fixture(t, "pcm16.wav")
	if _, err := lib.Peaks(ms[0]); err != nil {
		t.Fatal(err)
	}
	path := lib.peaksPath(ms[0].SHA256)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[4] = 1 // version 1
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	fresh := New(lib.Store, lib.Vault, lib.CacheDir, lib.Actor)
	if fresh.HasPeaks(ms[0].SHA256) {
		t.Fatal("a version 1 cache counts as current")
	}
	if st, err := fresh.Prepare(context.Background(), func(Preparation) {}); err != nil || st.Total != 1 || fresh.builds.Load() != 1 {
		t.Fatalf("%+v, %v, %d computed", st, err, fresh.builds.Load())
	}
	if !fresh.HasPeaks(ms[0].SHA256) {
		t.Fatal("the old cache was not replaced")
	}
}

// Evidence is hash-checked when it is read for the waveform: an altered file is refused, not drawn.
func TestPeaks_AlteredEvidenceIsRefused(t *testing.T) {
	lib, ms := fixture(t, "pcm16.wav")
	path, err := lib.Vault.Path(ms[0].SHA256)
	if err != nil {
		t.Fatal(err)
	}
	_ = os.Chmod(path, 0o600)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 0xFF
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Peaks(ms[0]); !errors.Is(err, vault.ErrTampered) {
		t.Fatalf("err = %v, want the file to fail its hash check", err)
	}
	if lib.HasPeaks(ms[0].SHA256) {
		t.Fatal("peaks were cached from an altered file")
	}
}

func TestSpeech_StretchesInMillisecondsInsideTheRecording(t *testing.T) {
	lib, ms := fixture(t, "pcm16.wav")
	sp, err := lib.Speech(ms[0])
	if err != nil {
		t.Fatal(err)
	}
	p, _ := lib.Peaks(ms[0])
	dur := p.Frames * 1000 / int64(p.SampleRate)
	if len(sp) != 2 { // two sentences, each followed by half a second of silence (testdata/audio/README.md)
		t.Fatalf("speech %+v, want the two sentences", sp)
	}
	prev := int64(0)
	for _, s := range sp {
		if s.FromMs < prev || s.ToMs <= s.FromMs || s.ToMs > dur+1 {
			t.Fatalf("stretch %+v out of order or outside %d ms: %+v", s, dur, sp)
		}
		prev = s.ToMs
	}
}

// An import's own recordings are prepared, once each, from its file records: not the other
// files it brought, not recordings already cached, and not one it refused so never stored.
func TestPrepareImported_PreparesTheImportsRecordingsOnly(t *testing.T) {
	lib, ms := fixture(t, "pcm16.wav", "mulaw.wav", "gsm.wav")
	if _, err := lib.Peaks(ms[1]); err != nil { // cached by an earlier import of the same file
		t.Fatal(err)
	}
	files := []store.ImportFile{
		{Name: "alarms.csv", Kind: "alarms", SHA256: ms[2].SHA256},
		{Name: "audio/" + ms[0].OriginalName, Kind: "audio", SHA256: ms[0].SHA256},
		{Name: "audio/again.wav", Kind: "audio", SHA256: ms[0].SHA256},
		{Name: "audio/" + ms[1].OriginalName, Kind: "audio", SHA256: ms[1].SHA256},
		{Name: "audio/refused.wav", Kind: "audio", SHA256: strings.Repeat("ab", 32)},
	}
	var seen []Preparation
	st, err := lib.PrepareImported(context.Background(), files, func(p Preparation) { seen = append(seen, p) })
	if err != nil {
		t.Fatal(err)
	}
	if st.Total != 1 || st.Done != 1 || st.Failed != 0 || len(seen) != 2 || seen[0].Current != "audio/pcm16.wav" || seen[1].Done != 1 {
		t.Fatalf("final %+v, progress %+v", st, seen)
	}
	if !lib.HasPeaks(ms[0].SHA256) || lib.HasPeaks(ms[2].SHA256) {
		t.Fatal("the import's recording must be cached, and only it")
	}
	if n := lib.builds.Load(); n != 2 { // the earlier one and this import's one
		t.Fatalf("peaks computed %d times, want 2", n)
	}
	if st, err := lib.PrepareImported(context.Background(), files, func(Preparation) { t.Error("progress for nothing to do") }); err != nil || st.Total != 0 {
		t.Fatalf("again: %+v, %v", st, err)
	}
}

// Stopped before it starts (the import's job cancelled after the commit), nothing is computed
// and the rest is left to the start-up pass.
func TestPrepareImported_StopsWhenCancelled(t *testing.T) {
	lib, ms := fixture(t, "pcm16.wav")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	st, err := lib.PrepareImported(ctx, []store.ImportFile{{Name: "a.wav", Kind: "audio", SHA256: ms[0].SHA256}}, func(Preparation) {})
	if !errors.Is(err, context.Canceled) || st.Done != 0 || lib.HasPeaks(ms[0].SHA256) {
		t.Fatalf("%+v, %v", st, err)
	}
	if st, err := lib.Prepare(context.Background(), func(Preparation) {}); err != nil || st.Done != 1 || !lib.HasPeaks(ms[0].SHA256) {
		t.Fatalf("start-up pass: %+v, %v", st, err)
	}
}
