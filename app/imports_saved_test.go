package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/arc"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/testclock"
)

// folderPlatform answers the "choose folder" dialog with a fixed folder.
type folderPlatform struct {
	*fakePlatform
	dir string
}

func (f folderPlatform) OpenDirectoryDialog(string) (string, error) { return f.dir, nil }

// TestImports_QuarantineSavesToFolderAndReimportsAfterFixing imports the
// valid rows, lists the rejected one, saves it to a folder chosen in the
// dialog, fixes it there and imports that folder: the row arrives exactly
// as the ARC wrote it (a memo starting with "=", a negative longitude).
func TestImports_QuarantineSavesToFolderAndReimportsAfterFixing(t *testing.T) {
	s, ws := testSession(t, testclock.Now())
	fp := &fakePlatform{}
	chosen := t.TempDir()
	plat := func() platform { return folderPlatform{fp, chosen} }
	im := newImports(s, plat, newJobs(plat))
	export := filepath.Join(t.TempDir(), "alarms.csv")
	os.WriteFile(export, []byte("arc,arc_ref,type,raised_at,memo,lat,lon\n"+
		"ARC,Q1,red,2025-10-01T10:00:00Z,fine,53.8,-1.55\n"+
		"ARC,Q2,purple,2025-10-01T11:00:00Z,=keep me,53.81,-1.56\n"), 0o644)
	id, err := im.Start(im.remember(export).Token, StartOptions{Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	out := waitDone(t, fp, id)
	if out.Result == nil || out.Result.Status != arc.StatusPartial || out.Result.Summary.Alerts.New != 1 {
		t.Fatalf("partial import: %+v", out)
	}
	importID := out.Result.ImportID

	q, err := im.Quarantined(importID)
	if err != nil || q.Total != 1 || len(q.Rows) != 1 {
		t.Fatalf("quarantine list %+v %v", q, err)
	}
	if r := q.Rows[0]; r.File != "alarms.csv" || r.Line != 3 || r.Ref != "Q2" || len(r.Problems) == 0 || !strings.Contains(r.Problems[0], "purple") {
		t.Errorf("quarantined row %+v", r)
	} else if strings.Contains(r.Problems[0], "alarms.csv") || !strings.HasPrefix(r.Problems[0], "Column ") {
		t.Errorf("the problem repeats the row's place, shown in its own columns: %q", r.Problems[0])
	}
	hist, _ := im.History()
	if len(hist) != 1 || hist[0].Quarantined != 1 || hist[0].Problems == 0 {
		t.Errorf("history %+v", hist)
	}

	folder, err := im.SaveQuarantine(importID)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(folder) != chosen {
		t.Fatalf("saved to %s, want a new folder inside %s", folder, chosen)
	}
	if again, _ := im.SaveQuarantine(importID); again == folder || again == "" {
		t.Errorf("a second save must not overwrite the first: %q then %q", folder, again)
	}
	file := filepath.Join(folder, "alarms.csv")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), ",=keep me,") || !strings.Contains(string(b), ",-1.56") || strings.Contains(string(b), "Q1") {
		t.Fatalf("quarantine file must hold only the rejected row, unaltered:\n%s", b)
	}
	os.WriteFile(file, []byte(strings.Replace(string(b), "purple", "red", 1)), 0o644)

	id, _ = im.Start(im.remember(folder).Token, StartOptions{})
	if fixed := waitDone(t, fp, id); fixed.Result == nil || fixed.Result.Status != arc.StatusImported || fixed.Result.Summary.Alerts.New != 1 {
		t.Fatalf("re-import of the fixed rows: %+v", fixed)
	}
	alerts, err := ws.Store.ListAlerts(context.Background(), store.AlertFilter{}, store.AlertSort{}, 0, 10)
	if err != nil || len(alerts) != 2 {
		t.Fatalf("alerts %+v %v", alerts, err)
	}
	for _, a := range alerts {
		if a.ARCRef == "Q2" && (a.Memo != "=keep me" || a.Lon == nil || *a.Lon != -1.56 || a.Type != "red") {
			t.Errorf("re-imported alert altered: %+v", a)
		}
	}
	entries, _ := ws.Store.AuditFor(context.Background(), "import", itoa(importID))
	saved := 0
	for _, e := range entries {
		if e.Action == "import.quarantine_saved" && e.Actor != "" && strings.Contains(e.Detail, "alarms.csv") {
			saved++
		}
	}
	if saved != 2 {
		t.Errorf("audit log holds %d quarantine saves, want 2: %+v", saved, entries)
	}
	if _, err := im.SaveQuarantine(importID + 99); err == nil {
		t.Error("an unknown import must not save")
	}
}

// TestImports_RejectedReportSurvivesARestart rejects an export, closes the
// session, opens the data directory again and saves the report from there.
func TestImports_RejectedReportSurvivesARestart(t *testing.T) {
	im, fp := importsFixture(t)
	bad := filepath.Join(t.TempDir(), "alarms.csv")
	os.WriteFile(bad, []byte("arc,arc_ref,type,raised_at\nX,1,=cmd(),2025-01-01T00:00:00Z\nX,2,red,30/02/2025\n"), 0o644)
	id, _ := im.Start(im.remember(bad).Token, StartOptions{})
	out := waitDone(t, fp, id)
	if out.Result == nil || out.Result.Status != arc.StatusRejected || out.Result.ImportID == 0 {
		t.Fatalf("outcome %+v", out.Result)
	}
	dir := im.s.dir
	im.s.close()

	s2 := &session{dir: dir, log: slog.New(slog.NewTextHandler(io.Discard, nil)), now: time.Now}
	if err := s2.openExisting(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s2.close)
	fp2 := &fakePlatform{savePath: filepath.Join(t.TempDir(), "report.csv")}
	im2 := newImports(s2, func() platform { return fp2 }, newJobs(func() platform { return fp2 }))
	hist, err := im2.History()
	if err != nil || len(hist) != 1 || hist[0].Status != arc.StatusRejected || hist[0].Problems != 2 || len(hist[0].Files) != 0 {
		t.Fatalf("history after restart %+v %v", hist, err)
	}
	path, err := im2.SaveReport(hist[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), "'=cmd()") || !strings.Contains(string(b), "alarms.csv,3,raised_at,30/02/2025") {
		t.Errorf("saved report:\n%s", b)
	}
	if _, err := im2.SaveReport(12345); err == nil || !strings.Contains(err.Error(), "not in Redline") {
		t.Errorf("unknown import: %v", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
