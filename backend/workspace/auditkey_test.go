package workspace

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/auditkey"
	"github.com/nhs-redline/redline/backend/auditkey/auditkeytest"
)

// TestMain keeps the audit keys these tests make out of the account's own key folder.
func TestMain(m *testing.M) { auditkeytest.Main(m) }

// TestOpen_SealsTheAuditLog: whatever opens a data directory gets a store
// keyed from entry 1 for a new database, the demo included.
func TestOpen_SealsTheAuditLog(t *testing.T) {
	ctx := context.Background()
	ws, _, err := CreateDemo(ctx, t.TempDir(), time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC), DemoOptions{Bare: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	rep, err := ws.Store.CheckAuditLog(ctx)
	if err != nil || !rep.Authentic() || rep.KeyedFrom != 1 || rep.Plain != 0 || rep.Entries == 0 {
		t.Fatalf("demo audit log: %+v %v", rep, err)
	}
}

func TestOpen_RefusesAKeyFolderInsideTheData(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(auditkey.EnvDir, filepath.Join(dir, "keys"))
	if _, err := Open(dir); err == nil {
		t.Fatal("opened with the audit key inside the data folder")
	}
}
