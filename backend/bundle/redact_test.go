package bundle

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nhs-redline/redline/backend/store"
)

var casePeople = []store.Person{
	{Role: "lone_worker", Name: "Sarah Collins", Address: "14 Roundhay Mount, Leeds LS8 4DW", Contact: "07700 900123"},
	{Role: "alleged_offender", Name: "Wayne Heptonstall", Address: "Room 6, 41 Manningham Lane, Bradford BD8 7HB",
		DateOfBirth: "1979-11-02", Contact: "+44 7700 900456", NHSNumber: "943 476 5919"},
}

func TestRedactor_TakesOutPersonalDataHoweverItIsWritten(t *testing.T) {
	r := NewRedactor(casePeople, DefaultChoice)
	for _, tc := range []struct{ in, want string }{
		{"Lives at 14 Roundhay Mount, Leeds LS8 4DW.", "Lives at [redacted]."},
		{"Call her on 07700900123 or 07700-900-123.", "Call her on [redacted] or [redacted]."},
		{"His number is 07700 900456, also +44 (0)7700 900456.", "His number is [redacted], also [redacted]."},
		{"I'm at forty... I'm at 41 manningham lane, room 6.", "I'm at forty... I'm at [redacted], [redacted]."},
		{"Outside on Manningham  Lane now.", "Outside on [redacted] now."},
		{"Postcode bd8 7hb.", "Postcode [redacted]."},
		{"Born 02/11/1979 (1979-11-02), NHS 9434765919.", "Born [redacted] ([redacted]), NHS [redacted]."},
		// A town identifies nobody and names the court: it stays.
		{"Hearing at Bradford Magistrates' Court, Leeds office.", "Hearing at Bradford Magistrates' Court, Leeds office."},
		// A longer number that merely contains a value is not that value.
		{"Room 61 and 077009001234.", "Room 61 and 077009001234."},
	} {
		if got := r.Text(tc.in); got != tc.want {
			t.Errorf("Text(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestRedactor_ChoiceLimitsWhatGoes(t *testing.T) {
	onlyWorker := NewRedactor(casePeople, Choice{WorkerHome: true})
	if got := onlyWorker.Text("14 Roundhay Mount and 41 Manningham Lane"); got != "[redacted] and 41 Manningham Lane" {
		t.Errorf("worker only: %q", got)
	}
	none := NewRedactor(casePeople, Choice{})
	if got := none.Text("07700 900123"); got != "07700 900123" {
		t.Errorf("nothing chosen, yet %q", got)
	}
}

func TestRedactor_BundleTextsAreAllRedacted(t *testing.T) {
	r := NewRedactor(casePeople, DefaultChoice)
	b := &Bundle{People: append([]store.Person(nil), casePeople...), Timeline: []Event{{What: "Worker said she was at 41 Manningham Lane"}},
		Unused:    []Unused{{Description: "Note: offender on 07700 900456"}},
		Statement: Statement{Paragraphs: []string{"The resident of Room 6 pushed her."}}}
	b.Case.Summary = "At BD8 7HB"
	r.Bundle(b)
	all := b.Case.Summary + b.Timeline[0].What + b.Unused[0].Description + b.Statement.Paragraphs[0] + b.People[1].Address + b.People[1].Contact
	for _, v := range []string{"Manningham", "900456", "Room 6", "BD8"} {
		if strings.Contains(all, v) {
			t.Errorf("%q is still in the bundle's texts: %s", v, all)
		}
	}
}

// FuzzRedactor_NoValueSurvives: a chosen value set apart by spaces in any
// text never survives redaction.
func FuzzRedactor_NoValueSurvives(f *testing.F) {
	f.Add("12 Acacia Avenue, York YO1 7HH", "She said ", " twice")
	f.Add("07700 900123", "ring ", ".")
	f.Add("+44 113 496 0000", "(", ")")
	f.Add("Flat 3b", "", "")
	f.Fuzz(func(t *testing.T, value, before, after string) {
		value = strings.Join(strings.Fields(value), " ")
		if len(value) < 4 || !utf8.ValidString(value) || !utf8.ValidString(before) || !utf8.ValidString(after) {
			return
		}
		r := NewRedactor([]store.Person{{Role: "witness", Address: value + "\xff"}}, DefaultChoice) // never panics on broken UTF-8
		out := r.Text(before + " " + value + " " + after)
		if strings.Contains(strings.ToLower(out), strings.ToLower(value)) && !strings.Contains(strings.ToLower(before+after), strings.ToLower(value)) {
			t.Fatalf("%q survives in %q", value, out)
		}
	})
}
