package letters

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/audit"
	"github.com/nhs-redline/redline/backend/export"
	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// Office drafts, approves, issues and tracks letters.
type Office struct {
	Store     *store.Store
	Vault     *vault.Vault
	Templates Templates
}

// New is the letter office of a data directory, rendering with docs.
func New(st *store.Store, v *vault.Vault, dataDir string, docs Renderer) *Office {
	return &Office{Store: st, Vault: v, Templates: TemplatesIn(dataDir, docs)}
}

// KindForRoute is the letter a decision route calls for, or "" when the
// route sends none (no notification).
func KindForRoute(route string) string {
	return map[string]string{"sanction_letter": Sanction, "no_sanction": NoSanction, "police": PoliceReferral,
		"private_prosecution": LegalReferral}[route]
}

// Methods a letter may be issued by.
var Methods = map[string]string{"post": "First class post", "recorded_delivery": "Recorded delivery", "hand": "By hand", "email": "Email"}

var sanctionNames = map[string]string{"warning_letter": "written warning", "yellow_card": "yellow card (written warning)",
	"red_card": "red card", "acceptable_behaviour_agreement": "acceptable behaviour agreement"}

func longDate(t time.Time) string { return t.In(store.London).Format("2 January 2006") }

func parseDay(field, s string) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), store.London)
	if err != nil {
		return t, fmt.Errorf("%s %q is not a date (yyyy-mm-dd)", field, s)
	}
	return t, nil
}

// draftFacts are what one letter is made from.
type draftFacts struct {
	c        store.CaseFile
	decision store.Decision
	offender *store.Person
	settings Settings
}

func (o *Office) facts(ctx context.Context, caseID int64) (draftFacts, error) {
	var f draftFacts
	var err error
	if f.c, err = o.Store.Case(ctx, caseID); err != nil {
		return f, err
	}
	ds, err := o.Store.Decisions(ctx, caseID)
	if err != nil {
		return f, err
	}
	if len(ds) == 0 {
		return f, fmt.Errorf("case %s has no decision yet: record the decision before drafting a letter", f.c.Ref)
	}
	f.decision = ds[len(ds)-1]
	people, err := o.Store.People(ctx, caseID)
	if err != nil {
		return f, err
	}
	for i := range people {
		if people[i].Role == "alleged_offender" {
			f.offender = &people[i]
			break
		}
	}
	f.settings, err = LoadSettings(ctx, o.Store)
	return f, err
}

// recordingDetails describes the case's live recordings, with their hashes.
func (o *Office) recordingDetails(ctx context.Context, c store.CaseFile) (string, error) {
	var lines []string
	for _, id := range c.AlertIDs {
		a, err := o.Store.Alert(ctx, id)
		if err != nil {
			return "", err
		}
		media, err := o.Store.MediaForAlert(ctx, id)
		if err != nil {
			return "", err
		}
		for _, m := range media {
			if m.DestroyedAt != nil || m.DerivedFrom != nil {
				continue
			}
			at := a.RaisedAt
			if m.RecordedAt != nil {
				at = *m.RecordedAt
			}
			d := time.Duration(m.DurationMS) * time.Millisecond
			lines = append(lines, fmt.Sprintf("%s alert %s, recorded %s at %s, %d min %02d s, SHA-256 %s",
				a.ARC, a.ARCRef, longDate(time.Unix(at, 0)), time.Unix(at, 0).In(store.London).Format("15:04"),
				int(d.Minutes()), int(d.Seconds())%60, m.SHA256))
		}
	}
	return strings.Join(lines, "\n"), nil
}

