package bundle

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/exhibit"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/testclock"
	"github.com/nhs-redline/redline/backend/vault"
)

// caseWithARCReport is a red alert whose import brought the ARC's
// post-incident report (a PDF naming the worker's home), and its case.
func caseWithARCReport(t *testing.T) (*store.Store, *vault.Vault, store.CaseFile, store.Who, []byte) {
	t.Helper()
	st, v := storetest.Open(t)
	ctx := context.Background()
	who := store.Who{Actor: "alex.morgan", At: testclock.Now().Unix()}
	report := []byte("%PDF-1.4 the ARC's report: worker lives at 14 Roundhay Mount, Leeds LS8 4DW")
	lease, err := v.Lease(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := lease.Put(bytes.NewReader(report))
	if err != nil {
		t.Fatal(err)
	}
	var alertID int64
	err = st.Write(ctx, func(w *store.Writer) error {
		imp, err := w.Import(store.ImportRecord{StartedAt: who.At, FinishedAt: who.At, Source: "export.zip", Profile: "vendor", ImportedBy: who.Actor, Status: "imported"})
		if err != nil {
			return err
		}
		if alertID, err = w.Alert(store.NewAlert{ARC: "Reliance Protect", ARCRef: "RED0000001", Type: "red", Trigger: "sos", RaisedAt: who.At - 3600, ImportID: imp}); err != nil {
			return err
		}
		ix, err := w.Importer()
		if err != nil {
			return err
		}
		defer ix.Close()
		if _, err := ix.AddDocument(store.Document{AlertID: alertID, OriginalName: "RED0000001 Post Incident Report.pdf", SHA256: stored.SHA256,
			Size: stored.Size, VaultPath: stored.Rel, ImportID: imp}); err != nil {
			return err
		}
		_, err = w.Audit(store.AuditEntry{At: who.At, Actor: who.Actor, Action: "import.imported", ObjectType: "import", ObjectID: fmt.Sprint(imp),
			Detail: fmt.Sprintf(`{"source":"export.zip","files":[{"name":"RED0000001 Post Incident Report.pdf","sha256":%q,"size":%d}]}`, stored.SHA256, stored.Size)})
		return err
	})
	lease.Release()
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.OpenCase(ctx, store.NewCase{Title: "Assault", Origin: "alert", IncidentAt: who.At - 3600, AlertIDs: []int64{alertID}}, who)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exhibit.SaveSettings(ctx, st, exhibit.Settings{Producer: "Alex Morgan", Initials: "AM", Separator: "/"}, who); err != nil {
		t.Fatal(err)
	}
	return st, v, c, who, report
}

type packaged struct {
	Exhibits []struct {
		Ref, Kind, File, Withheld string
		InPackage                 bool `json:"inPackage"`
	} `json:"exhibits"`
}

func readPackage(t *testing.T, dir string) (packaged, []string) {
	t.Helper()
	var p packaged
	js, err := os.ReadFile(filepath.Join(dir, "data", "exhibits.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &p); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "data", "exhibits", "*"))
	for i := range files {
		files[i] = filepath.Base(files[i])
	}
	return p, files
}

func TestBuild_TheARCsReportIsAnExhibitReceivedFromTheARC(t *testing.T) {
	st, v, c, who, report := caseWithARCReport(t)
	res, err := Build(context.Background(), st, v, plainDocs{}, who, c.Ref, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(res.Path, "data", "exhibits", "AM-2 RED0000001 Post Incident Report.pdf"))
	if err != nil || !bytes.Equal(got, report) {
		t.Fatalf("the master does not carry the ARC's report as it came: %v (%+v)", err, res.Files)
	}
	x, err := st.ExhibitByRef(context.Background(), "AM/2")
	if err != nil || x.Kind != "document" || !strings.Contains(x.Description, "post-incident report") {
		t.Fatalf("AM/2 = %+v, %v", x, err)
	}
	ls, err := exhibit.Continuity(context.Background(), st, x)
	if err != nil || !exhibit.Received(ls) || !strings.Contains(ls[0].What, "file RED0000001 Post Incident Report.pdf") {
		t.Fatalf("its continuity does not start with its receipt from the ARC: %+v %v", ls, err)
	}
}

func TestBuild_DisclosureCopyListsWhatItCannotRedactAndCarriesTheRest(t *testing.T) {
	st, v, c, who, _ := caseWithARCReport(t)
	ctx := context.Background()
	if _, err := exhibit.AddDocument(ctx, st, c.ID, "photograph", "bruise.jpg", "Photograph of the bruise", []byte{1, 2, 3, 4}, who); err != nil {
		t.Fatal(err)
	}
	master, err := Build(ctx, st, v, plainDocs{}, who, c.Ref, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	red, err := Build(ctx, st, v, plainDocs{}, who, c.Ref, t.TempDir(), Options{Redacted: true})
	if err != nil {
		t.Fatal(err)
	}
	mp, mfiles := readPackage(t, master.Path)
	rp, rfiles := readPackage(t, red.Path)
	// The master carries everything; the copy only the operator log, rewritten.
	if len(mfiles) != 3 || len(rfiles) != 1 || !strings.HasPrefix(rfiles[0], "AM-") || !strings.Contains(rfiles[0], "Operator log") {
		t.Fatalf("master files %v, disclosure files %v; want the report, the photograph and the log, then the log alone", mfiles, rfiles)
	}
	for _, x := range mp.Exhibits {
		if !x.InPackage || x.Withheld != "" || x.File == "" {
			t.Errorf("master: %+v is not carried", x)
		}
	}
	withheld := 0
	for _, x := range rp.Exhibits {
		if x.Kind == "operator_log" {
			continue
		}
		withheld++
		if x.InPackage || x.File != "" || x.Withheld != WithheldNote {
			t.Errorf("disclosure copy: %+v; want it listed as available on request, not carried", x)
		}
	}
	if withheld != 2 {
		t.Errorf("%d exhibits withheld, want the ARC's report and the photograph", withheld)
	}
	info, _ := os.ReadFile(filepath.Join(red.Path, "bag-info.txt"))
	if !strings.Contains(string(info), "Redline-Withheld-Exhibits: AM/1, AM/3 ") {
		t.Errorf("bag-info.txt does not name what was withheld:\n%s", info)
	}
	for _, pkg := range []string{master.Path, red.Path} {
		if rep, err := Verify(ctx, pkg, st); err != nil || !rep.OK() {
			t.Errorf("%s does not verify: %+v %v", pkg, rep, err)
		}
	}
}
