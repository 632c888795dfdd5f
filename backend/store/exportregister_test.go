package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
)

// exportedLog makes a sealed log at path: entries 1-3, an export of
// letter.pdf carrying head 3 as entry 4, then entries 5-6.
func exportedLog(t *testing.T, path string) store.ExportRecord {
	t.Helper()
	sealedLog(t, path, &storetest.Seal, 1, 3)
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st.SealAudit(storetest.Seal)
	ctx := context.Background()
	head, _ := st.AuditHead(ctx)
	r, err := st.AuditExport(ctx, exportEntry(head, "ab12"), store.ExportRecord{Head: head, InDocument: true, File: "letter.pdf", Format: "pdf", SHA256: "ab12"})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	sealedLog(t, path, &storetest.Seal, 5, 2)
	return r
}

func exportEntry(head store.AuditAnchor, sum string) store.AuditEntry {
	return store.AuditEntry{At: 1_760_000_000, Actor: "lsms", Action: "letter.export", ObjectType: "letter", ObjectID: "1",
		Detail: fmt.Sprintf(`{"format":"pdf","file":"letter.pdf","sha256":%q,"auditHead":%q}`, sum, head)}
}

func TestExportRegister_WrittenWithItsEntryAndCheckedByVerify(t *testing.T) {
	path := storetest.Target(t, t.TempDir())
	r := exportedLog(t, path)
	if r.Seq != 4 || r.Head.Seq != 3 || r.EntryHash == "" || r.Actor != "lsms" {
		t.Fatalf("record %+v", r)
	}
	rep := check(t, path, &storetest.Seal)
	if rep.Problem != nil || rep.Exports != 1 || !rep.Authentic() {
		t.Fatalf("report %+v", rep)
	}
}

func TestExportRegister_RefusesAnEntryThatDoesNotNameTheHead(t *testing.T) {
	st, _ := storetest.Open(t)
	ctx := context.Background()
	e := exportEntry(store.AuditAnchor{Seq: 9, Hash: "ff"}, "ab12")
	if _, err := st.AuditExport(ctx, e, store.ExportRecord{File: "letter.pdf", SHA256: "ab12"}); err == nil {
		t.Fatal("an export entry naming another head was registered")
	}
	if head, _ := st.AuditHead(ctx); head.Seq != 0 {
		t.Fatalf("the entry was written without its register row: head %v", head)
	}
}

// TestAuditVerify_CutAfterAnExportIsCaughtByTheRegisteredHead: the forger
// removes the newest entries, the export's among them; the chain that is
// left is intact and keyed, but the register still names entry 4.
func TestAuditVerify_CutAfterAnExportIsCaughtByTheRegisteredHead(t *testing.T) {
	for name, tc := range map[string]struct {
		cut     string
		seq     int64
		mention string
	}{
		"the export's own entry": {`DELETE FROM audit_log WHERE seq >= 4`, 4, "the export register records letter.pdf"},
		"the head it carries":    {`DELETE FROM audit_log WHERE seq >= 3`, 3, "entry 3 is the audit head carried by letter.pdf"},
	} {
		t.Run(name, func(t *testing.T) {
			path := storetest.Target(t, t.TempDir())
			exportedLog(t, path)
			storetest.Tamper(t, path, tc.cut)
			rep := check(t, path, &storetest.Seal)
			if rep.Problem == nil || rep.Problem.Seq != tc.seq || !strings.Contains(rep.Problem.Reason, tc.mention) ||
				!strings.Contains(rep.Problem.Reason, "newer entries were removed") {
				t.Fatalf("problem %+v", rep.Problem)
			}
		})
	}
}

// TestAuditVerify_ForgerWithoutTheKeyIsNamedBeforeTheRegister: a forger
// rewrites entry 2 and recomputes the chain; the first bad entry is named,
// not the later register head that no longer matches.
func TestAuditVerify_ForgerWithoutTheKeyIsNamedBeforeTheRegister(t *testing.T) {
	path := storetest.Target(t, t.TempDir())
	exportedLog(t, path)
	storetest.Forge(t, path, 2, withDetail("0-20s"), store.AuditHash)
	rep := check(t, path, &storetest.Seal)
	if rep.Problem == nil || rep.Problem.Seq != 2 || !strings.Contains(rep.Problem.Reason, "entry 2 (recording.play) was altered") {
		t.Fatalf("problem %+v", rep.Problem)
	}
}

// TestAuditVerify_ForgerOnAnUnkeyedLogIsCaughtByTheRegisteredHead: without a
// key (a log checked as plain SHA-256) a recomputed chain holds together, but
// it no longer ends at the head the exported document carries.
func TestAuditVerify_ForgerOnAnUnkeyedLogIsCaughtByTheRegisteredHead(t *testing.T) {
	path := storetest.Target(t, t.TempDir())
	sealedLog(t, path, nil, 1, 3)
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := st.AuditHead(context.Background())
	if _, err := st.AuditExport(context.Background(), exportEntry(head, "ab12"), store.ExportRecord{Head: head, File: "letter.pdf", SHA256: "ab12"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	storetest.Forge(t, path, 2, withDetail("0-20s"), store.AuditHash)
	rep := check(t, path, nil)
	if rep.Problem == nil || rep.Problem.Seq != 3 || !strings.Contains(rep.Problem.Reason, "carried by letter.pdf") {
		t.Fatalf("problem %+v", rep.Problem)
	}
}

// TestAuditVerify_RegisterMustAgreeWithTheChain: a register row changed to
// another head, or removed while its entry stays, is shown.
func TestAuditVerify_RegisterMustAgreeWithTheChain(t *testing.T) {
	for name, tc := range map[string]struct{ stmt, mention string }{
		"another head": {`UPDATE export_register SET head_seq = 2, head_hash = (SELECT hash FROM audit_log WHERE seq = 2)`,
			"the export register's record of letter.pdf"},
		"row removed": {`DELETE FROM export_register`, "audit entry 4 (letter.export) records an export that the export register no longer holds"},
	} {
		t.Run(name, func(t *testing.T) {
			path := storetest.Target(t, t.TempDir())
			exportedLog(t, path)
			storetest.Tamper(t, path, `DROP TRIGGER export_register_no_update`, `DROP TRIGGER export_register_no_delete`, tc.stmt)
			rep := check(t, path, &storetest.Seal)
			if rep.Problem == nil || rep.Problem.Seq != 4 || !strings.Contains(rep.Problem.Reason, tc.mention) {
				t.Fatalf("problem %+v", rep.Problem)
			}
		})
	}
}

func TestExportRegister_IsAppendOnly(t *testing.T) {
	path := storetest.Target(t, t.TempDir())
	exportedLog(t, path)
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.Tx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM export_register`)
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("delete: %v", err)
	}
}
