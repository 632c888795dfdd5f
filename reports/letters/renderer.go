// Package letters renders the letters an LSMS sends after a decision: a Word
// template with {merge_fields} filled becomes an editable DOCX and a PDF with
// the same words. Which fields each kind needs, and the letters' register,
// are backend/letters'; this package only reads and fills documents.
package letters

import (
	"fmt"

	bl "github.com/nhs-redline/redline/backend/letters"
)

// Renderer is the backend/letters.Renderer Redline uses: .docx templates
// filled with go-docx and printed with fpdf.
type Renderer struct{}

var _ bl.Renderer = Renderer{}

// Default is the template Redline ships for kind.
func (Renderer) Default(kind string) ([]byte, error) { return Default(kind) }

// Fields lists a template's merge fields, refusing a file Word did not save
// as a .docx this package can print.
func (Renderer) Fields(name string, template []byte) ([]string, error) {
	used, err := Placeholders(name, template)
	if err != nil {
		return nil, err
	}
	if _, err := ReadParagraphs(template); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return used, nil
}

// Render fills the template and prints the PDF from the filled DOCX, so
// both say exactly the same words.
func (Renderer) Render(name string, template []byte, values map[string]string, meta bl.Meta) (bl.Files, error) {
	filled, err := Fill(name, template, values)
	if err != nil {
		return bl.Files{}, err
	}
	paras, err := ReadParagraphs(filled)
	if err != nil {
		return bl.Files{}, err
	}
	pdf, err := PDF(paras, meta)
	if err != nil {
		return bl.Files{}, err
	}
	return bl.Files{Docx: filled, PDF: pdf}, nil
}
