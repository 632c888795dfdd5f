package main

import (
	"context"

	"github.com/nhs-redline/redline/backend/trends"
	"github.com/nhs-redline/redline/reports/boardpack"
)

// Trends is the bound service behind the Reports screen's director view.
type Trends struct {
	s        *session
	platform func() platform
}

// TrendsAccess is what the person signed in may do on the Reports screen.
type TrendsAccess struct {
	// DrillDown: they may list the alerts and cases behind a figure. The
	// security director sees counts only.
	DrillDown bool `json:"drillDown"`
}

// Capabilities says what the person signed in may do on the Reports screen.
func (t *Trends) Capabilities() (TrendsAccess, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return TrendsAccess{}, err
	}
	ok, err := trends.DrillDown(context.Background(), ws.Store)
	return TrendsAccess{DrillDown: ok}, err
}

// Report returns each measure as an XmR series for the months asked.
func (t *Trends) Report(q trends.Query) (trends.Report, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return trends.Report{}, err
	}
	o, err := q.Options(caseClock(t.s))
	if err != nil {
		return trends.Report{}, err
	}
	return trends.Build(context.Background(), ws.Store, o)
}

// ExportPDF saves the board pack as a PDF through the native save dialog;
// it returns the path, or "" when the person cancelled.
func (t *Trends) ExportPDF(q trends.Query) (string, error) {
	return t.export(q, "pdf", "PDF document", "*.pdf")
}

// ExportXLSX saves the board pack as an Excel workbook through the native save dialog.
func (t *Trends) ExportXLSX(q trends.Query) (string, error) {
	return t.export(q, "xlsx", "Excel workbook", "*.xlsx")
}

// ExportCSV saves one table of the Reports screen (a measure's id, or teams,
// staff-groups, risk-movement) as CSV through the native save dialog.
func (t *Trends) ExportCSV(q trends.Query, table string) (string, error) {
	r, err := t.Report(q)
	if err != nil {
		return "", err
	}
	tb, err := boardpack.FindTable(r, table)
	if err != nil {
		return "", err
	}
	ws, _ := t.s.workspace()
	path, err := saveDialog(t.platform(), "Save the table as CSV", boardpack.CSVName(r, tb), "CSV file", "*.csv")
	if err != nil || path == "" {
		return "", err
	}
	if _, err := boardpack.SaveCSV(context.Background(), ws.Store, who(t.s), path, r, tb); err != nil {
		return "", err
	}
	return path, nil
}

func (t *Trends) export(q trends.Query, format, filterName, pattern string) (string, error) {
	r, err := t.Report(q)
	if err != nil {
		return "", err
	}
	ws, _ := t.s.workspace()
	name := "board-pack-" + r.From + "-to-" + r.To + "." + format
	path, err := saveDialog(t.platform(), "Save the board pack", name, filterName, pattern)
	if err != nil || path == "" {
		return "", err
	}
	if _, err := boardpack.Save(context.Background(), ws.Store, who(t.s), path, format, r); err != nil {
		return "", err
	}
	return path, nil
}

// Behind lists a page of the alerts or cases behind one figure of the
// report: measure's value for period (a point's period, or "" for the whole
// range), optionally one breakdown cell (key "team:ID", "group:ID" or
// "escalation:KEY"). For sharing beyond the security team it lists nothing.
func (t *Trends) Behind(q trends.Query, measure, period, key string, offset, limit int) (trends.Behind, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return trends.Behind{}, err
	}
	o, err := q.Options(caseClock(t.s))
	if err != nil {
		return trends.Behind{}, err
	}
	return trends.BehindOf(context.Background(), ws.Store, o, measure, period, key, offset, limit)
}
