package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/vault"
	"github.com/nhs-redline/redline/backend/workspace"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// auditedWorkspace makes a data directory whose audit log holds five entries.
func auditedWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		if _, err := ws.Store.Audit(context.Background(), store.AuditEntry{At: int64(1700000000 + i), Actor: "lsms",
			Action: "case.note_add", ObjectType: "case", ObjectID: "1", Detail: `{"n":` + string(rune('0'+i)) + `}`}); err != nil {
			t.Fatal(err)
		}
	}
	ws.Close()
	return dir
}

func TestAuditVerify_DetectsTampering(t *testing.T) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("the sqlite3 command-line tool is not installed")
	}
	tests := []struct {
		name, sql, want string
	}{
		{"an edited entry", `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{"n":9}' WHERE seq = 3;`,
			"audit log broken at entry 3: entry 3 (case.note_add) was altered after it was written"},
		{"an edited actor", `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone else' WHERE seq = 4;`,
			"audit log broken at entry 4"},
		{"a deleted entry", `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;`,
			"audit log broken at entry 2: entry 2 is missing (the next entry found is 3)"},
		{"two entries swapped", `DROP TRIGGER audit_log_no_update;
			UPDATE audit_log SET seq = -1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = -1;`,
			"audit log broken at entry 2: entry 2 does not follow entry 1"},
		{"an edited entry rehashed to hide it", `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'x', hash = 'ab' WHERE seq = 3;`,
			"audit log broken at entry 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := auditedWorkspace(t)
			if code, out, errs := runCLI(t, "--data-dir", dir, "audit", "verify"); code != 0 || !strings.Contains(out, "intact: 5 entries") {
				t.Fatalf("before tampering: exit %d, %q %q", code, out, errs)
			}
			cmd := exec.Command("sqlite3", workspace.DBPath(dir), tt.sql)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("sqlite3: %v %s", err, b)
			}
			code, _, errs := runCLI(t, "--data-dir", dir, "audit", "verify")
			if code != exitFailure || !strings.Contains(errs, tt.want) {
				t.Fatalf("after tampering: exit %d, stderr %q; want 1 and %q", code, errs, tt.want)
			}
		})
	}
}

func TestAuditVerify_JSONAndBadInput(t *testing.T) {
	dir := auditedWorkspace(t)
	code, out, _ := runCLI(t, "--data-dir", dir, "audit", "verify", "--json")
	var got struct {
		Entries int  `json:"entries"`
		Intact  bool `json:"intact"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil || got.Entries != 5 || !got.Intact {
		t.Fatalf("exit %d, %q", code, out)
	}
	if code, _, _ := runCLI(t, "--data-dir", dir, "audit"); code != exitBadInput {
		t.Fatalf("audit without verify: exit %d, want 2", code)
	}
}

func TestPurge_DryRunThenDestroy(t *testing.T) {
	dir := t.TempDir()
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	put := storetest.Put(t, ws.Vault, strings.NewReader("false alarm audio"))
	var alertID int64
	t0 := time.Date(2025, 3, 29, 12, 0, 0, 0, store.London)
	err = ws.Store.Write(ctx, func(w *store.Writer) error {
		if alertID, err = w.Alert(store.NewAlert{ARC: "T", ARCRef: "R1", Type: "red", RaisedAt: t0.Unix(), Validity: "false", MediaCount: 1}); err != nil {
			return err
		}
		_, err := w.Media(store.Media{AlertID: alertID, OriginalName: "r1.wav", SHA256: put.SHA256, Size: put.Size, VaultPath: put.Rel}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Store.Categorise(ctx, alertID, "false", "pocket", store.Who{Actor: "lsms", At: t0.Unix()},
		func(store.Alert, *store.Triage, *string) error { return nil }); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	defer func() { now = time.Now }()

	// 23 hours later (across the clock change: 30/03 11:00 BST) nothing is due.
	now = func() time.Time { return t0.Add(23 * time.Hour) }
	code, out, errs := runCLI(t, "--data-dir", dir, "purge", "--dry-run")
	if code != 0 || !strings.Contains(out, "Would destroy 0 recording(s)") || !strings.Contains(out, "falls due 30/03/2025 13:00") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	now = func() time.Time { return t0.Add(24 * time.Hour) }
	code, out, _ = runCLI(t, "--data-dir", dir, "purge", "--dry-run", "--json")
	var rep struct {
		DryRun bool `json:"dryRun"`
		Due    []any
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || !rep.DryRun || len(rep.Due) != 1 {
		t.Fatalf("dry run: exit %d %s", code, out)
	}
	v, _ := vault.Open(filepath.Join(dir, "vault"))
	p, _ := v.Path(put.SHA256)
	if _, err := os.Stat(p); err != nil {
		t.Fatal("a dry run removed the file")
	}
	code, out, errs = runCLI(t, "--data-dir", dir, "purge")
	if code != 0 || !strings.Contains(out, "Destroyed 1 recording(s)") || !strings.Contains(out, put.SHA256) {
		t.Fatalf("purge: exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Fatal("the file is still in the vault")
	}
	if code, out, _ := runCLI(t, "--data-dir", dir, "audit", "verify"); code != 0 {
		t.Fatalf("audit after purge: %s", out)
	}
	if code, _, _ := runCLI(t, "--data-dir", dir, "purge", "extra"); code != exitBadInput {
		t.Fatal("stray argument accepted")
	}
}

// TestAuditVerify_AnchorFindsTheCutOffEnd: the newest entries deleted
// together leave a chain that checks out; the anchor printed before the cut
// says the log was cut back.
func TestAuditVerify_AnchorFindsTheCutOffEnd(t *testing.T) {
	dir := auditedWorkspace(t)
	code, out, _ := runCLI(t, "--data-dir", dir, "audit", "verify")
	m := regexp.MustCompile(`--anchor (\d+:[0-9a-f]{16})`).FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("exit %d, no anchor offered in %q", code, out)
	}
	if code, out, errs := runCLI(t, "--data-dir", dir, "audit", "verify", "--anchor", m[1]); code != 0 || !strings.Contains(out, "noted elsewhere (1), unchanged") {
		t.Fatalf("with a good anchor: exit %d %q %q", code, out, errs)
	}
	cmd := exec.Command("sqlite3", workspace.DBPath(dir), `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq >= 4;`)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v %s", err, b)
	}
	if code, _, _ := runCLI(t, "--data-dir", dir, "audit", "verify"); code != 0 {
		t.Fatalf("without the anchor the cut-back log verifies (exit %d): the gap the anchor closes", code)
	}
	code, _, errs := runCLI(t, "--data-dir", dir, "audit", "verify", "--anchor", m[1])
	if code != exitFailure || !strings.Contains(errs, "now ends at entry 3: newer entries were removed") {
		t.Fatalf("with the anchor: exit %d, %q", code, errs)
	}
	if code, _, _ := runCLI(t, "--data-dir", dir, "audit", "verify", "--anchor", "5:abc"); code != exitBadInput {
		t.Fatalf("a short anchor: exit %d, want 2", code)
	}
}
