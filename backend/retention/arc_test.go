package retention

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/vault"
)

// arcData gives an alert the ARC's address and extra fields and, when
// content is not empty, an ARC document holding content in the vault.
func (f *fixture) arcData(alertID int64, name, content string) {
	f.t.Helper()
	var put vault.Stored
	if content != "" {
		put = storetest.Put(f.t, f.v, bytes.NewReader([]byte(content)))
	}
	err := f.st.Write(context.Background(), func(w *store.Writer) error {
		ix, err := w.Importer()
		if err != nil {
			return err
		}
		defer ix.Close()
		if err := ix.PutAlertARC(store.AlertARC{AlertID: alertID, Address: "3 Park Row, Leeds", Extra: [][2]string{{"Site Code", "LDS-04"}}}); err != nil {
			return err
		}
		if content == "" {
			return nil
		}
		_, err = ix.AddDocument(store.Document{AlertID: alertID, OriginalName: name, SHA256: put.SHA256, Size: put.Size, VaultPath: put.Rel})
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) holdCase(alertID int64, at time.Time) {
	f.t.Helper()
	ctx := context.Background()
	c, err := f.st.OpenCase(ctx, store.NewCase{Title: "Court", Origin: "manual", IncidentAt: at.Unix(), AlertIDs: []int64{alertID}}, store.Who{Actor: "lsms", At: at.Unix()})
	if err != nil {
		f.t.Fatal(err)
	}
	hold, why := true, "Crown Court trial"
	if err := f.st.UpdateCase(ctx, c.ID, store.CasePatch{LegalHold: &hold, LegalHoldReason: &why}, store.Who{Actor: "lsms", At: at.Unix()}, nil); err != nil {
		f.t.Fatal(err)
	}
}

// TestPurge_DestroysTheARCsDocumentsAndFieldsWithTheRecordings: a false
// alarm's post-incident report and the ARC's address and extra fields go
// with its recording, each with a destruction record; a document whose
// bytes another alert's live document shares keeps its file; a case under
// legal hold keeps everything; an amber alert not yet due keeps its fields.
func TestPurge_DestroysTheARCsDocumentsAndFieldsWithTheRecordings(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	t0 := uk("01/03/2025 09:00")
	a1, _ := f.alert("R1", "red", t0, "r1 audio", false)
	a2, _ := f.alert("R2", "red", t0, "r2 audio", false)
	a3, _ := f.alert("R3", "red", t0, "r3 audio", false)
	a4, _ := f.alert("R4", "red", t0, "r4 audio", false)
	a5, _ := f.alert("A5", "amber", t0, "a5 audio", false)
	f.arcData(a1, "R1 Post Incident Report.pdf", "report one")
	f.arcData(a2, "R2 report.pdf", "shared report")
	f.arcData(a3, "R3 report.pdf", "shared report") // genuine: kept
	f.arcData(a4, "R4 report.pdf", "held report")
	f.arcData(a5, "", "")
	for _, a := range []int64{a1, a2, a4} {
		f.categorise(a, "false", t0.Add(time.Hour))
	}
	f.categorise(a3, "genuine", t0.Add(time.Hour))
	f.holdCase(a4, t0)

	now := t0.Add(25 * time.Hour)
	dry, err := Purge(ctx, f.st, f.v, Default(), now, "system", true)
	if err != nil || len(dry.ARCDue) != 4 || len(dry.ARCHeld) != 2 || len(dry.ARCDestroyed) != 0 {
		t.Fatalf("dry run: due %+v held %+v destroyed %+v, %v", dry.ARCDue, dry.ARCHeld, dry.ARCDestroyed, err)
	}
	if x, _ := f.st.AlertARC(ctx, a1); x.Address == "" {
		t.Fatal("a dry run destroyed the ARC fields")
	}

	rep, err := Purge(ctx, f.st, f.v, Default(), now, "system", false)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rep.ARCDestroyed {
		got[r.ARCRef+" "+r.Item] = r.Rule + " " + r.FileAction
	}
	want := map[string]string{
		"R1 R1 Post Incident Report.pdf": "false_red " + store.FileRemoved,
		"R1 " + store.ARCFieldsItem:      "false_red ",
		"R2 R2 report.pdf":               "false_red " + store.FileShared,
		"R2 " + store.ARCFieldsItem:      "false_red ",
	}
	if len(got) != len(want) {
		t.Fatalf("destroyed %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	if f.fileExists("report one") || !f.fileExists("shared report") || !f.fileExists("held report") {
		t.Errorf("vault files: report one %v, shared report %v, held report %v (want gone, kept, kept)",
			f.fileExists("report one"), f.fileExists("shared report"), f.fileExists("held report"))
	}
	for _, a := range []int64{a1, a2} {
		if x, _ := f.st.AlertARC(ctx, a); !x.Empty() {
			t.Errorf("alert %d keeps its ARC fields: %+v", a, x)
		}
		if docs, _ := f.st.Documents(ctx, a); len(docs) != 0 {
			t.Errorf("alert %d keeps its documents: %+v", a, docs)
		}
	}
	for _, a := range []int64{a3, a4, a5} {
		if x, _ := f.st.AlertARC(ctx, a); x.Address == "" {
			t.Errorf("alert %d lost its ARC fields", a)
		}
	}
	if recs, err := f.st.ARCDestructionRecords(ctx, a1); err != nil || len(recs) != 2 || recs[0].DestroyedBy != "system" || recs[0].DestroyedAt != now.Unix() {
		t.Errorf("destruction records of R1: %+v %v", recs, err)
	}
	if in, _ := f.st.VaultFileInUse(ctx, sha("report one")); in {
		t.Error("a destroyed document still holds its vault file")
	}

	// Nothing is due twice.
	again, err := Purge(ctx, f.st, f.v, Default(), now.Add(time.Hour), "system", false)
	if err != nil || len(again.ARCDestroyed) != 0 {
		t.Errorf("second purge destroyed %+v, %v", again.ARCDestroyed, err)
	}
}

// TestDestroyARC_AHoldOrALiveReferenceMadeAfterPlanningWins: between the
// plan and the destruction a case goes under legal hold, and an import
// attaches the same report bytes to another alert: the held alert keeps
// everything, and the shared file stays in the vault.
func TestDestroyARC_AHoldOrALiveReferenceMadeAfterPlanningWins(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	t0 := uk("01/03/2025 09:00")
	a1, _ := f.alert("R1", "red", t0, "r1 audio", false)
	a2, _ := f.alert("R2", "red", t0, "r2 audio", false)
	f.arcData(a1, "R1 report.pdf", "report one")
	f.arcData(a2, "R2 report.pdf", "report two")
	f.categorise(a1, "false", t0.Add(time.Hour))
	f.categorise(a2, "false", t0.Add(time.Hour))
	now := t0.Add(25 * time.Hour)
	due, _, err := planARC(ctx, f.st, Default(), now)
	if err != nil || len(due) != 4 {
		t.Fatalf("plan: %+v %v", due, err)
	}
	f.holdCase(a1, now)
	a3, _ := f.alert("R3", "red", now, "r3 audio", false)
	f.arcData(a3, "R3 copy of R2's report.pdf", "report two")

	recs, files, err := destroyARC(ctx, f.st, due, "lsms", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || len(files) != 0 {
		t.Fatalf("records %+v, files %v; want R2's document (kept shared) and fields only", recs, files)
	}
	for _, r := range recs {
		if r.AlertID != a2 || (r.DocumentID != 0 && r.FileAction != store.FileShared) {
			t.Errorf("record %+v", r)
		}
	}
	if x, _ := f.st.AlertARC(ctx, a1); x.Address == "" {
		t.Error("the held alert lost its ARC fields")
	}
}
