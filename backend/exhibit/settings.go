// Package exhibit owns a case's exhibits: the items that may go to court,
// numbered under the producer's initials (AM/1, AM/2, never reused), each
// with its SHA-256, and each exhibit's continuity as the audit log records it
// (received, stored, listened to, copied, exported, handed over, destroyed),
// never typed by hand.
package exhibit

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
)

// Settings say who produces the exhibits and how their references are made.
type Settings struct {
	Producer  string `json:"producer"`  // the name the statement gives: "Alex Morgan"
	Role      string `json:"role"`      // "Local Security Management Specialist"
	Initials  string `json:"initials"`  // "AM"
	Separator string `json:"separator"` // "/" gives AM/1
	KeptAt    string `json:"keptAt"`    // where exhibits are kept, for the exhibit list
	Trust     string `json:"trust"`
}

// SettingKey is where Settings are kept.
const SettingKey = "exhibits.settings"

var initialsRe = regexp.MustCompile(`^[A-Z]{1,4}$`)

// Check tidies s and refuses what would make an unreadable reference, naming the setting.
func (s Settings) Check() (Settings, error) {
	s.Producer, s.Role, s.KeptAt, s.Trust = strings.TrimSpace(s.Producer), strings.TrimSpace(s.Role), strings.TrimSpace(s.KeptAt), strings.TrimSpace(s.Trust)
	s.Initials = strings.ToUpper(strings.TrimSpace(s.Initials))
	if s.Producer == "" {
		return s, problem.InField("producer", "The producer's name is empty: exhibits are produced by a named person. Enter it in Settings > Exhibits.")
	}
	if !initialsRe.MatchString(s.Initials) {
		return s, problem.InField("initials", "The initials %q are not 1 to 4 letters: exhibit references are the producer's initials and a number, such as AM/1. Change them in Settings > Exhibits.", s.Initials)
	}
	if s.Separator == "" || len(s.Separator) > 2 || strings.IndexFunc(s.Separator, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r)
	}) >= 0 {
		return s, problem.InField("separator", "The separator %q must be one or two marks such as / or -, never a letter, digit or space. Change it in Settings > Exhibits.", s.Separator)
	}
	return s, nil
}

// Ref is the reference of exhibit number n.
func (s Settings) Ref(n int) string { return fmt.Sprintf("%s%s%d", s.Initials, s.Separator, n) }

// LoadSettings reads the settings; never saved, they follow the letters'
// LSMS (name, title, trust) with initials taken from the name and "/".
func LoadSettings(ctx context.Context, st *store.Store) (Settings, error) {
	ls, err := letters.LoadSettings(ctx, st)
	if err != nil {
		return Settings{}, err
	}
	def := Settings{Producer: ls.LSMSName, Role: ls.LSMSTitle, Initials: Initials(ls.LSMSName), Separator: "/", Trust: ls.TrustName}
	raw, err := st.Setting(ctx, SettingKey, "")
	if err != nil {
		return def, err
	}
	s := def
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			// A problem, not an error: the page shows it, with its way to Settings > Exhibits.
			return def, problem.New("The exhibit settings saved earlier cannot be read (%v): save them again in Settings > Exhibits.", err)
		}
	}
	if s.KeptAt == "" {
		s.KeptAt = "Redline evidence store, " + orDefault(s.Trust, "the trust") + " (SHA-256 checked)"
	}
	return s, nil
}

// SaveSettings checks and saves the settings, with an audit entry.
func SaveSettings(ctx context.Context, st *store.Store, s Settings, who store.Who) (Settings, error) {
	s, err := s.Check()
	if err != nil {
		return s, err
	}
	return s, st.SaveAuditedSetting(ctx, SettingKey, "settings.exhibits", s, who)
}

// Initials are the first letters of each part of a name, "Alex Morgan" -> "AM".
func Initials(name string) string {
	var b strings.Builder
	for _, f := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) }) {
		b.WriteRune(unicode.ToUpper([]rune(f)[0]))
	}
	if b.Len() == 0 || b.Len() > 4 {
		return "EX"
	}
	return b.String()
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
