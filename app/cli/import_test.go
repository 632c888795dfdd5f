package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lyingZip writes an export whose central directory lies about its one
// entry in the way lie says.
func lyingZip(t *testing.T, lie func(b []byte, cd int)) string {
	t.Helper()
	var raw bytes.Buffer
	zw := zip.NewWriter(&raw)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "alarms.csv", Method: zip.Store})
	w.Write([]byte("arc,arc_ref,type,raised_at\nARC1,R1,red,2025-10-01T10:00:00Z\nARC1,R2,red,2025-10-01T11:00:00Z\n"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	b := raw.Bytes()
	lie(b, bytes.LastIndex(b, []byte("PK\x01\x02")))
	p := filepath.Join(t.TempDir(), "export.zip")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImport_LyingZipExitsBadInputWithOneMessage: an archive whose central
// directory lies is bad input (exit 2), said once, naming archive and entry
// once each, and as one JSON document with --json.
func TestImport_LyingZipExitsBadInputWithOneMessage(t *testing.T) {
	lies := map[string]func(b []byte, cd int){
		"checksum":    func(b []byte, cd int) { b[cd+16] ^= 0xff },
		"size, less":  func(b []byte, cd int) { b[cd+24], b[cd+25], b[cd+26], b[cd+27] = 10, 0, 0, 0 },
		"sizes, more": func(b []byte, cd int) { b[cd+20], b[cd+22], b[cd+24], b[cd+26] = 0, 1, 0, 1 },
		"offset":      func(b []byte, cd int) { b[cd+42] = 7 },
	}
	for name, lie := range lies {
		t.Run(name, func(t *testing.T) {
			p := lyingZip(t, lie)
			code, out, errs := runCLI(t, "--data-dir", t.TempDir(), "import", p)
			if code != exitBadInput || out != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 2", code, out, errs)
			}
			if lines := strings.Count(strings.TrimSpace(errs), "\n"); lines != 0 || strings.Count(errs, "alarms.csv") != 1 || strings.Count(errs, "export.zip") != 1 {
				t.Errorf("want one line naming export.zip and alarms.csv once each, got %q", errs)
			}
			code, out, _ = runCLI(t, "--data-dir", t.TempDir(), "import", "--json", p)
			var doc map[string]any
			if err := json.Unmarshal([]byte(out), &doc); err != nil || code != exitBadInput || doc["status"] != "rejected" {
				t.Errorf("--json: exit %d, %v, stdout %q", code, err, out)
			}
		})
	}
}
