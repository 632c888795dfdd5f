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

// TranscriptPDF reads a transcript at its latest revision and returns how to
// render its court PDF with an exhibit reference printed in it, dated by the
// revision so the same text and reference always give the same file. The
// reading is done here, once: the printer touches no store, since the
// exhibit's number is taken inside a transaction that prints with it.
func (Renderer) TranscriptPDF(ctx context.Context, st *store.Store, v *vault.Vault, id int64) (exhibit.Printer, error) {
	in, err := transcriptInput(ctx, st, id)
	if err != nil {
		return nil, err
	}
	return func(ref string) ([]byte, error) { return rt.Render("pdf", withExhibitRef(in, ref)) }, nil
}

var _ exhibit.CaseDocs = Renderer{}

// CaseTranscriptPDF is TranscriptPDF printing the bundle's case reference as
// well, in place of whatever the transcriber typed, so a transcript in the
// bundle never says "Case reference not given". The same text, exhibit
// reference and case reference always give the same file.
func (Renderer) CaseTranscriptPDF(ctx context.Context, st *store.Store, v *vault.Vault, id int64, caseRef string) (exhibit.Printer, error) {
	in, err := transcriptInput(ctx, st, id)
	if err != nil {
		return nil, err
	}
	in = withCaseRef(in, caseRef)
	return func(ref string) ([]byte, error) { return rt.Render("pdf", withExhibitRef(in, ref)) }, nil
}

// withCaseRef is in printing caseRef as its case reference; an empty caseRef
// keeps the typed one.
func withCaseRef(in rt.Input, caseRef string) rt.Input {
	if caseRef != "" {
		in.Doc.CaseRef = caseRef
	}
	return in
}

// withExhibitRef is in printing ref as its exhibit reference: the bundle's
// number replaces whatever the transcriber typed, so the pages match the
// index, the exhibit list and the statement. An empty ref keeps the typed one.
func withExhibitRef(in rt.Input, ref string) rt.Input {
	if ref != "" {
		in.Doc.ExhibitRef = ref
	}
	return in
}

// RedactedTranscript renders the transcript again with the chosen personal
// data taken out of every segment's words, so the disclosure copy's PDF never
// holds them. The recognised words' timings go too: they repeat the text.
func (Renderer) RedactedTranscript(ctx context.Context, st *store.Store, v *vault.Vault, id int64, exhibitRef string, red *bb.Redactor) ([]byte, error) {
	in, err := transcriptInput(ctx, st, id)
	if err != nil {
		return nil, err
	}
	in = withExhibitRef(in, exhibitRef)
	// The disclosure copy prints the case reference its bundle exhibit prints.
	if x, err := st.ExhibitByRef(ctx, exhibitRef); err == nil {
		if c, err := st.Case(ctx, x.CaseID); err == nil {
			in = withCaseRef(in, c.Ref)
		}
	}
	segs := make([]tr.Segment, len(in.Doc.Segments))
	for i, s := range in.Doc.Segments {
		s.Text, s.Speaker, s.Words = red.Text(s.Text), red.Text(s.Speaker), nil
		segs[i] = s
	}
	in.Doc.Segments = segs
	in.GeneratedBy = "Redline, as a disclosure copy with personal data redacted"
	return rt.Render("pdf", in)
}

func transcriptInput(ctx context.Context, st *store.Store, id int64) (rt.Input, error) {
	doc, err := tr.Load(ctx, st, id)
	if err != nil {
		return rt.Input{}, err
	}
	m, err := st.MediaByID(ctx, doc.MediaID)
	if err != nil {
		return rt.Input{}, err
	}
	at := doc.CreatedAt
	if revs, err := st.TranscriptRevisions(ctx, id); err == nil && len(revs) > 0 {
		at = revs[0].At // newest first
	}
	in := rt.Input{Doc: doc, Recording: m, Generated: time.Unix(at, 0), GeneratedBy: "Redline"}
	if a, err := st.Alert(ctx, m.AlertID); err == nil {
		in.AlertRef = a.ARCRef
	}
	return in, nil
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
