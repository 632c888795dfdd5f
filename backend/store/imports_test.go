package store

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// openTemp is openTest: a fresh store on the pass's engine.
func openTemp(t *testing.T) *Store { return openTest(t) }

// TestImportTx_UpdateMovesTheMonthlyRollup: re-categorising an alert moves
// its count from the old cell of alert_month_counts to the new one.
func TestImportTx_UpdateMovesTheMonthlyRollup(t *testing.T) {
	st := openTemp(t)
	ctx := context.Background()
	a := NewAlert{ARC: "A", ARCRef: "R1", Type: "red", Validity: "false", RaisedAt: 1_760_000_000}
	if err := st.Write(ctx, func(w *Writer) error { _, err := w.Alert(a); return err }); err != nil {
		t.Fatal(err)
	}
	err := st.Write(ctx, func(w *Writer) error {
		ix, err := w.Importer()
		if err != nil {
			return err
		}
		defer ix.Close()
		old, ok, err := ix.FindAlert("A", "R1")
		if err != nil || !ok {
			t.Fatalf("FindAlert: %v %v", ok, err)
		}
		next := old.NewAlert
		next.Validity = "genuine"
		return ix.UpdateAlert(old, next)
	})
	if err != nil {
		t.Fatal(err)
	}
	cells, _ := st.MonthCounts(ctx)
	got := map[string]int{}
	for _, c := range cells {
		got[c.Validity] = c.N
	}
	if got["false"] != 0 || got["genuine"] != 1 {
		t.Errorf("rollup after re-categorising: %v", got)
	}
}

