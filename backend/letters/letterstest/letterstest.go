// Package letterstest gives backend tests a letter renderer without Word
// documents (backend never imports reports/) and a case ready for a letter.
package letterstest

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/vault"
)

// Renderer treats a template as UTF-8 text with {fields}: enough to test
// every rule about letters without a .docx.
type Renderer struct{}

var _ letters.Renderer = Renderer{}

var field = regexp.MustCompile(`\{([^{}]*)\}`)

// Default is a text template with every field the kind requires and the
// heading each letter must carry.
func (Renderer) Default(kind string) ([]byte, error) {
	req, ok := letters.Required[kind]
	if !ok {
		return nil, fmt.Errorf("letter kind %q: use one of %s", kind, strings.Join(letters.Kinds, ", "))
	}
	var b strings.Builder
	b.WriteString("{trust_name}\nOur reference: {letter_ref}\nA recording of the incident exists\n")
	for _, f := range req {
		fmt.Fprintf(&b, "{%s}\n", f)
	}
	return []byte(b.String()), nil
}

// Fields lists the distinct {fields}, sorted; anything not text is refused.
func (Renderer) Fields(name string, template []byte) ([]string, error) {
	if !utf8.Valid(template) || bytes.IndexByte(template, 0) >= 0 {
		return nil, fmt.Errorf("%s is not a template letterstest can read", name)
	}
	var out []string
	for _, m := range field.FindAllStringSubmatch(string(template), -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out, nil
}

// Render fills the fields; the "PDF" is the same text under a marker line.
func (Renderer) Render(name string, template []byte, values map[string]string, meta letters.Meta) (letters.Files, error) {
	filled := field.ReplaceAllStringFunc(string(template), func(m string) string { return values[m[1:len(m)-1]] })
	return letters.Files{Docx: []byte(filled), PDF: []byte("%PDF letterstest " + meta.Ref + "\n" + filled)}, nil
}

// T0 is when the fixture's decision is recorded.
var T0 = time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)

// At is the LSMS acting d after T0.
func At(d time.Duration) store.Who { return store.Who{Actor: "lsms", At: T0.Add(d).Unix()} }

// Case builds a case with a recorded red alert, an alleged offender, the
// decision route and a trust's letter settings, and returns its letter office
// rendering with docs.
func Case(t *testing.T, route string, docs letters.Renderer) (*letters.Office, store.CaseFile) {
	t.Helper()
	st, v := storetest.Open(t)
	return CaseIn(t, st, v, route, docs)
}

// CaseIn is Case in the store and vault given: a team (PostgreSQL) database
// as well as a SQLite file.
func CaseIn(t *testing.T, st *store.Store, v *vault.Vault, route string, docs letters.Renderer) (*letters.Office, store.CaseFile) {
	t.Helper()
	ctx := context.Background()
	rec := storetest.Put(t, v, strings.NewReader("RIFF fake recording"))
	var alertID, workerID int64
	err := st.Write(ctx, func(w *store.Writer) error {
		team, _ := w.Team("Leeds North District Nursing", 0, "Leeds")
		var err error
		workerID, _ = w.Worker(store.Worker{Ref: "W1", Name: "Alex Nurse", TeamID: team, LineManager: "Jo Manager"})
		raised := T0.Add(-72 * time.Hour).Unix()
		alertID, err = w.Alert(store.NewAlert{ARC: "Vendor ARC", ARCRef: "A-77", Type: "red", TeamID: team, WorkerID: workerID,
			RaisedAt: raised, Validity: "genuine", MediaCount: 1})
		if err != nil {
			return err
		}
		_, err = w.Media(store.Media{AlertID: alertID, Kind: "recording", OriginalName: "A-77.wav", SHA256: rec.SHA256, Size: rec.Size,
			DurationMS: 252000, VaultPath: rec.Rel, RecordedAt: &raised}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.OpenCase(ctx, store.NewCase{Title: "Threats", Origin: "alert", IncidentAt: T0.Add(-72 * time.Hour).Unix(),
		Summary: "Threats during a home visit.", WorkerID: workerID, AlertIDs: []int64{alertID}}, At(0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddPerson(ctx, store.Person{CaseID: c.ID, Role: "alleged_offender", Name: "Łukasz Wójcik", Address: "12 Elm Court\nLeeds LS7 2AB"}, At(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordDecision(ctx, store.Decision{CaseID: c.ID, Route: route, Sanction: "warning_letter", ReferredTo: "West Yorkshire Police",
		Reasons: "first incident"}, At(2*time.Minute), func(store.CaseFile, []store.Person, *store.Decision) error { return nil }); err != nil {
		t.Fatal(err)
	}
	s := letters.DefaultSettings
	s.TrustName, s.LSMSName, s.LSMSAddress, s.LSMSEmail, s.LSMSPhone = "West Yorkshire Community Health NHS Trust", "Sam Patel", "Security Office, Wakefield", "security@example.nhs.uk", "01924 000123"
	s.LegalServicesAddress = "Trust HQ, Wakefield"
	if _, err := letters.SaveSettings(ctx, st, s, At(3*time.Minute)); err != nil {
		t.Fatal(err)
	}
	c, _ = st.Case(ctx, c.ID)
	return letters.New(st, v, t.TempDir(), docs), c
}
