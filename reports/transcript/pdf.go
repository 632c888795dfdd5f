package transcript

import (
	"fmt"
	"io"

	"github.com/go-pdf/fpdf"

	tr "github.com/nhs-redline/redline/backend/transcript"
	"github.com/nhs-redline/redline/reports/auditmark"
	"github.com/nhs-redline/redline/reports/pdffont"
)

// PDF writes the court-format transcript: A4, every printed line numbered, a time and speaker
// label at the start of each passage, statements at the end, "Page n of N" bottom right.
func PDF(w io.Writer, in Input) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetTitle("Transcript "+in.Doc.ExhibitRef+" "+in.Recording.OriginalName, true)
	pdf.SetAuthor(in.GeneratedBy, true)
	pdf.SetCreator("Redline", true)
	// Dated by the export, not the clock: the same transcript must give the
	// same bytes, or a court bundle would number it as a new exhibit each time.
	pdf.SetCreationDate(in.Generated)
	pdf.SetModificationDate(in.Generated)
	pdf.SetCatalogSort(true) // fonts in a fixed order, not a map's
	stamped := !auditmark.None(in.Head)
	if stamped { // the whole hash in the properties and the last line, its first digits on every page
		pdf.SetSubject(auditmark.Full(in.Head), false)
		pdf.SetKeywords("redline-audit-head "+auditmark.Anchor(in.Head), false)
	}
	pdf.SetMargins(20, 20, 20)
	pdf.SetAutoPageBreak(true, 22)
	pdf.AliasNbPages("{nb}")
	// DejaVu covers the names a trust meets (Polish, Romanian, Urdu transliterations);
	// the core PDF fonts are Windows-1252 only. Courier is kept for ASCII timestamps.
	pdffont.Register(pdf)
	u := func(s string) string { return s }
	draft := in.Doc.Draft()
	pdf.SetHeaderFunc(func() {
		if !draft {
			return
		}
		pdf.SetFont(pdffont.Family, "B", 9)
		pdf.SetTextColor(170, 0, 0)
		pdf.SetXY(20, 10)
		pdf.CellFormat(170, 5, u(DraftNotice), "", 0, "C", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
		pdf.SetY(20)
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont(pdffont.Family, "", 7)
		pdf.SetTextColor(80, 80, 80)
		pdf.CellFormat(52, 5, u("Exhibit "+orDash(in.Doc.ExhibitRef)+"  ·  recording SHA-256"), "", 0, "L", false, 0, "")
		// The full hash on every page lets a reader match any loose page to the recording.
		pdf.SetFont("Courier", "", 6.5)
		pdf.CellFormat(88, 5, in.Recording.SHA256, "", 0, "L", false, 0, "")
		pdf.SetFont(pdffont.Family, "", 7)
		pdf.CellFormat(30, 5, fmt.Sprintf("Page %d of {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		if stamped {
			pdf.SetXY(20, -10.5)
			pdf.CellFormat(140, 4, auditmark.Short(in.Head), "", 0, "L", false, 0, "")
		}
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.AddPage()

	pdf.SetFont(pdffont.Family, "B", 15)
	pdf.CellFormat(170, 8, "Transcript of audio recording", "", 1, "L", false, 0, "")
	pdf.Ln(2)
	pdf.SetFont(pdffont.Family, "", 9.5)
	for _, f := range headerFacts(in) {
		pdf.SetFont(pdffont.Family, "B", 9.5)
		pdf.CellFormat(38, 5.5, u(f[0]), "", 0, "L", false, 0, "")
		pdf.SetFont(pdffont.Family, "", 9.5)
		if f[0] == "Recording SHA-256" {
			pdf.SetFont("Courier", "", 8.5)
		}
		pdf.MultiCell(132, 5.5, u(f[1]), "", "L", false)
	}
	pdf.Ln(2)
	pdf.SetFont(pdffont.Family, "", 8.5)
	pdf.MultiCell(170, 4.5, u(AidNotice), "", "L", false)
	pdf.Ln(3)

	// Column layout for the numbered body.
	const (
		lineH   = 5.5
		numW    = 11.0
		timeW   = 17.0
		speakW  = 34.0
		textW   = 170 - numW - timeW - speakW
		textPad = 1.5
	)
	pdf.SetFont(pdffont.Family, "B", 8.5)
	pdf.SetFillColor(232, 237, 238)
	pdf.CellFormat(numW, 6, "Line", "B", 0, "R", true, 0, "")
	pdf.CellFormat(timeW, 6, "Time", "B", 0, "C", true, 0, "")
	pdf.CellFormat(speakW, 6, "Speaker", "B", 0, "L", true, 0, "")
	pdf.CellFormat(textW, 6, "Words spoken", "B", 1, "L", true, 0, "")
	line := 0
	for _, s := range in.Doc.Segments {
		pdf.SetFont(pdffont.Family, "", 10)
		text := oneLine(s.Text)
		if text == "" {
			text = " "
		}
		wrapped := pdf.SplitLines([]byte(u(text)), textW-textPad)
		spk := pdf.SplitLines([]byte(u(speaker(s))), speakW-2)
		rows := max(len(wrapped), len(spk))
		// Keep a short passage on one page; long ones may break between lines.
		if rows <= 4 && pdf.GetY()+float64(rows)*lineH > 297-22 {
			pdf.AddPage()
		}
		for i := 0; i < rows; i++ {
			line++
			pdf.SetFont(pdffont.Family, "", 8)
			pdf.SetTextColor(110, 110, 110)
			pdf.CellFormat(numW, lineH, fmt.Sprint(line), "", 0, "R", false, 0, "")
			pdf.SetTextColor(0, 0, 0)
			pdf.SetFont("Courier", "", 8.5)
			t := ""
			if i == 0 {
				t = tr.Clock(s.StartMs)
			}
			pdf.CellFormat(timeW, lineH, t, "", 0, "C", false, 0, "")
			pdf.SetFont(pdffont.Family, "B", 9)
			sp := ""
			if i < len(spk) {
				sp = string(spk[i])
			}
			pdf.CellFormat(speakW, lineH, sp, "", 0, "L", false, 0, "")
			pdf.SetFont(pdffont.Family, "", 10)
			tx := ""
			if i < len(wrapped) {
				tx = string(wrapped[i])
			}
			pdf.CellFormat(textW, lineH, tx, "", 1, "L", false, 0, "")
		}
		pdf.Ln(1)
	}
	if len(in.Doc.Segments) == 0 {
		pdf.SetFont(pdffont.Family, "", 10)
		pdf.CellFormat(170, 8, "No words have been transcribed.", "", 1, "L", false, 0, "")
	}

	t, c := Statements(in)
	if pdf.GetY() > 297-22-70 {
		pdf.AddPage()
	}
	pdf.Ln(6)
	statement := func(title, body string, signed bool) {
		pdf.SetFont(pdffont.Family, "B", 11)
		pdf.CellFormat(170, 7, u(title), "T", 1, "L", false, 0, "")
		pdf.SetFont(pdffont.Family, "", 10)
		pdf.MultiCell(170, 5, u(body), "", "L", false)
		pdf.Ln(4)
		pdf.SetFont(pdffont.Family, "", 9)
		pdf.CellFormat(85, 6, "Signature: ______________________________", "", 0, "L", false, 0, "")
		pdf.CellFormat(85, 6, "Date: __________________", "", 1, "L", false, 0, "")
		pdf.Ln(5)
	}
	statement("Transcriber's statement", t, in.Doc.TranscribedBy != "")
	statement("Checker's statement", c, in.Doc.CheckedBy != "")
	pdf.SetFont(pdffont.Family, "", 8)
	pdf.SetTextColor(90, 90, 90)
	pdf.MultiCell(170, 4, u(exportedLine(in, fmt.Sprintf(" Lines numbered: %d.", line))), "", "L", false)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("transcript PDF: %w", err)
	}
	return pdf.Output(w)
}
