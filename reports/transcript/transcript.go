// Package transcript writes a recording's transcript out for court and for viewing alongside the
// audio: court-format PDF and DOCX (case and exhibit references, the recording's SHA-256 and
// duration, numbered lines, timestamps, speaker labels, transcriber's and checker's statements,
// page numbers), and SRT, WebVTT and plain text.
package transcript

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/store"
	tr "github.com/nhs-redline/redline/backend/transcript"
	"github.com/nhs-redline/redline/reports/auditmark"
)

// Input is everything an export shows.
type Input struct {
	Doc         tr.Doc
	Recording   store.Media
	AlertRef    string    // the ARC's reference for the alarm
	Generated   time.Time // when the export was made
	GeneratedBy string
	// Truncated is set when the recording's header and its file disagree
	// about its length: the header says so, since the words may stop early.
	Truncated *audio.LengthMismatch
	// Head is the audit head the export carries (zero: none, as in a preview).
	Head store.AuditAnchor
}

// Formats lists the export formats by id, with file extensions.
var Formats = map[string]string{"pdf": ".pdf", "docx": ".docx", "srt": ".srt", "vtt": ".vtt", "txt": ".txt"}

// Write renders in the given format.
func Write(w io.Writer, format string, in Input) error {
	switch format {
	case "pdf":
		return PDF(w, in)
	case "docx":
		return DOCX(w, in)
	case "srt":
		return SRT(w, in)
	case "vtt":
		return WebVTT(w, in)
	case "txt":
		return Text(w, in)
	}
	return fmt.Errorf("unknown transcript format %q: use pdf, docx, srt, vtt or txt", format)
}

// Render returns the export as bytes.
func Render(format string, in Input) ([]byte, error) {
	var b bytes.Buffer
	err := Write(&b, format, in)
	return b.Bytes(), err
}

func london(unix int64) string {
	return time.Unix(unix, 0).In(store.London).Format("02/01/2006 15:04")
}

func optTime(p *int64) string {
	if p == nil {
		return ""
	}
	return london(*p)
}

func duration(ms int64) string {
	return tr.Clock(ms)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "not given"
	}
	return s
}

// DraftNotice is printed on every page of an unchecked transcript.
const DraftNotice = "DRAFT: automatic or unchecked text. It has not been checked against the recording by a second person."

// AidNotice reminds readers that the recording is the evidence (R v Popescu [2010] EWCA Crim 1230).
const AidNotice = "This transcript is an aid to listening. The recording is the evidence. Words that could not be made out are marked [inaudible hh:mm:ss]; speakers talking at once are marked [overlapping speech]."

// headerFacts are the label/value rows at the top of court formats.
func headerFacts(in Input) [][2]string {
	d := in.Doc
	status := "Checked"
	if d.Draft() {
		status = "DRAFT (not checked)"
	}
	rec := in.Recording
	recorded := ""
	if rec.RecordedAt != nil {
		recorded = london(*rec.RecordedAt) + " (UK time)"
	}
	facts := [][2]string{
		{"Case reference", orDash(d.CaseRef)},
		{"Exhibit reference", orDash(d.ExhibitRef)},
		{"Alert reference", orDash(in.AlertRef)},
		{"Recording", rec.OriginalName},
		{"Recording SHA-256", rec.SHA256},
		{"Duration", duration(rec.DurationMS) + " (hh:mm:ss)"},
	}
	if m := in.Truncated; m != nil {
		facts = append(facts, [2]string{LengthLabel, LengthLine(m)})
	}
	return append(facts, [][2]string{
		{"Recorded", orDash(recorded)},
		{"Transcript status", fmt.Sprintf("%s, revision %d", status, d.Revision)},
		{"First draft by", engineLabel(d)},
	}...)
}

// LengthLabel heads the header line of a recording whose length disagrees with its header.
const LengthLabel = "Recording length"

// LengthLine says how a recording's header and file disagree, with both lengths:
// "The file ends 11.4 s before its header says. Header: 30.0 s; file: 18.6 s."
func LengthLine(m *audio.LengthMismatch) string {
	return fmt.Sprintf("%s Header: %.1f s; file: %.1f s.", m.Sentence(), m.ClaimedSeconds, m.ActualSeconds)
}

