package arc

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"

	"github.com/nhs-redline/redline/backend/export"
	"github.com/nhs-redline/redline/backend/store"
)

// storedSummary is the JSON an import keeps in imports.summary.
type storedSummary struct {
	Summary         Summary `json:"summary"`
	Errors          int     `json:"errors"`
	Warnings        int     `json:"warnings"`
	Rows            int64   `json:"rows"`
	ProblemsOmitted int     `json:"problemsOmitted"`
}

func (im *importer) summaryJSON() string {
	r := im.res
	b, _ := json.Marshal(storedSummary{Summary: r.Summary, Errors: r.Errors, Warnings: r.Warnings, Rows: r.Rows,
		ProblemsOmitted: r.ProblemsOmitted})
	return string(b)
}

func storedProblems(ps []Problem) []store.ImportProblem {
	out := make([]store.ImportProblem, len(ps))
	for i, p := range ps {
		out[i] = store.ImportProblem(p)
	}
	return out
}

// recordRejected keeps the record and report of an import validation
// rejected. Its transaction was rolled back (and its vault files removed)
// before this runs, and this writes only the imports row, the problems and
// the audit entry, together, so nothing of the export itself is stored. If it
// fails the import is still rejected; only the saved report is missing.
func (im *importer) recordRejected() {
	now := im.opt.Now().Unix()
	rec := store.ImportRecord{StartedAt: im.started.Unix(), FinishedAt: now, Source: im.src.Name,
		Profile: im.pl.profile.Name, ImportedBy: im.opt.Actor, Status: StatusRejected, Summary: im.summaryJSON()}
	id, err := im.st.RecordRejectedImport(context.Background(), rec, storedProblems(im.res.Problems),
		store.AuditEntry{At: now, Actor: im.opt.Actor, Action: "import." + StatusRejected, Detail: im.auditDetail()})
	if err != nil {
		im.res.Message += " The report could not be kept in Redline (" + err.Error() + "); save it now or import again to see it."
		return
	}
	im.res.ImportID = id
}

// SavedReport is an import's validation report read back from the database.
type SavedReport struct {
	Import   store.ImportRecord `json:"import"`
	Errors   int                `json:"errors"`
	Warnings int                `json:"warnings"`
	Problems []Problem          `json:"problems"`
	Omitted  int                `json:"omitted"` // counted but not kept
}

// LoadReport reads the report an import stored, for "Save report as CSV"
// and the history, whatever session ran the import.
func LoadReport(ctx context.Context, st *store.Store, importID int64) (*SavedReport, error) {
	rec, err := st.ImportByID(ctx, importID)
	if err != nil {
		return nil, err
	}
	ps, err := st.ImportProblems(ctx, importID)
	if err != nil {
		return nil, err
	}
	r := &SavedReport{Import: rec, Problems: make([]Problem, len(ps))}
	for i, p := range ps {
		r.Problems[i] = Problem(p)
	}
	var sum storedSummary
	if json.Unmarshal([]byte(rec.Summary), &sum) == nil {
		r.Errors, r.Warnings, r.Omitted = sum.Errors, sum.Warnings, sum.ProblemsOmitted
	}
	return r, nil
}

// WriteCSV writes the report like WriteReportCSV and, when problems were
// counted but not kept, ends with a row that says how many, so the file
// never looks complete when it is not.
func (r *SavedReport) WriteCSV(w io.Writer) error {
	if err := WriteReportCSV(w, r.Problems); err != nil {
		return err
	}
	if r.Omitted == 0 {
		return nil
	}
	c := csv.NewWriter(w)
	c.Write([]string{"", "", "", "", "", "", fmt.Sprintf("%d more problem(s) were found but not listed: Redline keeps the first %d of an import. Fix these and import again to see the rest.",
		r.Omitted, len(r.Problems))})
	c.Flush()
	return c.Error()
}

// Export writes the report as CSV to path through the export chokepoint: its
// rows quote the rejected cells, which can name people, so saving it is
// audited like any other export.
func (r *SavedReport) Export(ctx context.Context, st *store.Store, who store.Who, path string) error {
	it := export.Item{Kind: "import.report_export", Format: "csv", ObjectType: "import", ObjectID: fmt.Sprint(r.Import.ID),
		Count: len(r.Problems), Detail: map[string]any{"omitted": r.Omitted}}
	_, err := export.ToFile(ctx, st, who, path, it, r.WriteCSV)
	return err
}
