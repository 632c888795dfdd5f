package exhibit

import (
	"bytes"
	"context"
	"encoding/csv"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
)

// TestOperatorLogCSV_CarriesTheARCsExtraFields: a log the ARC sent with
// columns no profile field reads (a call id, the channel) keeps them in the
// exhibit, and a log without any keeps the exhibit's old columns, so its
// SHA-256 does not change.
func TestOperatorLogCSV_CarriesTheARCsExtraFields(t *testing.T) {
	ctx := context.Background()
	st, _ := storetest.Open(t)
	var with, without int64
	err := st.Write(ctx, func(w *store.Writer) error {
		var err error
		if with, err = w.Alert(store.NewAlert{ARC: "T", ARCRef: "R-1", Type: "red", RaisedAt: 1000}); err != nil {
			return err
		}
		if without, err = w.Alert(store.NewAlert{ARC: "T", ARCRef: "R-2", Type: "red", RaisedAt: 2000}); err != nil {
			return err
		}
		for _, q := range []struct {
			id    int64
			extra string
		}{{with, `[["Call ID","C-77"],["Channel","GSM"]]`}, {with, ""}, {without, ""}} {
			if _, err := w.Tx().ExecContext(ctx, `INSERT INTO operator_log(alert_id, at, action, arc_extra) VALUES (?, 1100, 'called_worker', ?)`,
				q.id, q.extra); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	read := func(id int64) [][]string {
		t.Helper()
		a, err := st.Alert(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := OperatorLogCSV(ctx, st, a)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	rows := read(with)
	if len(rows) != 4 || rows[0][9] != "other_arc_fields" {
		t.Fatalf("rows %q", rows)
	}
	if rows[2][9] != "Call ID: C-77; Channel: GSM" || rows[3][9] != "" || rows[1][9] != "" {
		t.Errorf("extra fields %q", rows)
	}
	if rows := read(without); len(rows[0]) != 9 || len(rows[2]) != 9 {
		t.Errorf("a log without extra fields gained a column: %q", rows)
	}
}
