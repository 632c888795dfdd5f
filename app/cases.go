package main

import (
	"context"
	"strconv"

	"github.com/nhs-redline/redline/backend/casework"
	"github.com/nhs-redline/redline/backend/riddor"
	"github.com/nhs-redline/redline/backend/store"
)

// Cases is the bound service behind the Cases screen.
type Cases struct {
	s      *session
	purger func() *purger
}

func (c *Cases) store() (*store.Store, error) {
	ws, err := c.s.workspace()
	if err != nil {
		return nil, err
	}
	return ws.Store, nil
}

// List lists cases.
func (c *Cases) List(f store.CaseFilter) ([]store.CaseFile, error) {
	st, err := c.store()
	if err != nil {
		return nil, err
	}
	return st.ListCases(context.Background(), f)
}

// CaseView is everything the case screen shows.
type CaseView struct {
	Case       store.CaseFile           `json:"case"`
	Next       []string                 `json:"next"` // states it may move to
	People     []store.Person           `json:"people"`
	PeopleFix  []store.PersonChange     `json:"peopleFix"` // corrections, oldest first
	Tasks      []store.Task             `json:"tasks"`
	Notes      []store.Note             `json:"notes"`
	Support    []store.Support          `json:"support"`
	Updates    []store.Update           `json:"updates"`
	Decisions  []store.Decision         `json:"decisions"`
	Timeline   []casework.TimelineEntry `json:"timeline"`
	History    []store.AuditEntry       `json:"history"`
	RIDDOR     *riddor.Result           `json:"riddor"`
	RIDDORNote string                   `json:"riddorNote"`
	Alerts     []store.Alert            `json:"alerts"`
}

// Get returns one case with its investigation, timeline and history.
func (c *Cases) Get(id int64) (CaseView, error) {
	st, err := c.store()
	if err != nil {
		return CaseView{}, err
	}
	ctx := context.Background()
	v := CaseView{}
	if v.Case, err = st.Case(ctx, id); err != nil {
		return v, err
	}
	v.Next = casework.Next(v.Case.State)
	steps := []func() error{
		func() (err error) { v.People, err = st.People(ctx, id); return },
		func() (err error) { v.PeopleFix, err = st.PersonHistory(ctx, id); return },
		func() (err error) { v.Tasks, err = st.Tasks(ctx, id); return },
		func() (err error) { v.Notes, err = st.Notes(ctx, id); return },
		func() (err error) { v.Support, err = st.SupportOffered(ctx, id); return },
		func() (err error) { v.Updates, err = st.Updates(ctx, id); return },
		func() (err error) { v.Decisions, err = st.Decisions(ctx, id); return },
		func() (err error) { v.Timeline, err = casework.Timeline(ctx, st, id); return },
		func() (err error) { v.History, err = st.AuditFor(ctx, "case", strconv.FormatInt(id, 10)); return },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return v, err
		}
	}
	v.Alerts = []store.Alert{}
	for _, aid := range v.Case.AlertIDs {
		a, err := st.Alert(ctx, aid)
		if err != nil {
			return v, err
		}
		v.Alerts = append(v.Alerts, a)
	}
	if v.Case.RiddorOutcome != "" {
		r, err := casework.AssessRIDDOR(v.Case, caseClock(c.s))
		if err != nil {
			v.RIDDORNote = err.Error()
		} else {
			v.RIDDOR = &r
		}
	}
	return v, nil
}

// OpenFromAlert opens a case from a red alert categorised genuine.
func (c *Cases) OpenFromAlert(alertID int64) (store.CaseFile, error) {
	st, err := c.store()
	if err != nil {
		return store.CaseFile{}, err
	}
	return casework.OpenFromAlert(context.Background(), st, alertID, who(c.s))
}

// OpenManual opens a case for an incident reported another way.
func (c *Cases) OpenManual(n store.NewCase) (store.CaseFile, error) {
	st, err := c.store()
	if err != nil {
		return store.CaseFile{}, err
	}
	return casework.OpenManual(context.Background(), st, n, who(c.s))
}

