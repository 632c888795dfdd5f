package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestTrends_AsOfTreatsThatInstantAsNow: the figures as they stood at a
// pinned instant, whatever day the command runs; a bad instant is bad input.
func TestTrends_AsOfTreatsThatInstantAsNow(t *testing.T) {
	dir := geoWorkspace(t) // alerts on 09/10/2025
	code, out, errs := runCLI(t, "--data-dir", dir, "trends", "--json", "--as-of", "2025-11-15T12:00:00Z")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		To       string `json:"to"`
		Measures []struct {
			ID     string `json:"id"`
			Points []struct {
				Period string `json:"period"`
			} `json:"points"`
		} `json:"measures"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.To != "2025-11" {
		t.Fatalf("to = %q, want the month of --as-of", r.To)
	}
	for _, m := range r.Measures {
		for _, p := range m.Points {
			if p.Period > "2025-11" {
				t.Fatalf("%s has a period %s after --as-of", m.ID, p.Period)
			}
		}
	}
	code, _, errs = runCLI(t, "--data-dir", dir, "trends", "--json", "--as-of", "yesterday")
	if code != exitBadInput || !strings.Contains(errs, "--as-of") {
		t.Fatalf("a bad --as-of: exit %d, %q", code, errs)
	}
}
