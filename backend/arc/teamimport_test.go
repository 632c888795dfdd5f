package arc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
	"github.com/nhs-redline/redline/backend/vault"
)

// teamSpace is an empty team database set up as `team init` does, with its
// vault, as a team workspace opens them; skipped without a test server.
func teamSpace(t *testing.T) space {
	t.Helper()
	url := teamtest.NewDatabase(t)
	if _, err := store.InitTeam(context.Background(), url); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	v, err := vault.OpenTeam(t.TempDir(), st.VaultBlobs())
	if err != nil {
		t.Fatal(err)
	}
	return space{st, v}
}

var teamImportNow = func() time.Time { return time.Date(2025, 11, 4, 9, 0, 0, 0, time.UTC) }

// importedTables are the tables an import writes, counted to compare.
var importedTables = []string{"alerts", "positions", "operator_log", "media", "alert_arc", "alert_documents", "imports",
	"import_files", "import_quarantine", "import_problems", "alert_history", "workers", "teams", "devices", "staff_groups",
	"alert_month_counts", "audit_log"}

func counts(t *testing.T, st *store.Store, tables []string) string {
	t.Helper()
	var b strings.Builder
	for _, tbl := range tables {
		fmt.Fprintf(&b, "%s=%d ", tbl, count(t, st, tbl))
	}
	return b.String()
}

// TestTeamImport_SameAlertsListingAsTheLaptop: the demo trust's canonical
// export imported into a team database (COPY, one transaction) gives the
// same Alerts listing, ids and all, the same summary and the same rows as
// the same files imported on a laptop; its recordings are in the team
// vault; importing it again changes nothing on either.
func TestTeamImport_SameAlertsListingAsTheLaptop(t *testing.T) {
	team := teamSpace(t)
	src, sum := exportDemo(t, mustProfile(t, "canonical"))
	laptop := newSpace(t)
	ctx := context.Background()
	opt := Options{Actor: "lsms", Now: teamImportNow}
	want, err := Import(ctx, laptop.st, laptop.v, src, opt)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Import(ctx, team.st, team.v, src, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != want.Status || got.Summary != want.Summary || got.Summary.Alerts.New != sum.Amber+sum.Red {
		t.Fatalf("team import %s %+v, laptop %s %+v", got.Status, got.Summary, want.Status, want.Summary)
	}
	for _, sort := range []store.AlertSort{{}, {Column: "arcRef"}} {
		w, g := allAlerts(t, laptop.st, sort), allAlerts(t, team.st, sort)
		if len(g) != len(w) || len(w) != sum.Amber+sum.Red {
			t.Fatalf("team lists %d alerts, laptop %d", len(g), len(w))
		}
		for i := range w {
			gj, _ := json.Marshal(g[i])
			wj, _ := json.Marshal(w[i])
			if string(gj) != string(wj) {
				t.Fatalf("sorted by %q, row %d differs:\nteam   %s\nlaptop %s", sort.Column, i, gj, wj)
			}
		}
	}
	if g, w := counts(t, team.st, importedTables), counts(t, laptop.st, importedTables); g != w {
		t.Errorf("rows after the import:\nteam   %s\nlaptop %s", g, w)
	}
	var inVault int
	if err := team.st.Write(ctx, func(w *store.Writer) error {
		return w.Tx().QueryRow(`SELECT count(*) FROM vault_files v WHERE EXISTS (SELECT 1 FROM media m WHERE m.sha256 = v.sha256)`).Scan(&inVault)
	}); err != nil {
		t.Fatal(err)
	}
	if sum.Media == 0 || inVault == 0 {
		t.Errorf("the team vault holds %d of the import's recordings (the demo has %d)", inVault, sum.Media)
	}
	if rep, err := team.st.CheckAuditLog(ctx); err != nil || rep.Problem != nil || rep.Entries != 1 {
		t.Errorf("team audit log after the import: %+v %v; want its one entry, intact", rep, err)
	}

	again, err := Import(ctx, team.st, team.v, src, opt)
	if err != nil || again.Status != StatusUnchanged || again.Summary.Alerts.Unchanged != sum.Amber+sum.Red {
		t.Fatalf("importing again into the team database: %v %+v", err, again)
	}
}

// allAlerts is the whole Alerts listing, page by page as the screen reads it.
func allAlerts(t *testing.T, st *store.Store, sort store.AlertSort) []store.Alert {
	t.Helper()
	var out []store.Alert
	for {
		page, err := st.ListAlerts(context.Background(), store.AlertFilter{}, sort, len(out), 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			return out
		}
		out = append(out, page...)
	}
}

// TestTeamImport_BadRowMidFileLeavesTheTeamDatabaseUnchanged: an export
// with a bad row in the middle of its alarms file is refused, and the team
// database keeps only the record of the refusal (as a laptop does): no
// alert, fix, log entry, recording or person of it, and no evidence file.
func TestTeamImport_BadRowMidFileLeavesTheTeamDatabaseUnchanged(t *testing.T) {
	team := teamSpace(t)
	ctx := context.Background()
	if _, err := team.st.Audit(ctx, store.AuditEntry{At: 1, Actor: "t", Action: "test.start", ObjectType: "test", ObjectID: "1"}); err != nil {
		t.Fatal(err)
	}
	src, _ := exportDemo(t, mustProfile(t, "canonical"))
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "manifest.csv"))
	alarms := filepath.Join(dir, "alarms.csv")
	b, err := os.ReadFile(alarms)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	mid := len(lines) / 2
	cells := strings.Split(lines[mid], ",")
	cells[2] = "purple" // type
	lines[mid] = strings.Join(cells, ",")
	if err := os.WriteFile(alarms, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	data := []string{"alerts", "positions", "operator_log", "media", "alert_arc", "alert_documents", "import_files",
		"import_quarantine", "alert_history", "workers", "teams", "devices", "staff_groups", "alert_month_counts", "vault_files"}
	before := counts(t, team.st, data)
	imports, audits := count(t, team.st, "imports"), count(t, team.st, "audit_log")

	res, err := Import(ctx, team.st, team.v, dir, Options{Actor: "lsms", Now: teamImportNow})
	var rej *RejectedError
	if !errors.As(err, &rej) || res.Errors == 0 || res.Problems[0].Line != mid+1 {
		t.Fatalf("err = %v, problems %+v; want line %d refused", err, res.Problems, mid+1)
	}
	if after := counts(t, team.st, data); after != before {
		t.Errorf("after a refused import:\n%s\nwant\n%s", after, before)
	}
	if count(t, team.st, "imports") != imports+1 || count(t, team.st, "audit_log") != audits+1 {
		t.Errorf("a refused import keeps its record and one audit entry, nothing more")
	}
	if rep, err := team.st.CheckAuditLog(ctx); err != nil || rep.Problem != nil {
		t.Errorf("audit log after the refused import: %+v %v", rep, err)
	}
}
