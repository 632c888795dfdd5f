package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/recording"
	"github.com/nhs-redline/redline/backend/store"
)

var canonicalExport = filepath.Join("..", "..", "testdata", "arc", "demo", "canonical")

// redline-cli import leaves every recording it brought with its waveform cached where the
// app reads it, so the app never computes one later; --json says so in one optional field.
func TestImport_PreparesTheWaveformsOfItsRecordings(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCLI(t, "--data-dir", dir, "import", "--json", canonicalExport)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Status    string                 `json:"status"`
		Files     []store.ImportFile     `json:"files"`
		Waveforms *recording.Preparation `json:"waveforms"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if strings.Contains(errs, "preparing waveforms") {
		t.Errorf("--json talked on stderr: %q", errs)
	}
	lib := recording.New(nil, nil, recording.CacheDir(dir), nil)
	distinct := map[string]bool{}
	for _, f := range doc.Files {
		if f.Kind != "audio" {
			continue
		}
		distinct[f.SHA256] = true
		if !lib.HasPeaks(f.SHA256) {
			t.Errorf("%s: no waveform cached when the command ended", f.Name)
		}
	}
	if w := doc.Waveforms; doc.Status != "imported" || w == nil || len(distinct) < 2 || w.Total != len(distinct) || w.Done != w.Total || w.Failed != 0 {
		t.Fatalf("status %q, waveforms %+v for %d recordings", doc.Status, doc.Waveforms, len(distinct))
	}
	// The same export again brings nothing new: nothing to prepare, and no field for it.
	code, out, _ = runCLI(t, "--data-dir", dir, "import", "--json", canonicalExport)
	if code != 0 || strings.Contains(out, `"waveforms"`) {
		t.Fatalf("re-import: exit %d, %s", code, out)
	}
}

func TestImport_SaysOnStderrAsItPreparesWaveforms(t *testing.T) {
	code, out, errs := runCLI(t, "--data-dir", t.TempDir(), "import", canonicalExport)
	if code != 0 || !strings.Contains(errs, "preparing waveforms 1 of 3 (audio/") || !strings.Contains(out, "Waveforms prepared for 3 of 3 recordings in ") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
