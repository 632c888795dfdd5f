package bundle

import (
	"bytes"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	tr "github.com/nhs-redline/redline/backend/transcript"
	rt "github.com/nhs-redline/redline/reports/transcript"
)

// A transcript exhibit is known by its SHA-256: rendering the same revision
// again must give the same bytes, or each showing of the court bundle would
// number it as a new exhibit.
func TestTranscriptPDF_SameRevisionSameBytes(t *testing.T) {
	in := rt.Input{Doc: tr.Doc{Revision: 1, Segments: []tr.Segment{
		{StartMs: 0, EndMs: 900, Speaker: "Speaker 1", Text: "Get out of my room."},
		{StartMs: 900, EndMs: 1800, Speaker: "Speaker 2", Text: "Siobhán, stay calm [inaudible 00:00:01]"},
	}}, Recording: store.Media{OriginalName: "red-1.wav", SHA256: "ab"}, Generated: time.Unix(1790000000, 0), GeneratedBy: "Redline"}
	first, err := rt.Render("pdf", in)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		again, err := rt.Render("pdf", in)
		if err != nil || !bytes.Equal(first, again) {
			t.Fatalf("rendering %d differs from the first (%v)", i+2, err)
		}
	}
}
