// Package boardpack renders the director's trends as a board pack: a PDF with
// an XmR chart, commentary and table per measure, or an Excel workbook with
// a sheet of figures per measure; and saves either through backend/export.
package boardpack

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"

	"github.com/nhs-redline/redline/backend/export"
	"github.com/nhs-redline/redline/backend/formula"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/trends"
	"github.com/nhs-redline/redline/reports/auditmark"
	"github.com/nhs-redline/redline/reports/pdffont"
)

// Pack is a report with who made it and when.
type Pack struct {
	Report trends.Report
	Made   time.Time
	By     string
	Head   store.AuditAnchor
}

// Save writes the board pack as pdf or xlsx to path, audited as one export.
func Save(ctx context.Context, st *store.Store, who store.Who, path, format string, r trends.Report) (export.Result, error) {
	if format != "pdf" && format != "xlsx" {
		return export.Result{}, fmt.Errorf("a board pack is a pdf or an xlsx, not %q", format)
	}
	detail := map[string]any{"from": r.From, "to": r.To, "by": r.By, "shared": r.Shared, "run": r.Rules.Run}
	it := export.Item{Kind: "trends.export", Format: format, ObjectType: "trends", ObjectID: r.From + ".." + r.To, Count: len(r.Measures), Detail: detail}
	return export.ToFile(ctx, st, who, path, it, export.Stamped(func(w io.Writer, head store.AuditAnchor) error {
		p := Pack{Report: r, Made: time.Unix(who.At, 0), By: who.Actor, Head: head}
		var b []byte
		var err error
		if format == "pdf" {
			b, err = PDF(p)
		} else {
			b, err = XLSX(p)
		}
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}))
}

func title(r trends.Report) string {
	by := map[string]string{"week": "weekly", "month": "monthly"}[r.By]
	return fmt.Sprintf("Lone-worker safety trends, %s to %s (%s)", monthName(r.From), monthName(r.To), by)
}

func monthName(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return t.Format("January 2006")
}

func audience(r trends.Report) string {
	if r.Shared {
		return trends.SharedNotice
	}
	return "For the security team only: exact counts, not for sharing beyond the team."
}

