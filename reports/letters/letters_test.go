package letters

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	bl "github.com/nhs-redline/redline/backend/letters"
)

func sampleValues() map[string]string {
	return map[string]string{
		"trust_name": "West Yorkshire Community Health NHS Trust", "letterhead": "Trust Headquarters\nWakefield WF1 1AA\n01924 000000",
		"lsms_name": "Sam Patel", "lsms_title": "Local Security Management Specialist", "lsms_address": "Security Office\nWakefield WF1 1AA",
		"lsms_phone": "01924 000123", "lsms_email": "security@wych.example.nhs.uk",
		"letter_ref": "RL-2025-0007/L1", "letter_date": "14 March 2025", "case_ref": "RL-2025-0007",
		"incident_date": "3 March 2025", "incident_time": "19:42", "incident_summary": "Threats made during a home visit.",
		"staff_description": "a district nurse in Leeds North District Nursing",
		"recipient_name":    "Łukasz Wójcik", "recipient_address": "12 Elm Court\nLeeds LS7 2AB",
		"offender_name": "Łukasz Wójcik", "offender_address": "12 Elm Court\nLeeds LS7 2AB", "offender_dob": "01/02/1980",
		"recording_statement": "An audio recording of the incident was made by the member of staff's lone worker device.",
		"transcript_request":  "You can ask for a transcript by writing to the Security Office, quoting RL-2025-0007.",
		"warning_wording":     "This letter is a formal written warning about your behaviour.",
		"no_sanction_wording": "We have decided not to take further action at this time.",
		"sanction_name":       "written warning", "review_date": "14 March 2026",
		"police_force": "West Yorkshire Police", "police_officer": "PC 1234 Jones", "police_ref": "13250012345",
		"legal_services_name": "Legal Services, WYCH NHS Trust", "legal_services_address": "Trust HQ\nWakefield",
		"recording_details": "Alert ARC-77 on 3 March 2025, 4 min 12 s, SHA-256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
	}
}

func documentXMLText(t *testing.T, docx []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			// Text only: drop tags, turn breaks and paragraph ends into newlines.
			s := regexp.MustCompile(`<w:br/>|</w:p>`).ReplaceAllString(string(b), "\n")
			s = regexp.MustCompile(`<[^>]+>`).ReplaceAllString(s, "")
			return strings.NewReplacer("&amp;", "&", "&#39;", "'", "&lt;", "<", "&gt;", ">", "&quot;", `"`).Replace(s)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	path := filepath.Join(t.TempDir(), "l.pdf")
	os.WriteFile(path, pdf, 0o600)
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

var spaces = regexp.MustCompile(`\s+`)

func squash(s string) string { return spaces.ReplaceAllString(s, " ") }

func TestRender_EveryKindCarriesTheRecordingStatementAndEveryMergeField(t *testing.T) {
	vals := sampleValues()
	for _, kind := range bl.Kinds {
		t.Run(kind, func(t *testing.T) {
			tpl, err := Default(kind)
			if err != nil {
				t.Fatal(err)
			}
			fields, err := bl.Templates{Docs: Renderer{}}.Check(kind, kind+".docx", tpl)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Renderer{}.Render(kind+".docx", tpl, vals, bl.Meta{Title: kind, Ref: vals["letter_ref"], Created: time.Unix(0, 0)})
			if err != nil {
				t.Fatal(err)
			}
			docText, pdfTxt := squash(documentXMLText(t, r.Docx)), squash(pdfText(t, r.PDF))
			if strings.Contains(docText, "{") || strings.Contains(pdfTxt, "{") {
				t.Errorf("an unfilled merge field is left:\n%s", docText)
			}
			for _, f := range fields {
				want := squash(vals[f])
				if !strings.Contains(docText, want) {
					t.Errorf("DOCX lacks {%s} = %q", f, want)
				}
				if !strings.Contains(pdfTxt, want) && f != "recording_details" {
					t.Errorf("PDF lacks {%s} = %q", f, want)
				}
			}
			// The SHA-256 may wrap in the PDF; compare with spaces removed.
			if !strings.Contains(strings.ReplaceAll(pdfTxt, " ", ""), strings.ReplaceAll(vals["recording_details"], " ", "")) && slicesContain(fields, "recording_details") {
				t.Errorf("PDF lacks the recording details")
			}
			switch kind {
			case bl.Sanction, bl.NoSanction:
				for _, must := range []string{vals["recording_statement"], vals["transcript_request"], "A recording of the incident exists", "How to ask for a transcript"} {
					if !strings.Contains(docText, must) || !strings.Contains(pdfTxt, must) {
						t.Errorf("%s letter lacks %q", kind, must)
					}
				}
			default:
				if !strings.Contains(pdfTxt, "A recording of the incident exists") {
					t.Errorf("referral does not say a recording exists")
				}
			}
		})
	}
}

func slicesContain(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func TestCheck_RefusesTemplatesWithMissingOrUnknownFields(t *testing.T) {
	without := func(field string) []byte {
		var ps []para
		for _, p := range defaultParas(bl.Sanction) {
			p.text = strings.ReplaceAll(p.text, "{"+field+"}", "")
			ps = append(ps, p)
		}
		b, _ := buildDocx(ps)
		return b
	}
	check := bl.Templates{Docs: Renderer{}}.Check
	for _, field := range bl.Required[bl.Sanction] {
		t.Run("missing "+field, func(t *testing.T) {
			_, err := check(bl.Sanction, "Trust warning.docx", without(field))
			var mf *bl.MissingFieldError
			if !errors.As(err, &mf) || mf.Field != field || !strings.Contains(err.Error(), "{"+field+"}") || !strings.Contains(err.Error(), "Trust warning.docx") {
				t.Fatalf("got %v", err)
			}
		})
	}
	unknown, _ := buildDocx(append(defaultParas(bl.Sanction), para{"", "Signed {lsms_signature}"}))
	_, err := check(bl.Sanction, "w.docx", unknown)
	if err == nil || !strings.Contains(err.Error(), "{lsms_signature}") || !strings.Contains(err.Error(), "does not know") {
		t.Fatalf("unknown field: %v", err)
	}
	if _, err := check(bl.Sanction, "notes.txt", []byte("hello")); err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Fatalf("not a docx: %v", err)
	}
}

// Word often splits "{recipient_name}" across runs when a user edits it; the
// field must still be found and filled.
func TestFill_FieldSplitAcrossRunsByWord(t *testing.T) {
	tpl, _ := buildDocx(defaultParas(bl.NoSanction))
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:r><w:t xml:space="preserve">Dear {recipient_</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>name},</w:t></w:r></w:p></w:body></w:document>`
	split := replacePart(t, tpl, "word/document.xml", doc)
	out, err := Fill("split.docx", split, map[string]string{"recipient_name": "A. Person"})
	if err != nil {
		t.Fatal(err)
	}
	paras, _ := ReadParagraphs(out)
	if got := PlainText(paras); !strings.Contains(got, "Dear A. Person,") {
		t.Fatalf("got %q", got)
	}
}

func replacePart(t *testing.T, docx []byte, name, body string) []byte {
	zr, _ := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		if f.Name == name {
			w.Write([]byte(body))
			continue
		}
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	zw.Close()
	return buf.Bytes()
}

func FuzzReadParagraphs(f *testing.F) {
	for _, k := range bl.Kinds {
		b, _ := Default(k)
		f.Add(b)
	}
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		paras, err := ReadParagraphs(b)
		if err == nil {
			_ = PlainText(paras)
		}
		_, _ = Placeholders("fuzz.docx", b)
	})
}
