package store

import (
	"context"
	"testing"
)

// TestAlertWords_ReadWithThePageOnEachEngine: the ARC's own words come back
// with the alert from every listing (the table's page, the export's walk,
// one alert, triage), and an alert without any has none.
func TestAlertWords_ReadWithThePageOnEachEngine(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		var a1 int64
		err := st.Write(ctx, func(w *Writer) error {
			var err error
			if a1, err = w.Alert(NewAlert{ARC: "T", ARCRef: "R1", Type: "red", Validity: "test", RaisedAt: 1000}); err != nil {
				return err
			}
			if _, err = w.Alert(NewAlert{ARC: "T", ARCRef: "R2", Type: "red", RaisedAt: 2000}); err != nil {
				return err
			}
			_, err = w.Tx().ExecContext(ctx, `INSERT INTO alert_arc(alert_id, words) VALUES (?, '{"validity":"Planned Alarm","type":"Red Alert"}')`, a1)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		check := func(where string, a Alert) {
			t.Helper()
			switch a.ARCRef {
			case "R1":
				if a.Words["validity"] != "Planned Alarm" || a.Words["type"] != "Red Alert" {
					t.Errorf("%s: words of R1 %v", where, a.Words)
				}
			case "R2":
				if len(a.Words) != 0 {
					t.Errorf("%s: words of R2 %v", where, a.Words)
				}
			}
		}
		page, err := st.ListAlerts(ctx, AlertFilter{}, AlertSort{Column: "workerName"}, 0, 10)
		if err != nil || len(page) != 2 {
			t.Fatalf("page %v %v", page, err)
		}
		for _, a := range page {
			check("page", a)
		}
		n := 0
		if err := st.EachAlert(ctx, AlertFilter{}, 0, func(a Alert) error { n++; check("each", a); return nil }); err != nil || n != 2 {
			t.Fatalf("each %d %v", n, err)
		}
		one, err := st.Alert(ctx, a1)
		if err != nil {
			t.Fatal(err)
		}
		check("one", one)
		rows, err := st.TriageList(ctx, false, 10)
		if err != nil || len(rows) != 2 {
			t.Fatalf("triage %v %v", rows, err)
		}
		for _, r := range rows {
			check("triage", r.Alert)
		}
	})
}
