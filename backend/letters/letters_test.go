package letters_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/letters/letterstest"
	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
)

var t0, at = letterstest.T0, letterstest.At

// fixture is a case ready for a letter, rendered as plain text.
func fixture(t *testing.T, route string) (*letters.Office, store.CaseFile) {
	t.Helper()
	return letterstest.Case(t, route, letterstest.Renderer{})
}

// words is a letter file's words (letterstest renders plain text).
func words(t *testing.T, b []byte) string {
	t.Helper()
	return strings.Join(strings.Fields(string(b)), " ")
}

func TestSanctionLetter_DraftApproveIssueThenDueForReview(t *testing.T) {
	ctx := context.Background()
	o, c := fixture(t, "sanction_letter")
	l, err := o.Draft(ctx, c.ID, at(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if l.Ref != c.Ref+"/L1" || l.Kind != letters.Sanction || l.Status != "draft" || l.ReviewOn != "2026-03-14" || l.Recipient != "Łukasz Wójcik" {
		t.Fatalf("letter %+v", l)
	}
	b, _ := o.Bytes(ctx, l.ID, "docx")
	text := words(t, b)
	for _, want := range []string{"West Yorkshire Community Health NHS Trust holds the recording securely",
		"You can ask for a transcript of the recording. Write to Sam Patel", "quoting reference " + c.Ref,
		"14 March 2026", "Łukasz Wójcik"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q:\n%s", want, text)
		}
	}
	if _, err := o.Issue(ctx, l.ID, "2025-03-14", "post", at(2*time.Hour)); err == nil {
		t.Fatal("a draft was issued before approval")
	}
	if _, err := o.Approve(ctx, l.ID, at(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Redraft(ctx, l.ID, at(2*time.Hour)); err == nil {
		t.Fatal("an approved letter was regenerated")
	}
	if _, err := o.Issue(ctx, l.ID, "2025-03-15", "post", at(3*time.Hour)); err == nil || !strings.Contains(err.Error(), "future") {
		t.Fatalf("future issue date: %v", err)
	}
	l, err = o.Issue(ctx, l.ID, "2025-03-14", "recorded_delivery", at(3*time.Hour))
	if err != nil || l.Status != "in_force" || l.IssuedMethod != "recorded_delivery" {
		t.Fatalf("issue: %+v %v", l, err)
	}
	due, _ := o.Store.LettersDue(ctx, t0, 30*24*time.Hour)
	if len(due) != 0 {
		t.Fatalf("warning due a year early: %+v", due)
	}
	due, _ = o.Store.LettersDue(ctx, time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC), 30*24*time.Hour)
	if len(due) != 1 || due[0].Need != "review" || due[0].DueOn != "2026-03-14" {
		t.Fatalf("due %+v", due)
	}
	n, err := o.ExpireDue(ctx, time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC))
	if err != nil || n != 1 {
		t.Fatalf("expired %d %v", n, err)
	}
	l, _ = o.Store.Letter(ctx, l.ID)
	ev, _ := o.Store.LetterEvents(ctx, l.ID)
	if l.Status != "expired" || len(ev) != 4 || ev[3].Actor != "system" {
		t.Fatalf("after expiry %+v %+v", l, ev)
	}
	entries, _ := o.Store.AuditFor(ctx, "letter", "1")
	if len(entries) != 4 {
		t.Fatalf("audit entries %d", len(entries))
	}
}

func TestDraft_LetterForEachRoute(t *testing.T) {
	for route, kind := range map[string]string{"no_sanction": letters.NoSanction, "police": letters.PoliceReferral, "private_prosecution": letters.LegalReferral} {
		t.Run(route, func(t *testing.T) {
			o, c := fixture(t, route)
			l, err := o.Draft(context.Background(), c.ID, at(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := o.Bytes(context.Background(), l.ID, "docx")
			text := words(t, b)
			if l.Kind != kind || !strings.Contains(text, "A recording of the incident exists") {
				t.Fatalf("%s: %s", l.Kind, text)
			}
			if kind != letters.NoSanction && !strings.Contains(text, "SHA-256 ") {
				t.Fatalf("referral lacks the recording hash: %s", text)
			}
		})
	}
	o, c := fixture(t, "no_notification")
	if _, err := o.Draft(context.Background(), c.ID, at(time.Hour)); err == nil || !strings.Contains(err.Error(), "no notification") {
		t.Fatalf("no notification drafted a letter: %v", err)
	}
}

func TestDraft_RefusesATemplateWithAnUnknownField(t *testing.T) {
	o, c := fixture(t, "sanction_letter")
	// A user's Word edit adds a field Redline cannot fill.
	if err := os.MkdirAll(o.Templates.Dir, 0o700); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "Edited warning.docx")
	tpl, _ := letterstest.Renderer{}.Default(letters.Sanction)
	os.WriteFile(src, append(tpl, "Yours sincerely, {lsms_signature}"...), 0o600)
	_, err := o.Templates.Replace(letters.Sanction, src)
	var mf *letters.MissingFieldError
	if !errors.As(err, &mf) || mf.Field != "lsms_signature" || !strings.Contains(err.Error(), "Edited warning.docx") {
		t.Fatalf("got %v", err)
	}
	// The current template is untouched and still drafts.
	if _, err := o.Draft(context.Background(), c.ID, at(time.Hour)); err != nil {
		t.Fatal(err)
	}
}

func TestDraft_MissingOffenderAddressIsNamed(t *testing.T) {
	ctx := context.Background()
	o, c := fixture(t, "sanction_letter")
	// A second case whose offender has no address.
	c2, _ := o.Store.OpenCase(ctx, store.NewCase{Title: "x", Origin: "manual", IncidentAt: t0.Unix(), AlertIDs: c.AlertIDs}, at(0))
	o.Store.AddPerson(ctx, store.Person{CaseID: c2.ID, Role: "alleged_offender", Name: "No Address"}, at(0))
	o.Store.RecordDecision(ctx, store.Decision{CaseID: c2.ID, Route: "sanction_letter", Reasons: "r"}, at(0),
		func(store.CaseFile, []store.Person, *store.Decision) error { return nil })
	_, err := o.Draft(ctx, c2.ID, at(time.Hour))
	if err == nil || !strings.Contains(err.Error(), "{recipient_address}") {
		t.Fatalf("got %v", err)
	}
}

func TestSettings_RefuseEmptyStatementAndUnknownFields(t *testing.T) {
	s := letters.DefaultSettings
	s.RecordingStatement = " "
	if _, err := s.Check(); err == nil || !strings.Contains(err.Error(), "recording") {
		t.Fatalf("empty statement: %v", err)
	}
	s = letters.DefaultSettings
	s.TranscriptRequest = "Write to {lsms_nmae}"
	if _, err := s.Check(); err == nil || !strings.Contains(err.Error(), "{lsms_nmae}") {
		t.Fatalf("typo: %v", err)
	}
}

func TestApprove_ByAnotherPersonWhenTheSettingIsOn(t *testing.T) {
	ctx := context.Background()
	o, c := fixture(t, "sanction_letter")
	l, err := o.Draft(ctx, c.ID, at(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := letters.LoadSettings(ctx, o.Store)
	s.ApprovalByAnother = true
	if _, err := letters.SaveSettings(ctx, o.Store, s, at(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// Someone else redrafts it: neither they nor the drafter may approve it.
	other := store.Who{Actor: "deputy", At: at(2 * time.Hour).At}
	if _, err := o.Redraft(ctx, l.ID, other); err != nil {
		t.Fatal(err)
	}
	for _, w := range []store.Who{at(3 * time.Hour), {Actor: "Deputy", At: other.At}} {
		_, err := o.Approve(ctx, l.ID, w)
		if err == nil || !strings.Contains(err.Error(), "another person must check and approve it") || !problem.Is(err) {
			t.Fatalf("%s approved a letter they drafted: %v", w.Actor, err)
		}
	}
	got, err := o.Approve(ctx, l.ID, store.Who{Actor: "manager", At: at(4 * time.Hour).At})
	if err != nil || got.Status != "approved" || got.ApprovedBy != "manager" {
		t.Fatalf("a second person could not approve: %+v %v", got, err)
	}
}

func TestApprove_TheDrafterMayApproveWhenTheSettingIsOff(t *testing.T) {
	ctx := context.Background()
	o, c := fixture(t, "sanction_letter")
	if need, err := o.ApprovalByAnother(ctx); err != nil || need {
		t.Fatalf("approval by another is required on a laptop by default: %v %v", need, err)
	}
	l, _ := o.Draft(ctx, c.ID, at(time.Hour))
	if _, err := o.Approve(ctx, l.ID, at(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
}

func TestWarning_ReviewAndExpiryAreSeparateSettings(t *testing.T) {
	ctx := context.Background()
	o, c := fixture(t, "sanction_letter")
	s, _ := letters.LoadSettings(ctx, o.Store)
	s.WarningMonths, s.ExpiryMonths = 6, 18
	if _, err := letters.SaveSettings(ctx, o.Store, s, at(time.Hour)); err != nil {
		t.Fatal(err)
	}
	l, err := o.Draft(ctx, c.ID, at(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if l.ReviewOn != "2025-09-14" || l.ExpiresOn != "2026-09-14" {
		t.Fatalf("review %s expiry %s, want 2025-09-14 and 2026-09-14", l.ReviewOn, l.ExpiresOn)
	}
	s.ExpiryMonths = 3
	if _, err := letters.SaveSettings(ctx, o.Store, s, at(time.Hour)); err == nil || !strings.Contains(err.Error(), "cannot expire before its review") {
		t.Fatalf("expiry before review accepted: %v", err)
	}
}
