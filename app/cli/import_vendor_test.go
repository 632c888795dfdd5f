package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	vendorExport  = "../../testdata/arc/vendor-split"
	vendorProfile = "../../testdata/arc/vendor-split.profile.json"
)

// TestImport_VendorExportThroughAProfileFile: an export no shipped profile
// covers (issue 13) imports through --profile-file; rejected, it says what
// would have been imported; its rejected rows go back out with a hint that
// names --profile-file again.
func TestImport_VendorExportThroughAProfileFile(t *testing.T) {
	data := t.TempDir()
	code, out, errs := runCLI(t, "--data-dir", data, "import", "--profile-file", vendorProfile, vendorExport)
	if code != exitBadInput || !strings.Contains(out, "Nothing was imported") || !strings.Contains(out, "would add") ||
		!regexpLine(out, "alerts", "3", "0", "0", "1") || !strings.Contains(out, `column "Latitude" ("0,0 0,0")`) {
		t.Fatalf("rejected: exit %d\n%s\n%s", code, out, errs)
	}
	q := filepath.Join(t.TempDir(), "fix")
	code, out, errs = runCLI(t, "--data-dir", data, "import", "--profile-file", vendorProfile, "--partial", "--quarantine-out", q, vendorExport)
	if code != 0 || !regexpLine(out, "alerts", "3", "0", "0", "1") || !regexpLine(out, "log entries", "5", "0", "0", "0") ||
		!regexpLine(out, "recordings", "3", "0", "0", "0") || !regexpLine(out, "documents", "1", "0", "0", "0") {
		t.Fatalf("partial: exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(errs, `import that folder with --profile-file "`+vendorProfile+`"`) {
		t.Errorf("quarantine hint: %q", errs)
	}
	if b, err := os.ReadFile(filepath.Join(q, "Alarms.csv")); err != nil || !strings.Contains(string(b), "A1003;Man Down") {
		t.Errorf("quarantined rows: %q %v", b, err)
	}
}

// TestImport_JSONForEveryOutcome: with --json, stdout is one JSON document
// whatever happens, a bad profile file included.
func TestImport_JSONForEveryOutcome(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"name": "x", "files": {}}`), 0o644)
	cases := map[string][]string{
		"bad profile file":     {"import", "--json", "--profile-file", bad, vendorExport},
		"missing profile file": {"import", "--json", "--profile-file", bad + ".gone", vendorExport},
		"unknown profile":      {"import", "--json", "--profile", "nope", vendorExport},
		"no profile fits":      {"import", "--json", vendorExport},
		"rejected":             {"import", "--json", "--profile-file", vendorProfile, vendorExport},
		"partial":              {"import", "--json", "--profile-file", vendorProfile, "--partial", vendorExport},
		"missing export":       {"import", "--json", filepath.Join(t.TempDir(), "gone")},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			_, out, _ := runCLI(t, append([]string{"--data-dir", t.TempDir()}, args...)...)
			var doc map[string]any
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Errorf("stdout is not one JSON document: %v\n%s", err, out)
			}
		})
	}
}

// TestImport_JSONNamesTheQuarantineFiles: with --json and --quarantine-out,
// the one JSON document names the files the rejected rows went to.
func TestImport_JSONNamesTheQuarantineFiles(t *testing.T) {
	q := filepath.Join(t.TempDir(), "fix")
	code, out, errs := runCLI(t, "--data-dir", t.TempDir(), "import", "--json", "--profile-file", vendorProfile, "--partial",
		"--quarantine-out", q, vendorExport)
	var doc struct {
		Summary         map[string]any `json:"summary"`
		QuarantineFiles []string       `json:"quarantineFiles"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 {
		t.Fatalf("exit %d, stdout is not one JSON document: %v\n%s\n%s", code, err, out, errs)
	}
	if len(doc.QuarantineFiles) != 1 || filepath.Base(doc.QuarantineFiles[0]) != "Alarms.csv" || doc.Summary == nil {
		t.Errorf("quarantine files %v, summary %v", doc.QuarantineFiles, doc.Summary)
	}
}

// regexpLine finds the summary row name with the given counts.
func regexpLine(out, name string, counts ...string) bool {
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, name+" ") && strings.Join(strings.Fields(strings.TrimPrefix(line, name)), " ") == strings.Join(counts, " ") {
			return true
		}
	}
	return false
}
