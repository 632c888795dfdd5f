package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// bulkImport runs fn over an ImportTx in one WriteBulk, as backend/arc does.
func bulkImport(st *Store, fn func(w *Writer, ix *ImportTx) error) error {
	return st.WriteBulk(context.Background(), 1024, func(w *Writer) error {
		ix, err := w.Importer()
		if err != nil {
			return err
		}
		defer ix.Close()
		return fn(w, ix)
	})
}

// tableCounts counts the rows of the tables an import writes.
func tableCounts(t *testing.T, st *Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tbl := range []string{"alerts", "positions", "operator_log", "imports", "import_files", "alert_month_counts",
		"audit_log", "workers", "teams", "geo_version"} {
		var n int
		if err := st.db.QueryRow(`SELECT count(*) FROM ` + tbl).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tbl] = n
	}
	return out
}

// TestImportTx_BatchesKeepTheirIdsOnBothEngines: the ids InsertAlerts gives
// are the stored alerts' (reserved from the sequence on PostgreSQL, read
// from SQLite's rowids on a laptop), so fixes and log entries COPYed after
// them name the right alert; counts, rollups and the map version follow.
func TestImportTx_BatchesKeepTheirIdsOnBothEngines(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		// An alert stored before, so the import's ids do not start at 1.
		if err := st.Write(ctx, func(w *Writer) error { _, err := w.Alert(bulkAlerts("OLD", 1)[0]); return err }); err != nil {
			t.Fatal(err)
		}
		v0 := geoVersion(t, st)
		all := bulkAlerts("A", AlertBatch+7)
		var ids []int64
		err := bulkImport(st, func(w *Writer, ix *ImportTx) error {
			for _, b := range [][]NewAlert{all[:AlertBatch], all[AlertBatch:]} {
				got, err := ix.InsertAlerts(b)
				if err != nil {
					return err
				}
				ids = append(ids, got...)
			}
			last := ids[len(ids)-1]
			if err := ix.InsertPositions([]Position{{AlertID: last, FixAt: 5, Lat: 53.9, Lon: -1.4, AccuracyM: 8, Source: "gps",
				SourceWord: "GPS", Extra: [][2]string{{"Sats", "7"}}}}); err != nil {
				return err
			}
			if err := ix.InsertLogEntries([]LogEntry{{AlertID: ids[0], At: 6, Operator: "Op", Action: "called", Note: "n"}}); err != nil {
				return err
			}
			// Looked up inside the transaction, as the importer does.
			e, ok, err := ix.FindAlert("A", fmt.Sprint(AlertBatch+6))
			if err != nil || !ok || e.ID != last {
				return fmt.Errorf("FindAlert inside the import: %+v %v %v, want id %d", e.ID, ok, err, last)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) != len(all) {
			t.Fatalf("%d ids for %d alerts", len(ids), len(all))
		}
		for i, id := range ids {
			var ref string
			if err := st.db.QueryRow(`SELECT arc_ref FROM alerts WHERE id = ?`, id).Scan(&ref); err != nil || ref != fmt.Sprint(i) {
				t.Fatalf("id %d given for alert %d is stored as %q (%v)", id, i, ref, err)
			}
		}
		var posRef, logRef, word, extra string
		if err := st.db.QueryRow(`SELECT a.arc_ref, p.arc_word, p.arc_extra FROM positions p JOIN alerts a ON a.id = p.alert_id`).
			Scan(&posRef, &word, &extra); err != nil || posRef != fmt.Sprint(AlertBatch+6) || word != "GPS" || extra != `[["Sats","7"]]` {
			t.Errorf("fix stored against %q, word %q, extra %q (%v)", posRef, word, extra, err)
		}
		if err := st.db.QueryRow(`SELECT a.arc_ref FROM operator_log l JOIN alerts a ON a.id = l.alert_id`).Scan(&logRef); err != nil || logRef != "0" {
			t.Errorf("log entry stored against %q (%v)", logRef, err)
		}
		var n int
		if err := st.db.QueryRow(`SELECT coalesce(sum(n), 0) FROM alert_month_counts`).Scan(&n); err != nil || n != len(all)+1 {
			t.Errorf("monthly counts add up to %d (%v), want %d", n, err, len(all)+1)
		}
		if v := geoVersion(t, st); v != v0+1 {
			t.Errorf("geo version %d -> %d, want one bump for the import", v0, v)
		}
	})
}

