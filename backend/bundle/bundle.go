// Package bundle assembles an investigator's court bundle for a case: the
// case summary and timeline, the producer's statement, the exhibit list,
// the schedule of unused material and each exhibit's continuity (Load), the
// evidence package in BagIt form that carries the bundle PDF, every
// exhibit's native file and exhibits.json (Build), and the check a recipient
// runs on it (Verify). The PDF itself is drawn by reports/bundle, handed in
// as a Renderer, since backend/ never imports reports/.
package bundle

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/exhibit"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// Declaration is the statement of truth of Criminal Procedure Rules 16.2, as
// an MG11 prints it; %s is the number of pages.
const Declaration = "This statement (consisting of %s, each signed by me) is true to the best of my knowledge and belief " +
	"and I make it knowing that, if it is tendered in evidence, I shall be liable to prosecution if I have wilfully stated " +
	"in it anything which I know to be false, or do not believe to be true."

// Bundle is everything the bundle PDF shows.
type Bundle struct {
	Case      store.CaseFile
	Trust     string
	People    []store.Person
	Timeline  []Event
	Decision  *store.Decision
	Exhibits  []Exhibit
	Unused    []Unused
	Statement Statement
	Redacted  bool
	Made      time.Time
	By        string
	Head      store.AuditAnchor // the audit head the package carries
}

// Event is one line of the merged timeline: the ARC's log and the case's own events.
type Event struct {
	At     int64  `json:"at"`
	Source string `json:"source"` // "ARC" or "Case"
	Who    string `json:"who"`
	What   string `json:"what"`
}

// Exhibit is an exhibit with its continuity and, for the documents merged
// into the bundle as they are, the file itself.
type Exhibit struct {
	store.Exhibit
	Continuity []exhibit.Link `json:"continuity"`
	// File is the native file's bytes, for all but recordings (read from the
	// vault as they are copied): a transcript or letter PDF, a map PNG, an
	// operator log (a redacted rendering in a disclosure copy).
	File []byte `json:"-"`
	// Withheld, in a disclosure copy, says why the exhibit's file is not in
	// it: a file no text can be taken out of without altering it.
	Withheld string `json:"withheld,omitempty"`
}

// WithheldNote stands, in a disclosure copy, for a file it does not carry.
const WithheldNote = "Not in this disclosure copy: a recording, a document the ARC sent or a file added by hand cannot have personal data taken out " +
	"without altering the evidence. The original, byte for byte as held and matching the SHA-256 above, is available " +
	"from the producer on request, served or shown as the prosecutor directs."

// withheldFromDisclosure says whether a disclosure copy leaves the file out:
// audio (the ARC's recordings and working copies made from them), the ARC's
// own documents, and the documents and photographs a user added, whose
// content Redline cannot read.
// Everything Redline renders itself (transcripts, letters, operator logs)
// is rendered again without the personal data; maps show places, not people.
func withheldFromDisclosure(x store.Exhibit) bool {
	return x.SourceType == "media" || x.SourceType == "file" || x.SourceType == exhibit.ARCDocument
}

// Unused is one item of the schedule of unused material, numbered from 1.
type Unused struct {
	No          int    `json:"no"`
	Description string `json:"description"`
	Date        string `json:"date"` // dd/mm/yyyy
	Location    string `json:"location"`
	at          int64
}

// Statement is the producer's witness statement, drafted from the case.
type Statement struct {
	Name       string   `json:"name"`
	Role       string   `json:"role"`
	Paragraphs []string `json:"paragraphs"`
}

// Renderer draws the documents: the exhibits Redline makes (exhibit.Docs),
// the bundle PDF and a disclosure rendering of a letter.
type Renderer interface {
	exhibit.Docs
	// PDF writes the whole bundle, b.Head printed on it.
	PDF(w io.Writer, b *Bundle) error
	// RedactedLetter renders a letter again from its DOCX with r applied to its text.
	RedactedLetter(docx []byte, r *Redactor) ([]byte, error)
	// RedactedTranscript renders a transcript again with r applied to every
	// segment's text, as the disclosure copy's transcript exhibit exhibitRef.
	RedactedTranscript(ctx context.Context, st *store.Store, v *vault.Vault, transcriptID int64, exhibitRef string, r *Redactor) ([]byte, error)
}

