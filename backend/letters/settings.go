// Package letters owns the letters an LSMS sends after a decision: the
// trust's wording, the Word templates in the data folder, the merge values
// drawn from the case, and the letter register from draft to expiry.
package letters

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
)

// Settings are the trust's own words and contacts, editable in Letters.
// Texts may use merge fields such as {trust_name} or {case_ref}.
type Settings struct {
	TrustName          string `json:"trustName"`
	Letterhead         string `json:"letterhead"`
	LSMSName           string `json:"lsmsName"`
	LSMSTitle          string `json:"lsmsTitle"`
	LSMSAddress        string `json:"lsmsAddress"`
	LSMSPhone          string `json:"lsmsPhone"`
	LSMSEmail          string `json:"lsmsEmail"`
	RecordingStatement string `json:"recordingStatement"`
	TranscriptRequest  string `json:"transcriptRequest"`
	WarningWording     string `json:"warningWording"`
	NoSanctionWording  string `json:"noSanctionWording"`
	WarningMonths      int    `json:"warningMonths"` // a warning's review date, in months after the letter date
	ExpiryMonths       int    `json:"expiryMonths"`  // its expiry, in months after the letter date; 0 reads as WarningMonths
	// ApprovalByAnother stops the person who drafted a letter from approving
	// it. Team mode always requires it, whatever the setting says.
	ApprovalByAnother    bool   `json:"approvalByAnother"`
	LegalServicesName    string `json:"legalServicesName"`
	LegalServicesAddress string `json:"legalServicesAddress"`
}

// SettingKey is where Settings are kept.
const SettingKey = "letters.settings"

// DefaultSettings follow the policy template's wording (PT 10.8, 10.10).
var DefaultSettings = Settings{
	TrustName:  "NHS Trust",
	Letterhead: "Trust Headquarters",
	LSMSTitle:  "Local Security Management Specialist",
	RecordingStatement: "The member of staff was using a lone worker protection device, and an audio recording of the incident was made. " +
		"{trust_name} holds the recording securely. Evidence, including audio recordings, may be used in criminal and civil proceedings " +
		"and to take local sanctions against alleged offenders.",
	TranscriptRequest: "You can ask for a transcript of the recording. Write to {lsms_name}, {lsms_title}, at {lsms_address}, " +
		"or email {lsms_email}, quoting reference {case_ref}. We will send you the transcript within one calendar month of your request.",
	WarningWording: "On {incident_date} a member of our staff was subjected to behaviour that was unacceptable while they were providing care. " +
		"{trust_name} has a responsibility to protect its staff from violence, threatening behaviour and verbal abuse, and does not tolerate it. " +
		"This letter is a formal warning. If this behaviour happens again, we may take further action, which can include asking the police " +
		"to prosecute, seeking a civil injunction, or arranging for your care to be provided in a different way.",
	NoSanctionWording: "We have looked into the incident on {incident_date} involving a member of our staff and have decided not to take " +
		"any further action at this time. We are writing to let you know that a recording of the incident exists.",
	WarningMonths:     12,
	ExpiryMonths:      12,
	LegalServicesName: "Legal Services",
}

var settingField = regexp.MustCompile(`\{([^{}]*)\}`)

// Check tidies the settings and refuses gaps in the mandatory wording or an
// unknown field in any text, naming the setting.
func (s Settings) Check() (Settings, error) {
	for _, p := range []*string{&s.TrustName, &s.Letterhead, &s.LSMSName, &s.LSMSTitle, &s.LSMSAddress, &s.LSMSPhone, &s.LSMSEmail,
		&s.RecordingStatement, &s.TranscriptRequest, &s.WarningWording, &s.NoSanctionWording, &s.LegalServicesName, &s.LegalServicesAddress} {
		*p = strings.TrimSpace(*p)
	}
	if s.RecordingStatement == "" {
		return s, problem.InField("recordingStatement", "The statement that a recording exists is empty: every letter to an alleged offender must say a recording exists (policy 10.8).")
	}
	if s.TranscriptRequest == "" {
		return s, problem.InField("transcriptRequest", "How to request a transcript is empty: say how the alleged offender can ask for a transcript (policy 10.8).")
	}
	if s.WarningMonths < 1 || s.WarningMonths > 60 {
		return s, problem.InField("warningMonths", "Warning review period %d months: use 1 to 60 (the guidance suggests 12).", s.WarningMonths)
	}
	if s.ExpiryMonths == 0 {
		s.ExpiryMonths = s.WarningMonths
	}
	if s.ExpiryMonths < s.WarningMonths || s.ExpiryMonths > 60 {
		return s, problem.InField("expiryMonths", "Warning expiry %d months: use the review period (%d) to 60; a warning cannot expire before its review.", s.ExpiryMonths, s.WarningMonths)
	}
	// In the form's order, so the first wrong text named is the first one the eye meets.
	for _, t := range []mergedText{
		{"recordingStatement", "The statement that a recording exists", "recording_statement", s.RecordingStatement},
		{"transcriptRequest", "How to request a transcript", "transcript_request", s.TranscriptRequest},
		{"warningWording", "Warning wording", "warning_wording", s.WarningWording},
		{"noSanctionWording", "No-sanction wording", "no_sanction_wording", s.NoSanctionWording},
	} {
		for _, m := range settingField.FindAllStringSubmatch(t.text, -1) {
			if !Known(m[1]) || m[1] == t.self {
				return s, problem.InField(t.field, "%s uses the merge field {%s}, which Redline cannot fill there: correct it.", t.name, m[1])
			}
		}
	}
	return s, nil
}

// mergedText is a settings text that may hold merge fields: field is its
// name in the form (JSON), self the merge field that would include itself.
type mergedText struct{ field, name, self, text string }

// LoadSettings reads the trust's letter settings, or the defaults.
func LoadSettings(ctx context.Context, st *store.Store) (Settings, error) {
	raw, err := st.Setting(ctx, SettingKey, "")
	if err != nil {
		return DefaultSettings, err
	}
	return parseSettings(raw)
}

// parseSettings reads settings as stored; "" (never saved) is the defaults.
func parseSettings(raw string) (Settings, error) {
	if raw == "" {
		return DefaultSettings, nil
	}
	s := DefaultSettings
	s.ExpiryMonths = 0 // settings saved before expiry had its own setting expire at review
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return DefaultSettings, fmt.Errorf("the letter settings are not readable (%v): save them again in Letters", err)
	}
	if s.ExpiryMonths == 0 {
		s.ExpiryMonths = s.WarningMonths
	}
	return s, nil
}

// SaveSettings checks and stores the settings, auditing the change.
func SaveSettings(ctx context.Context, st *store.Store, s Settings, who store.Who) (Settings, error) {
	s, err := s.Check()
	if err != nil {
		return s, err
	}
	return s, st.SaveAuditedSetting(ctx, SettingKey, "settings.letters", s, who)
}

// expand fills {fields} inside a settings text from values; unknown ones stay
// as they are (Check has refused them already).
func expand(text string, values map[string]string) string {
	return settingField.ReplaceAllStringFunc(text, func(m string) string {
		if v, ok := values[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}
