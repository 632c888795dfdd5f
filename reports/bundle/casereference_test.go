package bundle

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	bb "github.com/nhs-redline/redline/backend/bundle"
)

// The transcript's cover prints "Case reference   CASE-…" in its table.
var caseRefRe = regexp.MustCompile(`Case reference:?[ \t]+(\S.*?)\s*$`)

func caseRefsIn(text string) []string {
	var refs []string
	for _, line := range regexp.MustCompile(`\r?\n`).Split(text, -1) {
		if m := caseRefRe.FindStringSubmatch(line); m != nil {
			refs = append(refs, m[1])
		}
	}
	return refs
}

// A transcript whose transcriber typed no case reference prints the bundle's
// in the bundle, the package's copy and the disclosure copy, never "not given".
func TestBundle_TranscriptPrintsTheCaseReference(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	st, v, c, who := transcribedCase(t)
	ctx := context.Background()
	for _, o := range []bb.Options{{}, {Redacted: true}} {
		res, err := bb.Build(ctx, st, v, Renderer{}, who, c.Ref, t.TempDir(), o)
		if err != nil {
			t.Fatal(err)
		}
		files, _ := filepath.Glob(filepath.Join(res.Path, "data", "exhibits", "*Transcript*.pdf"))
		files = append(files, filepath.Join(res.Path, "data", c.Ref+" bundle.pdf"))
		for _, f := range files {
			if refs := caseRefsIn(pdfText(t, f)); len(refs) != 1 || refs[0] != c.Ref {
				t.Errorf("redacted %v: %s prints the case references %q; want %s once", o.Redacted, filepath.Base(f), refs, c.Ref)
			}
		}
	}
}

// The same transcript, exhibit reference and case reference draw the same
// bytes, so the exhibit keeps its SHA-256; another case reference does not.
func TestCaseTranscriptPDF_IsByteStable(t *testing.T) {
	st, v, c, _ := transcribedCase(t)
	ctx := context.Background()
	ms, _ := st.MediaForAlert(ctx, c.AlertIDs[0])
	ts, _ := st.TranscriptsForMedia(ctx, ms[0].ID)
	draw := func(caseRef string) []byte {
		p, err := Renderer{}.CaseTranscriptPDF(ctx, st, v, ts[0].ID, caseRef)
		if err != nil {
			t.Fatal(err)
		}
		b, err := p("AM/2")
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b := draw(c.Ref), draw(c.Ref)
	if !bytes.Equal(a, b) {
		t.Error("the same transcript and references drew different bytes")
	}
	if bytes.Equal(a, draw("CASE-OTHER")) {
		t.Error("another case reference drew the same bytes")
	}
	if os.Getenv("REDLINE_KEEP_TRANSCRIPT") != "" { // to look at the cover: pdftoppm the file
		_ = os.WriteFile(os.Getenv("REDLINE_KEEP_TRANSCRIPT"), a, 0o600)
	}
}
