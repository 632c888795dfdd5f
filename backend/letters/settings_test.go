package letters_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/problem"
)

// The Letters settings form shows each refusal beside its field, so every
// refusal must name a field the form has: the setting's JSON name.
func TestSettingsCheck_NamesTheFieldOfEachRefusal(t *testing.T) {
	cases := []struct {
		name, field string
		change      func(*letters.Settings)
	}{
		{"empty recording statement", "recordingStatement", func(s *letters.Settings) { s.RecordingStatement = " " }},
		{"empty transcript route", "transcriptRequest", func(s *letters.Settings) { s.TranscriptRequest = "" }},
		{"review period too long", "warningMonths", func(s *letters.Settings) { s.WarningMonths = 61 }},
		{"expiry before review", "expiryMonths", func(s *letters.Settings) { s.WarningMonths, s.ExpiryMonths = 12, 6 }},
		{"unknown field in the statement", "recordingStatement", func(s *letters.Settings) { s.RecordingStatement = "Held by {trust}" }},
		{"misspelt field in the transcript route", "transcriptRequest", func(s *letters.Settings) { s.TranscriptRequest = "Write to {lsms_nmae}" }},
		{"warning wording includes itself", "warningWording", func(s *letters.Settings) { s.WarningWording = "{warning_wording}" }},
		{"unknown field in the no-sanction wording", "noSanctionWording", func(s *letters.Settings) { s.NoSanctionWording = "On {date}" }},
	}
	keys := jsonKeys(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := letters.DefaultSettings
			c.change(&s)
			_, err := s.Check()
			var p *problem.Problem
			if !errors.As(err, &p) {
				t.Fatalf("want a problem, got %v", err)
			}
			if p.Field != c.field || !keys[p.Field] {
				t.Fatalf("field %q (a settings key: %v), want %q; message %q", p.Field, keys[p.Field], c.field, p.Message)
			}
		})
	}
}

// jsonKeys are the names the form knows the settings by.
func jsonKeys(t *testing.T) map[string]bool {
	t.Helper()
	b, err := json.Marshal(letters.DefaultSettings)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for k := range m {
		keys[k] = true
	}
	return keys
}
