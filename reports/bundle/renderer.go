// Package bundle draws the investigator's court bundle of a case as one PDF:
// an index whose entries link to their pages, the case summary and merged
// timeline, the producer's statement (MG11), the exhibit list (MG12), the
// transcripts and letters merged in as they were rendered, the map exhibits,
// the schedule of unused material (MG6C) and each exhibit's continuity, with
// a bookmark for every section and document and "Bundle page N" bottom right
// on every page, N being the PDF's own page number.
//
// go-pdf/fpdf draws the pages Redline writes; pdfcpu (pure Go) merges them
// with the PDFs already rendered, stamps the page numbers, adds the bookmarks
// and the index's links, since fpdf cannot read or import an existing PDF.
package bundle

import (
	"context"
	"io"
	"time"

	bb "github.com/nhs-redline/redline/backend/bundle"
	"github.com/nhs-redline/redline/backend/exhibit"
	bl "github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/store"
	tr "github.com/nhs-redline/redline/backend/transcript"
	"github.com/nhs-redline/redline/backend/vault"
	rl "github.com/nhs-redline/redline/reports/letters"
	rt "github.com/nhs-redline/redline/reports/transcript"
)

// Renderer is the bundle.Renderer and exhibit.Docs of reports/. Map draws a
// case map exhibit (reports/exports hands in its own); nil maps nothing.
type Renderer struct {
	Map func(ctx context.Context, st *store.Store, alertID int64) ([]byte, error)
}

var _ bb.Renderer = Renderer{}

// TranscriptPDF renders a transcript's court PDF at its latest revision,
// dated by that revision so the same text always gives the same file.
func (Renderer) TranscriptPDF(ctx context.Context, st *store.Store, v *vault.Vault, id int64) ([]byte, error) {
	doc, err := tr.Load(ctx, st, id)
	if err != nil {
		return nil, err
	}
	m, err := st.MediaByID(ctx, doc.MediaID)
	if err != nil {
		return nil, err
	}
	at := doc.CreatedAt
	if revs, err := st.TranscriptRevisions(ctx, id); err == nil && len(revs) > 0 {
		at = revs[0].At // newest first
	}
	in := rt.Input{Doc: doc, Recording: m, Generated: time.Unix(at, 0), GeneratedBy: "Redline"}
	if a, err := st.Alert(ctx, m.AlertID); err == nil {
		in.AlertRef = a.ARCRef
	}
	return rt.Render("pdf", in)
}

// MapPNG draws the case map of a red alert.
func (r Renderer) MapPNG(ctx context.Context, st *store.Store, alertID int64) ([]byte, error) {
	if r.Map == nil {
		return nil, exhibit.ErrNoMap
	}
	return r.Map(ctx, st, alertID)
}

// RedactedLetter lays a letter out again from its DOCX with the chosen text
// taken out of every run: the words are gone, not covered.
func (Renderer) RedactedLetter(docx []byte, red *bb.Redactor) ([]byte, error) {
	paras, err := rl.ReadParagraphs(docx)
	if err != nil {
		return nil, err
	}
	for i := range paras {
		// A value can straddle runs: redact the paragraph's whole text into its first run.
		whole := paras[i].Text()
		if red.Text(whole) == whole {
			continue
		}
		bold := len(paras[i].Runs) > 0 && paras[i].Runs[0].Bold
		paras[i].Runs = []rl.Run{{Text: red.Text(whole), Bold: bold}}
	}
	return rl.PDF(paras, bl.Meta{Title: "Letter (disclosure copy)", Ref: "Disclosure copy: personal data redacted", Created: time.Unix(0, 0)})
}

// PDF draws the whole bundle into w.
func (Renderer) PDF(w io.Writer, b *bb.Bundle) error {
	out, err := Assemble(b)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}
