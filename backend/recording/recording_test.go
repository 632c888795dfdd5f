package recording

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/audio/player"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/vault"
)

// fixture is a workspace with one alert holding the given testdata/audio files as recordings.
func fixture(t *testing.T, files ...string) (*Library, []store.Media) {
	t.Helper()
	st, v := storetest.Open(t)
	ctx := context.Background()
	var ids []int64
	err := st.Write(ctx, func(w *store.Writer) error {
		alert, err := w.Alert(store.NewAlert{ARC: "test", ARCRef: "R1", Type: "red", Trigger: "button", RaisedAt: 1700000000})
		if err != nil {
			return err
		}
		for _, name := range files {
			f, err := os.Open(filepath.Join("..", "..", "testdata", "audio", name))
			if err != nil {
				return err
			}
			s := storetest.Put(t, v, f)
			f.Close()
			id, err := w.Media(store.Media{AlertID: alert, Kind: "red_live", OriginalName: name, SHA256: s.SHA256,
				Size: s.Size, VaultPath: s.Rel}, 0)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	lib := New(st, v, filepath.Join(t.TempDir(), "cache"), func() string { return "tester" })
	var ms []store.Media
	for _, id := range ids {
		m, err := st.MediaByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	return lib, ms
}

func audits(t *testing.T, lib *Library, m store.Media, action string) []map[string]any {
	t.Helper()
	es, err := lib.Store.AuditFor(context.Background(), "media", strings.TrimSpace(jsonNum(m.ID)))
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, e := range es {
		if e.Action != action {
			continue
		}
		var d map[string]any
		json.Unmarshal([]byte(e.Detail), &d)
		if e.Actor != "tester" {
			t.Errorf("audit actor = %q", e.Actor)
		}
		out = append(out, d)
	}
	return out
}

func jsonNum(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestPeaks_ComputedOnceThenReadFromTheDiskCache(t *testing.T) {
	lib, ms := fixture(t, "pcm16.wav")
	first, err := lib.PeaksSpan(ms[0], 0, 0, 200)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Min) != 200 || first.DurationMs <= 0 {
		t.Fatalf("span = %d columns, %d ms", len(first.Min), first.DurationMs)
	}
	cache := filepath.Join(lib.CacheDir, "peaks", ms[0].SHA256+".bin")
	if _, err := os.Stat(cache); err != nil {
		t.Fatalf("no cache file: %v", err)
	}
	// A fresh library whose vault is empty can only answer from the cache file.
	empty, _ := vault.Open(t.TempDir())
	again := New(lib.Store, empty, lib.CacheDir, lib.Actor)
	second, err := again.PeaksSpan(ms[0], 0, 0, 200)
	if err != nil {
		t.Fatalf("cached peaks not used: %v", err)
	}
	for i := range first.Min {
		if first.Min[i] != second.Min[i] || first.Max[i] != second.Max[i] {
			t.Fatalf("column %d differs after caching", i)
		}
	}
}

func TestPeaksSpan_ClampsTheViewToTheRecording(t *testing.T) {
	lib, ms := fixture(t, "pcm16.wav")
	sp, err := lib.PeaksSpan(ms[0], -500, 1<<40, 100000)
	if err != nil {
		t.Fatal(err)
	}
	if sp.FromMs != 0 || sp.ToMs != sp.DurationMs || len(sp.Min) != 8192 {
		t.Fatalf("span = %d..%d of %d, %d columns", sp.FromMs, sp.ToMs, sp.DurationMs, len(sp.Min))
	}
}

func listen(t *testing.T, lib *Library, m store.Media) (*Session, *player.Null) {
	t.Helper()
	out := player.NewNull(48000, 2, false)
	s, err := lib.Listen(context.Background(), m.ID, out, "no device in tests")
	if err != nil {
		t.Fatal(err)
	}
	return s, out
}

func TestListen_EveryStretchHeardIsAudited(t *testing.T) {
	lib, ms := fixture(t, "gsm.wav")
	s, out := listen(t, lib, ms[0])
	s.Play()
	out.Advance(time.Second)
	s.SeekTo(3000) // while playing: the first stretch ends here
	out.Advance(500 * time.Millisecond)
	st := s.Pause()
	if st.HasDevice || st.DeviceNote == "" {
		t.Errorf("status = %+v, want no device with a note", st)
	}
	s.SeekTo(100) // paused: nothing heard, nothing logged
	s.Close()
	got := audits(t, lib, ms[0], "recording.play")
	if len(got) != 2 {
		t.Fatalf("audited %d stretches, want 2: %v", len(got), got)
	}
	near := func(v any, want float64) bool { f, _ := v.(float64); return f > want-60 && f < want+60 }
	if !near(got[0]["fromMs"], 0) || !near(got[0]["toMs"], 1000) || !near(got[1]["fromMs"], 3000) || !near(got[1]["toMs"], 3500) {
		t.Fatalf("stretches = %v, want 0-1000 and 3000-3500", got)
	}
	if got[0]["sha256"] != ms[0].SHA256 {
		t.Errorf("stretch does not name the recording's hash: %v", got[0])
	}
}

func TestListen_PlayingToTheEndIsAuditedOnce(t *testing.T) {
	lib, ms := fixture(t, "pcm16.wav")
	s, out := listen(t, lib, ms[0])
	defer s.Close()
	s.SetSpeed(2)
	s.Play()
	for i := 0; i < 2000 && s.Status().State != "ended"; i++ {
		out.Advance(20 * time.Millisecond)
	}
	s.Status()
	got := audits(t, lib, ms[0], "recording.play")
	if len(got) != 1 || got[0]["toMs"].(float64) != float64(s.Status().DurationMs) || got[0]["speed"].(float64) != 2 {
		t.Fatalf("stretches = %v, want one to the end at speed 2", got)
	}
}

func TestExportRecording_VerifiesTheHashAndAudits(t *testing.T) {
	lib, ms := fixture(t, "mulaw.wav")
	dst := filepath.Join(t.TempDir(), "exhibit.wav")
	if _, err := lib.ExportRecording(context.Background(), ms[0].ID, dst); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(dst)
	b, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "audio", "mulaw.wav"))
	if string(a) != string(b) {
		t.Fatal("export is not a byte-for-byte copy")
	}
	if got := audits(t, lib, ms[0], "recording.export"); len(got) != 1 || got[0]["file"] != "exhibit.wav" || got[0]["sha256"] != ms[0].SHA256 {
		t.Fatalf("export audit = %v", got)
	}
	// Tamper with the vault file: the export must be refused.
	p, _ := lib.Vault.Path(ms[0].SHA256)
	os.Chmod(p, 0o600)
	os.WriteFile(p, append(b, 0), 0o600)
	_, err := lib.ExportRecording(context.Background(), ms[0].ID, filepath.Join(t.TempDir(), "x.wav"))
	if !errors.Is(err, vault.ErrTampered) {
		t.Fatalf("export of a tampered file: err = %v, want ErrTampered", err)
	}
}

func TestMakeWorkingCopy_NewItemWithProvenanceOriginalUntouched(t *testing.T) {
	if !CanConvert() {
		t.Skip("ffmpeg not installed")
	}
	lib, ms := fixture(t, "opus.ogg")
	orig := ms[0]
	if _, _, err := lib.Open(orig); err == nil {
		t.Fatal("opus decoded; the test needs a codec Redline cannot read")
	} else {
		var uc *audio.UnsupportedCodecError
		if !errors.As(err, &uc) {
			t.Fatalf("err = %v, want UnsupportedCodecError", err)
		}
	}
	cp, err := lib.MakeWorkingCopy(context.Background(), orig.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cp.ID == orig.ID || cp.SHA256 == orig.SHA256 || cp.DerivedFrom == nil || *cp.DerivedFrom != orig.ID || cp.Kind != "working_copy" {
		t.Fatalf("copy = %+v", cp)
	}
	if err := lib.Vault.Verify(orig.SHA256); err != nil {
		t.Fatalf("original changed: %v", err)
	}
	if _, c, err := lib.Open(cp); err != nil {
		t.Fatalf("working copy does not play: %v", err)
	} else {
		c.Close()
	}
	prov, err := lib.Store.MediaProvenance(context.Background(), cp.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(prov.Command, "ffmpeg") || !strings.HasPrefix(prov.ToolVersion, "ffmpeg version") ||
		prov.Actor != "tester" || prov.SourceSHA256 != orig.SHA256 {
		t.Fatalf("provenance = %+v", prov)
	}
	if got := audits(t, lib, cp, "recording.working_copy"); len(got) != 1 {
		t.Fatalf("working copy audit = %v", got)
	}
}