// TestImportTx_FailureMidImportLeavesNothingOnBothEngines: a batch that
// breaks a rule after others were stored (a fix naming no alert) fails the
// import, and every table is as it was; the next import goes through.
func TestImportTx_FailureMidImportLeavesNothingOnBothEngines(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		if _, err := st.Audit(ctx, AuditEntry{At: 1, Actor: "t", Action: "test.start", ObjectType: "test", ObjectID: "1"}); err != nil {
			t.Fatal(err)
		}
		before := tableCounts(t, st)
		v0 := geoVersion(t, st)
		head0, _ := st.CheckAuditLog(ctx)
		err := bulkImport(st, func(w *Writer, ix *ImportTx) error {
			id, err := w.Import(ImportRecord{StartedAt: 1, Source: "x.csv", Profile: "canonical", ImportedBy: "t", Status: "running"})
			if err != nil {
				return err
			}
			if err := ix.File(ImportFile{ImportID: id, Name: "x.csv", Kind: "alarms", Size: 3, SHA256: "ab"}); err != nil {
				return err
			}
			if _, err := ix.InsertAlerts(bulkAlerts("A", 100)); err != nil {
				return err
			}
			if _, err := w.Audit(AuditEntry{At: 2, Actor: "t", Action: "import.imported", ObjectType: "import", ObjectID: "1"}); err != nil {
				return err
			}
			return ix.InsertPositions([]Position{{AlertID: 1 << 40, FixAt: 1, Lat: 1, Lon: 1, AccuracyM: 1, Source: "gps"}})
		})
		if err == nil {
			t.Fatal("a fix naming no alert was stored")
		}
		if after := tableCounts(t, st); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("after a failed import the tables hold %v, want %v", after, before)
		}
		if v := geoVersion(t, st); v != v0 {
			t.Errorf("geo version %d -> %d after a failed import", v0, v)
		}
		if head, _ := st.CheckAuditLog(ctx); head.Head != head0.Head || head.Entries != head0.Entries {
			t.Errorf("audit head %+v after a failed import, want %+v", head.Head, head0.Head)
		}
		err = bulkImport(st, func(w *Writer, ix *ImportTx) error {
			_, err := ix.InsertAlerts(bulkAlerts("A", 100))
			return err
		})
		if err != nil {
			t.Fatalf("the import after a failed one: %v", err)
		}
		if n := tableCounts(t, st)["alerts"]; n != before["alerts"]+100 {
			t.Errorf("%d alerts after the second import, want %d", n, before["alerts"]+100)
		}
	})
}

// TestImportTx_RememberedAlarmsOnBothEngines: the import's own temporary
// table of alarms it read but did not create works on both engines, the
// first note standing, and is gone once the import ends.
func TestImportTx_RememberedAlarmsOnBothEngines(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		for round := 0; round < 2; round++ { // a second import starts with an empty table
			err := bulkImport(st, func(w *Writer, ix *ImportTx) error {
				if _, ok, err := ix.RememberedAlarm("A", "1"); err != nil || ok {
					return fmt.Errorf("round %d: remembered before any note (%v)", round, err)
				}
				if err := ix.RememberAlarm("A", "1", SeenAlarm{File: "a.csv", Line: 4, Rejected: true}); err != nil {
					return err
				}
				if err := ix.RememberAlarm("A", "1", SeenAlarm{File: "b.csv", Line: 9}); err != nil {
					return err
				}
				s, ok, err := ix.RememberedAlarm("A", "1")
				if err != nil || !ok || s != (SeenAlarm{File: "a.csv", Line: 4, Rejected: true}) {
					return fmt.Errorf("remembered %+v %v %v, want the first note", s, ok, err)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestTeamImport_ImportsTakeTurns: a second import into the team database
// waits for the first to end, so two overlapping exports cannot both find
// an alarm new. It fails if the import lock is removed (the second import
// would then store its alert while the first still runs).
func TestTeamImport_ImportsTakeTurns(t *testing.T) {
	url := initTeamTest(t)
	a, b := openTeamURL(t, url), openTeamURL(t, url)
	inFirst, release := make(chan struct{}), make(chan struct{})
	first := make(chan error, 1)
	go func() {
		first <- bulkImport(a, func(w *Writer, ix *ImportTx) error {
			if _, err := ix.InsertAlerts(bulkAlerts("A", 1)); err != nil {
				return err
			}
			close(inFirst)
			<-release
			return nil
		})
	}()
	<-inFirst
	second := make(chan error, 1)
	go func() {
		second <- bulkImport(b, func(w *Writer, ix *ImportTx) error {
			_, err := ix.InsertAlerts(bulkAlerts("B", 1))
			return err
		})
	}()
	select {
	case err := <-second:
		t.Fatalf("the second import ended (%v) while the first still ran", err)
	case <-time.After(500 * time.Millisecond):
	}
	close(release)
	if err := errors.Join(<-first, <-second); err != nil {
		t.Fatal(err)
	}
	var arcs string
	if err := a.db.QueryRow(`SELECT string_agg(arc, ',' ORDER BY id) FROM alerts`).Scan(&arcs); err != nil || arcs != "A,B" {
		t.Errorf("alerts stored in the order %q (%v), want the first import's first", arcs, err)
	}
}
