package export_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/nhs-redline/redline/backend/export"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
)

var who = store.Who{Actor: "lsms", At: 1_760_000_000}

var item = export.Item{Kind: "map.export_geojson", Format: "geojson", ObjectType: "alerts", ObjectID: "filter", Count: 2,
	Detail: map[string]any{"filter": "red"}}

func write(s string) export.Render {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func detail(t *testing.T, e store.AuditEntry) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(e.Detail), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestToFile_WritesOneAuditEntryWithTheFilesHash(t *testing.T) {
	st, _ := storetest.Open(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "red alerts.geojson")
	res, err := export.ToFile(ctx, st, who, path, item, write(`{"type":"FeatureCollection"}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	sum := sha256.Sum256(b)
	if res.SHA256 != hex.EncodeToString(sum[:]) || res.Bytes != int64(len(b)) || res.Path != path {
		t.Fatalf("result %+v for %d bytes", res, len(b))
	}
	log, _ := st.AuditFor(ctx, "alerts", "filter")
	if len(log) != 1 || log[0].Action != "map.export_geojson" || log[0].Actor != "lsms" || log[0].At != who.At {
		t.Fatalf("audit %+v", log)
	}
	d := detail(t, log[0])
	if d["sha256"] != res.SHA256 || d["file"] != "red alerts.geojson" || d["format"] != "geojson" || d["count"] != 2.0 {
		t.Fatalf("detail %v", d)
	}
	if p, _, err := st.VerifyAudit(ctx); p != nil || err != nil {
		t.Fatalf("chain %+v %v", p, err)
	}
}

func TestToFile_FailedRenderLeavesNoFileAndNoEntry(t *testing.T) {
	st, _ := storetest.Open(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "register.xlsx")
	_, err := export.ToFile(context.Background(), st, who, path, item, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("disk full")
	})
	if err == nil {
		t.Fatal("a failed render reported success")
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Fatalf("left %v", es)
	}
	if log, _ := st.AuditFor(context.Background(), "alerts", "filter"); len(log) != 0 {
		t.Fatalf("a failed export was audited: %+v", log)
	}
}

func TestToFile_NoAuditNoFile(t *testing.T) {
	st, _ := storetest.Open(t)
	st.Close() // the audit write fails
	dir := t.TempDir()
	if _, err := export.ToFile(context.Background(), st, who, filepath.Join(dir, "a.kml"), item, write("<kml/>")); err == nil {
		t.Fatal("an export the log could not record succeeded")
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Fatalf("an unrecorded export left %v", es)
	}
}

func TestToStream_IsAuditedToo(t *testing.T) {
	st, _ := storetest.Open(t)
	var out bytes.Buffer
	res, err := export.ToStream(context.Background(), st, who, &out, item, write("<kml/>"))
	if err != nil || out.String() != "<kml/>" || res.Path != "-" {
		t.Fatalf("%+v %v %q", res, err, out.String())
	}
	log, _ := st.AuditFor(context.Background(), "alerts", "filter")
	if len(log) != 1 || detail(t, log[0])["file"] != "standard output" {
		t.Fatalf("audit %+v", log)
	}
}

func TestToFile_RefusesAnExportWithoutAnObject(t *testing.T) {
	st, _ := storetest.Open(t)
	if _, err := export.ToFile(context.Background(), st, who, filepath.Join(t.TempDir(), "x"), export.Item{Kind: "x"}, write("")); err == nil {
		t.Fatal("an export with nothing to audit it against was written")
	}
}

// TestToFile_DocumentCarriesTheHeadBeforeItsOwnEntry: a Stamped document is
// handed the newest entry as the export began, and the register keeps that
// head with the file's hash, in the same commit as the export's entry.
func TestToFile_DocumentCarriesTheHeadBeforeItsOwnEntry(t *testing.T) {
	st, _ := storetest.Open(t)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		st.Audit(ctx, store.AuditEntry{At: who.At, Actor: "lsms", Action: "case.note_add", ObjectType: "case", ObjectID: "1"})
	}
	before, _ := st.AuditHead(ctx)
	var got store.AuditAnchor
	res, err := export.ToFile(ctx, st, who, filepath.Join(t.TempDir(), "letter.pdf"), item, export.Stamped(func(w io.Writer, head store.AuditAnchor) error {
		got = head
		_, err := io.WriteString(w, "Audit log entry "+head.String())
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	if got != before || res.Head != before || res.Seq != before.Seq+1 {
		t.Fatalf("document got %v, result %+v, head before %v", got, res, before)
	}
	reg, _ := st.ExportRegister(ctx)
	if len(reg) != 1 || reg[0].Seq != res.Seq || reg[0].Head != before || !reg[0].InDocument || reg[0].SHA256 != res.SHA256 ||
		reg[0].File != "letter.pdf" || reg[0].Actor != "lsms" || reg[0].At != who.At {
		t.Fatalf("register %+v", reg)
	}
	log, _ := st.AuditFor(ctx, "alerts", "filter")
	if d := detail(t, log[0]); d["auditHead"] != before.String() || d["headInDocument"] != true {
		t.Fatalf("detail %v", d)
	}
	if rep, err := st.CheckAuditLog(ctx); err != nil || rep.Problem != nil || rep.Exports != 1 {
		t.Fatalf("verify %+v %v", rep, err)
	}
}

// TestToFile_BinaryCopyKeepsTheHeadInTheRegisterOnly: a WAV cannot print the
// head; the register keeps it all the same, marked as not in the document.
func TestToFile_BinaryCopyKeepsTheHeadInTheRegisterOnly(t *testing.T) {
	st, _ := storetest.Open(t)
	ctx := context.Background()
	st.Audit(ctx, store.AuditEntry{At: who.At, Actor: "lsms", Action: "recording.play", ObjectType: "media", ObjectID: "1"})
	wav := export.Item{Kind: "recording.export", Format: "wav", ObjectType: "media", ObjectID: "1"}
	if _, err := export.ToFile(ctx, st, who, filepath.Join(t.TempDir(), "R-1.wav"), wav, write("RIFF")); err != nil {
		t.Fatal(err)
	}
	reg, _ := st.ExportRegister(ctx)
	if len(reg) != 1 || reg[0].InDocument || reg[0].Head.Seq != 1 || reg[0].Format != "wav" {
		t.Fatalf("register %+v", reg)
	}
}

func TestToStream_RegistersTheHeadToo(t *testing.T) {
	st, _ := storetest.Open(t)
	var out bytes.Buffer
	res, err := export.ToStream(context.Background(), st, who, &out, item, export.Stamped(func(w io.Writer, head store.AuditAnchor) error {
		_, err := io.WriteString(w, head.String())
		return err
	}))
	if err != nil || out.String() != "0:" {
		t.Fatalf("%+v %v %q", res, err, out.String())
	}
	reg, _ := st.ExportRegister(context.Background())
	if len(reg) != 1 || reg[0].File != "standard output" || reg[0].Seq != res.Seq {
		t.Fatalf("register %+v", reg)
	}
}

func TestStamped_OnlyThroughTheChokepoint(t *testing.T) {
	r := export.Stamped(func(io.Writer, store.AuditAnchor) error { return nil })
	if err := r(io.Discard); err == nil {
		t.Fatal("a stamped document rendered outside ToFile/ToStream, without the head")
	}
}
