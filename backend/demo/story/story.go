// Package story makes the demo trust look lived in: it replays, through the
// same rules the screens use, three months of an LSMS's work on the generated
// alerts (triage, cases at every stage, letters, reviews, the risk register
// and the log of known-risk locations), so every screen has something real to show.
package story

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/nhs-redline/redline/backend/casework"
	"github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// LSMS is the demo's security specialist, the actor of everything the story does.
const LSMS = "alex.morgan"

// Approver is the demo's deputy LSMS, who checks and approves the letters
// the LSMS drafts: approval is by another person, as a team database
// requires, and the story is the same on a laptop.
const Approver = "sam.okafor"

// TriageAfter is how old a red alert must be for the story to have triaged
// it; newer ones are left waiting, as they would be on a Monday morning.
const TriageAfter = 10 * 24 * time.Hour

// Summary counts what the story added.
type Summary struct {
	Triaged       int      `json:"triaged"`
	Recategorised int      `json:"recategorised"`
	Countdowns    int      `json:"countdowns"` // false alarms categorised within the last day
	Cases         []string `json:"cases"`      // refs, in the order opened
	Letters       int      `json:"letters"`
	Reviews       int      `json:"reviews"`
	Risks         int      `json:"risks"`
	KnownRisks    int      `json:"knownRisks"`
}

// teller carries what every step needs.
type teller struct {
	ctx    context.Context
	st     *store.Store
	office *letters.Office
	now    time.Time
	limit  time.Time // nothing the story does happens later than this
	sum    Summary
	risks  map[string]int64 // register entries by short name
}

// Apply tells the story on a freshly generated demo, as of now. It uses the
// domain packages only, so every step passes the same checks and leaves the
// same audit trail as a person's would. The same demo and now give the same
// result. docs renders the letters (reports/letters in the app and the CLI).
func Apply(ctx context.Context, st *store.Store, v *vault.Vault, docs letters.Renderer, now time.Time) (Summary, error) {
	t := &teller{ctx: ctx, st: st, now: now, limit: now.Add(-30 * time.Minute), risks: map[string]int64{}}
	// Letter templates live beside the vault in the data folder.
	t.office = letters.New(st, v, filepath.Dir(v.Root()), docs)
	reds, err := t.redAlerts()
	if err != nil {
		return t.sum, err
	}
	if len(reds) == 0 {
		return t.sum, fmt.Errorf("demo story: the demo has no red alerts to work on")
	}
	steps := []struct {
		name string
		fn   func([]store.Alert) error
	}{
		{"triage", t.triage},
		{"risk register", t.register},
		{"cases", t.cases},
		{"known-risk locations", func([]store.Alert) error { return t.knownRisks() }},
	}
	for _, s := range steps {
		if err := s.fn(reds); err != nil {
			return t.sum, fmt.Errorf("demo story (%s): %w", s.name, err)
		}
	}
	return t.sum, nil
}

// redAlerts lists every red alert, oldest first.
func (t *teller) redAlerts() ([]store.Alert, error) {
	var out []store.Alert
	for offset := 0; ; offset += 1000 {
		page, err := t.st.ListAlerts(t.ctx, store.AlertFilter{Types: []string{"red"}, To: t.now.Unix()},
			store.AlertSort{Column: "raisedAt"}, offset, 1000)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) < 1000 {
			return out, nil
		}
	}
}

// who is the LSMS acting at t, never later than the story's limit.
func (t *teller) who(at time.Time) store.Who {
	return store.Who{Actor: LSMS, At: t.clamp(at).Unix()}
}

// by is who acting at t, never later than the story's limit.
func (t *teller) by(actor string, at time.Time) store.Who {
	return store.Who{Actor: actor, At: t.clamp(at).Unix()}
}

func (t *teller) clamp(at time.Time) time.Time {
	if at.After(t.limit) {
		return t.limit
	}
	return at
}

// day is the London date of at (clamped), as forms send it.
func (t *teller) day(at time.Time) string { return casework.Today(t.clamp(at)) }

// schedule spreads a case's steps after start: step d happens d days in,
// squeezed proportionally when the incident is too recent for the full span.
func (t *teller) schedule(start time.Time, span float64) func(days float64) time.Time {
	room := t.limit.Sub(start).Hours() / 24
	scale := 1.0
	if room < span {
		scale = room / span
	}
	return func(days float64) time.Time {
		return start.Add(time.Duration(days * scale * float64(24*time.Hour)))
	}
}

func unix(s int64) time.Time { return time.Unix(s, 0) }
