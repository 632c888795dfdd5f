package letters

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"

	bl "github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/reports/auditmark"
)

var _ bl.Stamper = Renderer{}

// Stamp makes the copy of a letter that leaves Redline from its stored DOCX:
// the DOCX with a closing line naming the audit head, or the PDF printed from
// it with the head in every page's footer and its properties.
func (Renderer) Stamp(format string, docx []byte, meta bl.Meta) ([]byte, error) {
	switch format {
	case "pdf":
		paras, err := ReadParagraphs(docx)
		if err != nil {
			return nil, fmt.Errorf("letter %s: %w", meta.Ref, err)
		}
		return PDF(paras, meta)
	case "docx":
		return StampDOCX(docx, meta)
	}
	return nil, fmt.Errorf("letter %s: format %q: use docx or pdf", meta.Ref, format)
}

// StampDOCX adds a small closing paragraph naming the audit head (the whole
// hash) at the end of the letter's body; every other part is copied as it is.
func StampDOCX(docx []byte, meta bl.Meta) ([]byte, error) {
	if auditmark.None(meta.Head) {
		return docx, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return nil, fmt.Errorf("letter %s is not a .docx: %w", meta.Ref, err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	stamped := false
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			if err := zw.Copy(f); err != nil {
				return nil, err
			}
			continue
		}
		body, err := readPart(f)
		if err != nil {
			return nil, err
		}
		if body, err = closingLine(body, auditmark.Full(meta.Head)); err != nil {
			return nil, fmt.Errorf("letter %s: %w", meta.Ref, err)
		}
		h := f.FileHeader
		w, err := zw.CreateHeader(&h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(body); err != nil {
			return nil, err
		}
		stamped = true
	}
	if !stamped {
		return nil, fmt.Errorf("letter %s is not a .docx: word/document.xml is missing", meta.Ref)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, maxPart))
}

// closingLine puts a paragraph before the body's section properties (the
// last thing in a Word body), or before </w:body> when there are none.
func closingLine(doc []byte, text string) ([]byte, error) {
	s := string(doc)
	end := strings.LastIndex(s, "</w:body>")
	if end < 0 {
		return nil, fmt.Errorf("word/document.xml has no body")
	}
	at := end
	if i := strings.LastIndex(s[:end], "<w:sectPr"); i >= 0 {
		at = i
	}
	p := `<w:p><w:pPr><w:spacing w:before="360"/></w:pPr><w:r><w:rPr><w:color w:val="5A5A5A"/><w:sz w:val="14"/></w:rPr><w:t xml:space="preserve">` +
		xmlText(text) + `</w:t></w:r></w:p>`
	return []byte(s[:at] + p + s[at:]), nil
}

func xmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
