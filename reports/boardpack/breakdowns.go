package boardpack

import (
	"github.com/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"

	"github.com/nhs-redline/redline/backend/formula"
	"github.com/nhs-redline/redline/backend/trends"
	"github.com/nhs-redline/redline/reports/pdffont"
)

var groupHead = []string{"Staff group", "Lone workers", "Red alerts", "Incidents", "Per 1,000 lone workers"}

func groupCells(g trends.GroupRow) []string {
	return []string{g.StaffGroup, f(g.Workers, "count"), f(g.Red, "count"), f(g.Incidents, "count"), f(g.PerThousand, "rate")}
}

// movementGrid is the band-to-band table: a row per band moved from, a
// column per band moved to, "–" where no risk moved that way.
func movementGrid(m trends.RiskMovement) [][]string {
	n := map[[2]string]trends.Value{}
	for _, mv := range m.Moves {
		n[[2]string{mv.From, mv.To}] = mv.N
	}
	head := append([]string{"From \\ to"}, m.Bands...)
	out := [][]string{head}
	for _, from := range m.Bands {
		row := []string{from}
		for _, to := range m.Bands {
			v, ok := n[[2]string{from, to}]
			if !ok {
				v = trends.Of(0)
			}
			row = append(row, f(v, "count"))
		}
		out = append(out, row)
	}
	return out
}

// breakdownsPDF writes incidents by staff group and risk band movement.
func breakdownsPDF(pdf *fpdf.Fpdf, r trends.Report, w float64) {
	if len(r.StaffGroups) > 0 {
		pdf.SetFont(pdffont.Family, "B", 12)
		pdf.MultiCell(w, 6, "By staff group, over the whole range", "", "L", false)
		pdf.SetFont(pdffont.Family, "", 8)
		pdf.MultiCell(w, 4, r.Denominator, "", "L", false)
		widths := []float64{60, 30, 30, 30, 30}
		row := func(cells []string, style string) {
			pdf.SetFont(pdffont.Family, style, 8)
			for j, c := range cells {
				pdf.CellFormat(widths[j], 4.5, c, "", 0, "L", false, 0, "")
			}
			pdf.Ln(4.5)
		}
		row(append(groupHead[:4:4], "Per 1,000"), "B")
		for _, g := range append(r.StaffGroups, r.StaffGroupsTotal) {
			row(groupCells(g), "")
		}
		pdf.Ln(3)
	}
	pdf.SetFont(pdffont.Family, "B", 12)
	pdf.MultiCell(w, 6, "Risk band movement over the whole range", "", "L", false)
	pdf.SetFont(pdffont.Family, "", 8)
	if len(r.RiskMovement.Moves) == 0 {
		pdf.MultiCell(w, 4.5, "No risk was re-scored in the range.", "", "L", false)
		pdf.Ln(3)
		return
	}
	pdf.MultiCell(w, 4, "Re-scores of current risk, from the band before to the band after; the same band means re-scored without a change of band.", "", "L", false)
	for i, cells := range movementGrid(r.RiskMovement) {
		style := ""
		if i == 0 {
			style = "B"
		}
		for j, c := range cells {
			pdf.SetFont(pdffont.Family, map[bool]string{true: "B", false: style}[j == 0], 8)
			pdf.CellFormat(30, 4.5, c, "", 0, "L", false, 0, "")
		}
		pdf.Ln(4.5)
	}
	pdf.Ln(3)
}

// breakdownsXLSX adds the staff group and risk movement sheets.
func breakdownsXLSX(x *excelize.File, r trends.Report) error {
	x.NewSheet("Staff groups")
	rows := [][]any{{r.Denominator}, {}}
	head := make([]any, len(groupHead))
	for i, h := range groupHead {
		head[i] = h
	}
	rows = append(rows, head)
	for _, g := range append(r.StaffGroups, r.StaffGroupsTotal) {
		rows = append(rows, []any{formula.Neutralise(g.StaffGroup), cell(g.Workers), cell(g.Red), cell(g.Incidents), cell(g.PerThousand)})
	}
	if err := put(x, "Staff groups", rows); err != nil {
		return err
	}
	x.NewSheet("Risk movement")
	rows = [][]any{{"Re-scores of current risk over the range, from the band before (rows) to the band after (columns)"}, {}}
	for i, cells := range movementGrid(r.RiskMovement) {
		row := make([]any, len(cells))
		for j, c := range cells {
			row[j] = formula.Neutralise(c)
			if i > 0 && j > 0 {
				row[j] = movementCell(c)
			}
		}
		rows = append(rows, row)
	}
	return put(x, "Risk movement", rows)
}

// movementCell turns a shown figure back into a number for the spreadsheet, keeping "*".
func movementCell(s string) any {
	var n float64
	for _, ch := range s {
		if ch < '0' || ch > '9' {
			return s
		}
		n = n*10 + float64(ch-'0')
	}
	return n
}