// values builds every merge value for a letter.
func (o *Office) values(ctx context.Context, f draftFacts, kind, ref string, at time.Time) (vals map[string]string, recipient, review, expiry string, err error) {
	s, c, d := f.settings, f.c, f.decision
	incident := time.Unix(c.IncidentAt, 0)
	v := map[string]string{
		"trust_name": s.TrustName, "letterhead": s.Letterhead, "lsms_name": s.LSMSName, "lsms_title": s.LSMSTitle,
		"lsms_address": s.LSMSAddress, "lsms_phone": s.LSMSPhone, "lsms_email": s.LSMSEmail,
		"letter_ref": ref, "letter_date": longDate(at), "case_ref": c.Ref,
		"incident_date": longDate(incident), "incident_time": incident.In(store.London).Format("15:04"),
		"incident_summary": c.Summary, "staff_description": "a member of our staff",
		"police_force": c.PoliceForce, "police_officer": c.PoliceOfficer, "police_ref": c.PoliceRef,
		"legal_services_name": s.LegalServicesName, "legal_services_address": s.LegalServicesAddress,
		"sanction_name": sanctionNames[d.Sanction],
	}
	if c.TeamName != "" {
		v["staff_description"] = "a member of our " + c.TeamName + " team"
	}
	if v["sanction_name"] == "" {
		v["sanction_name"] = "written warning"
	}
	if f.offender != nil {
		v["offender_name"], v["offender_address"], v["offender_dob"] = f.offender.Name, f.offender.Address, f.offender.DateOfBirth
	}
	if v["recording_details"], err = o.recordingDetails(ctx, c); err != nil {
		return nil, "", "", "", err
	}
	switch kind {
	case Sanction, NoSanction:
		if f.offender == nil {
			return nil, "", "", "", fmt.Errorf("case %s has no alleged offender: add them on the case's People tab before drafting a letter to them", c.Ref)
		}
		v["recipient_name"], v["recipient_address"] = f.offender.Name, f.offender.Address
	case PoliceReferral:
		if v["police_force"] == "" {
			v["police_force"] = d.ReferredTo
		}
		v["recipient_name"], v["recipient_address"] = v["police_force"], ""
		if v["police_officer"] == "" {
			v["police_officer"] = "the investigating officer"
		}
		if v["police_ref"] == "" {
			v["police_ref"] = "not yet given"
		}
	case LegalReferral:
		if d.ReferredTo != "" {
			v["legal_services_name"] = d.ReferredTo
		}
		v["recipient_name"], v["recipient_address"] = v["legal_services_name"], v["legal_services_address"]
	}
	if kind == Sanction {
		due := at.In(store.London).AddDate(0, s.WarningMonths, 0)
		if d.ReviewOn != "" {
			if due, err = parseDay("the decision's review date", d.ReviewOn); err != nil {
				return nil, "", "", "", err
			}
		}
		review = due.Format(time.DateOnly)
		v["review_date"] = longDate(due)
		expiry = at.In(store.London).AddDate(0, max(s.ExpiryMonths, s.WarningMonths), 0).Format(time.DateOnly)
		expiry = max(expiry, review) // a decision's later review date carries the expiry with it
	}
	// The trust's wording may itself use fields; fill it last.
	for key, text := range map[string]string{"recording_statement": s.RecordingStatement, "transcript_request": s.TranscriptRequest,
		"warning_wording": s.WarningWording, "no_sanction_wording": s.NoSanctionWording} {
		v[key] = expand(text, v)
	}
	return v, v["recipient_name"], review, expiry, nil
}

// Draft renders a letter for a case's decision and records it as a draft.
func (o *Office) Draft(ctx context.Context, caseID int64, who store.Who) (store.Letter, error) {
	f, err := o.facts(ctx, caseID)
	if err != nil {
		return store.Letter{}, err
	}
	kind := KindForRoute(f.decision.Route)
	if kind == "" {
		return store.Letter{}, fmt.Errorf("case %s's decision is no notification: no letter is sent", f.c.Ref)
	}
	ref, err := o.Store.NextLetterRef(ctx, caseID)
	if err != nil {
		return store.Letter{}, err
	}
	lease, err := o.Vault.Lease(ctx) // until the letter's row names its files
	if err != nil {
		return store.Letter{}, err
	}
	defer lease.Release()
	l, err := o.render(ctx, lease, f, kind, ref, who)
	if err != nil {
		return store.Letter{}, err
	}
	l.CaseID, l.DecisionID, l.Kind, l.Ref = caseID, f.decision.ID, kind, ref
	return o.Store.CreateLetter(ctx, l, who)
}

