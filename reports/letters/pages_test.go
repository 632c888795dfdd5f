package letters

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	bl "github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/reports/pdftest"
)

// realisticValues are the sample values with the trust's default wording
// filled in, as a letter drafted from a fresh install reads: the length that
// decides whether a letter fits its page.
func realisticValues() map[string]string {
	v := sampleValues()
	v["letterhead"] = "Trust Headquarters\nBlenheim House, Duncombe Street\nWakefield WF1 1AA\nTelephone 01924 000000"
	v["lsms_address"] = "Security Office, Trust Headquarters, Blenheim House, Duncombe Street, Wakefield WF1 1AA"
	v["recipient_address"] = "Flat 3, 12 Elm Court\nChapeltown Road\nLeeds LS7 2AB"
	v["incident_summary"] = "During a home visit the patient's relative shouted at the district nurse, blocked the door and threatened to " +
		"hurt her if she came back. She raised a red alert on her lone worker device and left the property when she could."
	fill := regexp.MustCompile(`\{([a-z_]+)\}`)
	expand := func(s string) string {
		return fill.ReplaceAllStringFunc(s, func(m string) string { return v[m[1:len(m)-1]] })
	}
	d := bl.DefaultSettings
	v["recording_statement"] = expand(d.RecordingStatement)
	v["transcript_request"] = expand(d.TranscriptRequest)
	v["warning_wording"] = expand(d.WarningWording)
	v["no_sanction_wording"] = expand(d.NoSanctionWording)
	return v
}

// A letter either fits one page or runs on with a real last page: never a
// last page holding only a contact line or a signature cut from its letter.
func TestPDF_EveryKindFitsItsPageOrEndsOnAFullOne(t *testing.T) {
	vals := realisticValues()
	for _, kind := range bl.Kinds {
		t.Run(kind, func(t *testing.T) {
			tpl, err := Default(kind)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Renderer{}.Render(kind+".docx", tpl, vals, bl.Meta{Title: kind, Ref: vals["letter_ref"], Created: time.Unix(0, 0)})
			if err != nil {
				t.Fatal(err)
			}
			if dir := os.Getenv("REDLINE_LETTER_PDFS"); dir != "" { // to look at them
				os.WriteFile(filepath.Join(dir, kind+".pdf"), r.PDF, 0o644)
			}
			ps := pdftest.Pages(t, r.PDF)
			last := pdftest.TextLines(ps[len(ps)-1])
			if kind == bl.Sanction && len(ps) != 1 {
				t.Errorf("the warning letter runs to %d pages; it must fit one. Last page:\n%s", len(ps), strings.Join(last, "\n"))
			}
			if len(ps) > 1 && len(last) < 8 {
				t.Errorf("last of %d pages holds only %d lines:\n%s", len(ps), len(last), strings.Join(last, "\n"))
			}
			// The signature block stays whole on the last page.
			joined := strings.Join(last, "\n")
			for _, must := range []string{"Yours sincerely", vals["lsms_name"], vals["lsms_email"]} {
				if !strings.Contains(joined, must) {
					t.Errorf("the last page lacks %q of the signature block:\n%s", must, joined)
				}
			}
			for i, p := range ps {
				if !strings.Contains(p, "Page "+strconv.Itoa(i+1)+" of "+strconv.Itoa(len(ps))) {
					t.Errorf("page %d is not numbered \"Page %d of %d\"", i+1, i+1, len(ps))
				}
			}
		})
	}
}

// A letter too long for one page runs on at the normal spacing, and the
// signature block moves with the paragraph before it rather than standing
// alone at the top of the last page.
func TestPDF_LongLetterKeepsItsSignatureWithTheText(t *testing.T) {
	for _, repeat := range []int{5, 6, 7, 8} { // lengths that end at different places on page 2
		vals := realisticValues()
		vals["warning_wording"] = strings.Repeat(vals["warning_wording"]+" ", repeat)
		tpl, _ := Default(bl.Sanction)
		r, err := Renderer{}.Render("sanction.docx", tpl, vals, bl.Meta{Title: "long", Ref: vals["letter_ref"], Created: time.Unix(0, 0)})
		if err != nil {
			t.Fatal(err)
		}
		ps := pdftest.Pages(t, r.PDF)
		if len(ps) < 2 {
			t.Fatalf("repeat %d: a letter this long fits one page?", repeat)
		}
		last := pdftest.TextLines(ps[len(ps)-1])
		joined := strings.Join(last, "\n")
		if !strings.Contains(joined, "Yours sincerely") || !strings.Contains(joined, vals["lsms_email"]) || len(last) < 6 {
			t.Errorf("repeat %d: last of %d pages:\n%s", repeat, len(ps), joined)
		}
		if strings.HasPrefix(last[0], "Yours sincerely") {
			t.Errorf("repeat %d: the closing starts the last page alone, parted from the letter", repeat)
		}
	}
}