// Load gathers a case's bundle: its exhibits must exist already (exhibit.Ensure).
// With r, every text is redacted as it is read.
func Load(ctx context.Context, st *store.Store, v *vault.Vault, ren Renderer, caseID int64, r *Redactor, who store.Who) (*Bundle, error) {
	set, err := exhibit.LoadSettings(ctx, st)
	if err != nil {
		return nil, err
	}
	c, err := st.Case(ctx, caseID)
	if err != nil {
		return nil, err
	}
	b := &Bundle{Case: c, Trust: set.Trust, Redacted: r != nil, Made: time.Unix(who.At, 0), By: who.Actor}
	if b.People, err = st.People(ctx, caseID); err != nil {
		return nil, err
	}
	ds, err := st.Decisions(ctx, caseID)
	if err != nil {
		return nil, err
	}
	if len(ds) > 0 {
		b.Decision = &ds[len(ds)-1]
	}
	if err := b.timeline(ctx, st); err != nil {
		return nil, err
	}
	xs, err := st.Exhibits(ctx, caseID)
	if err != nil {
		return nil, err
	}
	for _, x := range xs {
		ex := Exhibit{Exhibit: x}
		if ex.Continuity, err = exhibit.Continuity(ctx, st, x); err != nil {
			return nil, err
		}
		switch {
		case r != nil && withheldFromDisclosure(x):
			ex.Withheld = WithheldNote
		case x.SourceType != "media" && x.SourceType != exhibit.ARCDocument: // small: a PDF, a CSV, a PNG, a document
			if ex.File, err = nativeFile(ctx, st, v, ren, x, r); err != nil {
				return nil, err
			}
		}
		b.Exhibits = append(b.Exhibits, ex)
	}
	if err := b.unused(ctx, st, xs); err != nil {
		return nil, err
	}
	b.statement(set)
	if r != nil {
		r.Bundle(b)
	}
	return b, nil
}

// nativeFile reads an exhibit's file whole; for a disclosure copy, letters
// and transcripts are rendered again with the text taken out, and text
// exhibits have it replaced.
func nativeFile(ctx context.Context, st *store.Store, v *vault.Vault, ren Renderer, x store.Exhibit, r *Redactor) ([]byte, error) {
	if r != nil && x.Kind == "transcript" {
		return ren.RedactedTranscript(ctx, st, v, x.SourceID, x.Ref, r)
	}
	if r != nil && x.Kind == "letter" {
		l, err := st.Letter(ctx, x.SourceID)
		if err != nil {
			return nil, err
		}
		f, err := v.Open(l.DocxSHA256)
		if err != nil {
			return nil, fmt.Errorf("letter %s: its DOCX is missing from the vault: %w", l.Ref, err)
		}
		docx, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, err
		}
		return ren.RedactedLetter(docx, r)
	}
	rc, err := exhibit.Open(ctx, st, v, x)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	if r != nil && x.Kind == "operator_log" {
		return []byte(r.Text(string(data))), nil
	}
	return data, nil
}

