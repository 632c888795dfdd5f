package letters

import (
	"context"
	"strings"
	"testing"
	"time"

	bl "github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/letters/letterstest"
)

// TestOffice_DraftsRealLettersForEachRoute runs backend/letters' office with
// this renderer: the shipped templates, filled from a case, as Word and PDF.
func TestOffice_DraftsRealLettersForEachRoute(t *testing.T) {
	for route, want := range map[string][]string{
		"sanction_letter":     {"holds the recording securely", "You can ask for a transcript of the recording. Write to Sam Patel", "14 March 2026", "Łukasz Wójcik", "Formal warning: written warning"},
		"no_sanction":         {"A recording of the incident exists", "How to ask for a transcript"},
		"police":              {"A recording of the incident exists", "West Yorkshire Police", "SHA-256 "},
		"private_prosecution": {"A recording of the incident exists", "Request to consider a private prosecution", "SHA-256 "},
	} {
		t.Run(route, func(t *testing.T) {
			o, c := letterstest.Case(t, route, Renderer{})
			ctx := context.Background()
			l, err := o.Draft(ctx, c.ID, letterstest.At(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			docx, err := o.Bytes(ctx, l.ID, "docx")
			if err != nil {
				t.Fatal(err)
			}
			text := squash(documentXMLText(t, docx))
			for _, w := range append(want, c.Ref) {
				if !strings.Contains(text, w) {
					t.Errorf("%s letter lacks %q:\n%s", l.Kind, w, text)
				}
			}
			if pdf, _ := o.Bytes(ctx, l.ID, "pdf"); !strings.HasPrefix(string(pdf), "%PDF") {
				t.Errorf("%s letter has no PDF", l.Kind)
			}
		})
	}
}

func TestOffice_ATemplateWordCannotReadIsRefusedByName(t *testing.T) {
	o, _ := letterstest.Case(t, "sanction_letter", Renderer{})
	_, err := o.Templates.Check(bl.Sanction, "notes.docx", []byte("plain text, not Word"))
	if err == nil || !strings.Contains(err.Error(), "notes.docx") {
		t.Fatalf("got %v", err)
	}
}
