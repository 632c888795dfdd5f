package exports

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/transcript"
)

// wav is 8 kHz mono 16-bit PCM whose header claims claimed seconds of audio
// while the file holds only held seconds.
func wav(claimed, held float64) []byte {
	data := func(s float64) uint32 { return uint32(s * 8000 * 2) }
	var b bytes.Buffer
	w := func(v any) { binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	w(36 + data(claimed))
	b.WriteString("WAVEfmt ")
	w(uint32(16))
	w(uint16(1))
	w(uint16(1))
	w(uint32(8000))
	w(uint32(16000))
	w(uint16(2))
	w(uint16(16))
	b.WriteString("data")
	w(data(claimed))
	b.Write(make([]byte, data(held)))
	return b.Bytes()
}

// TestTranscript_TruncatedRecordingIsSaidInTheHeader: the recording's header
// claims 30 s but the file holds 18.6 s; the exported transcript says so,
// carries the audit head, and its entry records the mismatch.
func TestTranscript_TruncatedRecordingIsSaidInTheHeader(t *testing.T) {
	ctx := context.Background()
	st, v := storetest.Open(t)
	put := storetest.Put(t, v, bytes.NewReader(wav(30, 18.6)))
	var mediaID int64
	err := st.Write(ctx, func(w *store.Writer) error {
		a, err := w.Alert(store.NewAlert{ARC: "T", ARCRef: "R-7", Type: "red", RaisedAt: who.At - 3600, MediaCount: 1})
		if err != nil {
			return err
		}
		mediaID, err = w.Media(store.Media{AlertID: a, Kind: "recording", OriginalName: "R-7.wav", SHA256: put.SHA256, Size: put.Size,
			VaultPath: put.Rel, DurationMS: 18600}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := transcript.Create(ctx, st, mediaID, "manual", "", nil, "lsms", time.Unix(who.At, 0))
	if err != nil {
		t.Fatal(err)
	}
	head, _ := st.AuditHead(ctx)
	path := filepath.Join(t.TempDir(), "t.txt")
	res, err := Transcript(ctx, st, v, who, d.ID, "txt", File(path))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	for _, want := range []string{"Recording length: The file ends 11.4 s before its header says. Header: 30.0 s; file: 18.6 s.",
		fmt.Sprintf("Audit log entry %d, hash %s.", head.Seq, head.Hash)} {
		if !strings.Contains(string(b), want) {
			t.Errorf("transcript lacks %q:\n%s", want, b)
		}
	}
	es, _ := st.AuditFor(ctx, "transcript", "1")
	if last := es[len(es)-1]; last.Seq != res.Seq || !strings.Contains(last.Detail, `"recordingLength":{"kind":"truncated","claimedSeconds":30,"actualSeconds":18.6`) {
		t.Fatalf("entry %+v", last)
	}
}

// TestAlertsAndRegister_CarryTheAuditHead: the GeoJSON names the head in a
// foreign member; the risk workbook is registered with the head before it.
func TestAlertsAndRegister_CarryTheAuditHead(t *testing.T) {
	st, _ := storetest.Open(t)
	ctx := context.Background()
	lat, lon := 53.8, -1.55
	st.Write(ctx, func(w *store.Writer) error {
		_, err := w.Alert(store.NewAlert{ARC: "T", ARCRef: "R-1", Type: "red", RaisedAt: who.At, Lat: &lat, Lon: &lon})
		return err
	})
	st.Audit(ctx, store.AuditEntry{At: who.At, Actor: "lsms", Action: "case.note_add", ObjectType: "case", ObjectID: "1"})
	head, _ := st.AuditHead(ctx)
	var out bytes.Buffer
	if _, err := Alerts(ctx, st, who, store.AlertFilter{}, "geojson", Dest{Path: "-", Stream: &out}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"auditHead": "`+head.String()+`"`) {
		t.Errorf("GeoJSON lacks the head %s:\n%s", head, out.String())
	}
	path := filepath.Join(t.TempDir(), "register.xlsx")
	res, err := RiskRegister(ctx, st, who, File(path))
	if err != nil {
		t.Fatal(err)
	}
	reg, _ := st.ExportRegister(ctx)
	if len(reg) != 2 || reg[1].Seq != res.Seq || reg[1].Head.Seq != reg[0].Seq || !reg[1].InDocument {
		t.Fatalf("register %+v", reg)
	}
}