func (b *Bundle) timeline(ctx context.Context, st *store.Store) error {
	for _, id := range b.Case.AlertIDs {
		a, err := st.Alert(ctx, id)
		if err != nil {
			return err
		}
		b.Timeline = append(b.Timeline, Event{At: a.RaisedAt, Source: "ARC", Who: a.WorkerName,
			What: fmt.Sprintf("%s alert %s raised (%s)", title(a.Type), a.ARCRef, strings.ReplaceAll(a.Trigger, "_", " "))})
		log, err := st.OperatorLog(ctx, id)
		if err != nil {
			return err
		}
		for _, e := range log {
			what := strings.ReplaceAll(e.Action, "_", " ")
			for _, s := range []string{e.Contact, e.Result, e.Note} {
				if s != "" {
					what += "; " + s
				}
			}
			b.Timeline = append(b.Timeline, Event{At: e.At, Source: "ARC", Who: orDash(e.Operator), What: what})
		}
		if a.ClosedAt != nil {
			b.Timeline = append(b.Timeline, Event{At: *a.ClosedAt, Source: "ARC", Who: orDash(a.Operator),
				What: fmt.Sprintf("Alert %s closed as %s, escalation %s", a.ARCRef, orDash(a.Validity), a.Escalation)})
		}
	}
	evs, err := st.CaseEvents(ctx, b.Case.ID)
	if err != nil {
		return err
	}
	for _, e := range evs {
		what := strings.ReplaceAll(e.Kind, "_", " ")
		if e.To != "" {
			what += ": " + strings.ReplaceAll(orDash(e.From), "_", " ") + " to " + strings.ReplaceAll(e.To, "_", " ")
		}
		if e.Detail != "" {
			what += " (" + e.Detail + ")"
		}
		b.Timeline = append(b.Timeline, Event{At: e.At, Source: "Case", Who: e.Actor, What: title(what)})
	}
	ds, err := st.Decisions(ctx, b.Case.ID)
	if err != nil {
		return err
	}
	for _, d := range ds {
		b.Timeline = append(b.Timeline, Event{At: d.DecidedAt, Source: "Case", Who: d.DecidedBy,
			What: fmt.Sprintf("Decision: %s. Reasons: %s", strings.ReplaceAll(d.Route, "_", " "), d.Reasons)})
	}
	sort.SliceStable(b.Timeline, func(i, j int) bool { return b.Timeline[i].At < b.Timeline[j].At })
	return nil
}

// unused is everything Redline holds on the case that is not an exhibit.
func (b *Bundle) unused(ctx context.Context, st *store.Store, xs []store.Exhibit) error {
	where := "Redline case file " + b.Case.Ref
	add := func(at int64, what, loc string) {
		b.Unused = append(b.Unused, Unused{Description: what, Date: day(at), Location: loc, at: at})
	}
	isExhibit := map[string]bool{}
	for _, x := range xs {
		isExhibit[fmt.Sprint(x.SourceType, x.SourceID)] = true
	}
	if b.Case.WorkerID != 0 {
		d := time.Unix(b.Case.IncidentAt, 0).In(store.London)
		from := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, store.London)
		ms, err := st.SameDayRecordings(ctx, b.Case.WorkerID, from.Unix(), from.AddDate(0, 0, 1).Unix(), b.Case.AlertIDs)
		if err != nil {
			return err
		}
		for _, m := range ms {
			at := int64(0)
			if m.RecordedAt != nil {
				at = *m.RecordedAt
			}
			add(at, fmt.Sprintf("Recording %s of the same worker on the same day (%s, SHA-256 %s)", m.OriginalName,
				strings.ReplaceAll(m.Kind, "_", " "), m.SHA256[:16]), "Redline evidence vault")
		}
	}
	notes, err := st.Notes(ctx, b.Case.ID)
	if err != nil {
		return err
	}
	for _, n := range notes {
		last := n.Revisions[len(n.Revisions)-1]
		add(n.CreatedAt, fmt.Sprintf("Case note by %s (%d revision(s)): %s", n.CreatedBy, len(n.Revisions), clip(last.Body, 90)), where)
	}
	tasks, err := st.Tasks(ctx, b.Case.ID)
	if err != nil {
		return err
	}
	for _, t := range tasks {
		add(t.CreatedAt, fmt.Sprintf("Task: %s (owner %s)", clip(t.Title, 90), t.Owner), where)
	}
	sup, err := st.SupportOffered(ctx, b.Case.ID)
	if err != nil {
		return err
	}
	for _, s := range sup {
		add(s.RecordedAt, fmt.Sprintf("Record of staff support offered (%s)", strings.ReplaceAll(s.Kind, "_", " ")), where)
	}
	ups, err := st.Updates(ctx, b.Case.ID)
	if err != nil {
		return err
	}
	for _, u := range ups {
		add(u.RecordedAt, fmt.Sprintf("Record of keeping the %s informed (%s)", u.Role, orDash(u.Method)), where)
	}
	ls, err := st.Letters(ctx, store.LetterFilter{CaseID: b.Case.ID})
	if err != nil {
		return err
	}
	for _, l := range ls {
		if !isExhibit[fmt.Sprint("letter", l.ID)] {
			add(l.CreatedAt, fmt.Sprintf("Letter %s (%s, %s)", l.Ref, strings.ReplaceAll(l.Kind, "_", " "), l.Status), where)
		}
	}
	if rv, err := st.ReviewForCase(ctx, b.Case.ID); err == nil {
		add(rv.AssignedAt, fmt.Sprintf("Post-incident review by the line manager %s", orDash(rv.LineManager)), where)
	}
	sort.SliceStable(b.Unused, func(i, j int) bool { return b.Unused[i].at < b.Unused[j].at })
	for i := range b.Unused {
		b.Unused[i].No = i + 1
	}
	return nil
}