// Redraft renders a draft again, after the case, settings or template changed.
func (o *Office) Redraft(ctx context.Context, id int64, who store.Who) (store.Letter, error) {
	old, err := o.Store.Letter(ctx, id)
	if err != nil {
		return old, err
	}
	if old.Status != "draft" {
		return old, fmt.Errorf("letter %s is %s: only drafts are regenerated", old.Ref, old.Status)
	}
	f, err := o.facts(ctx, old.CaseID)
	if err != nil {
		return old, err
	}
	lease, err := o.Vault.Lease(ctx) // until the redraft's row names its files
	if err != nil {
		return old, err
	}
	defer lease.Release()
	l, err := o.render(ctx, lease, f, old.Kind, old.Ref, who)
	if err != nil {
		return old, err
	}
	l.ID, l.Ref = old.ID, old.Ref
	if err := o.Store.RedraftLetter(ctx, l, who); err != nil {
		return old, err
	}
	return o.Store.Letter(ctx, id)
}

func (o *Office) render(ctx context.Context, lease *vault.Lease, f draftFacts, kind, ref string, who store.Who) (store.Letter, error) {
	at := time.Unix(who.At, 0)
	tpl, tplSum, err := o.Templates.Load(kind)
	if err != nil {
		return store.Letter{}, err
	}
	vals, recipient, review, expiry, err := o.values(ctx, f, kind, ref, at)
	if err != nil {
		return store.Letter{}, err
	}
	used, files, err := o.fill(kind, tpl, vals, Meta{Title: KindTitle[kind] + " " + ref, Ref: ref, Created: at})
	if err != nil {
		return store.Letter{}, err
	}
	docx, err := lease.Put(bytes.NewReader(files.Docx))
	if err != nil {
		return store.Letter{}, fmt.Errorf("store letter %s: %w", ref, err)
	}
	pdf, err := lease.Put(bytes.NewReader(files.PDF))
	if err != nil {
		return store.Letter{}, fmt.Errorf("store letter %s: %w", ref, err)
	}
	kept := map[string]string{}
	for _, k := range used {
		kept[k] = vals[k]
	}
	fields, _ := json.Marshal(kept)
	return store.Letter{Recipient: recipient, LetterDate: at.In(store.London).Format(time.DateOnly), ReviewOn: review, ExpiresOn: expiry,
		TemplateSHA256: tplSum, DocxSHA256: docx.SHA256, PDFSHA256: pdf.SHA256, Fields: string(fields)}, nil
}

// fill checks the template against its kind and the values, then has it
// rendered. A template with an unknown or missing field, or a value the case
// cannot supply, is refused with a message naming the field.
func (o *Office) fill(kind string, tpl []byte, vals map[string]string, meta Meta) ([]string, Files, error) {
	name := kind + ".docx"
	used, err := o.Templates.Check(kind, name, tpl)
	if err != nil {
		return nil, Files{}, err
	}
	if err := CheckValues(used, vals); err != nil {
		return nil, Files{}, err
	}
	files, err := o.Templates.Docs.Render(name, tpl, vals, meta)
	return used, files, err
}

// Approve marks a draft as approved to send. Where approval by another person
// is required (the setting, or always in team mode), the person who drafted
// the letter, or drafted it again, cannot approve it.
func (o *Office) Approve(ctx context.Context, id int64, who store.Who) (store.Letter, error) {
	if err := o.checkApprover(ctx, id, who.Actor); err != nil {
		return store.Letter{}, err
	}
	return o.Store.ChangeLetter(ctx, id, store.LetterChange{From: []string{"draft"}, To: "approved",
		Set: map[string]any{"approved_at": who.At, "approved_by": who.Actor}, Detail: "approved"}, who)
}

// ApprovalByAnother says whether a letter needs a second person to approve it.
func (o *Office) ApprovalByAnother(ctx context.Context) (bool, error) {
	if o.Store.Engine() == store.Postgres {
		return true, nil
	}
	s, err := LoadSettings(ctx, o.Store)
	return s.ApprovalByAnother, err
}

