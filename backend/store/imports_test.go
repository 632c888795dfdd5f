package store

import (
	"context"
	"path/filepath"
	"testing"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	st, err := Open(filepath.Join(t.TempDir(), "redline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

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

func TestImportTx_SuspendedIndexesComeBackOrStayOnRollback(t *testing.T) {
	st := openTemp(t)
	ctx := context.Background()
	count := func() (n int) {
		st.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts'`).Scan(&n)
		return n
	}
	before := count()
	errBoom := context.Canceled
	err := st.WriteBulk(ctx, 1024, func(w *Writer) error {
		ix, _ := w.Importer()
		defer ix.Close()
		if _, err := ix.SuspendAlertIndexes(); err != nil {
			return err
		}
		return errBoom // the import fails with the indexes dropped
	})
	if err != errBoom || count() != before {
		t.Fatalf("after a failed bulk import: %v, %d indexes, want %d", err, count(), before)
	}
	err = st.WriteBulk(ctx, 1024, func(w *Writer) error {
		ix, _ := w.Importer()
		defer ix.Close()
		rebuild, err := ix.SuspendAlertIndexes()
		if err != nil {
			return err
		}
		return rebuild()
	})
	if err != nil || count() != before {
		t.Fatalf("after rebuild: %v, %d indexes, want %d", err, count(), before)
	}
	var fk int
	st.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
	if fk != 1 {
		t.Error("foreign keys must be back on after a bulk import")
	}
}
