package transcript

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	tr "github.com/nhs-redline/redline/backend/transcript"
	"github.com/nhs-redline/redline/reports/auditmark"
)

// DOCX writes the court-format transcript as WordprocessingML generated here rather than with
// github.com/lukasjarosch/go-docx: that library only replaces {placeholders} in an existing
// document and cannot repeat a paragraph or table row per segment, and a transcript is a
// variable-length list. Line numbers use Word's own line numbering (w:lnNumType), so they stay
// right when a reader reflows or edits a copy; headings and statements suppress numbering, so
// only the words spoken are counted. The footer shows "Page n of N" with PAGE/NUMPAGES fields.
func DOCX(w io.Writer, in Input) error {
	z := zip.NewWriter(w)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"word/_rels/document.xml.rels", docRels},
		{"word/styles.xml", styles},
		{"word/footer1.xml", footer(in)},
		{"word/document.xml", document(in)},
	}
	for _, f := range files {
		fw, err := z.Create(f.name)
		if err != nil {
			return fmt.Errorf("transcript DOCX: %w", err)
		}
		if _, err := io.WriteString(fw, f.body); err != nil {
			return fmt.Errorf("transcript DOCX: %w", err)
		}
	}
	return z.Close()
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
</Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`

const docRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>`

const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ` + wNS + `>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="21"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="60"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:pPr><w:suppressLineNumbers/><w:spacing w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:suppressLineNumbers/><w:keepNext/><w:spacing w:before="240" w:after="60"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Plain"><w:name w:val="Plain"/><w:pPr><w:suppressLineNumbers/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Passage"><w:name w:val="Passage"/><w:pPr><w:tabs><w:tab w:val="left" w:pos="1134"/><w:tab w:val="left" w:pos="3118"/></w:tabs><w:ind w:left="3118" w:hanging="3118"/><w:spacing w:after="80"/></w:pPr></w:style>
</w:styles>`

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func run(text string, props string) string {
	return `<w:r>` + rpr(props) + `<w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`
}

func rpr(props string) string {
	if props == "" {
		return ""
	}
	return "<w:rPr>" + props + "</w:rPr>"
}

func para(style, runs string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>` + runs + `</w:p>`
}

func footer(in Input) string {
	left := "Exhibit " + orDash(in.Doc.ExhibitRef) + " · SHA-256 " + in.Recording.SHA256
	field := func(name string) string {
		return `<w:fldSimple w:instr=" ` + name + ` "><w:r><w:t>1</w:t></w:r></w:fldSimple>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr ` + wNS + `>` +
		`<w:p><w:pPr><w:suppressLineNumbers/><w:tabs><w:tab w:val="right" w:pos="9638"/></w:tabs></w:pPr>` +
		run(left, `<w:sz w:val="14"/>`) + `<w:r><w:tab/></w:r>` + run("Page ", `<w:sz w:val="18"/>`) + field("PAGE") +
		run(" of ", `<w:sz w:val="18"/>`) + field("NUMPAGES") + `</w:p>` + auditFooter(in) + `</w:ftr>`
}

// auditFooter is the footer's second line: the audit head, by number and first digits.
func auditFooter(in Input) string {
	if auditmark.None(in.Head) {
		return ""
	}
	return `<w:p><w:pPr><w:suppressLineNumbers/></w:pPr>` + run(auditmark.Short(in.Head), `<w:sz w:val="14"/>`) + `</w:p>`
}

func document(in Input) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<w:document " + wNS + "><w:body>")
	b.WriteString(para("Title", run("Transcript of audio recording", "")))
	if in.Doc.Draft() {
		b.WriteString(para("Plain", run(DraftNotice, `<w:b/><w:color w:val="AA0000"/>`)))
	}
	// Facts table (tables are not line-numbered, which is what courts expect of the header).
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="9638" w:type="dxa"/><w:tblBorders>` +
		`<w:insideH w:val="single" w:sz="4" w:color="D0D7D9"/></w:tblBorders></w:tblPr>` +
		`<w:tblGrid><w:gridCol w:w="2600"/><w:gridCol w:w="7038"/></w:tblGrid>`)
	for _, f := range headerFacts(in) {
		val := run(f[1], "")
		if f[0] == "Recording SHA-256" {
			val = run(f[1], `<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/><w:sz w:val="17"/>`)
		}
		b.WriteString(`<w:tr><w:tc><w:tcPr><w:tcW w:w="2600" w:type="dxa"/></w:tcPr>` + para("Plain", run(f[0], "<w:b/>")) +
			`</w:tc><w:tc><w:tcPr><w:tcW w:w="7038" w:type="dxa"/></w:tcPr>` + para("Plain", val) + `</w:tc></w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	b.WriteString(para("Plain", run(AidNotice, `<w:i/><w:sz w:val="18"/>`)))
	b.WriteString(para("Heading2", run("Transcript", "")))
	for _, s := range in.Doc.Segments {
		b.WriteString(para("Passage",
			run(tr.Clock(s.StartMs), `<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/><w:sz w:val="18"/>`)+
				`<w:r><w:tab/></w:r>`+run(speaker(s)+":", "<w:b/>")+`<w:r><w:tab/></w:r>`+run(oneLine(s.Text), "")))
	}
	if len(in.Doc.Segments) == 0 {
		b.WriteString(para("Plain", run("No words have been transcribed.", "<w:i/>")))
	}
	t, c := Statements(in)
	for _, st := range [][2]string{{"Transcriber's statement", t}, {"Checker's statement", c}} {
		b.WriteString(para("Heading2", run(st[0], "")))
		b.WriteString(para("Plain", run(st[1], "")))
		b.WriteString(para("Plain", run("Signature: ______________________________     Date: ________________", "")))
	}
	b.WriteString(para("Plain", run(exportedLine(in, ""), `<w:sz w:val="16"/>`)))
	// A4, 2 cm margins, every line of the transcript numbered continuously.
	b.WriteString(`<w:sectPr><w:footerReference w:type="default" r:id="rId2"/>` +
		`<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>` +
		`<w:lnNumType w:countBy="1" w:distance="283" w:restart="continuous"/></w:sectPr>`)
	b.WriteString("</w:body></w:document>")
	return b.String()
}