func (o *Office) checkApprover(ctx context.Context, id int64, approver string) error {
	need, err := o.ApprovalByAnother(ctx)
	if err != nil || !need {
		return err
	}
	l, err := o.Store.Letter(ctx, id)
	if err != nil {
		return err
	}
	authors := []string{l.CreatedBy}
	entries, err := o.Store.AuditFor(ctx, "letter", fmt.Sprint(id))
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Action == "letter.redraft" {
			authors = append(authors, e.Actor)
		}
	}
	for _, a := range authors {
		if strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(approver)) {
			return problem.New("Letter %s was drafted by you: another person must check and approve it (Letters settings, \"Approval by another person\").", l.Ref)
		}
	}
	return nil
}

// Issue records that an approved letter went out, on which day and how. A
// warning is then in force until its review or expiry date.
func (o *Office) Issue(ctx context.Context, id int64, on, method string, who store.Who) (store.Letter, error) {
	day, err := parseDay("issue date", on)
	if err != nil {
		return store.Letter{}, err
	}
	if day.After(time.Unix(who.At, 0)) {
		return store.Letter{}, fmt.Errorf("issue date %s is in the future: record the issue once the letter has gone", on)
	}
	if _, ok := Methods[method]; !ok {
		return store.Letter{}, fmt.Errorf("issue method %q: use post, recorded_delivery, hand or email", method)
	}
	l, err := o.Store.Letter(ctx, id)
	if err != nil {
		return l, err
	}
	to := "issued"
	if l.Kind == Sanction {
		to = "in_force"
	}
	return o.Store.ChangeLetter(ctx, id, store.LetterChange{From: []string{"approved"}, To: to, Set: map[string]any{
		"issued_on": day.Format(time.DateOnly), "issued_method": method, "issued_at": who.At, "issued_by": who.Actor},
		Detail: "issued by " + Methods[method] + " on " + day.Format(time.DateOnly)}, who)
}

func needReason(what, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return fmt.Errorf("say why the letter is being %s: the reason is kept in the register", what)
	}
	return nil
}

// Breach records that the recipient breached a warning in force.
func (o *Office) Breach(ctx context.Context, id int64, on, reason string, who store.Who) (store.Letter, error) {
	day, err := parseDay("breach date", on)
	if err != nil {
		return store.Letter{}, err
	}
	if err := needReason("marked as breached", reason); err != nil {
		return store.Letter{}, err
	}
	return o.Store.ChangeLetter(ctx, id, store.LetterChange{From: []string{"in_force"}, To: "breached",
		Set: map[string]any{"ended_on": day.Format(time.DateOnly), "ended_reason": reason}, Detail: reason}, who)
}

// Revoke withdraws a letter at any stage before it ends.
func (o *Office) Revoke(ctx context.Context, id int64, reason string, who store.Who) (store.Letter, error) {
	if err := needReason("revoked", reason); err != nil {
		return store.Letter{}, err
	}
	day := time.Unix(who.At, 0).In(store.London).Format(time.DateOnly)
	return o.Store.ChangeLetter(ctx, id, store.LetterChange{From: []string{"draft", "approved", "issued", "in_force"}, To: "revoked",
		Set: map[string]any{"ended_on": day, "ended_reason": reason}, Detail: reason}, who)
}

// Extend sets a warning's review and expiry dates after its review,
// provided they are still seenReviewOn and seenExpiresOn, the dates the
// person's page showed (a colleague's new dates are not overwritten).
func (o *Office) Extend(ctx context.Context, id int64, seenReviewOn, seenExpiresOn, reviewOn, expiresOn, reason string, who store.Who) (store.Letter, error) {
	r, err := parseDay("review date", reviewOn)
	if err != nil {
		return store.Letter{}, err
	}
	e, err := parseDay("expiry date", expiresOn)
	if err != nil {
		return store.Letter{}, err
	}
	if e.Before(r) {
		return store.Letter{}, fmt.Errorf("the expiry date %s is before the review date %s", expiresOn, reviewOn)
	}
	if err := needReason("given new dates", reason); err != nil {
		return store.Letter{}, err
	}
	return o.Store.ChangeLetter(ctx, id, store.LetterChange{From: []string{"in_force"}, To: "in_force",
		Set: map[string]any{"review_on": r.Format(time.DateOnly), "expires_on": e.Format(time.DateOnly)}, Detail: reason,
		Expect: map[string]any{"review_on": seenReviewOn, "expires_on": seenExpiresOn}}, who)
}