// exportedLine closes the court formats: when, by whom, and the audit head.
func exportedLine(in Input, extra string) string {
	s := fmt.Sprintf("Exported from Redline on %s (UK time) by %s.%s", in.Generated.In(store.London).Format("02/01/2006 15:04"), in.GeneratedBy, extra)
	if !auditmark.None(in.Head) {
		s += " " + auditmark.Full(in.Head)
	}
	return s
}

func engineLabel(d tr.Doc) string {
	switch d.Engine {
	case "manual":
		return "typed by hand"
	case "":
		return "not recorded"
	}
	s := "automatic speech recognition (" + d.Engine + ")"
	if d.EngineDetail != "" {
		s += ", " + d.EngineDetail
	}
	return s
}

// Statements are the transcriber's and checker's declarations, filled in as far as signed.
func Statements(in Input) (transcriber, checker string) {
	d := in.Doc
	exhibit := d.ExhibitRef
	if exhibit == "" {
		exhibit = in.Recording.OriginalName
	}
	if d.TranscribedBy != "" {
		transcriber = fmt.Sprintf("I, %s, made this transcript of the recording %s (SHA-256 %s) by listening to it, "+
			"and it records the words I could hear as accurately as I am able. Signed on %s.",
			d.TranscribedBy, exhibit, in.Recording.SHA256, optTime(d.TranscribedAt))
	} else {
		transcriber = "Not yet signed by the person who transcribed the recording."
	}
	if d.CheckedBy != "" {
		checker = fmt.Sprintf("I, %s, have checked this transcript against the recording %s and it is accurate "+
			"to the best of my knowledge and belief. Signed on %s.", d.CheckedBy, exhibit, optTime(d.CheckedAt))
	} else {
		checker = "Not yet checked. Until a second person checks it against the recording this transcript is a draft."
	}
	return transcriber, checker
}

func speaker(s tr.Segment) string {
	if s.Speaker == "" {
		return "Unknown"
	}
	return s.Speaker
}

func subTime(ms int64, sep string) string {
	if ms < 0 {
		ms = 0
	}
	return fmt.Sprintf("%02d:%02d:%02d%s%03d", ms/3600000, ms/60000%60, ms/1000%60, sep, ms%1000)
}

// SRT writes SubRip subtitles: numbered cues with comma-decimal times.
func SRT(w io.Writer, in Input) error {
	var b strings.Builder
	for i, s := range in.Doc.Segments {
		fmt.Fprintf(&b, "%d\n%s --> %s\n%s: %s\n\n", i+1, subTime(s.StartMs, ","), subTime(max(s.EndMs, s.StartMs), ","),
			speaker(s), oneLine(s.Text))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WebVTT writes WebVTT captions with voice spans naming the speaker.
func WebVTT(w io.Writer, in Input) error {
	var b strings.Builder
	b.WriteString("WEBVTT\n\n")
	if in.Doc.Draft() {
		b.WriteString("NOTE " + DraftNotice + "\n\n")
	}
	if m := in.Truncated; m != nil {
		b.WriteString("NOTE " + LengthLine(m) + "\n\n")
	}
	if !auditmark.None(in.Head) {
		b.WriteString("NOTE " + vttEscape(auditmark.Full(in.Head)) + "\n\n")
	}
	for i, s := range in.Doc.Segments {
		fmt.Fprintf(&b, "%d\n%s --> %s\n<v %s>%s\n\n", i+1, subTime(s.StartMs, "."), subTime(max(s.EndMs, s.StartMs), "."),
			vttEscape(speaker(s)), vttEscape(oneLine(s.Text)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func vttEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "-->", "--&gt;").Replace(s)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Text writes a plain-text transcript with the same facts as the court formats.
func Text(w io.Writer, in Input) error {
	var b strings.Builder
	b.WriteString("TRANSCRIPT OF AUDIO RECORDING\n\n")
	if in.Doc.Draft() {
		b.WriteString(DraftNotice + "\n\n")
	}
	for _, f := range headerFacts(in) {
		fmt.Fprintf(&b, "%s: %s\n", f[0], f[1])
	}
	b.WriteString("\n" + AidNotice + "\n\n")
	for i, s := range in.Doc.Segments {
		fmt.Fprintf(&b, "%4d  [%s]  %s: %s\n", i+1, tr.Clock(s.StartMs), speaker(s), oneLine(s.Text))
	}
	t, c := Statements(in)
	fmt.Fprintf(&b, "\nTranscriber's statement\n%s\n\nChecker's statement\n%s\n\n%s\n", t, c, exportedLine(in, ""))
	_, err := io.WriteString(w, b.String())
	return err
}
