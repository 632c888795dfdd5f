package boardpack

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/trends"

	"github.com/nhs-redline/redline/reports/pdftest"
)

// monthly are red alerts per month from January 2025: ten months about 11,
// then eight months of 9 (a run below the mean). Half (rounded up) are genuine.
var monthly = []int{10, 12, 9, 11, 10, 13, 9, 11, 10, 12, 9, 9, 9, 9, 9, 9, 9, 9}

func seeded(t *testing.T) *store.Store {
	t.Helper()
	st, _ := storetest.Open(t)
	err := st.Write(context.Background(), func(w *store.Writer) error {
		g, _ := w.StaffGroup("District nurses")
		team, _ := w.Team("Leeds District Nursing", g, "")
		worker, _ := w.Worker(store.Worker{Ref: "W1", Name: "A Nurse", TeamID: team})
		for m, n := range monthly {
			for i := 0; i < n; i++ {
				raised := time.Date(2025, time.Month(1+m), 2+i, 10, 0, 0, 0, store.London).Unix()
				ans := raised + 8
				v := "false"
				if i%2 == 0 {
					v = "genuine"
				}
				if _, err := w.Alert(store.NewAlert{ARC: "X", ARCRef: fmt.Sprintf("R%d-%d", m, i), Type: "red", WorkerID: worker, TeamID: team,
					RaisedAt: raised, AnsweredAt: &ans, Validity: v}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Audit(context.Background(), store.AuditEntry{At: who.At, Actor: "lsms", Action: "case.note_add", ObjectType: "case", ObjectID: "1"}); err != nil {
		t.Fatal(err)
	}
	return st
}

func report(t *testing.T, st *store.Store, shared bool) trends.Report {
	t.Helper()
	o, err := trends.Query{From: "2025-01", To: "2026-06", Shared: shared}.Options(time.Date(2026, 7, 10, 12, 0, 0, 0, store.London))
	if err != nil {
		t.Fatal(err)
	}
	r, err := trends.Build(context.Background(), st, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var who = store.Who{Actor: "director", At: time.Date(2026, 7, 10, 12, 0, 0, 0, time.UTC).Unix()}

func TestSave_PDFReadsBackWithChartsCommentaryAndAuditHead(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	st := seeded(t)
	r := report(t, st, false)
	path := filepath.Join(t.TempDir(), "pack.pdf")
	res, err := Save(context.Background(), st, who, path, "pdf", r)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	pdf, _ := os.ReadFile(path)
	pdftest.LastPageHoldsAtLeast(t, pdf, 4)
	for _, want := range []string{"Lone-worker safety trends, January 2025 to June 2026", "Red alerts",
		"Special-cause variation: 8 months below the mean", "Incidents per 1,000 lone workers", "Special-cause improvement: 8 months below the mean",
		"Audit log entry", "Leeds District Nursing", "For the security team only"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not say %q", want)
		}
	}
	if os.Getenv("BOARDPACK_KEEP") != "" {
		b, _ := os.ReadFile(path)
		os.WriteFile(os.Getenv("BOARDPACK_KEEP"), b, 0o644)
	}
	reg, _ := st.ExportRegister(context.Background())
	if len(reg) != 1 || reg[0].SHA256 != res.SHA256 || !reg[0].InDocument {
		t.Errorf("export register %+v", reg)
	}
}

func TestSave_XLSXReadsBackAndSharedHidesSmallCounts(t *testing.T) {
	st := seeded(t)
	path := filepath.Join(t.TempDir(), "pack.xlsx")
	if _, err := Save(context.Background(), st, who, path, "xlsx", report(t, st, true)); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("01 red_alerts")
	// Row 5 is January 2025: 10 red alerts shown as 10; 5 genuine and 5 false are hidden.
	if len(rows) < 22 || rows[4][0] != "Jan 2025" || rows[4][2] != "10" {
		t.Fatalf("red alerts sheet %v", rows)
	}
	if rows[14][2] != "10" || rows[4][5] != "*" {
		t.Errorf("9 red alerts (November 2025) rounds to 10; 5 genuine in January is *: %v / %v", rows[14], rows[4])
	}
	sum, _ := f.GetRows("Summary")
	if !strings.Contains(sum[1][0], "counts from 1 to 7 are shown as *") {
		t.Errorf("the summary does not say what sharing hides: %v", sum[1])
	}
	props, _ := f.GetDocProps()
	if !strings.Contains(props.Subject, "Audit log entry") {
		t.Errorf("no audit head in the workbook's properties: %+v", props)
	}
}

func TestSave_RefusesOtherFormats(t *testing.T) {
	st := seeded(t)
	if _, err := Save(context.Background(), st, who, filepath.Join(t.TempDir(), "x.doc"), "doc", trends.Report{}); err == nil {
		t.Fatal("a .doc board pack was accepted")
	}
}
