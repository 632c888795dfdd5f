package arc

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

func osMkdirTemp() (string, error) { return os.MkdirTemp("", "arc-demo-") }

func TestMain(m *testing.M) {
	if os.Getenv(killChildEnv) != "" {
		killChild()
		return
	}
	code := m.Run()
	if demoSpace.st != nil {
		dir := filepath.Dir(demoSpace.st.Path())
		demoSpace.st.Close()
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// TestImport_EveryShippedProfileRoundTrips writes the demo trust in each
// shipped profile and imports it into an empty database: every alert, fix,
// log entry and recording arrives, and importing again changes nothing.
func TestImport_EveryShippedProfileRoundTrips(t *testing.T) {
	for _, p := range Builtin() {
		t.Run(p.Name, func(t *testing.T) {
			dir, sum := exportDemo(t, p)
			sp := newSpace(t)
			res, err := Import(context.Background(), sp.st, sp.v, dir, Options{Actor: "tester"})
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if res.Profile != p.Name {
				t.Errorf("detected profile %q, want %q", res.Profile, p.Name)
			}
			if got, want := res.Summary.Alerts.New, sum.Amber+sum.Red; got != want {
				t.Errorf("new alerts = %d, want %d", got, want)
			}
			if got := res.Summary.Positions.New; got != sum.Positions {
				t.Errorf("new positions = %d, want %d", got, sum.Positions)
			}
			if got := res.Summary.Log.New; got != sum.LogEntries {
				t.Errorf("new log entries = %d, want %d", got, sum.LogEntries)
			}
			if got := res.Summary.Media.New; got != sum.Media {
				t.Errorf("new recordings = %d, want %d", got, sum.Media)
			}
			if res.Errors != 0 {
				t.Fatalf("problems: %v", res.Problems[:min(5, len(res.Problems))])
			}
			if res.Status != StatusImported {
				t.Errorf("status %q", res.Status)
			}
			again, err := Import(context.Background(), sp.st, sp.v, dir, Options{Actor: "tester"})
			if err != nil {
				t.Fatalf("re-import: %v", err)
			}
			if again.Status != StatusUnchanged || again.Summary.Changed() {
				t.Errorf("re-import: status %q summary %+v, want unchanged", again.Status, again.Summary)
			}
			if again.Summary.Alerts.Unchanged != sum.Amber+sum.Red || again.Summary.Positions.Unchanged != sum.Positions {
				t.Errorf("re-import unchanged counts %+v", again.Summary)
			}
			if n := count(t, sp.st, "positions"); n != sum.Positions {
				t.Errorf("positions after re-import = %d, want %d", n, sum.Positions)
			}
		})
	}
}

// TestImport_RoundTripKeepsEveryField compares alerts field by field after
// a canonical export and import.
func TestImport_RoundTripKeepsEveryField(t *testing.T) {
	src, _ := demoTrust(t)
	dir, _ := exportDemo(t, mustProfile(t, "canonical"))
	sp := newSpace(t)
	if _, err := Import(context.Background(), sp.st, sp.v, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	want, err := src.st.ListAlerts(ctx, store.AlertFilter{}, store.AlertSort{Column: "arcRef"}, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sp.st.ListAlerts(ctx, store.AlertFilter{}, store.AlertSort{Column: "arcRef"}, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d alerts, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		w.ID, g.ID, w.WorkerID, g.WorkerID, w.TeamID, g.TeamID = 0, 0, 0, 0, 0, 0
		if fmtAlert(w) != fmtAlert(g) {
			t.Fatalf("alert %s differs:\n got %s\nwant %s", w.ARCRef, fmtAlert(g), fmtAlert(w))
		}
	}
	wm, _ := src.st.MonthCounts(ctx)
	gm, _ := sp.st.MonthCounts(ctx)
	if len(wm) != len(gm) {
		t.Errorf("monthly rollup has %d cells, want %d", len(gm), len(wm))
	}
}

func fmtAlert(a store.Alert) string {
	return a.ARC + "|" + a.ARCRef + "|" + a.Type + "|" + a.Trigger + "|" + fmtTime(&a.RaisedAt) + "|" + fmtTime(a.AnsweredAt) +
		"|" + fmtTime(a.ClosedAt) + "|" + a.Validity + "|" + a.Escalation + "|" + a.PoliceRef + "|" + a.Operator + "|" +
		a.Memo + "|" + fmtFloat(a.Lat) + "|" + fmtFloat(a.Lon) + "|" + fmtFloat(a.AccuracyM) + "|" + a.WorkerRef + "|" +
		a.WorkerName + "|" + a.TeamName + "|" + fmtID(int64(a.MediaCount))
}

func TestImport_RejectedExportStoresNothing(t *testing.T) {
	dir, _ := exportDemo(t, mustProfile(t, "canonical"))
	appendLine(t, filepath.Join(dir, "alarms.csv"), "Reliance Protect,BAD1,purple,sos,2025-10-01T10:00:00Z,,,,,,,,,,,,,,,,,\n")
	os.Remove(filepath.Join(dir, "manifest.csv"))
	sp := newSpace(t)
	before := count(t, sp.st, "audit_log")
	res, err := Import(context.Background(), sp.st, sp.v, dir, Options{})
	var rej *RejectedError
	if !errors.As(err, &rej) {
		t.Fatalf("err = %v, want a RejectedError", err)
	}
	if res.Errors != 1 || res.Problems[0].Column != "type" || res.Problems[0].Value != "purple" {
		t.Errorf("problems = %+v", res.Problems)
	}
	for _, tbl := range []string{"alerts", "positions", "media", "import_files", "import_quarantine", "alert_history", "operator_log"} {
		if n := count(t, sp.st, tbl); n != 0 {
			t.Errorf("%s has %d rows after a rejected import", tbl, n)
		}
	}
	// Only the record of the rejection and its report are kept.
	rep, err := LoadReport(context.Background(), sp.st, res.ImportID)
	if err != nil || rep.Import.Status != StatusRejected || len(rep.Problems) != 1 || rep.Problems[0].Value != "purple" {
		t.Errorf("stored report %+v %v", rep, err)
	}
	if n := count(t, sp.st, "imports"); n != 1 {
		t.Errorf("imports has %d rows after a rejected import, want its record only", n)
	}
	if files, _ := filepath.Glob(filepath.Join(sp.v.Root(), "*", "*")); len(files) != 0 {
		t.Errorf("vault keeps %d files of a rejected import", len(files))
	}
	if count(t, sp.st, "audit_log") != before+1 {
		t.Errorf("a rejected import must leave one audit entry")
	}
}

func TestImport_PartialQuarantinesRejectedRows(t *testing.T) {
	dir, sum := exportDemo(t, mustProfile(t, "canonical"))
	appendLine(t, filepath.Join(dir, "alarms.csv"), "Reliance Protect,BAD1,red,sos,2025-10-01T10:00:00Z,,,,,,,,,,,,,91,0,\n")
	appendLine(t, filepath.Join(dir, "positions.csv"), "Reliance Protect,BAD1,2025-10-01T10:00:00Z,53.8,-1.5,10,gps\n")
	os.Remove(filepath.Join(dir, "manifest.csv"))
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, dir, Options{Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != StatusPartial || res.Summary.Alerts.Rejected != 1 || res.Summary.Positions.Rejected != 1 {
		t.Fatalf("status %q summary %+v", res.Status, res.Summary)
	}
	if res.Summary.Alerts.New != sum.Amber+sum.Red {
		t.Errorf("valid alerts imported = %d, want %d", res.Summary.Alerts.New, sum.Amber+sum.Red)
	}
	q, total, err := sp.st.Quarantined(context.Background(), res.ImportID, 0)
	if err != nil || len(q) != 2 || total != 2 {
		t.Fatalf("quarantine = %v (of %d), %v; want 2 rows", q, total, err)
	}
	if first, total, _ := sp.st.Quarantined(context.Background(), res.ImportID, 1); len(first) != 1 || total != 2 || first[0].ID != q[0].ID {
		t.Errorf("first page %+v of %d", first, total)
	}
	if q[0].ARCRef != "BAD1" || q[0].Kind != KindAlarms {
		t.Errorf("quarantined %+v", q[0])
	}
}

// TestImport_ChangedAlertUpdatesAndKeepsHistory re-imports an export in
// which the ARC re-categorised one red alert.
func TestImport_ChangedAlertUpdatesAndKeepsHistory(t *testing.T) {
	p := mustProfile(t, "canonical")
	dir, _ := exportDemo(t, p)
	os.Remove(filepath.Join(dir, "manifest.csv"))
	sp := newSpace(t)
	first, err := Import(context.Background(), sp.st, sp.v, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ref, old := rewriteFirstRedValidity(t, filepath.Join(dir, "alarms.csv"), "genuine")
	second, err := Import(context.Background(), sp.st, sp.v, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if second.Summary.Alerts.Updated != 1 || second.Status != StatusImported {
		t.Fatalf("summary %+v status %q", second.Summary, second.Status)
	}
	ctx := context.Background()
	alerts, _ := sp.st.ListAlerts(ctx, store.AlertFilter{Text: ref}, store.AlertSort{}, 0, 10)
	if len(alerts) != 1 || alerts[0].Validity != "genuine" {
		t.Fatalf("alert after update: %+v", alerts)
	}
	hist, _ := sp.st.AlertHistory(ctx, alerts[0].ID)
	if len(hist) != 1 || hist[0].Field != "validity" || hist[0].Old != old || hist[0].New != "genuine" || hist[0].ImportID != second.ImportID {
		t.Errorf("history %+v (first import %d)", hist, first.ImportID)
	}
	// The monthly rollup moved the alert from its old cell to the new one.
	total := 0
	cells, _ := sp.st.MonthCounts(ctx)
	for _, c := range cells {
		total += c.N
		if c.N < 0 {
			t.Errorf("negative rollup cell %+v", c)
		}
	}
	if total != count(t, sp.st, "alerts") {
		t.Errorf("rollup total %d, alerts %d", total, count(t, sp.st, "alerts"))
	}
}

// TestImport_LargeImportRebuildsEveryIndex takes the bulk path (indexes
// dropped in the transaction, rebuilt after it) and checks the schema ends
// as it began, and that queries are right while the indexes wait.
func TestImport_LargeImportRebuildsEveryIndex(t *testing.T) {
	dir, sum := exportDemo(t, mustProfile(t, "canonical"))
	sp := newSpace(t)
	indexes := func() string {
		var out string
		sp.st.Write(context.Background(), func(w *store.Writer) error {
			rows, err := w.Tx().Query(`SELECT name || ':' || coalesce(sql, '') FROM sqlite_master WHERE type = 'index' ORDER BY name`)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var s string
				rows.Scan(&s)
				out += s + "\n"
			}
			return nil
		})
		return out
	}
	before := indexes()
	old := bulkRows
	bulkRows = 1
	t.Cleanup(func() { bulkRows = old })
	res, err := Import(context.Background(), sp.st, sp.v, dir, Options{})
	if err != nil || res.Summary.Alerts.New != sum.Amber+sum.Red {
		t.Fatalf("%+v %v", res, err)
	}
	if res.IndexesWaiting < 9 || indexes() == before {
		t.Fatalf("%d indexes waiting; indexes:\n%s", res.IndexesWaiting, indexes())
	}
	n, err := sp.st.CountAlerts(context.Background(), store.AlertFilter{Types: []string{"red"}})
	if err != nil || n != sum.Red {
		t.Errorf("red alerts without the index: %d, want %d (%v)", n, sum.Red, err)
	}
	if err := sp.st.BuildDeferredIndexes(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if after := indexes(); after != before {
		t.Errorf("indexes changed:\nbefore %s\nafter %s", before, after)
	}
	n, err = sp.st.CountAlerts(context.Background(), store.AlertFilter{Types: []string{"red"}})
	if err != nil || n != sum.Red {
		t.Errorf("red alerts through the rebuilt index: %d, want %d (%v)", n, sum.Red, err)
	}
}

func TestImport_LeavesOneAuditEntryNamingFilesAndHashes(t *testing.T) {
	dir, _ := exportDemo(t, mustProfile(t, "iso-utc"))
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, dir, Options{Actor: "lsms.jones"})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := sp.st.AuditFor(context.Background(), "import", fmtID(res.ImportID))
	if err != nil || len(entries) != 1 {
		t.Fatalf("audit entries %v %v", entries, err)
	}
	e := entries[0]
	if e.Actor != "lsms.jones" || e.Action != "import.imported" || !strings.Contains(e.Detail, res.Files[0].SHA256) {
		t.Errorf("audit entry %+v", e)
	}
	recs, _ := sp.st.Imports(context.Background(), 10)
	if len(recs) != 1 || recs[0].ImportedBy != "lsms.jones" || recs[0].Profile != "iso-utc" || recs[0].FinishedAt == 0 {
		t.Errorf("import record %+v", recs)
	}
}

func TestProfile_ColumnOrderCoversEveryField(t *testing.T) {
	for kind, fields := range Fields {
		if len(ColumnOrder[kind]) != len(fields) {
			t.Errorf("%s: ColumnOrder has %d fields, Fields %d", kind, len(ColumnOrder[kind]), len(fields))
		}
		for _, f := range fields {
			if indexOf(ColumnOrder[kind], f) < 0 {
				t.Errorf("%s: %s missing from ColumnOrder", kind, f)
			}
		}
	}
}

func TestProfile_BadProfilesAreExplained(t *testing.T) {
	cases := map[string]string{
		`{"name":"x","files":{}}`: "must describe the alarms file",
		`{"name":"x","encoding":"ebcdic","files":{"alarms":{"columns":{"arc_ref":"a","type":"b","raised_at":"c"}}}}`:                      "not supported",
		`{"name":"x","timeFormat":"dd/MM/yy","files":{"alarms":{"columns":{"arc_ref":"a","type":"b","raised_at":"c"}}}}`:                  "yyyy",
		`{"name":"x","files":{"alarms":{"columns":{"arc_ref":"a","type":"b"}}}}`:                                                          `required field "raised_at"`,
		`{"name":"x","files":{"alarms":{"columns":{"arc_ref":"a","type":"b","raised_at":"c"}}},"vocabulary":{"type":{"Amber":"orange"}}}`: `not one of amber, red`,
		`{"name":"x","clockChange":{"gap":"guess"},"files":{"alarms":{"columns":{"arc_ref":"a","type":"b","raised_at":"c"}}}}`:            "shift_forward",
	}
	for js, want := range cases {
		_, err := ParseProfile(strings.NewReader(js))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", js, err, want)
		}
	}
}

// TestImport_QuarantinedRowsCanBeFixedAndImported writes the rejected rows
// out in the export's own layout, fixes them and imports them.
func TestImport_QuarantinedRowsCanBeFixedAndImported(t *testing.T) {
	p := mustProfile(t, "semicolon-1252")
	dir := writeFiles(t, map[string]string{"ALARMS.CSV": "Ref;Category;Raised;Centre;Staff Name\r\n" +
		"R1;Red;01/10/2025 11:00:00;ARC1;Si\xe2n\r\nR2;Purple;01/10/2025 12:00:00;ARC1;Ffion\r\n"})
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, dir, Options{Partial: true})
	if err != nil || res.Summary.Alerts.New != 1 || res.Summary.Alerts.Rejected != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	q, _, _ := sp.st.Quarantined(context.Background(), res.ImportID, 0)
	out := t.TempDir()
	names, err := WriteQuarantine(out, q, p)
	if err != nil || len(names) != 1 {
		t.Fatalf("%v %v", names, err)
	}
	b, _ := os.ReadFile(names[0])
	fixed := strings.Replace(string(b), "Purple", "Red", 1)
	os.WriteFile(names[0], []byte(fixed), 0o644)
	again, err := Import(context.Background(), sp.st, sp.v, out, Options{})
	if err != nil || again.Summary.Alerts.New != 1 || again.Profile != "semicolon-1252" {
		t.Fatalf("re-import of the fixed rows: %+v %v", again, err)
	}
}
