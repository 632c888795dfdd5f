package transcript

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	tr "github.com/nhs-redline/redline/backend/transcript"

	"github.com/nhs-redline/redline/reports/pdftest"
)

func sample(n int, checked bool) Input {
	rec := int64(1743294600)
	segs := []tr.Segment{
		{StartMs: 0, EndMs: 2340, Speaker: "Lone worker", Text: "Get away from me, I'm calling for help, Łukasz."},
		{StartMs: 2340, EndMs: 4000, Speaker: "Alleged offender", Text: "Stay where you are <or> else " + tr.InaudibleMark(3500)},
		{StartMs: 4000, EndMs: 6000, Speaker: "ARC operator", Text: tr.OverlapMark + " This is the alarm receiving centre, café team, we can hear you."},
	}
	for i := 3; i < n; i++ {
		segs = append(segs, tr.Segment{StartMs: int64(i) * 3000, EndMs: int64(i)*3000 + 2500, Speaker: "Unknown",
			Text: strings.Repeat("A longer passage of speech that wraps over more than one printed line. ", 1+i%3)})
	}
	d := tr.Doc{ID: 1, Engine: "whisper", EngineDetail: "whisper.cpp, model ggml-base.en.bin", Status: "draft",
		CaseRef: "CASE-2025-014", ExhibitRef: "JS/1", Revision: 4, Segments: segs,
		TranscribedBy: "Jane Smith", TranscribedAt: &rec}
	if checked {
		d.Status, d.CheckedBy, d.CheckedAt = "checked", "Bob Jones", &rec
	}
	return Input{Doc: d, Recording: store.Media{OriginalName: "red-1.wav", SHA256: strings.Repeat("ab", 32),
		DurationMS: 3723000, RecordedAt: &rec}, AlertRef: "RED-000123",
		Generated: time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC), GeneratedBy: "jsmith"}
}

func TestSRT_NumberedCuesWithCommaTimes(t *testing.T) {
	b, err := Render("srt", sample(3, true))
	if err != nil {
		t.Fatal(err)
	}
	want := "1\n00:00:00,000 --> 00:00:02,340\nLone worker: Get away from me, I'm calling for help, Łukasz.\n\n2\n00:00:02,340 --> 00:00:04,000\n"
	if !strings.HasPrefix(string(b), want) {
		t.Fatalf("srt starts\n%s", b)
	}
}

func TestWebVTT_EscapesTextAndMarksDrafts(t *testing.T) {
	b, _ := Render("vtt", sample(3, false))
	s := string(b)
	for _, want := range []string{"WEBVTT\n\nNOTE DRAFT", "00:00:02.340 --> 00:00:04.000\n<v Alleged offender>Stay where you are &lt;or&gt; else [inaudible 00:00:03]"} {
		if !strings.Contains(s, want) {
			t.Errorf("vtt lacks %q:\n%s", want, s)
		}
	}
	c, _ := Render("vtt", sample(3, true))
	if strings.Contains(string(c), "DRAFT") {
		t.Error("checked transcript still marked draft")
	}
}

func TestText_HasCourtFacts(t *testing.T) {
	b, _ := Render("txt", sample(3, true))
	for _, want := range []string{"Exhibit reference: JS/1", "Recording SHA-256: " + strings.Repeat("ab", 32), "Duration: 01:02:03",
		"   2  [00:00:02]  Alleged offender:", "I, Bob Jones, have checked", "Recorded: 30/03/2025 00:30 (UK time)"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

func TestDOCX_IsWellFormedWithLineNumberingAndPageFields(t *testing.T) {
	b, err := Render("docx", sample(40, false))
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		r, _ := f.Open()
		body, _ := io.ReadAll(r)
		r.Close()
		parts[f.Name] = string(body)
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			d := xml.NewDecoder(bytes.NewReader(body))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
				}
			}
		}
	}
	doc := parts["word/document.xml"]
	for _, want := range []string{`w:lnNumType w:countBy="1"`, "JS/1", "Stay where you are &lt;or&gt; else", "café team", "Checker&#39;s statement", "DRAFT"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
	if !strings.Contains(parts["word/footer1.xml"], "NUMPAGES") {
		t.Error("footer has no page count")
	}
	if exe, err := exec.LookPath("pandoc"); err == nil { // optional second reader
		cmd := exec.Command(exe, "-f", "docx", "-t", "plain")
		cmd.Stdin = bytes.NewReader(b)
		if out, err := cmd.Output(); err != nil || !strings.Contains(string(out), "Get away from me") {
			t.Errorf("pandoc cannot read the DOCX: %v", err)
		}
	}
}

func TestPDF_CourtFormatReadsBack(t *testing.T) {
	b, err := Render("pdf", sample(60, true))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	pdftest.LastPageHoldsAtLeast(t, b, 4)
	exe, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("poppler-utils not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "t.pdf")
	os.WriteFile(in, b, 0o600)
	out, err := exec.Command(exe, "-layout", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"Transcript of audio recording", "CASE-2025-014", "JS/1", strings.Repeat("ab", 32),
		"01:02:03", "Page 1 of 5", "Page 5 of 5", "Lone worker", "[inaudible 00:00:03]", "[overlapping speech]",
		"café", "Łukasz", "I, Jane Smith, made this transcript", "I, Bob Jones, have checked"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if strings.Contains(text, "DRAFT") {
		t.Error("a checked transcript is marked draft")
	}
	if os.Getenv("REDLINE_KEEP_PDF") != "" {
		os.WriteFile(os.Getenv("REDLINE_KEEP_PDF"), b, 0o644)
	}
}
