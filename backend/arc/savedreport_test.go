package arc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

// TestSavedReport_CapsStoredProblemsAndSaysHowManyMore rejects an export
// with more problems than the cap: the database keeps the cap, the counts
// stay exact, and the CSV ends by saying how many were left out.
func TestSavedReport_CapsStoredProblemsAndSaysHowManyMore(t *testing.T) {
	var b strings.Builder
	b.WriteString("arc,arc_ref,type,raised_at\n")
	for i := 0; i < 7; i++ {
		fmt.Fprintf(&b, "X,R%d,purple,2025-10-01T10:00:00Z\n", i)
	}
	dir := writeFiles(t, map[string]string{"alarms.csv": b.String()})
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, dir, Options{MaxProblems: 3})
	var rej *RejectedError
	if !errors.As(err, &rej) || res.ImportID == 0 {
		t.Fatalf("err = %v, result %+v", err, res)
	}
	rep, err := LoadReport(context.Background(), sp.st, res.ImportID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 3 || rep.Errors != 7 || rep.Omitted != 4 {
		t.Fatalf("stored %d problems, errors %d, omitted %d; want 3, 7, 4", len(rep.Problems), rep.Errors, rep.Omitted)
	}
	var csv bytes.Buffer
	if err := rep.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csv.String()), "\n")
	if len(lines) != 5 || !strings.Contains(lines[4], "4 more problem(s) were found but not listed") {
		t.Errorf("report CSV:\n%s", csv.String())
	}
	if count(t, sp.st, "import_problems") != 3 {
		t.Errorf("the database must keep at most MaxProblems problems")
	}
}

// TestSavedReport_PartialImportKeepsReportInItsTransaction checks a partial
// import's problems are stored with the import, and a clean one stores none.
func TestSavedReport_PartialImportKeepsReportInItsTransaction(t *testing.T) {
	dir := writeFiles(t, map[string]string{"alarms.csv": "arc,arc_ref,type,raised_at\nX,R1,red,2025-10-01T10:00:00Z\nX,R2,purple,2025-10-01T10:00:00Z\n"})
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, dir, Options{Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := LoadReport(context.Background(), sp.st, res.ImportID)
	if err != nil || rep.Import.Status != StatusPartial || len(rep.Problems) != 1 || rep.Problems[0].Line != 3 || rep.Errors != 1 {
		t.Fatalf("report %+v %v", rep, err)
	}
	clean := writeFiles(t, map[string]string{"alarms.csv": "arc,arc_ref,type,raised_at\nX,R3,red,2025-10-01T10:00:00Z\n"})
	res2, err := Import(context.Background(), sp.st, sp.v, clean, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep, _ := LoadReport(context.Background(), sp.st, res2.ImportID); len(rep.Problems) != 0 {
		t.Errorf("clean import stored problems %+v", rep.Problems)
	}
	if _, err := LoadReport(context.Background(), sp.st, 999); !errors.Is(err, store.ErrNoImport) {
		t.Errorf("unknown import: %v", err)
	}
}

// TestSaveQuarantine_WritesANewFolderNeverOverTheExport saves the quarantine
// into the export's own folder: the original files are left as they were.
func TestSaveQuarantine_WritesANewFolderNeverOverTheExport(t *testing.T) {
	orig := "arc,arc_ref,type,raised_at\nX,R1,red,2025-10-01T10:00:00Z\nX,R2,purple,2025-10-01T10:00:00Z\n"
	dir := writeFiles(t, map[string]string{"alarms.csv": orig})
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, dir, Options{Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	folder, names, err := SaveQuarantine(context.Background(), sp.st, store.Who{Actor: "lsms", At: 1}, res.ImportID, dir, nil)
	if err != nil || len(names) != 1 || filepath.Dir(folder) != dir {
		t.Fatalf("%s %v %v", folder, names, err)
	}
	if got := readFile(t, filepath.Join(dir, "alarms.csv")); got != orig {
		t.Errorf("the original export changed:\n%s", got)
	}
	if got := readFile(t, names[0]); !strings.Contains(got, "R2,purple") || strings.Contains(got, "R1") {
		t.Errorf("quarantine file:\n%s", got)
	}
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestProblem_DetailLeavesOutFileAndLine(t *testing.T) {
	for _, c := range []struct {
		p    Problem
		want string
	}{
		{Problem{File: "alarms.csv", Line: 3, Column: "type", Value: "purple", Reason: "not a known type"}, `Column "type" ("purple"): not a known type`},
		{Problem{File: "alarms.csv", Line: 4, Column: "lat", Reason: "missing"}, `Column "lat": missing`},
		{Problem{File: "alarms.csv", Line: 5, Reason: "duplicate alarm reference"}, `duplicate alarm reference`},
	} {
		if got := c.p.Detail(); got != c.want {
			t.Errorf("Detail() = %q, want %q", got, c.want)
		}
		if !strings.Contains(c.p.String(), "of alarms.csv") {
			t.Errorf("String() lost the place: %q", c.p.String())
		}
	}
}
