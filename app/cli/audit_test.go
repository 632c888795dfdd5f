package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/auditkey"
	"github.com/nhs-redline/redline/backend/auditkey/auditkeytest"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/workspace"
	"github.com/nhs-redline/redline/reports/exports"
)

// TestMain keeps the audit keys these tests make out of the account's own key folder.
func TestMain(m *testing.M) { auditkeytest.Main(m) }

// TestAuditVerify_ForgerWithoutTheKey: someone with the database file, but
// not this account's key, rewrites entry 3 and recomputes every later hash
// so the links hold, with plain SHA-256 or with a key they guessed. verify
// names entry 3.
func TestAuditVerify_ForgerWithoutTheKey(t *testing.T) {
	for name, hashOf := range map[string]func(store.AuditEntry) string{
		"plain SHA-256": store.AuditHash,
		"a guessed key": func(e store.AuditEntry) string { return store.AuditMAC([]byte("Redline"), e) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := auditedWorkspace(t)
			storetest.Forge(t, workspace.DBPath(dir), 3, func(e *store.AuditEntry) { e.Detail = `{"n":9}` }, hashOf)
			code, _, errs := runCLI(t, "--data-dir", dir, "audit", "verify")
			if code != exitFailure || !strings.Contains(errs, "audit log broken at entry 3: entry 3 (case.note_add) was altered") {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
		})
	}
}

// TestAuditVerify_KeyMissing: on a computer (or account) without the key,
// verify says plainly that it cannot check authenticity, and fails.
func TestAuditVerify_KeyMissing(t *testing.T) {
	dir := auditedWorkspace(t)
	t.Setenv(auditkey.EnvDir, t.TempDir()) // an empty key folder: another computer's
	code, _, errs := runCLI(t, "--data-dir", dir, "audit", "verify")
	if code != exitFailure || !strings.Contains(errs, "this computer does not hold the audit key that sealed entries 1 to 5") ||
		!strings.Contains(errs, "order and links are intact") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
}

// TestAuditVerify_LegacyEntriesThenKeyed: a database from before keys
// verifies, saying how many entries predate the key.
func TestAuditVerify_LegacyEntriesThenKeyed(t *testing.T) {
	dir := t.TempDir()
	legacyLog(t, dir, 3)
	addEntries(t, dir, 2) // opened through the workspace: keyed from entry 4
	code, out, errs := runCLI(t, "--data-dir", dir, "audit", "verify")
	if code != exitOK || !strings.Contains(out, "intact: 5 entries") || !strings.Contains(out, "3 of them predate this database's audit key") ||
		!strings.Contains(out, "Entries 4 to 5 are sealed") {
		t.Fatalf("exit %d, %q %q", code, out, errs)
	}
}

// TestAuditVerify_SwitchPointIsNotInTheDatabase: the forger rewrites the
// whole log, old and keyed entries, as plain SHA-256 and removes the
// database's key name so Redline would take it for a database from before
// keys. The switch point is kept with the key, so verify still fails.
func TestAuditVerify_SwitchPointIsNotInTheDatabase(t *testing.T) {
	dir := t.TempDir()
	legacyLog(t, dir, 3)
	addEntries(t, dir, 3)
	storetest.Forge(t, workspace.DBPath(dir), 5, func(e *store.AuditEntry) { e.Actor = "someone else" }, store.AuditHash)
	storetest.Tamper(t, workspace.DBPath(dir), `DELETE FROM settings WHERE key = '`+auditkey.SettingKey+`'`)
	code, out, errs := runCLI(t, "--data-dir", dir, "audit", "verify")
	if code != exitFailure || !strings.Contains(errs, "audit log broken at entry 5: entry 5 (case.note_add) was altered") {
		t.Fatalf("exit %d, %q %q", code, out, errs)
	}
}

