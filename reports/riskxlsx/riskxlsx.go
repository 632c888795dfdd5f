// Package riskxlsx writes the risk register as an Excel workbook: the
// register, every re-score with its reason, the links and the band set, with
// text that could be read as a formula stored as plain text.
package riskxlsx

import (
	"bytes"
	"fmt"
	"github.com/nhs-redline/redline/backend/formula"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/nhs-redline/redline/backend/risk"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/reports/auditmark"
)

// Book is what the workbook holds.
type Book struct {
	Risks   []store.Risk
	History []store.RiskScore
	Links   []store.RiskLink
	Bands   risk.BandSet
	Made    time.Time
	By      string
	Head    store.AuditAnchor // the audit head the export carries (zero: none)
}

func day(s string) string {
	if t, err := time.ParseInLocation(time.DateOnly, s, store.London); err == nil {
		return t.Format("02/01/2006")
	}
	return s
}

func stamp(u int64) string { return time.Unix(u, 0).In(store.London).Format("02/01/2006 15:04") }

type sheet struct {
	f    *excelize.File
	name string
	row  int
}

// put writes one row: strings as neutralised text, ints as numbers.
func (s *sheet) put(vals ...any) error {
	s.row++
	for i, v := range vals {
		cell, _ := excelize.CoordinatesToCellName(i+1, s.row)
		var err error
		switch x := v.(type) {
		case string:
			err = s.f.SetCellStr(s.name, cell, formula.Neutralise(x))
		case int:
			err = s.f.SetCellInt(s.name, cell, int64(x))
		case nil:
		default:
			err = s.f.SetCellStr(s.name, cell, formula.Neutralise(fmt.Sprint(x)))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func scoreCells(sc *store.RiskScore) []any {
	if sc == nil {
		return []any{nil, nil, nil, ""}
	}
	return []any{sc.Consequence, sc.Likelihood, sc.Rating, sc.Band}
}

// Write builds the workbook.
func Write(b Book) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	props := &excelize.DocProperties{Title: "Risk register", Creator: "Redline", Created: b.Made.UTC().Format(time.RFC3339)}
	stamped := !auditmark.None(b.Head)
	if stamped { // the whole hash in the properties and under the bands, its first digits in the printed footer
		props.Description, props.Keywords = auditmark.Full(b.Head), "redline-audit-head "+auditmark.Anchor(b.Head)
	}
	f.SetDocProps(props)
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})

	if err := f.SetSheetName("Sheet1", "Register"); err != nil {
		return nil, err
	}
	reg := &sheet{f: f, name: "Register"}
	header := []any{"Reference", "Title", "Description", "Cause", "Consequence", "Staff groups or locations affected", "Existing controls",
		"Gaps", "Actions", "Owner", "Review date", "Status",
		"Inherent C", "Inherent L", "Inherent rating", "Inherent band",
		"Current C", "Current L", "Current rating", "Current band",
		"Target C", "Target L", "Target rating", "Target band", "Last changed", "Changed by"}
	if err := reg.put(header...); err != nil {
		return nil, err
	}
	for _, r := range b.Risks {
		row := []any{r.Ref, r.Title, r.Description, r.Cause, r.Consequence, r.Affected, r.Controls, r.Gaps, r.Actions, r.Owner,
			day(r.ReviewOn), r.Status}
		row = append(row, scoreCells(r.Inherent)...)
		row = append(row, scoreCells(r.Current)...)
		row = append(row, scoreCells(r.Target)...)
		row = append(row, stamp(r.UpdatedAt), r.UpdatedBy)
		if err := reg.put(row...); err != nil {
			return nil, err
		}
	}
	f.SetColWidth("Register", "A", "A", 11)
	f.SetColWidth("Register", "B", "J", 30)
	f.SetCellStyle("Register", "A2", fmt.Sprintf("Z%d", reg.row+1), wrap)
	f.SetCellStyle("Register", "A1", "Z1", bold)
	if stamped {
		f.SetHeaderFooter("Register", &excelize.HeaderFooterOptions{
			OddFooter: "&L" + auditmark.Short(b.Head) + "&RPage &P of &N"})
	}
	f.SetPanes("Register", &excelize.Panes{Freeze: true, YSplit: 1, XSplit: 2, TopLeftCell: "C2", ActivePane: "bottomRight"})

	refs := map[int64]string{}
	for _, r := range b.Risks {
		refs[r.ID] = r.Ref
	}
	f.NewSheet("History")
	hist := &sheet{f: f, name: "History"}
	hist.put("Reference", "Scored", "By", "Kind", "Consequence", "Likelihood", "Rating", "Band", "Reason", "Case", "Band set used")
	for _, h := range b.History {
		if err := hist.put(refs[h.RiskID], stamp(h.ScoredAt), h.ScoredBy, h.Kind, h.Consequence, h.Likelihood, h.Rating, h.Band,
			h.Reason, h.CaseRef, bandSetText(h.BandSet)); err != nil {
			return nil, err
		}
	}
	f.SetColWidth("History", "I", "I", 50)
	f.SetColWidth("History", "K", "K", 60)
	f.SetCellStyle("History", "A1", "K1", bold)

	f.NewSheet("Links")
	links := &sheet{f: f, name: "Links"}
	links.put("Reference", "Linked to", "Record", "Note", "Linked", "By")
	for _, l := range b.Links {
		if err := links.put(refs[l.RiskID], l.Kind, l.Label, l.Note, stamp(l.LinkedAt), l.LinkedBy); err != nil {
			return nil, err
		}
	}
	f.SetCellStyle("Links", "A1", "F1", bold)

	f.NewSheet("Bands")
	bands := &sheet{f: f, name: "Bands"}
	bands.put("Band", "From rating", "To rating")
	for _, bd := range b.Bands {
		bands.put(bd.Label, bd.Min, bd.Max)
	}
	bands.row++
	bands.put(fmt.Sprintf("Exported %s by %s. Rating = consequence (1 negligible to 5 catastrophic) x likelihood (1 rare to 5 almost certain).",
		b.Made.In(store.London).Format("02/01/2006 15:04"), b.By))
	if stamped {
		bands.put(auditmark.Full(b.Head))
	}
	f.SetCellStyle("Bands", "A1", "C1", bold)

	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("write the risk register workbook: %w", err)
	}
	return buf.Bytes(), nil
}

// bandSetText reads a stored band set as "Low 1-3; Moderate 4-6; ...".
func bandSetText(js string) string {
	bs, err := risk.ParseBands(js)
	if err != nil {
		return js
	}
	var parts []string
	for _, b := range bs {
		parts = append(parts, fmt.Sprintf("%s %d-%d", b.Label, b.Min, b.Max))
	}
	return strings.Join(parts, "; ")
}
