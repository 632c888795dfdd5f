package boardpack

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Errorf("%s has no byte-order mark, so Excel would misread accented names", filepath.Base(path))
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("%s does not read back as CSV: %v", filepath.Base(path), err)
	}
	return rows
}

// A team named like a formula, as a hostile or careless import might name one.
func withFormulaTeam(t *testing.T, st *store.Store) {
	t.Helper()
	err := st.Write(context.Background(), func(w *store.Writer) error {
		g, _ := w.StaffGroup("+Outreach")
		team, _ := w.Team(`=HYPERLINK("http://x","y")`, g, "")
		_, err := w.Worker(store.Worker{Ref: "W2", Name: "B Nurse", TeamID: team})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSaveCSVDir_WritesEveryTableThatReadsBackAudited(t *testing.T) {
	st := seeded(t)
	withFormulaTeam(t, st)
	r := report(t, st, false)
	dir := t.TempDir()
	paths, err := SaveCSVDir(context.Background(), st, who, dir, r)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(r.Measures) + 3; len(paths) != want {
		t.Fatalf("%d files, want one per table (%d)", len(paths), want)
	}
	red := readCSV(t, filepath.Join(dir, "trends-red_alerts-2025-01-to-2026-06.csv"))
	if got := strings.Join(red[0][:4], "|"); got != "Period|Part period|Red alerts|Special cause" {
		t.Errorf("header %q", got)
	}
	if len(red) != 1+len(monthly) || red[1][0] != "Jan 2025" || red[1][2] != "10" || red[18][2] != "9" {
		t.Errorf("red alerts table %v", red)
	}
	teams := readCSV(t, filepath.Join(dir, "trends-teams-2025-01-to-2026-06.csv"))
	var sawTeam bool
	for _, row := range teams[1:] {
		if strings.Contains(row[0], "HYPERLINK") {
			sawTeam = true
			if row[0] != `'=HYPERLINK("http://x","y")` || row[1] != "'+Outreach" {
				t.Errorf("a formula-like name was not neutralised: %q", row)
			}
		}
	}
	if !sawTeam {
		t.Errorf("the team named like a formula is missing: %v", teams)
	}
	reg, _ := st.ExportRegister(context.Background())
	if len(reg) != len(paths) {
		t.Fatalf("%d register entries for %d files", len(reg), len(paths))
	}
	for _, e := range reg {
		if e.Format != "csv" || e.Actor != "director" || e.InDocument {
			t.Errorf("register entry %+v", e)
		}
	}
}

func TestSaveCSV_SharedShowsHiddenCountsAsStarsNeverNumbers(t *testing.T) {
	st := seeded(t)
	r := report(t, st, true)
	tb, err := FindTable(r, "red_alerts")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), CSVName(r, tb))
	if _, err := SaveCSV(context.Background(), st, who, path, r, tb); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, path)
	for _, row := range rows[1:] {
		if v := row[2]; v != "*" && v != "10" && v != "15" && v != "" && v != "5" {
			t.Errorf("shared red alerts %q: counts 1 to 7 hidden, others to the nearest 5", row)
		}
	}
	if _, err := FindTable(r, "nonsense"); err == nil {
		t.Error("an unknown table was found")
	}
}

func TestWriteCSV_NeutralisesFormulaeButKeepsNumbers(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, [][]string{{"=1+1", "+44", "-3", "@SUM(A1)", "\tx", "\rx", "12.5", "-1.5", "Ward 7"}}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// A CRLF csv.Writer drops a lone carriage return inside a cell; the apostrophe before it stays.
	want := []string{"'=1+1", "'+44", "-3", "'@SUM(A1)", "'\tx", "'x", "12.5", "-1.5", "Ward 7"}
	if strings.Join(rows[0], "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", rows[0], want)
	}
}
