package letters

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	docx "github.com/lukasjarosch/go-docx"
)

// go-docx keeps run and fragment counters in package variables: one
// document at a time.
var docxMu sync.Mutex

// maxPart bounds how much of one part of a .docx is read: a letter template
// is kilobytes; anything near this is not a letter.
const maxPart = 16 << 20

var fieldPattern = regexp.MustCompile(`^\{([^{}]*)\}$`)

// Placeholders lists the distinct merge field names a .docx uses, sorted.
func Placeholders(name string, data []byte) ([]string, error) {
	docxMu.Lock()
	defer docxMu.Unlock()
	doc, err := docx.OpenBytes(data)
	if err != nil {
		return nil, fmt.Errorf("%s is not a Word document Redline can read (%v): save it from Word as .docx", name, err)
	}
	list, err := doc.GetPlaceHoldersList()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range list {
		m := fieldPattern.FindStringSubmatch(p)
		if m == nil {
			return nil, fmt.Errorf("%s has a broken merge field %q: each field is a name between { and }", name, p)
		}
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out, nil
}

// Fill replaces every merge field in a .docx. Values may hold several lines.
func Fill(name string, data []byte, values map[string]string) ([]byte, error) {
	docxMu.Lock()
	defer docxMu.Unlock()
	doc, err := docx.OpenBytes(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	m := docx.PlaceholderMap{}
	for k, v := range values {
		m[k] = v
	}
	if err := doc.ReplaceAll(m); err != nil {
		return nil, fmt.Errorf("fill %s: %v", name, err)
	}
	var buf bytes.Buffer
	if err := doc.Write(&buf); err != nil {
		return nil, fmt.Errorf("write %s: %v", name, err)
	}
	return buf.Bytes(), nil
}

// Run is a stretch of text in one style.
type Run struct {
	Text string
	Bold bool
}

// Paragraph is one paragraph of a letter, as the PDF lays it out.
type Paragraph struct {
	Runs  []Run
	Align string  // "", "right", "center", "both"
	Size  float64 // points; 0 means the body size
}

// Text joins the paragraph's runs.
func (p Paragraph) Text() string {
	var b strings.Builder
	for _, r := range p.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// ReadParagraphs reads the body of a .docx as paragraphs with bold, size and
// alignment: enough to print a letter made in Word faithfully in words, if
// not in every detail of layout. Table cells become paragraphs.
func ReadParagraphs(data []byte) ([]Paragraph, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a .docx: %w", err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return parseBody(io.LimitReader(rc, maxPart))
		}
	}
	return nil, fmt.Errorf("not a .docx: word/document.xml is missing")
}

func attr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func parseBody(r io.Reader) ([]Paragraph, error) {
	dec := xml.NewDecoder(r)
	var out []Paragraph
	var para *Paragraph
	var run Run
	inRun, inRPr, inText, styleBold := false, false, false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("word/document.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				para, styleBold = &Paragraph{}, false
			case "jc":
				if v, ok := attr(t, "val"); ok && para != nil {
					switch v {
					case "right", "end":
						para.Align = "right"
					case "center":
						para.Align = "center"
					case "both":
						para.Align = "both"
					}
				}
			case "pStyle":
				if v, _ := attr(t, "val"); para != nil && (strings.HasPrefix(v, "Heading") || v == "Title") {
					styleBold = true
					if para.Size == 0 {
						para.Size = 13
					}
				}
			case "r":
				inRun, run = true, Run{Bold: styleBold}
			case "rPr":
				inRPr = inRun
			case "b":
				if inRPr {
					v, ok := attr(t, "val")
					run.Bold = !ok || (v != "0" && v != "false")
				}
			case "sz":
				if v, ok := attr(t, "val"); ok && inRPr && para != nil {
					if hp, err := strconv.Atoi(v); err == nil && hp > 0 {
						para.Size = float64(hp) / 2
					}
				}
			case "t":
				inText = inRun
			case "br", "cr":
				if inRun {
					run.Text += "\n"
				}
			case "tab":
				if inRun {
					run.Text += "\t"
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "p":
				if para != nil {
					out = append(out, *para)
				}
				para = nil
			case "r":
				if para != nil && run.Text != "" {
					para.Runs = append(para.Runs, run)
				}
				inRun = false
			case "rPr":
				inRPr = false
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText {
				run.Text += string(t)
			}
		}
	}
}

// PlainText is the letter's words, one paragraph a line, for tests and search.
func PlainText(paras []Paragraph) string {
	var b strings.Builder
	for _, p := range paras {
		b.WriteString(p.Text())
		b.WriteByte('\n')
	}
	return b.String()
}
