package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/nhs-redline/redline/backend/arc"
	"github.com/nhs-redline/redline/backend/store"
)

// This file holds what the Imports screen reads back from the database
// about finished imports: the history, the saved validation report and the
// quarantined rows. Everything is found by import id; no path comes from
// the webview.

// PastImport is one line of the import history, with its files' hashes and
// how much of its report and quarantine is kept.
type PastImport struct {
	store.ImportRecord
	Files       []store.ImportFile `json:"files"`
	Problems    int                `json:"problems"`
	Quarantined int                `json:"quarantined"`
}

// History lists past imports, newest first.
func (im *Imports) History() ([]PastImport, error) {
	ws, err := im.s.workspace()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	recs, err := ws.Store.Imports(ctx, 50)
	if err != nil {
		return nil, err
	}
	out := make([]PastImport, 0, len(recs))
	for _, r := range recs {
		files, err := ws.Store.ImportFiles(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		c, err := ws.Store.ImportCounts(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, PastImport{ImportRecord: r, Files: files, Problems: c.Problems, Quarantined: c.Quarantined})
	}
	return out, nil
}

// SaveReport writes the stored validation report of an import as CSV to a
// place the person picks in the native save dialog. "" means cancelled.
func (im *Imports) SaveReport(importID int64) (string, error) {
	ws, err := im.s.workspace()
	if err != nil {
		return "", err
	}
	rep, err := arc.LoadReport(context.Background(), ws.Store, importID)
	if errors.Is(err, store.ErrNoImport) {
		return "", errors.New("that import's report is not in Redline: import the export again to see it")
	}
	if err != nil {
		return "", err
	}
	d, ok := im.platform().(saveDialogs)
	if !ok {
		return "", errNoWindow
	}
	name := fmt.Sprintf("import-%d-report-%s.csv", importID, im.s.now().In(store.London).Format("2006-01-02-1504"))
	path, err := e2eSave(d.SaveFileDialog)("Save the validation report", name, "CSV files (*.csv)", "*.csv")
	if err != nil || path == "" {
		return "", err
	}
	if err := rep.Export(context.Background(), ws.Store, who(im.s), path); err != nil {
		return "", fmt.Errorf("cannot save the report to %s: %w", path, err)
	}
	return path, nil
}

// QuarantinedRow is one rejected row kept aside, as the screen lists it.
type QuarantinedRow struct {
	File     string   `json:"file"`
	Kind     string   `json:"kind"`
	Line     int      `json:"line"`
	Ref      string   `json:"ref"`
	Problems []string `json:"problems"`
}

// Quarantine is the rows an import kept aside; Rows holds at most
// maxQuarantineListed of Total.
type Quarantine struct {
	ImportID int64            `json:"importId"`
	Total    int              `json:"total"`
	Rows     []QuarantinedRow `json:"rows"`
}

// maxQuarantineListed bounds what the screen lists; the saved files hold all.
const maxQuarantineListed = 500

// Quarantined lists the rows import importID kept aside.
func (im *Imports) Quarantined(importID int64) (Quarantine, error) {
	ws, err := im.s.workspace()
	if err != nil {
		return Quarantine{}, err
	}
	rows, total, err := ws.Store.Quarantined(context.Background(), importID, maxQuarantineListed)
	if err != nil {
		return Quarantine{}, err
	}
	out := Quarantine{ImportID: importID, Total: total, Rows: []QuarantinedRow{}}
	for _, q := range rows {
		r := QuarantinedRow{File: q.File, Kind: q.Kind, Line: q.Line, Ref: q.ARCRef}
		if err := json.Unmarshal([]byte(q.Problems), &r.Problems); err != nil {
			r.Problems = []string{q.Problems}
		}
		out.Rows = append(out.Rows, r)
	}
	return out, nil
}

// SaveQuarantine writes the rows import importID kept aside as CSV files,
// in the export's own layout, into a new folder inside the folder the
// person picks in the native dialog, and returns that new folder ("" when
// cancelled). The person fixes the files and imports the folder again.
func (im *Imports) SaveQuarantine(importID int64) (string, error) {
	ws, err := im.s.workspace()
	if err != nil {
		return "", err
	}
	dir, ok := e2eSaveDir()
	if !ok {
		d, isDialog := im.platform().(folderDialogs)
		if !isDialog {
			return "", errNoWindow
		}
		if dir, err = d.OpenDirectoryDialog("Choose where to save the quarantined rows"); err != nil || dir == "" {
			return "", err
		}
	}
	folder, _, err := arc.SaveQuarantine(context.Background(), ws.Store, who(im.s), importID, dir, im.userProfiles())
	if errors.Is(err, store.ErrNoImport) {
		return "", errors.New("that import is not in Redline any more")
	}
	return folder, err
}
