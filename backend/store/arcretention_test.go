package store

import (
	"context"
	"testing"
)

// TestDestroyARC_OnEachEngine: the ARC's document and fields of a false
// alarm are listed for retention, destroyed with a record, and no longer
// hold their vault file, on SQLite and on PostgreSQL alike; a document whose
// bytes a live recording shares keeps its file.
func TestDestroyARC_OnEachEngine(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		var a1, a2 int64
		err := st.Write(ctx, func(w *Writer) error {
			var err error
			if a1, err = w.Alert(NewAlert{ARC: "T", ARCRef: "R1", Type: "red", RaisedAt: 1000}); err != nil {
				return err
			}
			if a2, err = w.Alert(NewAlert{ARC: "T", ARCRef: "R2", Type: "red", RaisedAt: 2000}); err != nil {
				return err
			}
			if _, err := w.Media(Media{AlertID: a2, Kind: "recording", OriginalName: "R2.wav", SHA256: "bb", Size: 2, VaultPath: "bb"}, 0); err != nil {
				return err
			}
			for _, q := range []struct {
				sql  string
				args []any
			}{
				{`INSERT INTO alert_arc(alert_id, address, extra) VALUES (?, '3 Park Row', '[["Site","LDS"]]')`, []any{a1}},
				{`INSERT INTO alert_documents(alert_id, original_name, sha256, size, vault_path) VALUES (?, 'R1 report.pdf', 'aa', 1, 'aa')`, []any{a1}},
				{`INSERT INTO alert_documents(alert_id, original_name, sha256, size, vault_path) VALUES (?, 'R1 audio copy.wav', 'bb', 2, 'bb')`, []any{a1}},
			} {
				if _, err := w.Tx().ExecContext(ctx, q.sql, q.args...); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		who := Who{Actor: "lsms", At: 5000}
		if _, err := st.Categorise(ctx, a1, "false", "test", who, func(Alert, *Triage, *string) error { return nil }); err != nil {
			t.Fatal(err)
		}
		items, err := st.ARCRetentionCandidates(ctx, 0)
		if err != nil || len(items) != 3 {
			t.Fatalf("candidates %+v %v", items, err)
		}
		ds := make([]ARCDestruction, len(items))
		for i, it := range items {
			if it.AlertID != a1 || it.Category != "false" || it.OnHold {
				t.Errorf("candidate %+v", it)
			}
			ds[i] = ARCDestruction{Item: it, Rule: "false_red", RuleText: "False alarm", DueAt: 6000}
		}
		recs, files, err := st.DestroyARC(ctx, ds, Who{Actor: "system", At: 90000})
		if err != nil || len(recs) != 3 || len(files) != 1 || files[0] != "aa" {
			t.Fatalf("destroyed %+v, files %v, %v", recs, files, err)
		}
		if x, _ := st.AlertARC(ctx, a1); !x.Empty() {
			t.Errorf("ARC fields kept: %+v", x)
		}
		if docs, _ := st.Documents(ctx, a1); len(docs) != 0 {
			t.Errorf("documents kept: %+v", docs)
		}
		if in, _ := st.VaultFileInUse(ctx, "aa"); in {
			t.Error("the destroyed report still holds its file")
		}
		if in, _ := st.VaultFileInUse(ctx, "bb"); !in {
			t.Error("the live recording no longer holds the shared file")
		}
		if removed, err := st.RemovedFiles(ctx); err != nil || len(removed) != 1 || removed[0] != "aa" {
			t.Errorf("files to remove %v %v", removed, err)
		}
		if state, _ := st.VaultFileState(ctx, "aa"); state != VaultAwaitingDestruction {
			t.Errorf("state of the report's file %q", state)
		}
		if got, err := st.ARCDestructionRecords(ctx, a1); err != nil || len(got) != 3 || got[0].DestroyedBy != "system" {
			t.Errorf("records %+v %v", got, err)
		}
		if again, _ := st.ARCRetentionCandidates(ctx, 0); len(again) != 0 {
			t.Errorf("still candidates: %+v", again)
		}
		if err := st.Write(ctx, func(w *Writer) error {
			_, err := w.Tx().ExecContext(ctx, `UPDATE arc_destruction_records SET rule = 'x'`)
			return err
		}); err == nil {
			t.Error("a destruction record was changed")
		}
	})
}
