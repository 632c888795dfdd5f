package bundle

import (
	"sort"
	"strings"

	"github.com/nhs-redline/redline/backend/store"
)

// Redacted is what stands where personal data was taken out.
const Redacted = "[redacted]"

// Redactor takes chosen personal data out of a disclosure copy: the text
// itself is removed before anything is drawn, never covered with a box, so
// no copy of the PDF holds it.
type Redactor struct {
	values []string
	rep    *strings.Replacer
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
	for _, p := range people {
		switch {
		case p.Role == "lone_worker" && ch.WorkerHome:
			r.add(p.Address, p.Contact)
		case p.Role != "lone_worker" && ch.ThirdParties:
			r.add(p.Address, p.Contact, p.DateOfBirth, p.NHSNumber)
		}
	}
	// Longest first, so a whole address goes before a part of it.
	sort.Slice(r.values, func(i, j int) bool { return len(r.values[i]) > len(r.values[j]) })
	var pairs []string
	for _, v := range r.values {
		pairs = append(pairs, v, Redacted)
	}
	r.rep = strings.NewReplacer(pairs...)
	return r
}

func (r *Redactor) add(vs ...string) {
	for _, v := range vs {
		if v = strings.TrimSpace(v); len(v) >= 4 { // shorter would take out ordinary words
			r.values = append(r.values, v)
			if spaced := strings.Join(strings.Fields(v), " "); spaced != v {
				r.values = append(r.values, spaced)
			}
		}
	}
}

// Values are the texts taken out, for tests and the package's record.
func (r *Redactor) Values() []string { return append([]string(nil), r.values...) }

// Text returns s with every chosen value taken out.
func (r *Redactor) Text(s string) string {
	if r == nil || r.rep == nil {
		return s
	}
	return r.rep.Replace(s)
}

// Bundle redacts every text of b that the PDF prints.
func (r *Redactor) Bundle(b *Bundle) {
	for i := range b.People {
		p := &b.People[i]
		p.Address, p.Contact, p.DateOfBirth, p.NHSNumber = r.Text(p.Address), r.Text(p.Contact), r.Text(p.DateOfBirth), r.Text(p.NHSNumber)
	}
	b.Case.Summary, b.Case.Title = r.Text(b.Case.Summary), r.Text(b.Case.Title)
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