// legacyLog writes n plain-SHA-256 entries as Redline did before keys.
func legacyLog(t *testing.T, dir string, n int) {
	t.Helper()
	st, err := store.Open(workspace.DBPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := 0; i < n; i++ {
		if _, err := st.Audit(context.Background(), store.AuditEntry{At: int64(1600000000 + i), Actor: "lsms",
			Action: "case.note_add", ObjectType: "case", ObjectID: "1"}); err != nil {
			t.Fatal(err)
		}
	}
}

func addEntries(t *testing.T, dir string, n int) {
	t.Helper()
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	for i := 0; i < n; i++ {
		if _, err := ws.Store.Audit(context.Background(), store.AuditEntry{At: int64(1700000000 + i), Actor: "lsms",
			Action: "case.note_add", ObjectType: "case", ObjectID: "2"}); err != nil {
			t.Fatal(err)
		}
	}
}

// exportedWorkspace is auditedWorkspace (entries 1-5) with the risk register
// exported as entry 6, carrying head 5, then two more entries. It returns the
// head the workbook carries.
func exportedWorkspace(t *testing.T) (string, store.AuditAnchor) {
	t.Helper()
	dir := auditedWorkspace(t)
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := exports.RiskRegister(context.Background(), ws.Store, store.Who{Actor: "lsms", At: 1_760_000_000},
		exports.File(filepath.Join(t.TempDir(), "register.xlsx")))
	if err != nil || res.Seq != 6 || res.Head.Seq != 5 {
		t.Fatalf("export %+v %v", res, err)
	}
	ws.Close()
	addEntries(t, dir, 2)
	return dir, res.Head
}

// TestAuditVerify_CutAfterAnExportIsCaughtByTheRegisteredHead: the forger
// cuts the log back to before the export; the chain left is intact and
// keyed, but the export register still names the export and its head.
func TestAuditVerify_CutAfterAnExportIsCaughtByTheRegisteredHead(t *testing.T) {
	dir, head := exportedWorkspace(t)
	code, out, errs := runCLI(t, "--data-dir", dir, "audit", "verify")
	if code != exitOK || !strings.Contains(out, "every export in the register (1), unchanged") {
		t.Fatalf("before the cut: exit %d %q %q", code, out, errs)
	}
	// The head the workbook shows works as an anchor, by its first digits.
	if code, out, errs := runCLI(t, "--data-dir", dir, "audit", "verify", "--anchor", fmt.Sprintf("%d:%s", head.Seq, head.Hash[:12])); code != exitOK {
		t.Fatalf("the document's head as an anchor: exit %d %q %q", code, out, errs)
	}
	storetest.Tamper(t, workspace.DBPath(dir), `DELETE FROM audit_log WHERE seq >= 6`)
	code, _, errs = runCLI(t, "--data-dir", dir, "audit", "verify")
	if code != exitFailure || !strings.Contains(errs, "audit log broken at entry 6: the export register records register.xlsx") ||
		!strings.Contains(errs, "newer entries were removed") {
		t.Fatalf("after the cut: exit %d, stderr %q", code, errs)
	}
}

// TestAuditVerify_ForgerWithoutTheKeyAfterAnExport: a rewrite of entry 3 with
// the chain recomputed is named at entry 3, before the registered head it
// also breaks.
func TestAuditVerify_ForgerWithoutTheKeyAfterAnExport(t *testing.T) {
	dir, _ := exportedWorkspace(t)
	storetest.Forge(t, workspace.DBPath(dir), 3, func(e *store.AuditEntry) { e.Detail = `{"n":9}` }, store.AuditHash)
	code, out, errs := runCLI(t, "--data-dir", dir, "audit", "verify", "--json")
	if code != exitFailure || !strings.Contains(out, `"seq":3`) || !strings.Contains(out, `"exportsChecked":1`) ||
		!strings.Contains(errs, "audit log broken at entry 3: entry 3 (case.note_add) was altered") {
		t.Fatalf("exit %d, %q %q", code, out, errs)
	}
}
