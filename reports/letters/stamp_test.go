package letters

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/letters/letterstest"
	"github.com/nhs-redline/redline/reports/auditmark"
)

// TestExport_LetterCarriesTheAuditHead: a letter leaves Redline carrying the
// audit head as its export began: the PDF in every footer (number and first
// digits) and its properties (whole hash), the DOCX in a closing line. The
// register keeps the same head, and the words are the stored letter's.
func TestExport_LetterCarriesTheAuditHead(t *testing.T) {
	o, c := letterstest.Case(t, "sanction_letter", Renderer{})
	ctx := context.Background()
	l, err := o.Draft(ctx, c.ID, letterstest.At(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i, format := range []string{"pdf", "docx"} {
		head, _ := o.Store.AuditHead(ctx)
		dst := filepath.Join(dir, "letter."+format)
		if err := o.Export(ctx, l.ID, format, dst, letterstest.At(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		reg, _ := o.Store.ExportRegister(ctx)
		if len(reg) != i+1 || reg[i].Head != head || !reg[i].InDocument || reg[i].File != "letter."+format {
			t.Fatalf("register %+v, head %v", reg, head)
		}
		b, _ := os.ReadFile(dst)
		switch format {
		case "pdf":
			if !strings.Contains(string(b), "/Keywords (redline-audit-head "+head.String()+")") {
				t.Errorf("the PDF's properties lack the head %s", head)
			}
			if _, err := exec.LookPath("pdftotext"); err == nil {
				text := squash(pdfText(t, b))
				for _, w := range []string{auditmark.Short(head), l.Ref + " Page 1 of", "Formal warning"} {
					if !strings.Contains(text, w) {
						t.Errorf("the PDF lacks %q:\n%s", w, text)
					}
				}
			}
		case "docx":
			text := squash(documentXMLText(t, b))
			stored, _ := o.Bytes(ctx, l.ID, "docx")
			if !strings.Contains(text, auditmark.Full(head)) || !strings.HasPrefix(text, squash(documentXMLText(t, stored))) {
				t.Errorf("the DOCX is not the stored letter with the head after it:\n%s", text)
			}
			if _, err := ReadParagraphs(b); err != nil {
				t.Errorf("the stamped DOCX no longer reads: %v", err)
			}
		}
	}
	if rep, err := o.Store.CheckAuditLog(ctx); err != nil || rep.Problem != nil || rep.Exports != 2 {
		t.Fatalf("verify %+v %v", rep, err)
	}
}
