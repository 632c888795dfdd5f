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

// layout is how tightly a letter is set: a letter that would spill a line or
// two onto a second page is set a little closer so it fits on one, as a
// person would in Word, before it is allowed to run on.
type layout struct {
	line  float64 // mm per line of body text
	after float64 // mm after a paragraph
	size  float64 // body text size in points
}

var layouts = []layout{
	{lineMM, 1.5, bodySize},
	{5.0, 1.0, bodySize},
	{4.7, 0.6, 10.5},
}

// PDF lays the letter's paragraphs out on A4 with the trust's words exactly
// as the DOCX holds them: on one page when any layout fits it there, else
// paginated at the normal spacing with the signature block kept whole and
// with the paragraph before it, and every page numbered.
func PDF(paras []Paragraph, meta bl.Meta) ([]byte, error) {
	for _, l := range layouts {
		pdf, err := draw(paras, meta, l)
		if err != nil {
			return nil, err
		}
		if pdf.PageNo() == 1 {
			return output(pdf, meta)
		}
	}
	pdf, err := draw(paras, meta, layouts[0])
	if err != nil {
		return nil, err
	}
	return output(pdf, meta)
}

func output(pdf *fpdf.Fpdf, meta bl.Meta) ([]byte, error) {
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("write PDF of %s: %w", meta.Ref, err)
	}
	return buf.Bytes(), nil
}

const (
	marginMM = 22.0
	topMM    = 20.0
	bottomMM = 22.0
)

func draw(paras []Paragraph, meta bl.Meta, l layout) (*fpdf.Fpdf, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdffont.Register(pdf)
	pdf.SetMargins(marginMM, topMM, marginMM)
	pdf.SetAutoPageBreak(true, bottomMM)
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
	keep := tailStart(paras)
	for i, p := range paras {
		if i == keep {
			keepTogether(pdf, paras[i:], l)
		}
		writeParagraph(pdf, p, l)
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("lay out %s: %w", meta.Ref, err)
	}
	return pdf, nil
}

// tailStart is where the block that must not be split begins: the paragraph
// before the closing ("Yours sincerely", "Yours faithfully") and everything
// after it, so a page never starts with a signature alone. A template with
// no such closing keeps its last four paragraphs together.
func tailStart(paras []Paragraph) int {
	for i := len(paras) - 1; i >= 0; i-- {
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(paras[i].Text())), "yours ") {
			for i > 0 && strings.TrimSpace(paras[i-1].Text()) == "" {
				i-- // blank spacing paragraphs go with the closing
			}
			return max(i-1, 0)
		}
	}
	return max(len(paras)-4, 0)
}

// keepTogether starts a new page when the tail would not fit on this one,
// unless it could not fit on any page.
func keepTogether(pdf *fpdf.Fpdf, tail []Paragraph, l layout) {
	_, pageH := pdf.GetPageSize()
	usable := pageH - topMM - bottomMM
	h := 0.0
	for _, p := range tail {
		h += paragraphHeight(pdf, p, l)
	}
	if h < usable && pdf.GetY()+h > pageH-bottomMM {
		pdf.AddPage()
	}
}

// paragraphHeight is the height writeParagraph will give p.
func paragraphHeight(pdf *fpdf.Fpdf, p Paragraph, l layout) float64 {
	size, lh := sizes(p, l)
	text := strings.ReplaceAll(p.Text(), "\t", "    ")
	if strings.TrimSpace(text) == "" {
		return lh * 0.8
	}
	style := ""
	if len(p.Runs) > 0 && p.Runs[0].Bold {
		style = "B"
	}
	pdf.SetFont(pdffont.Family, style, size)
	w, _ := pdf.GetPageSize()
	lines := len(pdf.SplitText(text, w-2*marginMM))
	h := float64(lines)*lh + l.after
	if size > l.size {
		h += 2.5
	}
	return h
}

// sizes are p's text size and line height under l.
func sizes(p Paragraph, l layout) (size, lh float64) {
	size = p.Size
	if size == 0 {
		size = l.size
	}
	return size, l.line * size / l.size
}

func writeParagraph(pdf *fpdf.Fpdf, p Paragraph, l layout) {
	size, lh := sizes(p, l)
	if size > l.size {
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
		pdf.Ln(l.after)
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
	pdf.Ln(lh + l.after)
}
