package letters

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"

	bl "github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/reports/auditmark"
	"github.com/nhs-redline/redline/reports/pdffont"
)

const (
	bodySize = 11.0
	lineMM   = 5.4
)

// PDF lays the letter's paragraphs out on A4 with the trust's words exactly
// as the DOCX holds them.
func PDF(paras []Paragraph, meta bl.Meta) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdffont.Register(pdf)
	pdf.SetMargins(22, 20, 22)
	pdf.SetAutoPageBreak(true, 22)
	pdf.SetTitle(meta.Title, true)
	pdf.SetCreator("Redline", true)
	pdf.SetCreationDate(meta.Created)
	pdf.SetModificationDate(meta.Created)
	pdf.AliasNbPages("{nb}")
	stamped := !auditmark.None(meta.Head)
	if stamped { // the whole hash in the properties, the number and its first digits on every page
		pdf.SetSubject(auditmark.Full(meta.Head), false)
		pdf.SetKeywords("redline-audit-head "+auditmark.Anchor(meta.Head), false)
	}
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont(pdffont.Family, "", 8)
		pdf.SetTextColor(90, 90, 90)
		if stamped {
			pdf.CellFormat(83, 4, auditmark.Short(meta.Head), "", 0, "L", false, 0, "")
		}
		pdf.CellFormat(0, 4, fmt.Sprintf("%s    Page %d of {nb}", meta.Ref, pdf.PageNo()), "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.AddPage()
	for _, p := range paras {
		writeParagraph(pdf, p)
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("lay out %s: %w", meta.Ref, err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("write PDF of %s: %w", meta.Ref, err)
	}
	return buf.Bytes(), nil
}

func writeParagraph(pdf *fpdf.Fpdf, p Paragraph) {
	size := p.Size
	if size == 0 {
		size = bodySize
	}
	lh := lineMM * size / bodySize
	if size > bodySize {
		pdf.Ln(2.5) // headings stand apart from the paragraph before
	}
	text := strings.ReplaceAll(p.Text(), "\t", "    ")
	if strings.TrimSpace(text) == "" {
		pdf.Ln(lh * 0.8)
		return
	}
	if p.Align == "right" || p.Align == "center" {
		style := ""
		if len(p.Runs) > 0 && p.Runs[0].Bold {
			style = "B"
		}
		pdf.SetFont(pdffont.Family, style, size)
		pdf.MultiCell(0, lh, text, "", map[string]string{"right": "R", "center": "C"}[p.Align], false)
		pdf.Ln(1.5)
		return
	}
	for _, r := range p.Runs {
		style := ""
		if r.Bold {
			style = "B"
		}
		pdf.SetFont(pdffont.Family, style, size)
		pdf.Write(lh, strings.ReplaceAll(r.Text, "\t", "    "))
	}
	pdf.Ln(lh + 1.5)
}
