package letters

import (
	"fmt"
	"sort"
	"strings"
)

// This file holds the rules every letter follows, whoever renders it: the
// kinds, the merge fields Redline can fill, and which fields each kind's
// template must contain (PT 10.8).

// Kinds of letter, one per decision route that needs one (PT 10.8).
const (
	Sanction       = "sanction"        // sanction (e.g. warning) letter to the alleged offender
	NoSanction     = "no_sanction"     // no sanction: the alleged offender is told a recording exists
	PoliceReferral = "police_referral" // referral to the police, saying a recording exists
	LegalReferral  = "legal_referral"  // referral to legal services for private prosecution or civil action
)

// Kinds lists the letter kinds in the order the UI shows them.
var Kinds = []string{Sanction, NoSanction, PoliceReferral, LegalReferral}

// KindTitle names a kind for people.
var KindTitle = map[string]string{
	Sanction:       "Sanction (warning) letter",
	NoSanction:     "No-sanction letter",
	PoliceReferral: "Police referral letter",
	LegalReferral:  "Legal services referral letter",
}

// Field is one merge field a template may use.
type Field struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Source      string `json:"source"` // where to fill it in when it is empty
}

// Fields is every merge field Redline can fill.
var Fields = []Field{
	{"trust_name", "The trust's name", "Letters settings"},
	{"letterhead", "Letterhead text: address, telephone, web site (several lines)", "Letters settings"},
	{"lsms_name", "The LSMS's name", "Letters settings"},
	{"lsms_title", "The LSMS's job title", "Letters settings"},
	{"lsms_address", "Where to write to the LSMS (several lines)", "Letters settings"},
	{"lsms_phone", "The LSMS's telephone number", "Letters settings"},
	{"lsms_email", "The LSMS's email address", "Letters settings"},
	{"letter_ref", "This letter's reference, e.g. RL-2025-0001/L1", "set by Redline"},
	{"letter_date", "The date of the letter, e.g. 14 March 2025", "set by Redline"},
	{"case_ref", "The case reference", "the case"},
	{"incident_date", "The date of the incident (UK time)", "the case"},
	{"incident_time", "The time of the incident (UK time)", "the case"},
	{"incident_summary", "The case summary", "the case's summary"},
	{"staff_description", "The member of staff's role and team (never their name)", "the lone worker's record"},
	{"recipient_name", "Who the letter is addressed to", "the alleged offender, the police or legal services"},
	{"recipient_address", "The recipient's address (several lines)", "the alleged offender's address, or Letters settings"},
	{"offender_name", "The alleged offender's name", "the case's People"},
	{"offender_address", "The alleged offender's address", "the case's People"},
	{"offender_dob", "The alleged offender's date of birth", "the case's People"},
	{"recording_statement", "The statement that an audio recording of the incident exists", "Letters settings"},
	{"transcript_request", "How the recipient can ask for a transcript of the recording", "Letters settings"},
	{"warning_wording", "The warning itself", "Letters settings"},
	{"no_sanction_wording", "The explanation that no sanction is being taken", "Letters settings"},
	{"sanction_name", "The sanction, e.g. written warning", "the decision"},
	{"review_date", "When the warning will be reviewed or expire", "the decision, or Letters settings (months)"},
	{"police_force", "The police force", "the case's police contact or the decision"},
	{"police_officer", "The police officer", "the case's police contact"},
	{"police_ref", "The crime reference or URN", "the case's police contact"},
	{"legal_services_name", "The trust's legal services", "Letters settings"},
	{"legal_services_address", "Legal services' address", "Letters settings"},
	{"recording_details", "The recording: alert reference, date, length and SHA-256", "the case's linked red alert"},
}

var fieldByName = func() map[string]Field {
	m := map[string]Field{}
	for _, f := range Fields {
		m[f.Name] = f
	}
	return m
}()

// Known reports whether name is a merge field Redline fills.
func Known(name string) bool { _, ok := fieldByName[name]; return ok }

// Lookup returns a field's description.
func Lookup(name string) (Field, bool) { f, ok := fieldByName[name]; return f, ok }

// Required are the fields each kind's template must contain. Letters to the
// alleged offender must say a recording exists and how to get a transcript
// (PT 10.8); referrals must tell the police or legal services the same.
var Required = map[string][]string{
	Sanction:       {"recipient_name", "recipient_address", "letter_date", "case_ref", "recording_statement", "transcript_request", "warning_wording", "review_date"},
	NoSanction:     {"recipient_name", "recipient_address", "letter_date", "case_ref", "recording_statement", "transcript_request"},
	PoliceReferral: {"police_force", "letter_date", "case_ref", "incident_date", "recording_details"},
	LegalReferral:  {"legal_services_name", "letter_date", "case_ref", "incident_date", "recording_details"},
}

// MissingFieldError names a merge field a template lacks or a letter cannot fill.
type MissingFieldError struct {
	Field  string
	Reason string
}

func (e *MissingFieldError) Error() string { return e.Reason }

// CheckFields refuses a template that uses an unknown field or lacks a
// required one, naming the field.
func CheckFields(kind, templateName string, used []string) error {
	req, ok := Required[kind]
	if !ok {
		return fmt.Errorf("letter kind %q: use one of %s", kind, strings.Join(Kinds, ", "))
	}
	seen := map[string]bool{}
	for _, u := range used {
		if !Known(u) {
			return &MissingFieldError{Field: u, Reason: fmt.Sprintf(
				"%s uses the merge field {%s}, which Redline does not know: correct it in Word (the list of fields is in Letters, Templates) and load the template again",
				templateName, u)}
		}
		seen[u] = true
	}
	for _, r := range req {
		if !seen[r] {
			f := fieldByName[r]
			return &MissingFieldError{Field: r, Reason: fmt.Sprintf(
				"%s does not contain the merge field {%s} (%s), which every %s must have: add it in Word and load the template again",
				templateName, r, strings.ToLower(f.Description[:1])+f.Description[1:], strings.ToLower(KindTitle[kind]))}
		}
	}
	return nil
}

// CheckValues refuses to fill a template when a field it uses has no value,
// naming the field and where to fill it in.
func CheckValues(used []string, values map[string]string) error {
	names := append([]string(nil), used...)
	sort.Strings(names)
	for _, u := range names {
		if strings.TrimSpace(values[u]) == "" {
			f := fieldByName[u]
			return &MissingFieldError{Field: u, Reason: fmt.Sprintf(
				"the letter needs {%s} (%s) but it is empty: fill it in from %s, then generate the letter again",
				u, strings.ToLower(f.Description[:1])+f.Description[1:], f.Source)}
		}
	}
	return nil
}
