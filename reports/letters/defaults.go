package letters

import (
	"archive/zip"
	"bytes"
	"embed"
	"fmt"
	"strings"
	"time"

	bl "github.com/nhs-redline/redline/backend/letters"
)

//go:embed templates/*.docx
var defaultFS embed.FS

// Default is the template Redline ships for a kind, until the trust loads its own.
func Default(kind string) ([]byte, error) {
	if _, ok := bl.Required[kind]; !ok {
		return nil, fmt.Errorf("letter kind %q: use one of %s", kind, strings.Join(bl.Kinds, ", "))
	}
	return defaultFS.ReadFile("templates/" + kind + ".docx")
}

// para is one paragraph of a default template: "R" right-aligned, "B" bold,
// "H" heading (bold, larger), "" body.
type para struct {
	style string
	text  string
}

var letterhead = []para{
	{"RH", "{trust_name}"},
	{"R", "{letterhead}"},
	{"", ""},
}

var signOff = []para{
	{"", "Yours sincerely,"},
	{"", ""},
	{"", ""},
	{"B", "{lsms_name}"},
	{"", "{lsms_title}"},
	{"", "Telephone {lsms_phone} · Email {lsms_email}"},
}

func offenderHeader() []para {
	return []para{
		{"", "{recipient_name}"},
		{"", "{recipient_address}"},
		{"", ""},
		{"", "Our reference: {letter_ref}    Case: {case_ref}"},
		{"", "Date: {letter_date}"},
		{"", ""},
		{"", "Dear {recipient_name},"},
	}
}

// defaultParas are the words of the shipped templates. The trust's own
// wording (recording statement, transcript route, warning) comes from
// Letters settings, so most trusts never need to edit the .docx at all.
func defaultParas(kind string) []para {
	var body []para
	switch kind {
	case bl.Sanction:
		body = append(offenderHeader(),
			para{"H", "Formal warning: {sanction_name}"},
			para{"", "{warning_wording}"},
			para{"H", "A recording of the incident exists"},
			para{"", "{recording_statement}"},
			para{"H", "How to ask for a transcript"},
			para{"", "{transcript_request}"},
			para{"H", "Review of this warning"},
			para{"", "This warning will be reviewed on {review_date}. If there is no further incident by then it will lapse. If there is, we may take further action."},
		)
	case bl.NoSanction:
		body = append(offenderHeader(),
			para{"H", "The incident on {incident_date}"},
			para{"", "{no_sanction_wording}"},
			para{"H", "A recording of the incident exists"},
			para{"", "{recording_statement}"},
			para{"H", "How to ask for a transcript"},
			para{"", "{transcript_request}"},
		)
	case bl.PoliceReferral:
		body = []para{
			{"", "{police_force}"},
			{"", "For the attention of: {police_officer}"},
			{"", ""},
			{"", "Our reference: {letter_ref}    Case: {case_ref}    Your reference: {police_ref}"},
			{"", "Date: {letter_date}"},
			{"", ""},
			{"H", "Referral of an incident against a member of NHS staff on {incident_date}"},
			{"", "{trust_name} refers to you the incident of {incident_date} at {incident_time} involving {staff_description}, and asks you to consider action against the alleged offender, {offender_name}."},
			{"", "{incident_summary}"},
			{"H", "A recording of the incident exists"},
			{"", "The member of staff was using a lone worker protection device and an audio recording of the incident was made. It is held securely and can be provided to you through our defined process:"},
			{"", "{recording_details}"},
			{"", "Please contact me to arrange access to the recording or a copy for your investigation."},
		}
	case bl.LegalReferral:
		body = []para{
			{"", "{legal_services_name}"},
			{"", "{legal_services_address}"},
			{"", ""},
			{"", "Our reference: {letter_ref}    Case: {case_ref}"},
			{"", "Date: {letter_date}"},
			{"", ""},
			{"H", "Request to consider a private prosecution or civil action"},
			{"", "I refer the incident of {incident_date} at {incident_time} involving {staff_description}. I ask you to consider a private prosecution or civil action (for example an injunction) against the alleged offender, {offender_name}."},
			{"", "{incident_summary}"},
			{"H", "A recording of the incident exists"},
			{"", "An audio recording of the incident was made by the member of staff's lone worker protection device. It is held securely and can be provided to you:"},
			{"", "{recording_details}"},
		}
	}
	out := append([]para{}, letterhead...)
	out = append(out, body...)
	out = append(out, para{"", ""})
	return append(out, signOff...)
}

// buildDocx writes a minimal, valid WordprocessingML package with fixed
// timestamps, so the shipped templates are reproducible byte for byte.
func buildDocx(paras []para) ([]byte, error) {
	var body strings.Builder
	for _, p := range paras {
		body.WriteString("<w:p><w:pPr><w:spacing w:after=\"120\"/>")
		if strings.Contains(p.style, "R") {
			body.WriteString(`<w:jc w:val="right"/>`)
		}
		body.WriteString("</w:pPr>")
		if p.text != "" {
			body.WriteString("<w:r>")
			switch {
			case strings.Contains(p.style, "H"):
				body.WriteString(`<w:rPr><w:b/><w:sz w:val="26"/></w:rPr>`)
			case strings.Contains(p.style, "B"):
				body.WriteString(`<w:rPr><w:b/></w:rPr>`)
			}
			body.WriteString(`<w:t xml:space="preserve">`)
			xmlEscape(&body, p.text)
			body.WriteString("</w:t></w:r>")
		}
		body.WriteString("</w:p>")
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`},
		{"word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>` +
			body.String() +
			`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	fixed := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: fixed})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func xmlEscape(b *strings.Builder, s string) {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	b.WriteString(r.Replace(s))
}