func TestImportTx_InsertAlertsGivesConsecutiveIDs(t *testing.T) {
	st := openTemp(t)
	ctx := context.Background()
	var batch []NewAlert
	for i := 0; i < AlertBatch; i++ {
		batch = append(batch, NewAlert{ARC: "A", ARCRef: string(rune('a'+i%26)) + string(rune('A'+i/26)), Type: "amber", RaisedAt: int64(1_760_000_000 + i)})
	}
	var ids []int64
	err := st.WriteBulk(ctx, 1024, func(w *Writer) error {
		ix, err := w.Importer()
		if err != nil {
			return err
		}
		defer ix.Close()
		ids, err = ix.InsertAlerts(batch)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		a, err := st.Alert(ctx, id)
		if err != nil || a.ARCRef != batch[i].ARCRef {
			t.Fatalf("id %d is %q (%v), want %q", id, a.ARCRef, err, batch[i].ARCRef)
		}
	}
}

// TestImportTx_DeferredIndexesStayOnRollbackAndComeBackAfter: a failed
// import leaves every index in place; a committed one leaves them listed in
// deferred_indexes until BuildDeferredIndexes puts back exactly what was there.
func TestImportTx_DeferredIndexesStayOnRollbackAndComeBackAfter(t *testing.T) {
	sqliteOnly(t, "the SQLite bulk import's deferred indexes (PostgreSQL loads through COPY and keeps its indexes)")
	st := openTemp(t)
	ctx := context.Background()
	schema := func() (s string) {
		st.db.QueryRow(`SELECT group_concat(name || ':' || sql, char(10)) FROM
			(SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts' ORDER BY name)`).Scan(&s)
		return s
	}
	before := schema()
	errBoom := context.Canceled
	err := st.WriteBulk(ctx, 1024, func(w *Writer) error {
		ix, _ := w.Importer()
		defer ix.Close()
		if _, err := ix.DeferAlertIndexes(1); err != nil {
			return err
		}
		return errBoom // the import fails with the indexes dropped
	})
	if waiting, _ := st.DeferredIndexes(ctx); err != errBoom || schema() != before || len(waiting) != 0 {
		t.Fatalf("after a failed bulk import: %v, waiting %v, indexes\n%s\nwant\n%s", err, waiting, schema(), before)
	}
	var n int
	err = st.WriteBulk(ctx, 1024, func(w *Writer) error {
		ix, _ := w.Importer()
		defer ix.Close()
		var err error
		n, err = ix.DeferAlertIndexes(1)
		if err != nil {
			return err
		}
		_, err = ix.InsertAlerts(bulkAlerts("A", 10))
		return err
	})
	waiting, _ := st.DeferredIndexes(ctx)
	if err != nil || n < 9 || len(waiting) != n || schema() == before {
		t.Fatalf("after commit: %v, %d deferred, waiting %v", err, n, waiting)
	}
	if c, err := st.CountAlerts(ctx, AlertFilter{Types: []string{"amber"}}); err != nil || c != 10 {
		t.Errorf("queries must work without the indexes: %d, %v", c, err)
	}
	var steps []IndexProgress
	if err := st.BuildDeferredIndexes(ctx, func(p IndexProgress) { steps = append(steps, p) }); err != nil {
		t.Fatal(err)
	}
	if schema() != before {
		t.Errorf("rebuilt indexes\n%s\nwant\n%s", schema(), before)
	}
	if len(steps) != n+1 || steps[n].Done != n || steps[0].Name != "alerts_raised" {
		t.Errorf("progress %+v", steps)
	}
	if waiting, _ := st.DeferredIndexes(ctx); len(waiting) != 0 {
		t.Errorf("still waiting: %v", waiting)
	}
	if err := st.BuildDeferredIndexes(ctx, func(IndexProgress) { t.Error("progress with nothing to build") }); err != nil {
		t.Fatal(err)
	}
}

// TestBuildDeferredIndexes_KeepsWhatWasBuilt: an index built before a stop
// is not built twice, and one already present is only taken off the list.
func TestBuildDeferredIndexes_KeepsWhatWasBuilt(t *testing.T) {
	sqliteOnly(t, "the SQLite bulk import's deferred indexes (PostgreSQL loads through COPY and keeps its indexes)")
	st := openTemp(t)
	ctx := context.Background()
	err := st.WriteBulk(ctx, 1024, func(w *Writer) error {
		ix, _ := w.Importer()
		defer ix.Close()
		_, err := ix.DeferAlertIndexes(1)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// As if Redline stopped after rebuilding alerts_raised but before
	// taking it off the list.
	if _, err := st.db.Exec(`CREATE INDEX alerts_raised ON alerts(raised_at)`); err != nil {
		t.Fatal(err)
	}
	ctx2, cancel := context.WithCancel(ctx)
	built := 0
	err = st.BuildDeferredIndexes(ctx2, func(p IndexProgress) {
		if built = p.Done; p.Done == 2 {
			cancel() // stop part-way
		}
	})
	if err == nil {
		t.Fatal("a cancelled build reported success")
	}
	// alerts_raised comes first and was only taken off the list; one more
	// was built before the stop; the rest wait, the built ones stay.
	waiting, _ := st.DeferredIndexes(ctx)
	var have int
	st.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts' AND sql IS NOT NULL`).Scan(&have)
	if built != 2 || have != 2 || slices.Contains(waiting, "alerts_raised") || len(waiting)+have < 9 {
		t.Fatalf("after stopping at %d: %d indexes built, waiting %v", built, have, waiting)
	}
	if err := st.BuildDeferredIndexes(ctx, nil); err != nil {
		t.Fatal(err)
	}
	var n int
	st.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts' AND sql IS NOT NULL`).Scan(&n)
	if waiting, _ := st.DeferredIndexes(ctx); len(waiting) != 0 || n < 9 {
		t.Errorf("waiting %v, %d indexes", waiting, n)
	}
}

// TestBuildDeferredIndexes_RunsOnlyIndexDefinitions: the SQL kept in
// deferred_indexes is run, so a row that is not one CREATE INDEX on alerts
// (someone edited the file) is refused and nothing of it runs.
func TestBuildDeferredIndexes_RunsOnlyIndexDefinitions(t *testing.T) {
	sqliteOnly(t, "the SQLite bulk import's deferred indexes (PostgreSQL loads through COPY and keeps its indexes)")
	st := openTemp(t)
	ctx := context.Background()
	for _, def := range []string{
		`CREATE INDEX x ON alerts(raised_at); DROP TABLE alerts`,
		`DROP TABLE alerts`,
		`CREATE INDEX x ON cases(id)`,
	} {
		if _, err := st.db.Exec(`DELETE FROM deferred_indexes; INSERT INTO deferred_indexes(name, tbl, sql, deferred_at) VALUES ('x', 'alerts', ?, 0)`, def); err != nil {
			t.Fatal(err)
		}
		if err := st.BuildDeferredIndexes(ctx, nil); err == nil || !strings.Contains(err.Error(), "not an index on alerts") {
			t.Errorf("%q: %v", def, err)
		}
		var n int
		st.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name IN ('alerts', 'x')`).Scan(&n)
		if n != 1 {
			t.Fatalf("%q ran: %d of alerts and x exist", def, n)
		}
	}
}

// TestQuarantined_AllWhenNoLimitOnEachEngine: a limit of 0 lists every row
// the import kept aside (SQLite's LIMIT -1 is refused by PostgreSQL), and a
// limit lists that many, in the order they were kept.
func TestQuarantined_AllWhenNoLimitOnEachEngine(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		var id int64
		err := st.Write(ctx, func(w *Writer) error {
			var err error
			if id, err = w.Import(ImportRecord{StartedAt: 1, Source: "export.zip", Status: "partial"}); err != nil {
				return err
			}
			ix, err := w.Importer()
			if err != nil {
				return err
			}
			defer ix.Close()
			for line := 2; line <= 4; line++ {
				if err := ix.Quarantine(QuarantineRow{ImportID: id, File: "alarms.csv", Kind: "alarms", Line: line,
					Header: `["ref"]`, Cells: `["x"]`, Problems: `["no date"]`}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		all, total, err := st.Quarantined(ctx, id, 0)
		if err != nil || total != 3 || len(all) != 3 || all[0].Line != 2 || all[2].Line != 4 {
			t.Fatalf("no limit: %+v of %d, %v", all, total, err)
		}
		first, total, err := st.Quarantined(ctx, id, 1)
		if err != nil || total != 3 || len(first) != 1 || first[0].Line != 2 {
			t.Fatalf("limit 1: %+v of %d, %v", first, total, err)
		}
	})
}

// TestImportTx_InAPlainWriteOnEachEngine: an import opened in Write (not
// WriteBulk) stores its batches on both engines; on PostgreSQL they go
// through COPY, since there is no SQLite virtual table to read them from.
func TestImportTx_InAPlainWriteOnEachEngine(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		var ids []int64
		err := st.Write(ctx, func(w *Writer) error {
			ix, err := w.Importer()
			if err != nil {
				return err
			}
			defer ix.Close()
			if ids, err = ix.InsertAlerts(bulkAlerts("A", 3)); err != nil {
				return err
			}
			if err := ix.InsertPositions([]Position{{AlertID: ids[1], FixAt: 5, Lat: 51.5, Lon: -0.1, Source: "gps"}}); err != nil {
				return err
			}
			return ix.InsertLogEntries([]LogEntry{{AlertID: ids[2], At: 6, Operator: "op", Action: "call"}})
		})
		if err != nil {
			t.Fatal(err)
		}
		var alerts, fixes, logs int
		st.db.QueryRow(`SELECT (SELECT count(*) FROM alerts), (SELECT count(*) FROM positions WHERE alert_id = ?),
			(SELECT count(*) FROM operator_log WHERE alert_id = ?)`, ids[1], ids[2]).Scan(&alerts, &fixes, &logs)
		if len(ids) != 3 || alerts != 3 || fixes != 1 || logs != 1 {
			t.Fatalf("ids %v: %d alerts, %d fixes, %d log entries; want 3, 1, 1", ids, alerts, fixes, logs)
		}
	})
}
