package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTrends_CSVWritesEveryTableThatReadsBack: `trends --csv DIR` writes one
// CSV per table of the Reports screen, each readable as CSV with its header.
func TestTrends_CSVWritesEveryTableThatReadsBack(t *testing.T) {
	dir := geoWorkspace(t) // alerts on 09/10/2025
	out := t.TempDir()
	code, stdout, errs := runCLI(t, "--data-dir", dir, "trends", "--csv", out, "--as-of", "2025-11-15T12:00:00Z")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.csv"))
	if len(files) < 4 || !strings.Contains(stdout, "tables written") {
		t.Fatalf("%d CSV files (%q)", len(files), stdout)
	}
	b, err := os.ReadFile(filepath.Join(out, "trends-red_alerts-2023-12-to-2025-11.csv"))
	if err != nil {
		t.Fatalf("no red alerts table among %v: %v", files, err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "Period" || rows[0][2] != "Red alerts" {
		t.Errorf("header %q", rows[0])
	}
	var oct string
	for _, r := range rows[1:] {
		if r[0] == "Oct 2025" {
			oct = r[2]
		}
	}
	if oct == "" || oct == "0" {
		t.Errorf("October 2025's red alerts missing from %q", rows)
	}
}