// PDF lays out a cover page, then a page per two measures: chart, commentary, table.
func PDF(p Pack) ([]byte, error) {
	r := p.Report
	pdf := fpdf.New("P", "mm", "A4", "")
	pdffont.Register(pdf)
	pdf.SetMargins(15, 15, 15)
	pdf.SetAutoPageBreak(true, 18)
	pdf.SetTitle(title(r), true)
	pdf.SetCreator("Redline", true)
	pdf.SetCreationDate(p.Made)
	pdf.SetModificationDate(p.Made)
	pdf.AliasNbPages("{nb}")
	stamped := !auditmark.None(p.Head)
	if stamped {
		pdf.SetSubject(auditmark.Full(p.Head), false)
		pdf.SetKeywords("redline-audit-head "+auditmark.Anchor(p.Head), false)
	}
	pdf.SetFooterFunc(func() {
		pdf.SetY(-13)
		pdf.SetFont(pdffont.Family, "", 7)
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(0, 4, fmt.Sprintf("Board pack · made %s by %s", p.Made.In(store.London).Format("02/01/2006 15:04"), p.By), "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 4, fmt.Sprintf("Page %d of {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		if stamped {
			pdf.SetXY(15, -9)
			pdf.CellFormat(140, 4, auditmark.Short(p.Head), "", 0, "L", false, 0, "")
		}
		pdf.SetTextColor(0, 0, 0)
	})
	w := 180.0
	pdf.AddPage()
	pdf.SetFont(pdffont.Family, "B", 16)
	pdf.MultiCell(w, 8, title(r), "", "L", false)
	pdf.SetFont(pdffont.Family, "", 9)
	pdf.MultiCell(w, 5, audience(r), "", "L", false)
	pdf.MultiCell(w, 5, fmt.Sprintf("Statistical process control (NHS Making Data Count): mean, process limits at ±2.66 × the mean moving range, "+
		"special causes: a point outside the limits; %d points in a row on one side of the mean; %d points rising or falling; "+
		"2 of 3 points beyond two sigma on one side. Limits and signals from %d whole periods; part periods are shown hollow and not analysed.",
		r.Rules.Run, r.Rules.Trend, r.Rules.MinPoints), "", "L", false)
	pdf.Ln(2)
	pdf.SetFont(pdffont.Family, "B", 11)
	pdf.MultiCell(w, 6, "Summary", "", "L", false)
	pdf.SetFont(pdffont.Family, "", 9)
	for _, m := range r.Measures {
		pdf.SetFont(pdffont.Family, "B", 9)
		pdf.MultiCell(w, 5, m.Title, "", "L", false)
		pdf.SetFont(pdffont.Family, "", 9)
		pdf.MultiCell(w, 4.5, m.Commentary, "", "L", false)
	}
	for i, m := range r.Measures {
		if i%2 == 0 {
			pdf.AddPage()
		} else {
			pdf.Ln(4)
		}
		pdf.SetFont(pdffont.Family, "B", 12)
		pdf.MultiCell(w, 6, m.Title, "", "L", false)
		top := pdf.GetY() + 1
		drawChart(pdf, m, 15, top, w, 55)
		pdf.SetXY(15, top+57)
		pdf.SetFont(pdffont.Family, "", 9)
		pdf.MultiCell(w, 4.5, m.Commentary, "", "L", false)
		if m.Note != "" {
			pdf.SetTextColor(90, 90, 90)
			pdf.MultiCell(w, 4.5, m.Note, "", "L", false)
			pdf.SetTextColor(0, 0, 0)
		}
		if m.Denominator != "" {
			pdf.MultiCell(w, 4.5, m.Denominator, "", "L", false)
		}
		table(pdf, m, w)
	}
	pdf.AddPage()
	pdf.SetFont(pdffont.Family, "B", 12)
	pdf.MultiCell(w, 6, "By team, over the whole range", "", "L", false)
	pdf.SetFont(pdffont.Family, "B", 8)
	cols := []string{"Team", "Staff group", "Workers", "Red alerts", "Incidents", "Per 1,000", "No amber"}
	widths := []float64{56, 36, 16, 18, 18, 16, 20} // team names run long: "Wakefield Mental Health Outreach"
	for j, c := range cols {
		pdf.CellFormat(widths[j], 5, c, "B", 0, "L", false, 0, "")
	}
	pdf.Ln(5)
	pdf.SetFont(pdffont.Family, "", 8)
	for _, t := range append(r.Teams, r.TeamsTotal) {
		cells := []string{t.Team, t.StaffGroup, f(t.Workers, "count"), f(t.Red, "count"), f(t.Incidents, "count"), f(t.PerThousand, "rate"), f(t.NoAmber, "count")}
		for j, c := range cells {
			pdf.CellFormat(widths[j], 4.5, c, "", 0, "L", false, 0, "")
		}
		pdf.Ln(4.5)
	}
	pdf.Ln(3)
	breakdownsPDF(pdf, r, w)
	for _, c := range r.Snapshot {
		pdf.MultiCell(w, 4.5, fmt.Sprintf("%s now: %s", c.Name, f(c.Values[0], "count")), "", "L", false)
	}
	if stamped {
		pdf.Ln(3)
		pdf.SetFont(pdffont.Family, "", 7)
		pdf.MultiCell(w, 4, auditmark.Full(p.Head), "", "L", false)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("the board pack PDF could not be laid out: %w", err)
	}
	return buf.Bytes(), nil
}

func f(v trends.Value, unit string) string { return trends.FormatValue(v, unit) }

// table writes a measure's figures: a row per period.
func table(pdf *fpdf.Fpdf, m trends.Measure, w float64) {
	if len(m.Points) == 0 {
		return
	}
	names := []string{"Period", m.Title}
	for _, c := range m.Columns {
		names = append(names, c.Name)
	}
	if len(names) > 6 {
		names = names[:6]
	}
	first := 28.0
	cw := (w - first) / float64(len(names)-1)
	pdf.SetFont(pdffont.Family, "B", 6.5)
	y := pdf.GetY() + 1
	for j, n := range names {
		width := cw
		if j == 0 {
			width = first
		}
		pdf.SetXY(15+first*float64(min(j, 1))+cw*float64(max(j-1, 0)), y)
		pdf.MultiCell(width, 3, n, "", "L", false)
	}
	pdf.SetY(y + 7)
	pdf.SetFont(pdffont.Family, "", 7)
	for i, pt := range m.Points {
		label := pt.Label
		if pt.Part {
			label += " (part)"
		}
		pdf.CellFormat(first, 3.6, label, "", 0, "L", false, 0, "")
		val := f(pt.Value, m.Unit)
		if len(pt.Rules) > 0 {
			val += " ◆"
		}
		pdf.CellFormat(cw, 3.6, val, "", 0, "L", false, 0, "")
		for j, c := range m.Columns {
			if j+2 >= len(names) {
				break
			}
			pdf.CellFormat(cw, 3.6, f(c.Values[i], "count"), "", 0, "L", false, 0, "")
		}
		pdf.Ln(3.6)
	}
}

// drawChart draws the XmR chart: points and line, mean, process limits,
// special-cause points in colour (improvement blue, concern orange), part
// periods hollow.
func drawChart(pdf *fpdf.Fpdf, m trends.Measure, x, y, w, h float64) {
	pdf.SetDrawColor(200, 200, 200)
	pdf.Rect(x, y, w, h, "D")
	var lo, hi float64
	first := true
	seen := func(v float64) {
		if first {
			lo, hi, first = v, v, false
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	for _, p := range m.Points {
		if p.Value.Known && !p.Value.Suppressed {
			seen(p.Value.V)
		}
	}
	for _, v := range []*float64{m.Mean, m.UpperLimit, m.LowerLimit, m.Target} {
		if v != nil {
			seen(*v)
		}
	}
	pdf.SetFont(pdffont.Family, "", 7)
	if first {
		pdf.SetXY(x, y+h/2-2)
		pdf.CellFormat(w, 4, "No data yet", "", 0, "C", false, 0, "")
		return
	}
	if m.Unit == "count" || m.Unit == "percent" {
		lo = min(lo, 0)
	}
	if hi == lo {
		hi = lo + 1
	}
	pad := (hi - lo) * 0.08
	lo, hi = lo-pad, hi+pad
	left, bottom := x+14, y+h-8
	pw, ph := w-18, h-12
	Y := func(v float64) float64 { return bottom - (v-lo)/(hi-lo)*ph }
	n := len(m.Points)
	X := func(i int) float64 {
		if n == 1 {
			return left + pw/2
		}
		return left + float64(i)*pw/float64(n-1)
	}
	pdf.SetTextColor(90, 90, 90)
	for _, v := range []float64{lo + pad, hi - pad} {
		pdf.SetXY(x, Y(v)-2)
		pdf.CellFormat(13, 4, trends.FormatValue(trends.Of(v), m.Unit), "", 0, "R", false, 0, "")
	}
	hline := func(v *float64, r, g, b int, dash bool, label string) {
		if v == nil {
			return
		}
		pdf.SetDrawColor(r, g, b)
		if dash {
			pdf.SetDashPattern([]float64{1.2, 1}, 0)
		}
		pdf.Line(left, Y(*v), left+pw, Y(*v))
		pdf.SetDashPattern([]float64{}, 0)
		pdf.SetXY(left+pw-30, Y(*v)-3.5)
		pdf.SetTextColor(r, g, b)
		pdf.CellFormat(30, 3, label, "", 0, "R", false, 0, "")
	}
	pdf.SetLineWidth(0.3)
	hline(m.Mean, 80, 80, 80, false, "mean")
	hline(m.UpperLimit, 120, 120, 120, true, "upper limit")
	hline(m.LowerLimit, 120, 120, 120, true, "lower limit")
	hline(m.Target, 218, 41, 28, true, "target")
	pdf.SetDrawColor(0, 94, 184)
	pdf.SetLineWidth(0.4)
	prev := -1
	for i, p := range m.Points {
		if !p.Value.Known || p.Value.Suppressed {
			prev = -1
			continue
		}
		if prev >= 0 {
			pdf.Line(X(prev), Y(m.Points[prev].Value.V), X(i), Y(p.Value.V))
		}
		prev = i
	}
	pdf.SetLineWidth(0.2)
	for i, p := range m.Points {
		if !p.Value.Known || p.Value.Suppressed {
			continue
		}
		r, g, b := 65, 182, 230
		switch p.Type {
		case "special_cause_improvement":
			r, g, b = 0, 48, 135
		case "special_cause_concern":
			r, g, b = 237, 139, 0
		case "special_cause_neither":
			r, g, b = 51, 0, 114
		}
		pdf.SetFillColor(r, g, b)
		pdf.SetDrawColor(r, g, b)
		style := "F"
		if p.Part {
			style = "D"
		}
		pdf.Circle(X(i), Y(p.Value.V), 0.9, style)
	}
	pdf.SetTextColor(90, 90, 90)
	step := max(1, n/8)
	for i := 0; i < n; i += step {
		pdf.SetXY(X(i)-12, bottom+1)
		pdf.CellFormat(24, 3, strings.TrimPrefix(m.Points[i].Label, "w/c "), "", 0, "C", false, 0, "")
	}
	pdf.SetTextColor(0, 0, 0)
	pdf.SetDrawColor(0, 0, 0)
}

// XLSX writes a summary sheet, a sheet per measure and the teams.
func XLSX(p Pack) ([]byte, error) {
	r := p.Report
	x := excelize.NewFile()
	defer x.Close()
	props := &excelize.DocProperties{Title: title(r), Creator: "Redline", Created: p.Made.UTC().Format(time.RFC3339)}
	if !auditmark.None(p.Head) {
		props.Subject = auditmark.Full(p.Head)
		props.Keywords = "redline-audit-head " + auditmark.Anchor(p.Head)
	}
	if err := x.SetDocProps(props); err != nil {
		return nil, err
	}
	sum := "Summary"
	x.SetSheetName("Sheet1", sum)
	rows := [][]any{{title(r)}, {audience(r)}, {fmt.Sprintf("Made %s by %s", p.Made.In(store.London).Format("02/01/2006 15:04"), p.By)}, {},
		{"Measure", "Mean", "Lower limit", "Upper limit", "Variation", "Assurance", "Commentary"}}
	for _, m := range r.Measures {
		rows = append(rows, []any{m.Title, num(m.Mean), num(m.LowerLimit), num(m.UpperLimit), m.Variation, m.Assurance, m.Commentary})
	}
	if !auditmark.None(p.Head) {
		rows = append(rows, []any{}, []any{auditmark.Full(p.Head)})
	}
	if err := put(x, sum, rows); err != nil {
		return nil, err
	}
	for i, m := range r.Measures {
		sheet := fmt.Sprintf("%02d %s", i+1, m.ID)
		if len(sheet) > 31 {
			sheet = sheet[:31]
		}
		x.NewSheet(sheet)
		head := []any{"Period", "Part period", m.Title, "Special cause"}
		for _, c := range m.Columns {
			head = append(head, c.Name)
		}
		rows := [][]any{{m.Title}, {m.Commentary}, {m.Denominator}, head}
		for j, pt := range m.Points {
			row := []any{pt.Label, yes(pt.Part), cell(pt.Value), strings.Join(pt.Rules, ", ")}
			for _, c := range m.Columns {
				row = append(row, cell(c.Values[j]))
			}
			rows = append(rows, row)
		}
		if err := put(x, sheet, rows); err != nil {
			return nil, err
		}
	}
	x.NewSheet("Teams")
	trows := [][]any{{"Team", "Staff group", "Lone workers", "Red alerts", "Incidents", "Per 1,000 lone workers", "No amber alert"}}
	for _, t := range append(r.Teams, r.TeamsTotal) {
		trows = append(trows, []any{formula.Neutralise(t.Team), formula.Neutralise(t.StaffGroup), cell(t.Workers), cell(t.Red), cell(t.Incidents), cell(t.PerThousand), cell(t.NoAmber)})
	}
	if err := put(x, "Teams", trows); err != nil {
		return nil, err
	}
	if err := breakdownsXLSX(x, r); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func put(x *excelize.File, sheet string, rows [][]any) error {
	for i, row := range rows {
		c, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(sheet, c, &row); err != nil {
			return err
		}
	}
	return nil
}

// cell is a figure as a spreadsheet holds it: a number, "*" when hidden, blank when unknown.
func cell(v trends.Value) any {
	switch {
	case v.Suppressed:
		return "*"
	case !v.Known:
		return ""
	}
	return v.V
}

func num(v *float64) any {
	if v == nil {
		return ""
	}
	return *v
}

func yes(b bool) string {
	if b {
		return "part"
	}
	return ""
}
