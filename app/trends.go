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
