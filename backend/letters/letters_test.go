package letters

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
	rl "github.com/nhs-redline/redline/reports/letters"
)

var t0 = time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)

func at(d time.Duration) store.Who { return store.Who{Actor: "lsms", At: t0.Add(d).Unix()} }

// fixture builds a case with a recorded red alert, an alleged offender and a decision.
func fixture(t *testing.T, route string) (*Office, store.CaseFile) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "l.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	v, _ := vault.Open(filepath.Join(dir, "vault"))
	rec, _ := v.Put(strings.NewReader("RIFF fake recording"))
	var alertID, workerID int64
	err = st.Write(ctx, func(w *store.Writer) error {
		team, _ := w.Team("Leeds North District Nursing", 0, "Leeds")
		workerID, _ = w.Worker(store.Worker{Ref: "W1", Name: "Alex Nurse", TeamID: team, LineManager: "Jo Manager"})
		raised := t0.Add(-72 * time.Hour).Unix()
		alertID, err = w.Alert(store.NewAlert{ARC: "Vendor ARC", ARCRef: "A-77", Type: "red", TeamID: team, WorkerID: workerID,
			RaisedAt: raised, Validity: "genuine", MediaCount: 1})
		if err != nil {
			return err
		}
		_, err := w.Media(store.Media{AlertID: alertID, Kind: "recording", OriginalName: "A-77.wav", SHA256: rec.SHA256, Size: rec.Size,
			DurationMS: 252000, VaultPath: rec.Rel, RecordedAt: &raised}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.OpenCase(ctx, store.NewCase{Title: "Threats", Origin: "alert", IncidentAt: t0.Add(-72 * time.Hour).Unix(),
		Summary: "Threats during a home visit.", WorkerID: workerID, AlertIDs: []int64{alertID}}, at(0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddPerson(ctx, store.Person{CaseID: c.ID, Role: "alleged_offender", Name: "Łukasz Wójcik", Address: "12 Elm Court\nLeeds LS7 2AB"}, at(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordDecision(ctx, store.Decision{CaseID: c.ID, Route: route, Sanction: "warning_letter", ReferredTo: "West Yorkshire Police",
		Reasons: "first incident"}, at(2*time.Minute), func(store.CaseFile, []store.Person, *store.Decision) error { return nil }); err != nil {
		t.Fatal(err)
	}
	s := DefaultSettings
	s.TrustName, s.LSMSName, s.LSMSAddress, s.LSMSEmail, s.LSMSPhone = "West Yorkshire Community Health NHS Trust", "Sam Patel", "Security Office, Wakefield", "security@example.nhs.uk", "01924 000123"
	s.LegalServicesAddress = "Trust HQ, Wakefield"
	if _, err := SaveSettings(ctx, st, s, at(3*time.Minute)); err != nil {
		t.Fatal(err)
	}
	c, _ = st.Case(ctx, c.ID)
	return &Office{Store: st, Vault: v, Templates: TemplatesIn(dir)}, c
}

func docxText(t *testing.T, b []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			s := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(string(x), " ")
			return strings.Join(strings.Fields(strings.NewReplacer("&#39;", "'", "&amp;", "&").Replace(s)), " ")
		}
	}
	return ""
}

func TestSanctionLetter_DraftApproveIssueThenDueForReview(t *testing.T) {
	ctx := context.Background()
	o, c := fixture(t, "sanction_letter")
	l, err := o.Draft(ctx, c.ID, at(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if l.Ref != c.Ref+"/L1" || l.Kind != rl.Sanction || l.Status != "draft" || l.ReviewOn != "2026-03-14" || l.Recipient != "Łukasz Wójcik" {
		t.Fatalf("letter %+v", l)
	}
	b, _ := o.Bytes(ctx, l.ID, "docx")
	text := docxText(t, b)
	for _, want := range []string{"West Yorkshire Community Health NHS Trust holds the recording securely",
		"You can ask for a transcript of the recording. Write to Sam Patel", "quoting reference " + c.Ref,
		"14 March 2026", "Łukasz Wójcik", "written warning"} {
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
	for route, kind := range map[string]string{"no_sanction": rl.NoSanction, "police": rl.PoliceReferral, "private_prosecution": rl.LegalReferral} {
		t.Run(route, func(t *testing.T) {
			o, c := fixture(t, route)
			l, err := o.Draft(context.Background(), c.ID, at(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := o.Bytes(context.Background(), l.ID, "docx")
			text := docxText(t, b)
			if l.Kind != kind || !strings.Contains(text, "A recording of the incident exists") {
				t.Fatalf("%s: %s", l.Kind, text)
			}
			if kind != rl.NoSanction && !strings.Contains(text, "SHA-256 ") {
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
	os.WriteFile(src, withUnknownField(), 0o600)
	_, err := o.Templates.Replace(rl.Sanction, src)
	var mf *rl.MissingFieldError
	if !errors.As(err, &mf) || mf.Field != "lsms_signature" || !strings.Contains(err.Error(), "Edited warning.docx") {
		t.Fatalf("got %v", err)
	}
	// The current template is untouched and still drafts.
	if _, err := o.Draft(context.Background(), c.ID, at(time.Hour)); err != nil {
		t.Fatal(err)
	}
}

// withUnknownField is the default warning template with {lsms_signature} added.
func withUnknownField() []byte {
	tpl, _ := rl.Default(rl.Sanction)
	zr, _ := zip.NewReader(bytes.NewReader(tpl), int64(len(tpl)))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		x, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "word/document.xml" {
			x = bytes.Replace(x, []byte("Yours sincerely,"), []byte("Yours sincerely, {lsms_signature}"), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(x)
	}
	zw.Close()
	return buf.Bytes()
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
	s := DefaultSettings
	s.RecordingStatement = " "
	if _, err := s.Check(); err == nil || !strings.Contains(err.Error(), "recording") {
		t.Fatalf("empty statement: %v", err)
	}
	s = DefaultSettings
	s.TranscriptRequest = "Write to {lsms_nmae}"
	if _, err := s.Check(); err == nil || !strings.Contains(err.Error(), "{lsms_nmae}") {
		t.Fatalf("typo: %v", err)
	}
}
