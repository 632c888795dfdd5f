package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func geoVersion(t *testing.T, st *Store) int64 {
	t.Helper()
	v, err := st.GeoVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func bulkAlerts(arc string, n int) []NewAlert {
	out := make([]NewAlert, n)
	for i := range out {
		lat, lon := 53.8, -1.5
		out[i] = NewAlert{ARC: arc, ARCRef: fmt.Sprint(i), Type: "amber", RaisedAt: int64(1_760_000_000 + i), Lat: &lat, Lon: &lon}
	}
	return out
}

// TestWriteBulk_BumpsGeoVersionOncePerTransaction: a bulk import of many
// alerts moves the map version exactly once, and so does a plain write.
func TestWriteBulk_BumpsGeoVersionOncePerTransaction(t *testing.T) {
	st := openTemp(t)
	ctx := context.Background()
	v0 := geoVersion(t, st)
	err := st.WriteBulk(ctx, 1024, func(w *Writer) error {
		ix, err := w.Importer()
		if err != nil {
			return err
		}
		defer ix.Close()
		all := bulkAlerts("A", AlertBatch+3)
		if _, err := ix.InsertAlerts(all[:AlertBatch]); err != nil {
			return err
		}
		_, err = ix.InsertAlerts(all[AlertBatch:])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if v := geoVersion(t, st); v != v0+1 {
		t.Errorf("geo version %d -> %d, want one bump for the whole import", v0, v)
	}
	if err := st.Write(ctx, func(w *Writer) error { _, err := w.Alert(bulkAlerts("B", 1)[0]); return err }); err != nil {
		t.Fatal(err)
	}
	if v := geoVersion(t, st); v != v0+2 {
		t.Errorf("a plain insert after the import did not move the version (now %d)", v)
	}
}

// TestWriteBulk_NoAlertsNoBump: an import that stores no alert (all already
// there) leaves the map version alone, so the map does not reload for nothing.
func TestWriteBulk_NoAlertsNoBump(t *testing.T) {
	st := openTemp(t)
	v0 := geoVersion(t, st)
	if err := st.WriteBulk(context.Background(), 1024, func(w *Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if v := geoVersion(t, st); v != v0 {
		t.Errorf("version %d -> %d", v0, v)
	}
}

// TestWriteBulk_FailureRollsEverythingBack: an error after alerts were
// written leaves no alert, the old version and the trigger.
func TestWriteBulk_FailureRollsEverythingBack(t *testing.T) {
	st := openTemp(t)
	v0 := geoVersion(t, st)
	boom := errors.New("boom")
	err := st.WriteBulk(context.Background(), 1024, func(w *Writer) error {
		ix, err := w.Importer()
		if err != nil {
			return err
		}
		defer ix.Close()
		if _, err := ix.InsertAlerts(bulkAlerts("A", AlertBatch)); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	var n int
	st.db.QueryRow(`SELECT count(*) FROM alerts`).Scan(&n)
	if n != 0 || geoVersion(t, st) != v0 {
		t.Errorf("after rollback: %d alerts, version %d (was %d)", n, geoVersion(t, st), v0)
	}
}

// TestWriteBulk_ForeignKeysStillChecked: the bulk connection checks foreign
// keys once per parent before COMMIT but does not skip them: an alert
// pointing at a missing worker fails the whole import, and the pooled
// connection is back to immediate checks afterwards.
func TestWriteBulk_ForeignKeysStillChecked(t *testing.T) {
	st := openTemp(t)
	ctx := context.Background()
	batch := bulkAlerts("A", AlertBatch)
	batch[7].WorkerID = 999
	err := st.WriteBulk(ctx, 1024, func(w *Writer) error {
		ix, err := w.Importer()
		if err != nil {
			return err
		}
		defer ix.Close()
		_, err = ix.InsertAlerts(batch)
		return err
	})
	if err == nil {
		t.Fatal("an alert with a missing worker was committed")
	}
	var n int
	st.db.QueryRow(`SELECT count(*) FROM alerts`).Scan(&n)
	if n != 0 {
		t.Errorf("%d alerts stored after a foreign key failure", n)
	}
	if st.Engine() != SQLite {
		return // the connection settings below are SQLite's PRAGMAs
	}
	for i := 0; i < 3; i++ { // whichever pooled connection runs it
		var fk, deferred int
		if err := st.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil {
			t.Fatal(err)
		}
		st.db.QueryRow(`PRAGMA defer_foreign_keys`).Scan(&deferred)
		if fk != 1 || deferred != 0 {
			t.Errorf("connection left with foreign_keys=%d defer_foreign_keys=%d", fk, deferred)
		}
	}
}

// TestWriteBulk_EveryWriteIsChecked: whichever way a bulk transaction writes
// a broken reference (a batch, a single row, an update, a table SQLite
// checks itself), the transaction fails and nothing is stored.
func TestWriteBulk_EveryWriteIsChecked(t *testing.T) {
	cases := map[string]func(w *Writer, ix *ImportTx, alert int64) error{
		"batch alert, missing team": func(w *Writer, ix *ImportTx, _ int64) error {
			b := bulkAlerts("B", 3)
			b[2].TeamID = 77
			_, err := ix.InsertAlerts(b)
			return err
		},
		"single alert, missing device": func(w *Writer, ix *ImportTx, _ int64) error {
			a := bulkAlerts("B", 1)[0]
			a.DeviceID = 5
			_, err := w.Alert(a)
			return err
		},
		"update, missing worker": func(w *Writer, ix *ImportTx, alert int64) error {
			old, _, err := ix.FindAlert("A", "0")
			if err != nil {
				return err
			}
			a := old.NewAlert
			a.WorkerID = 12
			return ix.UpdateAlert(old, a)
		},
		"fix batch, missing alert": func(w *Writer, ix *ImportTx, alert int64) error {
			return ix.InsertPositions([]Position{{AlertID: alert, Source: "gps"}, {AlertID: alert + 100, Source: "gps"}})
		},
		"single fix, missing alert": func(w *Writer, ix *ImportTx, alert int64) error {
			return w.Position(Position{AlertID: alert + 100, Source: "gps"})
		},
		"log batch, missing alert": func(w *Writer, ix *ImportTx, alert int64) error {
			return ix.InsertLogEntries([]LogEntry{{AlertID: alert + 100, Action: "call"}})
		},
		"recording, missing alert": func(w *Writer, ix *ImportTx, alert int64) error {
			_, err := w.Media(Media{AlertID: alert + 100, Kind: "red_live", SHA256: "00", VaultPath: "x"}, 0)
			return err
		},
	}
	for name, write := range cases {
		t.Run(name, func(t *testing.T) {
			st := openTemp(t)
			ctx := context.Background()
			if err := st.Write(ctx, func(w *Writer) error { _, err := w.Alert(bulkAlerts("A", 1)[0]); return err }); err != nil {
				t.Fatal(err)
			}
			var alert int64
			st.db.QueryRow(`SELECT id FROM alerts`).Scan(&alert)
			count := func() (n int) {
				st.db.QueryRow(`SELECT (SELECT count(*) FROM alerts) + (SELECT count(*) FROM positions)
					+ (SELECT count(*) FROM operator_log) + (SELECT count(*) FROM media)`).Scan(&n)
				return n
			}
			before := count()
			err := st.WriteBulk(ctx, 1024, func(w *Writer) error {
				ix, err := w.Importer()
				if err != nil {
					return err
				}
				defer ix.Close()
				// Good rows first, so a check that stopped early would pass them.
				if _, err := ix.InsertAlerts(bulkAlerts("C", 2)); err != nil {
					return err
				}
				return write(w, ix, alert)
			})
			// SQLite says "FOREIGN KEY constraint failed", PostgreSQL "violates foreign key constraint".
			if err == nil || !strings.Contains(strings.ToUpper(err.Error()), "FOREIGN KEY") {
				t.Fatalf("err = %v, want a foreign key failure", err)
			}
			if after := count(); after != before {
				t.Errorf("rows %d -> %d after a failed bulk write", before, after)
			}
		})
	}
}

// TestWriteBulk_GoodReferencesCommit: the check passes what is sound.
func TestWriteBulk_GoodReferencesCommit(t *testing.T) {
	st := openTemp(t)
	err := st.WriteBulk(context.Background(), 1024, func(w *Writer) error {
		ix, err := w.Importer()
		if err != nil {
			return err
		}
		defer ix.Close()
		ids, err := ix.InsertAlerts(bulkAlerts("A", 5))
		if err != nil {
			return err
		}
		if err := ix.InsertPositions([]Position{{AlertID: ids[4], Source: "gps"}}); err != nil {
			return err
		}
		_, err = w.Media(Media{AlertID: ids[0], Kind: "red_live", SHA256: "00", VaultPath: "x"}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