// statement drafts the producer's MG11 from the case and its exhibits.
func (b *Bundle) statement(set exhibit.Settings) {
	s := Statement{Name: set.Producer, Role: set.Role}
	p := func(format string, args ...any) { s.Paragraphs = append(s.Paragraphs, fmt.Sprintf(format, args...)) }
	p("I am %s, the %s of %s. I make this statement about case %s, %q, from the records Redline, the trust's lone worker alert system, holds on it.",
		set.Producer, orDefault(set.Role, "Local Security Management Specialist"), orDefault(b.Trust, "the trust"), b.Case.Ref, b.Case.Title)
	p("The incident happened at %s (UK time). %s", stamp(b.Case.IncidentAt), b.Case.Summary)
	if b.Case.PoliceForce != "" || b.Case.PoliceRef != "" {
		p("I reported the incident to %s (officer %s, reference %s) on %s.", orDash(b.Case.PoliceForce), orDash(b.Case.PoliceOfficer),
			orDash(b.Case.PoliceRef), ukDay(b.Case.PoliceContactedOn))
	}
	for _, x := range b.Exhibits {
		line := fmt.Sprintf("I produce %s marked %s (SHA-256 %s).", lowerFirst(x.Description), x.Ref, x.SHA256)
		var links []string
		for _, l := range x.Continuity {
			links = append(links, fmt.Sprintf("%s, %s: %s", stamp(l.At), l.Actor, lowerFirst(l.What)))
		}
		if len(links) > 0 {
			line += " Its continuity, from Redline's audit log: " + strings.Join(links, "; ") + "."
		}
		if x.SourceType == "media" && !exhibit.Received(x.Continuity) {
			line += " The audit log holds no entry for its receipt from the ARC."
		}
		s.Paragraphs = append(s.Paragraphs, line)
	}
	p("Each exhibit is kept in the %s. I have checked each file against the SHA-256 above.", orDefault(set.KeptAt, "Redline evidence store"))
	b.Statement = s
}

func day(unix int64) string {
	if unix == 0 {
		return ""
	}
	return time.Unix(unix, 0).In(store.London).Format("02/01/2006")
}

func stamp(unix int64) string { return time.Unix(unix, 0).In(store.London).Format("02/01/2006 15:04") }

func ukDay(s string) string {
	t, err := time.ParseInLocation(time.DateOnly, s, store.London)
	if err != nil {
		return orDash(s)
	}
	return t.Format("02/01/2006")
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func lowerFirst(s string) string {
	if s == "" || (len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z') {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
