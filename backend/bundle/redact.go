package bundle

import (
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/nhs-redline/redline/backend/store"
)

// Redacted is what stands where personal data was taken out.
const Redacted = "[redacted]"

// Redactor takes chosen personal data out of a disclosure copy: the text
// itself is removed before anything is drawn, never covered with a box, so
// no copy of the PDF holds it.
//
// A value is found however it was typed or transcribed: in any case, with
// any spacing, a telephone or NHS number with or without its spaces and
// dashes (and +44 for a leading 0), a date of birth as stored or as dd/mm/yyyy.
// An address is also taken out in its parts, since a transcript rarely
// repeats a whole address: each part holding a number ("Room 6", "41
// Manningham Lane"), that street without its number, and the postcode. A
// part with no number (a town) stays: it identifies nobody and the bundle
// needs it (the court, the police force).
type Redactor struct {
	values []string
	re     *regexp.Regexp
}

// Choice says what a disclosure copy redacts.
type Choice struct {
	WorkerHome   bool `json:"workerHome"`   // the lone worker's home address and telephone
	ThirdParties bool `json:"thirdParties"` // others' address, telephone, date of birth and NHS number
}

// DefaultChoice is what --redacted takes out.
var DefaultChoice = Choice{WorkerHome: true, ThirdParties: true}

// NewRedactor redacts, for the case's people, what ch chooses.
func NewRedactor(people []store.Person, ch Choice) *Redactor {
	r := &Redactor{}
	seen := map[string]bool{}
	for _, p := range people {
		switch {
		case p.Role == "lone_worker" && ch.WorkerHome:
			r.address(p.Address, seen)
			r.add(seen, p.Contact)
		case p.Role != "lone_worker" && ch.ThirdParties:
			r.address(p.Address, seen)
			r.add(seen, p.Contact, p.NHSNumber)
			r.add(seen, datesOf(p.DateOfBirth)...)
		}
	}
	// Longest first: an alternation takes the first that matches, so a whole
	// address goes before a part of it.
	sort.SliceStable(r.values, func(i, j int) bool { return len(r.values[i]) > len(r.values[j]) })
	pats := make([]string, 0, len(r.values))
	for _, v := range r.values {
		pats = append(pats, pattern(v))
	}
	if len(pats) > 0 {
		r.re = regexp.MustCompile(`(?i)(?:` + strings.Join(pats, "|") + `)`)
	}
	return r
}

var postcodeRe = regexp.MustCompile(`(?i)\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b`)

// address adds an address whole and in the parts a person might say.
func (r *Redactor) address(a string, seen map[string]bool) {
	r.add(seen, a)
	for _, part := range strings.FieldsFunc(a, func(c rune) bool { return c == ',' || c == '\n' || c == ';' }) {
		part = strings.TrimSpace(part)
		if !strings.ContainsFunc(part, unicode.IsDigit) {
			continue
		}
		r.add(seen, part)
		// "41 Manningham Lane" is also said "Manningham Lane".
		if f := strings.Fields(part); len(f) >= 3 && strings.IndexFunc(f[0], unicode.IsDigit) == 0 && !strings.ContainsFunc(strings.Join(f[1:], " "), unicode.IsDigit) {
			r.add(seen, strings.Join(f[1:], " "))
		}
	}
	r.add(seen, postcodeRe.FindAllString(a, -1)...)
}

func (r *Redactor) add(seen map[string]bool, vs ...string) {
	for _, v := range vs {
		// A value typed or imported with broken UTF-8 is matched by what can be read of it.
		v = strings.Join(strings.Fields(strings.ToValidUTF8(v, "")), " ")
		// Shorter would take out ordinary words and numbers.
		if len(v) < 4 || seen[strings.ToLower(v)] {
			continue
		}
		seen[strings.ToLower(v)] = true
		r.values = append(r.values, v)
	}
}

// datesOf is a date of birth as stored (2006-01-02) and as a UK date.
func datesOf(s string) []string {
	out := []string{s}
	if t, err := time.Parse(time.DateOnly, strings.TrimSpace(s)); err == nil {
		out = append(out, t.Format("02/01/2006"), t.Format("2/1/2006"))
	}
	return out
}

var numberLike = regexp.MustCompile(`^\+?[\d\s\-().]+$`)

// pattern matches v as it may be written: words with any spacing, and a
// number with or without its separators.
func pattern(v string) string {
	if digits := strings.Map(keepDigit, v); numberLike.MatchString(v) && len(digits) >= 7 {
		return numberPattern(v, digits)
	}
	words := strings.Fields(v)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	p := strings.Join(words, `\s+`)
	if isWord(rune(v[0])) {
		p = `\b` + p
	}
	if isWord(rune(v[len(v)-1])) {
		p += `\b`
	}
	return p
}

// numberPattern matches a telephone or NHS number with any separators; a UK
// number matches both as 07700 900123 and as +44 (0)7700 900123.
func numberPattern(v, digits string) string {
	const sep = `[\s\-().]*`
	if strings.HasPrefix(strings.TrimSpace(v), "+44") {
		digits = "0" + digits[2:]
	}
	parts := strings.Split(digits, "")
	if digits[0] != '0' {
		return `\b` + strings.Join(parts, sep) + `\b`
	}
	return `(?:\b0|\+44` + sep + `(?:\(0\))?)` + sep + strings.Join(parts[1:], sep) + `\b`
}

func keepDigit(r rune) rune {
	if r >= '0' && r <= '9' {
		return r
	}
	return -1
}

func isWord(r rune) bool { return r == '_' || r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// Values are the texts taken out, for tests and the package's record.
func (r *Redactor) Values() []string { return append([]string(nil), r.values...) }

// Text returns s with every chosen value taken out.
func (r *Redactor) Text(s string) string {
	if r == nil || r.re == nil {
		return s
	}
	return r.re.ReplaceAllLiteralString(s, Redacted)
}

// Bundle redacts every text of b that the PDF prints.
func (r *Redactor) Bundle(b *Bundle) {
	for i := range b.People {
		p := &b.People[i]
		p.Address, p.Contact, p.DateOfBirth, p.NHSNumber = r.Text(p.Address), r.Text(p.Contact), r.Text(p.DateOfBirth), r.Text(p.NHSNumber)
	}
	b.Case.Summary, b.Case.Title = r.Text(b.Case.Summary), r.Text(b.Case.Title)
	b.Case.LegalHoldReason = r.Text(b.Case.LegalHoldReason)
	for i := range b.Timeline {
		b.Timeline[i].What = r.Text(b.Timeline[i].What)
	}
	if b.Decision != nil {
		b.Decision.Reasons = r.Text(b.Decision.Reasons)
	}
	for i := range b.Exhibits {
		x := &b.Exhibits[i]
		x.Description = r.Text(x.Description)
		for j := range x.Continuity {
			x.Continuity[j].What = r.Text(x.Continuity[j].What)
		}
	}
	for i := range b.Unused {
		b.Unused[i].Description = r.Text(b.Unused[i].Description)
	}
	for i := range b.Statement.Paragraphs {
		b.Statement.Paragraphs[i] = r.Text(b.Statement.Paragraphs[i])
	}
}
