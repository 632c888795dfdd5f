package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/risk"
	"github.com/nhs-redline/redline/backend/store"
)

// buildCLI builds redline-cli from this tree, so the test runs the command a
// person would, not a copy of its code.
func buildCLI(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds redline-cli")
	}
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		if goBin, err = exec.LookPath("go"); err != nil {
			t.Skip("no go command to build redline-cli with")
		}
	}
	bin := filepath.Join(t.TempDir(), "redline-cli")
	if out, err := exec.Command(goBin, "build", "-o", bin, "./cli").CombinedOutput(); err != nil {
		t.Fatalf("build redline-cli: %v\n%s", err, out)
	}
	return bin
}

// cliExportAt runs redline-cli on the window's data folder and returns when
// it says the export happened, from the audit entry it wrote.
func cliExportAt(t *testing.T, bin string, s *session, objectType, objectID string, args ...string) time.Time {
	t.Helper()
	if out, err := exec.Command(bin, append([]string{"--data-dir", s.dir}, args...)...).CombinedOutput(); err != nil {
		t.Fatalf("redline-cli %v: %v\n%s", args, err, out)
	}
	ws, err := s.workspace()
	if err != nil {
		t.Fatal(err)
	}
	es, err := ws.Store.AuditFor(context.Background(), objectType, objectID)
	if err != nil || len(es) == 0 {
		t.Fatalf("redline-cli %v left no audit entry (%v)", args, err)
	}
	return time.Unix(es[len(es)-1].At, 0)
}

// TestExports_WindowAndCLIWriteTheSameBytes exports the same alerts and the
// same register from the window's services and from redline-cli, at the
// same instant as the same person, and expects identical files.
func TestExports_WindowAndCLIWriteTheSameBytes(t *testing.T) {
	bin := buildCLI(t)
	m, _ := mapFixture(t)
	ws, _ := m.s.workspace()
	_, err := risk.Create(context.Background(), ws.Store, risk.NewRisk{
		Fields: store.RiskFields{Title: "Dogs loose at \"Elm Court\" & <the> estate", Owner: "Head of Community Nursing"},
		Scores: []risk.NewScore{{Kind: "current", Score: risk.Score{Consequence: 3, Likelihood: 4}}},
	}, store.Who{Actor: "lsms", At: 1_760_000_000})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	d := &fakeDialogs{}
	m.useDialogs(d)
	for _, format := range []string{"geojson", "kml"} {
		cli := filepath.Join(out, "cli."+format)
		cliExportAt(t, bin, m.s, "alerts", "filter", "export", "geojson", "--format", format, "--out", cli)
		d.save = filepath.Join(out, "window."+format)
		if _, err := m.ExportAlerts(store.AlertFilter{}, format); err != nil {
			t.Fatal(err)
		}
		sameExport(t, m.s, cli, d.save)
	}

	cli := filepath.Join(out, "cli.xlsx")
	at := cliExportAt(t, bin, m.s, "risk_register", "xlsx", "risks", "export", "--xlsx", cli)
	m.s.now = func() time.Time { return at } // the same instant, so the same "Exported ... by" stamp
	fp := &fakePlatform{savePath: filepath.Join(out, "window.xlsx")}
	r := &Risks{s: m.s, platform: func() platform { return fp }}
	if _, err := r.ExportXLSX(); err != nil {
		t.Fatal(err)
	}
	sameExport(t, m.s, cli, fp.savePath)
}

// sameExport compares the last two exports, a then b. Each carries the audit
// head as it began, and b's head is a's own entry, so the heads are set
// aside (in every part of a workbook) and everything else must be the same bytes.
func sameExport(t *testing.T, s *session, a, b string) {
	t.Helper()
	ws, err := s.workspace()
	if err != nil {
		t.Fatal(err)
	}
	reg, err := ws.Store.ExportRegister(context.Background())
	if err != nil || len(reg) < 2 {
		t.Fatalf("export register %+v %v", reg, err)
	}
	pa, pb := parts(t, a, reg[len(reg)-2].Head), parts(t, b, reg[len(reg)-1].Head)
	if len(pa) == 0 || len(pa) != len(pb) {
		t.Fatalf("%s has %d parts, %s %d", filepath.Base(a), len(pa), filepath.Base(b), len(pb))
	}
	for name, body := range pa {
		if !bytes.Equal(body, pb[name]) {
			t.Errorf("%s and %s differ in %s", filepath.Base(a), filepath.Base(b), name)
		}
	}
}

// parts reads a file (each part of a zip) with its audit head replaced by "HEAD".
func parts(t *testing.T, path string, head store.AuditAnchor) map[string][]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	if zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err == nil {
		for _, f := range zr.File {
			rc, _ := f.Open()
			body, _ := io.ReadAll(rc)
			rc.Close()
			out[f.Name] = body
		}
	} else {
		out[""] = b
	}
	r := strings.NewReplacer(head.String(), "HEAD", head.Hash, "HEAD", head.Hash[:12], "HEAD", fmt.Sprintf("entry %d,", head.Seq), "entry HEAD,")
	for k, v := range out {
		out[k] = []byte(r.Replace(string(v)))
	}
	return out
}
