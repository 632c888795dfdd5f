package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/reports/exports"
)

// Letters is the bound service behind the Letters screen and the case's letter tab.
type Letters struct {
	s        *session
	platform func() platform
}

func (l *Letters) office() (*letters.Office, error) {
	ws, err := l.s.workspace()
	if err != nil {
		return nil, err
	}
	return exports.Letters(ws), nil
}

// LetterView is a letter with its history, and whether someone other than
// its drafter must approve it.
type LetterView struct {
	Letter            store.Letter        `json:"letter"`
	Events            []store.LetterEvent `json:"events"`
	Title             string              `json:"title"`
	ApprovalByAnother bool                `json:"approvalByAnother"`
}

// List lists the register (expiring overdue warnings first), or one case's letters.
func (l *Letters) List(f store.LetterFilter) ([]store.Letter, error) {
	o, err := l.office()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	if _, err := o.ExpireDue(ctx, caseClock(l.s)); err != nil {
		return nil, err
	}
	return o.Store.Letters(ctx, f)
}

// Get returns one letter with its history.
func (l *Letters) Get(id int64) (LetterView, error) {
	o, err := l.office()
	if err != nil {
		return LetterView{}, err
	}
	ctx := context.Background()
	var v LetterView
	if v.Letter, err = o.Store.Letter(ctx, id); err != nil {
		return v, err
	}
	v.Title = letters.KindTitle[v.Letter.Kind]
	if v.ApprovalByAnother, err = o.ApprovalByAnother(ctx); err != nil {
		return v, err
	}
	v.Events, err = o.Store.LetterEvents(ctx, id)
	return v, err
}

// Draft drafts the letter the case's decision calls for.
func (l *Letters) Draft(caseID int64) (store.Letter, error) {
	o, err := l.office()
	if err != nil {
		return store.Letter{}, err
	}
	return o.Draft(context.Background(), caseID, who(l.s))
}

// Redraft regenerates a draft from the current case, settings and template.
func (l *Letters) Redraft(id int64) (store.Letter, error) {
	o, err := l.office()
	if err != nil {
		return store.Letter{}, err
	}
	return o.Redraft(context.Background(), id, who(l.s))
}

// Approve approves a draft.
func (l *Letters) Approve(id int64) (store.Letter, error) {
	o, err := l.office()
	if err != nil {
		return store.Letter{}, err
	}
	return o.Approve(context.Background(), id, who(l.s))
}

// Issue records that an approved letter went out (day yyyy-mm-dd, method).
func (l *Letters) Issue(id int64, day, method string) (store.Letter, error) {
	o, err := l.office()
	if err != nil {
		return store.Letter{}, err
	}
	return o.Issue(context.Background(), id, day, method, who(l.s))
}

// Breach records a breach of a warning in force.
func (l *Letters) Breach(id int64, day, reason string) (store.Letter, error) {
	o, err := l.office()
	if err != nil {
		return store.Letter{}, err
	}
	return o.Breach(context.Background(), id, day, reason, who(l.s))
}

// Revoke withdraws a letter with a reason.
func (l *Letters) Revoke(id int64, reason string) (store.Letter, error) {
	o, err := l.office()
	if err != nil {
		return store.Letter{}, err
	}
	return o.Revoke(context.Background(), id, reason, who(l.s))
}

// Extend gives a warning in force new review and expiry dates. seenReviewOn
// and seenExpiresOn are the dates the page showed: a colleague's new dates
// in between are refused, not overwritten.
func (l *Letters) Extend(id int64, seenReviewOn, seenExpiresOn, reviewOn, expiresOn, reason string) (store.Letter, error) {
	o, err := l.office()
	if err != nil {
		return store.Letter{}, err
	}
	return o.Extend(context.Background(), id, seenReviewOn, seenExpiresOn, reviewOn, expiresOn, reason, who(l.s))
}

