package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/workspace"
)

// exportEntries reads the audit entries of one export action.
func exportEntries(t *testing.T, dir, objectType, objectID, action string) []map[string]any {
	t.Helper()
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	es, err := ws.Store.AuditFor(context.Background(), objectType, objectID)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, e := range es {
		if e.Action == action {
			var d map[string]any
			if err := json.Unmarshal([]byte(e.Detail), &d); err != nil {
				t.Fatalf("%s detail %q: %v", action, e.Detail, err)
			}
			out = append(out, d)
		}
	}
	return out
}

// Lone workers' locations leave the laptop only with an audit entry, from
// the CLI as from the window; the chain stays intact.
func TestExport_EveryCLIExportIsAudited(t *testing.T) {
	dir := geoWorkspace(t)
	out := t.TempDir()
	for _, c := range []struct {
		args                     []string
		file, object, id, action string
	}{
		{[]string{"export", "geojson", "--type", "red", "--out", filepath.Join(out, "red.geojson")}, "red.geojson", "alerts", "filter", "map.export_geojson"},
		{[]string{"export", "geojson", "--format", "kml", "--out", filepath.Join(out, "all.kml")}, "all.kml", "alerts", "filter", "map.export_kml"},
		{[]string{"risks", "export", "--xlsx", filepath.Join(out, "register.xlsx")}, "register.xlsx", "risk_register", "xlsx", "risk.export"},
	} {
		if code, stdout, stderr := runCLI(t, append([]string{"--data-dir", dir}, c.args...)...); code != 0 {
			t.Fatalf("%v: exit %d %s %s", c.args, code, stdout, stderr)
		}
		got := exportEntries(t, dir, c.object, c.id, c.action)
		if len(got) != 1 {
			t.Fatalf("%s: %d audit entries, want 1", c.action, len(got))
		}
		b, err := os.ReadFile(filepath.Join(out, c.file))
		if err != nil || got[0]["file"] != c.file || got[0]["bytes"] != float64(len(b)) || len(got[0]["sha256"].(string)) != 64 {
			t.Errorf("%s entry %v for a %d-byte file (%v)", c.action, got[0], len(b), err)
		}
	}
	if got := exportEntries(t, dir, "alerts", "filter", "map.export_geojson"); got[0]["count"] != 5.0 {
		t.Errorf("geojson entry counts %v alerts, want the 5 red ones", got[0]["count"])
	}
	if code, stdout, _ := runCLI(t, "--data-dir", dir, "audit", "verify"); code != 0 || !strings.Contains(stdout, "intact: 3 entries") {
		t.Fatalf("audit verify after the exports: exit %d, %s", code, stdout)
	}
}

func TestExport_ToStandardOutputIsAuditedToo(t *testing.T) {
	dir := geoWorkspace(t)
	if code, _, stderr := runCLI(t, "--data-dir", dir, "export", "geojson", "--out", "-"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := exportEntries(t, dir, "alerts", "filter", "map.export_geojson"); len(got) != 1 || got[0]["file"] != "standard output" {
		t.Fatalf("entries %v", got)
	}
}

func TestExport_FailureLeavesNoFileAndNoEntry(t *testing.T) {
	dir := geoWorkspace(t)
	out := filepath.Join(t.TempDir(), "missing folder", "red.geojson")
	if code, _, _ := runCLI(t, "--data-dir", dir, "export", "geojson", "--out", out); code == 0 {
		t.Fatal("an export into a missing folder succeeded")
	}
	if got := exportEntries(t, dir, "alerts", "filter", "map.export_geojson"); len(got) != 0 {
		t.Fatalf("a failed export was audited: %v", got)
	}
}
