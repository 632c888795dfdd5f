package transcript

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/store"
)

var head = store.AuditAnchor{Seq: 1234, Hash: "9f3a1b2c3d4e" + strings.Repeat("5", 52)}

var cut = &audio.LengthMismatch{Kind: audio.MismatchTruncated, ClaimedSeconds: 30, ActualSeconds: 18.6, BytesClaimed: 480000, BytesPresent: 297600}

// TestHeader_SaysWhenTheRecordingIsTruncated: every court format says in its
// header that the recording ends before its header says, with both lengths;
// a whole recording gets no such line.
func TestHeader_SaysWhenTheRecordingIsTruncated(t *testing.T) {
	in := sample(3, true)
	in.Truncated = cut
	const want = "The file ends 11.4 s before its header says. Header: 30.0 s; file: 18.6 s."
	for _, format := range []string{"txt", "vtt", "docx"} {
		b, err := Render(format, in)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if format == "docx" {
			text = docxText(t, b)
		}
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q", format, want)
		}
	}
	if b, _ := Render("txt", sample(3, true)); strings.Contains(string(b), LengthLabel) {
		t.Error("a whole recording is said to be truncated")
	}
	if text := pdfToText(t, in); !strings.Contains(squash(text), want) {
		t.Errorf("the PDF's header lacks %q:\n%s", want, text)
	}
}

// TestCourtFormats_CarryTheAuditHead: the number and first digits on every
// page, the whole hash on the last line and in the PDF's properties.
func TestCourtFormats_CarryTheAuditHead(t *testing.T) {
	in := sample(60, true)
	in.Head = head
	short, full := "Audit log entry 1234, 9f3a1b2c3d4e", "Audit log entry 1234, hash "+head.Hash
	b, err := Render("pdf", in)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("/Keywords (redline-audit-head 1234:"+head.Hash+")")) {
		t.Error("the PDF's properties lack the head")
	}
	text := squash(pdfToText(t, in))
	if strings.Count(text, short) < 5 || !strings.Contains(text, full) {
		t.Errorf("the PDF shows the head on %d pages, whole: %v", strings.Count(text, short), strings.Contains(text, full))
	}
	for _, format := range []string{"txt", "vtt", "docx"} {
		b, _ := Render(format, in)
		text := string(b)
		if format == "docx" {
			text = docxText(t, b)
		}
		if !strings.Contains(text, full) {
			t.Errorf("%s lacks the whole head", format)
		}
	}
	if b, _ := Render("txt", sample(3, true)); strings.Contains(string(b), "Audit log entry") {
		t.Error("a transcript made outside an export names a head")
	}
}

func pdfToText(t *testing.T, in Input) string {
	t.Helper()
	exe, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("poppler-utils not installed")
	}
	b, err := Render("pdf", in)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "t.pdf")
	os.WriteFile(p, b, 0o600)
	out, err := exec.Command(exe, "-layout", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// docxText is the words of the document and its footer, runs joined.
func docxText(t *testing.T, b []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, f := range z.File {
		if f.Name != "word/document.xml" && f.Name != "word/footer1.xml" {
			continue
		}
		rc, _ := f.Open()
		d := xml.NewDecoder(rc)
		for {
			tok, err := d.Token()
			if err != nil {
				break
			}
			if c, ok := tok.(xml.CharData); ok {
				out.Write(c)
			}
		}
		rc.Close()
	}
	return out.String()
}