// Move changes the case's state; guards explain what is missing. seenState
// is the state the page showed: a colleague's move in between is refused.
func (c *Cases) Move(id int64, seenState, to, reason string) error {
	st, err := c.store()
	if err != nil {
		return err
	}
	return casework.MoveSeen(context.Background(), st, id, seenState, to, reason, who(c.s))
}

// Update changes the case's own fields (police, RIDDOR, assault flag, legal
// hold). seen is those fields as the page showed them: a colleague's change
// in between is refused, not overwritten.
func (c *Cases) Update(id int64, seen, p store.CasePatch) error {
	st, err := c.store()
	if err != nil {
		return err
	}
	err = casework.UpdateSeen(context.Background(), st, id, &seen, p, who(c.s))
	if err == nil && p.LegalHold != nil {
		c.purger().Kick()
	}
	return err
}

// AddPerson adds the lone worker, an alleged offender or a witness.
func (c *Cases) AddPerson(p store.Person) (int64, error) {
	st, err := c.store()
	if err != nil {
		return 0, err
	}
	return casework.AddPerson(context.Background(), st, p, who(c.s))
}

// CorrectPerson corrects a person's details (not their role) and returns
// the fields that changed; the old values stay in the case's history. seen
// is the person as the form loaded them: a colleague's correction in
// between is refused, not overwritten.
func (c *Cases) CorrectPerson(seen, p store.Person) ([]string, error) {
	st, err := c.store()
	if err != nil {
		return nil, err
	}
	return casework.CorrectPersonSeen(context.Background(), st, &seen, p, who(c.s))
}

// AddTask adds a task with an owner and due date.
func (c *Cases) AddTask(t store.Task) (int64, error) {
	st, err := c.store()
	if err != nil {
		return 0, err
	}
	return casework.AddTask(context.Background(), st, t, who(c.s))
}

// CompleteTask marks a task done or not done; a task a colleague already
// marked so is refused with who and when.
func (c *Cases) CompleteTask(caseID, taskID int64, done bool) error {
	st, err := c.store()
	if err != nil {
		return err
	}
	return st.CompleteTask(context.Background(), caseID, taskID, done, who(c.s))
}

// AddNote adds a note.
func (c *Cases) AddNote(caseID int64, body string) (int64, error) {
	st, err := c.store()
	if err != nil {
		return 0, err
	}
	return casework.AddNote(context.Background(), st, caseID, body, who(c.s))
}

// ReviseNote saves a new revision of a note; the old text is kept. seenRev
// is the revision the person edited: a colleague's later one is not overwritten.
func (c *Cases) ReviseNote(caseID, noteID, seenRev int64, body string) error {
	st, err := c.store()
	if err != nil {
		return err
	}
	return casework.ReviseNoteSeen(context.Background(), st, caseID, noteID, seenRev, body, who(c.s))
}

// AddSupport records staff support offered.
func (c *Cases) AddSupport(x store.Support) (int64, error) {
	st, err := c.store()
	if err != nil {
		return 0, err
	}
	return casework.AddSupport(context.Background(), st, x, who(c.s))
}

// AddUpdate records that the victim or a witness was kept informed.
func (c *Cases) AddUpdate(u store.Update) (int64, error) {
	st, err := c.store()
	if err != nil {
		return 0, err
	}
	return casework.AddUpdate(context.Background(), st, u, who(c.s))
}

// Decide records one of the five decisions; a change is a new decision with
// a reason. seenDecision is the id of the decision in force the page showed
// (0 for none): a colleague's decision in between is refused.
func (c *Cases) Decide(d store.Decision, seenDecision int64) (store.Decision, error) {
	st, err := c.store()
	if err != nil {
		return store.Decision{}, err
	}
	return casework.DecideSeen(context.Background(), st, d, seenDecision, who(c.s))
}

// Routes describes the five decisions for the wizard.
func (c *Cases) Routes() []casework.Route { return casework.Routes }
