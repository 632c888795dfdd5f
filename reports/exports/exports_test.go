package exports

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/transcript"
	"github.com/nhs-redline/redline/backend/vault"
)

var who = store.Who{Actor: "lsms", At: 1_760_000_000}

// transcriptFixture stores a recording and an empty manual transcript of it.
func transcriptFixture(t *testing.T) (*store.Store, *vault.Vault, store.Media, int64) {
	t.Helper()
	ctx := context.Background()
	st, v := storetest.Open(t)
	put := storetest.Put(t, v, strings.NewReader("RIFF a recording"))
	var mediaID int64
	err := st.Write(ctx, func(w *store.Writer) error {
		a, err := w.Alert(store.NewAlert{ARC: "T", ARCRef: "R-9", Type: "red", RaisedAt: who.At - 3600, MediaCount: 1})
		if err != nil {
			return err
		}
		mediaID, err = w.Media(store.Media{AlertID: a, Kind: "recording", OriginalName: "R-9.wav", SHA256: put.SHA256, Size: put.Size,
			VaultPath: put.Rel, DurationMS: 4000}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := transcript.Create(ctx, st, mediaID, "manual", "", nil, "lsms", time.Unix(who.At, 0))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := st.MediaByID(ctx, mediaID)
	return st, v, m, d.ID
}

func TestTranscript_AuditsTheRecordingsHashAndRefusesATamperedOne(t *testing.T) {
	st, v, m, id := transcriptFixture(t)
	ctx := context.Background()
	dir := t.TempDir()
	if name, err := TranscriptName(ctx, st, id); err != nil || name != "Transcript R-9" {
		t.Fatalf("name %q %v", name, err)
	}
	if _, err := Transcript(ctx, st, v, who, id, "txt", File(filepath.Join(dir, "t.txt"))); err != nil {
		t.Fatal(err)
	}
	es, _ := st.AuditFor(ctx, "transcript", "1")
	var d struct {
		Format string
		File   string
		Detail map[string]any
	}
	last := es[len(es)-1]
	if json.Unmarshal([]byte(last.Detail), &d); last.Action != "transcript.export" || d.File != "t.txt" || d.Detail["recordingSha256"] != m.SHA256 {
		t.Fatalf("audit %+v", last)
	}
	p, _ := v.Path(m.SHA256)
	os.Chmod(p, 0o600)
	os.WriteFile(p, []byte("RIFF another recording"), 0o600)
	if _, err := Transcript(ctx, st, v, who, id, "pdf", File(filepath.Join(dir, "t.pdf"))); err == nil || !strings.Contains(err.Error(), "no longer matches") {
		t.Fatalf("tampered recording: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "t.pdf")); err == nil {
		t.Fatal("a transcript of a tampered recording was written")
	}
	if _, err := Transcript(ctx, st, v, who, id, "rtf", File(filepath.Join(dir, "t.rtf"))); err == nil {
		t.Fatal("an unknown format was accepted")
	}
}

func TestAlerts_ToAStreamCarriesTheFilterInItsEntry(t *testing.T) {
	st, _ := storetest.Open(t)
	ctx := context.Background()
	lat, lon := 53.8, -1.55
	st.Write(ctx, func(w *store.Writer) error {
		_, err := w.Alert(store.NewAlert{ARC: "T", ARCRef: "R-1", Type: "red", RaisedAt: who.At, Lat: &lat, Lon: &lon})
		return err
	})
	var out bytes.Buffer
	res, err := Alerts(ctx, st, who, store.AlertFilter{Types: []string{"red"}}, "kml", Dest{Path: "-", Stream: &out})
	if err != nil || res.Written != 1 || !strings.Contains(out.String(), "<kml") {
		t.Fatalf("%+v %v", res, err)
	}
	es, _ := st.AuditFor(ctx, "alerts", "filter")
	if len(es) != 1 || es[0].Action != "map.export_kml" || !strings.Contains(es[0].Detail, `"types":["red"]`) {
		t.Fatalf("audit %+v", es)
	}
	if _, err := Alerts(ctx, st, who, store.AlertFilter{}, "shp", File(filepath.Join(t.TempDir(), "x.shp"))); err == nil {
		t.Fatal("an unknown format was accepted")
	}
}
