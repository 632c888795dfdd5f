package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/arc"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/testclock"
)

func importsFixture(t *testing.T) (*Imports, *fakePlatform) {
	t.Helper()
	s, _ := testSession(t, testclock.Now())
	fp := &fakePlatform{savePath: filepath.Join(s.dir, "report.csv")}
	return newImports(s, func() platform { return fp }, newJobs(func() platform { return fp })), fp
}

func waitDone(t *testing.T, fp *fakePlatform, id string) ImportOutcome {
	t.Helper()
	return waitEvent(t, fp, "import:done:"+id).(ImportOutcome)
}

// waitEvent waits for a job's event to reach the platform and returns its data.
func waitEvent(t *testing.T, fp *fakePlatform, event string) any {
	t.Helper()
	for i := 0; i < 600; i++ {
		fp.mu.Lock()
		v, ok := fp.last[event]
		fp.mu.Unlock()
		if ok {
			return v
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no %s event", event)
	return nil
}

// TestImports_ReimportSaysUnchangedAndHistoryKeepsHashes runs the service the
// way the screen does: pick (by token), start, wait for the done event.
func TestImports_ReimportSaysUnchangedAndHistoryKeepsHashes(t *testing.T) {
	im, fp := importsFixture(t)
	pick := im.remember(filepath.Join("..", "testdata", "arc", "demo", "canonical"))
	if pick.Kind != "folder" || pick.Token == "" {
		t.Fatalf("picked %+v", pick)
	}
	id, err := im.Start(pick.Token, StartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := waitDone(t, fp, id)
	if out.Error != "" || out.Result.Status != arc.StatusImported || out.Result.Summary.Alerts.New == 0 {
		t.Fatalf("first import: %+v", out)
	}
	id2, _ := im.Start(pick.Token, StartOptions{})
	if out2 := waitDone(t, fp, id2); out2.Result.Status != arc.StatusUnchanged {
		t.Fatalf("second import: %+v", out2.Result)
	}
	hist, err := im.History()
	if err != nil || len(hist) != 2 || len(hist[1].Files) == 0 || len(hist[1].Files[0].SHA256) != 64 {
		t.Fatalf("history %+v %v", hist, err)
	}
	if _, err := im.Start("not-a-token", StartOptions{}); err == nil {
		t.Error("an unknown token must not start an import")
	}
}

func TestImports_RejectedReportSavesAsCSV(t *testing.T) {
	im, fp := importsFixture(t)
	bad := filepath.Join(t.TempDir(), "alarms.csv")
	os.WriteFile(bad, []byte("arc,arc_ref,type,raised_at\nX,1,=cmd(),2025-01-01T00:00:00Z\n"), 0o644)
	id, _ := im.Start(im.remember(bad).Token, StartOptions{})
	out := waitDone(t, fp, id)
	if out.Result == nil || out.Result.Status != arc.StatusRejected {
		t.Fatalf("outcome %+v", out)
	}
	path, err := im.SaveReport(out.Result.ImportID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), "'=cmd()") {
		t.Errorf("report not neutralised:\n%s", b)
	}
}

func TestImports_NoProfileOpensTheWizard(t *testing.T) {
	im, fp := importsFixture(t)
	odd := filepath.Join(t.TempDir(), "odd.csv")
	os.WriteFile(odd, []byte("Incident;When;Kind\nA1;01/10/2025 10:00;Help\n"), 0o644)
	tok := im.remember(odd).Token
	id, _ := im.Start(tok, StartOptions{})
	out := waitDone(t, fp, id)
	if len(out.NoProfile) != 1 || out.NoProfile[0].Headers[1] != "When" {
		t.Fatalf("outcome %+v", out)
	}
	draft := `{"name":"Odd ARC","arc":"Odd","delimiter":";","timeFormat":"dd/MM/yyyy HH:mm","timeZone":"Europe/London",
	  "files":{"alarms":{"name":"odd.csv","columns":{"arc_ref":"Incident","raised_at":"When","type":"Kind","trigger":"Kind"}}},
	  "vocabulary":{"type":{"Help":"red"}}}`
	pv, err := im.Preview(tok, draft)
	if err != nil || len(pv.Rows) != 1 || pv.Rows[0].Values["type"] != "red" || len(pv.Unknown["trigger"]) != 1 {
		t.Fatalf("preview %+v %v", pv, err)
	}
	if _, err := im.SaveProfile(draft); err != nil {
		t.Fatal(err)
	}
	id, _ = im.Start(tok, StartOptions{Profile: "Odd ARC", Partial: true})
	if out := waitDone(t, fp, id); out.Result == nil || out.Result.Profile != "Odd ARC" {
		t.Fatalf("import with saved profile: %+v", out)
	}
}

// The page names the run so it can listen before starting; a name that is
// not 16 hex digits is refused.
func TestImports_StartUsesThePagesRunID(t *testing.T) {
	im, fp := importsFixture(t)
	tok := im.remember(filepath.Join("..", "testdata", "arc", "demo", "canonical")).Token
	if _, err := im.Start(tok, StartOptions{RunID: "../../etc"}); err == nil {
		t.Fatal("a malformed run id was accepted")
	}
	id, err := im.Start(tok, StartOptions{RunID: "00112233aabbccdd"})
	if err != nil || id != "00112233aabbccdd" {
		t.Fatalf("Start = %q, %v", id, err)
	}
	if out := waitDone(t, fp, "00112233aabbccdd"); out.Error != "" || out.Result == nil {
		t.Fatalf("done event under the page's id: %+v", out)
	}
}

// TestImports_RebuildsIndexesLeftByAnImport: indexes a large import left for
// after its commit are rebuilt in the background, with progress events, and
// the status a page reads at any time ends as not building.
func TestImports_RebuildsIndexesLeftByAnImport(t *testing.T) {
	im, fp := importsFixture(t)
	ws, err := im.s.workspace()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var n int
	err = ws.Store.WriteBulk(ctx, 1024, func(w *store.Writer) error {
		ix, err := w.Importer()
		if err != nil {
			return err
		}
		defer ix.Close()
		n, err = ix.DeferAlertIndexes(1)
		return err
	})
	if err != nil || n == 0 {
		t.Fatalf("deferred %d: %v", n, err)
	}
	im.buildIndexes()
	for i := 0; ; i++ {
		if waiting, _ := ws.Store.DeferredIndexes(ctx); len(waiting) == 0 {
			break
		}
		if i == 600 {
			t.Fatal("indexes were not rebuilt")
		}
		time.Sleep(50 * time.Millisecond)
	}
	for i := 0; ; i++ {
		fp.mu.Lock()
		v, ok := fp.last["indexes:progress"]
		fp.mu.Unlock()
		if st, _ := v.(IndexStatus); ok && !st.Building && st.Done == n && st.Total == n {
			break
		}
		if i == 600 {
			t.Fatalf("last progress %+v", v)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if st, _ := im.Indexes(); st.Building || st.Error != "" {
		t.Errorf("status %+v", st)
	}
}