// ExpireDue marks warnings past their expiry date as expired, as the system.
func (o *Office) ExpireDue(ctx context.Context, now time.Time) (int, error) {
	today := now.In(store.London).Format(time.DateOnly)
	ls, err := o.Store.ExpiredWarnings(ctx, today)
	if err != nil {
		return 0, err
	}
	for _, l := range ls {
		_, err := o.Store.ChangeLetter(ctx, l.ID, store.LetterChange{From: []string{"in_force"}, To: "expired",
			Set: map[string]any{"ended_on": l.ExpiresOn, "ended_reason": "reached its expiry date"}, Detail: "expired"},
			store.Who{Actor: audit.System, At: now.Unix()})
		if err != nil {
			return 0, err
		}
	}
	return len(ls), nil
}

// Export copies a letter's DOCX or PDF to dst after checking it still
// matches its hash, through the export chokepoint that logs it.
func (o *Office) Export(ctx context.Context, id int64, format, dst string, who store.Who) error {
	l, err := o.Store.Letter(ctx, id)
	if err != nil {
		return err
	}
	sum := map[string]string{"docx": l.DocxSHA256, "pdf": l.PDFSHA256}[format]
	if sum == "" {
		return fmt.Errorf("format %q: use docx or pdf", format)
	}
	if err := o.Vault.Verify(sum); err != nil {
		return fmt.Errorf("letter %s's %s file no longer matches its SHA-256 (%v): it has been altered on disk", l.Ref, format, err)
	}
	it := export.Item{Kind: "letter.export", Format: format, ObjectType: "letter", ObjectID: fmt.Sprint(id),
		Detail: map[string]any{"ref": l.Ref, "status": l.Status}}
	render := export.Render(func(w io.Writer) error {
		src, err := o.Vault.Open(sum)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(w, src)
		return err
	})
	if st, ok := o.Templates.Docs.(Stamper); ok {
		render, err = o.stamped(st, l, format)
		if err != nil {
			return err
		}
		it.Detail["storedSha256"] = sum // the copy carries the audit head, so its own hash differs
	}
	_, err = export.ToFile(ctx, o.Store, who, dst, it, render)
	return err
}

// stamped renders the copy of letter l that leaves Redline from its stored
// DOCX, carrying the audit head the export hands it.
func (o *Office) stamped(st Stamper, l store.Letter, format string) (export.Render, error) {
	if err := o.Vault.Verify(l.DocxSHA256); err != nil {
		return nil, fmt.Errorf("letter %s's docx file no longer matches its SHA-256 (%v): it has been altered on disk", l.Ref, err)
	}
	return export.Stamped(func(w io.Writer, head store.AuditAnchor) error {
		src, err := o.Vault.Open(l.DocxSHA256)
		if err != nil {
			return err
		}
		defer src.Close()
		docx, err := io.ReadAll(src)
		if err != nil {
			return err
		}
		b, err := st.Stamp(format, docx, Meta{Title: KindTitle[l.Kind] + " " + l.Ref, Ref: l.Ref, Created: time.Unix(l.CreatedAt, 0), Head: head})
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}), nil
}

// Bytes returns a letter file's bytes (for the in-app preview).
func (o *Office) Bytes(ctx context.Context, id int64, format string) ([]byte, error) {
	l, err := o.Store.Letter(ctx, id)
	if err != nil {
		return nil, err
	}
	sum := map[string]string{"docx": l.DocxSHA256, "pdf": l.PDFSHA256}[format]
	if sum == "" {
		return nil, errors.New("format must be docx or pdf")
	}
	f, err := o.Vault.Open(sum)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
