package letters

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/nhs-redline/redline/reports/pdffont"
)

// PDFMeta labels the PDF: its title, the footer reference and the creation time.
type PDFMeta struct {
	Title   string
	Ref     string
	Created time.Time
}

const (
	bodySize = 11.0
	lineMM   = 5.4
)

// PDF lays the letter's paragraphs out on A4 with the trust's words exactly
// as the DOCX holds them.
func PDF(paras []Paragraph, meta PDFMeta) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdffont.Register(pdf)
	pdf.SetMargins(22, 20, 22)
	pdf.SetAutoPageBreak(true, 22)
	pdf.SetTitle(meta.Title, true)
	pdf.SetCreator("Redline", true)
	pdf.SetCreationDate(meta.Created)
	pdf.SetModificationDate(meta.Created)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont(pdffont.Family, "", 8)
		pdf.SetTextColor(90, 90, 90)
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

// Rendered is one letter in both formats.
type Rendered struct {
	Docx       []byte
	PDF        []byte
	Paragraphs []Paragraph
	Fields     []string // the merge fields the template used
}

// Render checks a template against its kind and the values, then fills it
// and prints it. A template with an unknown or missing field, or a value the
// case cannot supply, is refused with a message naming the field.
func Render(kind, templateName string, template []byte, values map[string]string, meta PDFMeta) (Rendered, error) {
	used, err := Placeholders(templateName, template)
	if err != nil {
		return Rendered{}, err
	}
	if err := CheckFields(kind, templateName, used); err != nil {
		return Rendered{}, err
	}
	if err := CheckValues(used, values); err != nil {
		return Rendered{}, err
	}
	filled, err := Fill(templateName, template, values)
	if err != nil {
		return Rendered{}, err
	}
	paras, err := ReadParagraphs(filled)
	if err != nil {
		return Rendered{}, err
	}
	pdf, err := PDF(paras, meta)
	if err != nil {
		return Rendered{}, err
	}
	return Rendered{Docx: filled, PDF: pdf, Paragraphs: paras, Fields: used}, nil
}

// Check validates a template a user wants to load, before it replaces the current one.
func Check(kind, templateName string, template []byte) ([]string, error) {
	used, err := Placeholders(templateName, template)
	if err != nil {
		return nil, err
	}
	if _, err := ReadParagraphs(template); err != nil {
		return nil, fmt.Errorf("%s: %w", templateName, err)
	}
	return used, CheckFields(kind, templateName, used)
}