// Export saves the letter's DOCX or PDF where the person chooses in the
// native save dialog; returns the path, or "" when cancelled.
func (l *Letters) Export(id int64, format string) (string, error) {
	o, err := l.office()
	if err != nil {
		return "", err
	}
	lt, err := o.Store.Letter(context.Background(), id)
	if err != nil {
		return "", err
	}
	name := fmt.Sprintf("%s.%s", filepath.Base(refFileName(lt.Ref)), format)
	filter := map[string][2]string{"docx": {"Word document", "*.docx"}, "pdf": {"PDF", "*.pdf"}}[format]
	if filter[0] == "" {
		return "", fmt.Errorf("format %q: use docx or pdf", format)
	}
	path, err := saveDialog(l.platform(), "Save letter "+lt.Ref, name, filter[0], filter[1])
	if err != nil || path == "" {
		return "", err
	}
	return path, o.Export(context.Background(), id, format, path, who(l.s))
}

// PDFBase64 returns the letter's PDF for the in-app preview.
func (l *Letters) PDF(id int64) ([]byte, error) {
	o, err := l.office()
	if err != nil {
		return nil, err
	}
	return o.Bytes(context.Background(), id, "pdf")
}

// Settings returns the trust's letter wording and contacts.
func (l *Letters) Settings() (letters.Settings, error) {
	ws, err := l.s.workspace()
	if err != nil {
		return letters.Settings{}, err
	}
	return letters.LoadSettings(context.Background(), ws.Store)
}

// SaveSettings checks and stores the letter settings. seen is the settings
// as the form loaded them: a colleague's save in between is refused.
func (l *Letters) SaveSettings(seen, s letters.Settings) (letters.Settings, error) {
	ws, err := l.s.workspace()
	if err != nil {
		return s, err
	}
	return letters.SaveSettingsSeen(context.Background(), ws.Store, seen, s, who(l.s))
}

// Fields lists the merge fields a template may use.
func (l *Letters) Fields() []letters.Field { return letters.Fields }

// Templates describes each kind's template.
func (l *Letters) Templates() ([]letters.TemplateInfo, error) {
	o, err := l.office()
	if err != nil {
		return nil, err
	}
	return o.Templates.Info()
}

// ExportTemplate saves a kind's current template for editing in Word.
func (l *Letters) ExportTemplate(kind string) (string, error) {
	o, err := l.office()
	if err != nil {
		return "", err
	}
	if _, _, err := o.Templates.Load(kind); err != nil { // an unknown kind is refused before the dialog
		return "", err
	}
	path, err := saveDialog(l.platform(), "Save the template to edit in Word", kind+".docx", "Word document", "*.docx")
	if err != nil || path == "" {
		return "", err
	}
	return path, o.Templates.SaveCopy(kind, path)
}

// ReplaceTemplate opens the native open dialog and, if the chosen .docx is a
// valid template for kind, makes it the current one. "" when cancelled.
func (l *Letters) ReplaceTemplate(kind string) (string, error) {
	o, err := l.office()
	if err != nil {
		return "", err
	}
	d, ok := l.platform().(openDialogs)
	if !ok {
		return "", errNoWindow
	}
	src, err := d.OpenFileDialog("Choose the "+letters.KindTitle[kind]+" template", "Word document", "*.docx")
	if err != nil || src == "" {
		return "", err
	}
	sum, err := o.Templates.Replace(kind, src)
	if err != nil {
		return "", err
	}
	w := who(l.s)
	_, err = o.Store.Audit(context.Background(), store.AuditEntry{At: w.At, Actor: w.Actor, Action: "letter.template_replace",
		ObjectType: "letter_template", ObjectID: kind, Detail: fmt.Sprintf(`{"from":%q,"sha256":%q}`, filepath.Base(src), sum)})
	return sum, err
}

// RestoreTemplate puts Redline's own template for kind back.
func (l *Letters) RestoreTemplate(kind string) (string, error) {
	o, err := l.office()
	if err != nil {
		return "", err
	}
	sum, err := o.Templates.RestoreDefault(kind)
	if err != nil {
		return "", err
	}
	w := who(l.s)
	_, err = o.Store.Audit(context.Background(), store.AuditEntry{At: w.At, Actor: w.Actor, Action: "letter.template_restore",
		ObjectType: "letter_template", ObjectID: kind, Detail: fmt.Sprintf(`{"sha256":%q}`, sum)})
	return sum, err
}
