package casework

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/nhsnumber"
	"github.com/nhs-redline/redline/backend/riddor"
	"github.com/nhs-redline/redline/backend/store"
)

// Categorise records the LSMS categorisation of a red alert.
func Categorise(ctx context.Context, st *store.Store, alertID int64, category, reason string, who store.Who) (store.Triage, error) {
	return st.Categorise(ctx, alertID, category, reason, who, TriageCheck(category))
}

// OpenFromAlert opens a case from a red alert the LSMS has categorised
// genuine, linking the worker's amber memos from the same London day.
func OpenFromAlert(ctx context.Context, st *store.Store, alertID int64, who store.Who) (store.CaseFile, error) {
	a, err := st.Alert(ctx, alertID)
	if err != nil {
		return store.CaseFile{}, err
	}
	t, err := st.CurrentTriage(ctx, alertID)
	if err != nil {
		return store.CaseFile{}, err
	}
	if a.Type != "red" || t == nil || t.Category != "genuine" {
		return store.CaseFile{}, problem("alert %s is not a red alert categorised genuine: categorise it first, or open a case by hand", a.ARCRef)
	}
	existing, err := st.ListCases(ctx, store.CaseFilter{AlertID: alertID, Open: true})
	if err != nil {
		return store.CaseFile{}, err
	}
	if len(existing) > 0 {
		return store.CaseFile{}, problem("alert %s already has an open case, %s", a.ARCRef, existing[0].Ref)
	}
	ids := []int64{alertID}
	day := time.Unix(a.RaisedAt, 0).In(store.London)
	start := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, store.London)
	if a.WorkerID != 0 {
		ambers, err := st.ListAlerts(ctx, store.AlertFilter{From: start.Unix(), To: start.AddDate(0, 0, 1).Unix(),
			Types: []string{"amber"}, WorkerID: a.WorkerID}, store.AlertSort{Column: "raisedAt"}, 0, 100)
		if err != nil {
			return store.CaseFile{}, err
		}
		for _, am := range ambers {
			ids = append(ids, am.ID)
		}
	}
	title := fmt.Sprintf("Red alert %s, %s, %s", a.ARCRef, a.WorkerName, day.Format("02/01/2006"))
	return st.OpenCase(ctx, store.NewCase{Title: title, Origin: "alert", IncidentAt: a.RaisedAt, Summary: a.Memo,
		WorkerID: a.WorkerID, AlertIDs: ids}, who)
}

// OpenManual opens a case for an incident reported another way.
func OpenManual(ctx context.Context, st *store.Store, n store.NewCase, who store.Who) (store.CaseFile, error) {
	n.Title, n.Summary, n.Origin = strings.TrimSpace(n.Title), strings.TrimSpace(n.Summary), "manual"
	switch {
	case n.Title == "":
		return store.CaseFile{}, problem("give the case a title")
	case n.IncidentAt == 0:
		return store.CaseFile{}, problem("give the date and time of the incident")
	case n.IncidentAt > who.At:
		return store.CaseFile{}, problem("the incident time is in the future")
	}
	return st.OpenCase(ctx, n, who)
}

// Move changes a case's state through the guarded state machine.
func Move(ctx context.Context, st *store.Store, caseID int64, to, reason string, who store.Who) error {
	return st.SetCaseState(ctx, caseID, to, strings.TrimSpace(reason), who, func(f store.CaseFacts, to string) error {
		return CheckMove(f, to, reason)
	})
}

// Decide records a decision through the five-route rules.
func Decide(ctx context.Context, st *store.Store, d store.Decision, who store.Who) (store.Decision, error) {
	return st.RecordDecision(ctx, d, who, DecisionCheck(&d, time.Unix(who.At, 0)))
}

// PersonRoles are the roles a person can have in a case.
var PersonRoles = []string{"lone_worker", "alleged_offender", "witness"}

// AddPerson checks and adds a person. An NHS number, when given, must pass
// its Modulus 11 check; it is stored as ten digits.
func AddPerson(ctx context.Context, st *store.Store, p store.Person, who store.Who) (int64, error) {
	if err := checkPerson(&p, who); err != nil {
		return 0, err
	}
	return st.AddPerson(ctx, p, who)
}

// CorrectPerson checks and corrects a person's details, keeping the old
// values; the role stays as it was added.
func CorrectPerson(ctx context.Context, st *store.Store, p store.Person, who store.Who) ([]string, error) {
	return CorrectPersonSeen(ctx, st, nil, p, who)
}

// CorrectPersonSeen is CorrectPerson provided the person's details are still
// seen, as the correcting form loaded them.
func CorrectPersonSeen(ctx context.Context, st *store.Store, seen *store.Person, p store.Person, who store.Who) ([]string, error) {
	people, err := st.People(ctx, p.CaseID)
	if err != nil {
		return nil, err
	}
	for _, x := range people {
		if x.ID == p.ID {
			p.Role = x.Role
		}
	}
	if p.Role == "" {
		return nil, problem("that person is not on this case")
	}
	if err := checkPerson(&p, who); err != nil {
		return nil, err
	}
	return st.CorrectPersonSeen(ctx, seen, p, who)
}

// checkPerson tidies p and says what is wrong with it, in plain words.
func checkPerson(p *store.Person, who store.Who) error {
	trim(&p.Name, &p.Address, &p.DateOfBirth, &p.NHSNumber, &p.Relationship, &p.Contact)
	switch {
	case !known(PersonRoles, p.Role):
		return problem("choose the person's role: lone worker, alleged offender or witness")
	case p.Name == "" && p.Role != "alleged_offender":
		return problem("give the person's name")
	case p.Name == "":
		p.Name = "Unknown"
	}
	if p.DateOfBirth != "" {
		if err := notFuture("Date of birth", p.DateOfBirth, time.Unix(who.At, 0)); err != nil {
			return err
		}
	}
	if p.NHSNumber != "" {
		n, err := nhsnumber.Validate(p.NHSNumber)
		if err != nil {
			return &Problem{Msg: err.Error() + "."}
		}
		p.NHSNumber = n
	}
	return nil
}

// AddTask checks and adds a task.
func AddTask(ctx context.Context, st *store.Store, t store.Task, who store.Who) (int64, error) {
	trim(&t.Title, &t.Owner, &t.DueOn)
	switch {
	case t.Title == "":
		return 0, problem("say what the task is")
	case t.Owner == "":
		return 0, problem("say who owns the task")
	}
	if t.DueOn != "" {
		if _, err := ParseDay("Due date", t.DueOn); err != nil {
			return 0, err
		}
	}
	return st.AddTask(ctx, t, who)
}

// AddNote adds a note.
func AddNote(ctx context.Context, st *store.Store, caseID int64, body string, who store.Who) (int64, error) {
	if strings.TrimSpace(body) == "" {
		return 0, problem("the note is empty")
	}
	return st.AddNote(ctx, caseID, body, who)
}

// ReviseNote saves a new revision of a note.
func ReviseNote(ctx context.Context, st *store.Store, caseID, noteID int64, body string, who store.Who) error {
	if strings.TrimSpace(body) == "" {
		return problem("the note is empty")
	}
	return st.ReviseNote(ctx, caseID, noteID, body, who)
}

// SupportKinds are the kinds of staff support recorded.
var SupportKinds = []string{"debrief", "occupational_health", "counselling"}

// AddSupport records support offered to the staff involved.
func AddSupport(ctx context.Context, st *store.Store, x store.Support, who store.Who) (int64, error) {
	trim(&x.OfferedOn, &x.Note, &x.TakenUp)
	if !known(SupportKinds, x.Kind) {
		return 0, problem("choose debrief, occupational health or counselling")
	}
	if !known([]string{"", "yes", "no"}, x.TakenUp) {
		return 0, problem("taken up: yes, no or not yet known")
	}
	if err := notFuture("Date offered", x.OfferedOn, time.Unix(who.At, 0)); err != nil {
		return 0, err
	}
	return st.AddSupport(ctx, x, who)
}

// AddUpdate records that the victim or a witness was kept informed.
func AddUpdate(ctx context.Context, st *store.Store, u store.Update, who store.Who) (int64, error) {
	trim(&u.Person, &u.OnDay, &u.Method, &u.Summary)
	switch {
	case u.Role != "victim" && u.Role != "witness":
		return 0, problem("choose victim or witness")
	case u.Person == "":
		return 0, problem("say who was kept informed")
	case u.Summary == "":
		return 0, problem("say what they were told")
	}
	if err := notFuture("Date", u.OnDay, time.Unix(who.At, 0)); err != nil {
		return 0, err
	}
	return st.AddUpdate(ctx, u, who)
}

// Update applies a patch to the case's police, RIDDOR, assault and hold fields.
func Update(ctx context.Context, st *store.Store, caseID int64, p store.CasePatch, who store.Who) error {
	return UpdateSeen(ctx, st, caseID, nil, p, who)
}

// UpdateSeen is Update provided the fields in seen (as the page showed them)
// are still what the case holds: a colleague's change is refused, not overwritten.
func UpdateSeen(ctx context.Context, st *store.Store, caseID int64, seen *store.CasePatch, p store.CasePatch, who store.Who) error {
	now := time.Unix(who.At, 0)
	for _, d := range []struct {
		v      *string
		name   string
		future bool // a return to work may be arranged ahead
	}{{p.PoliceContactedOn, "Police contacted on", false}, {p.RiddorFirstAbsence, "First day of absence", false},
		{p.RiddorReturn, "Back at work on", true}, {p.RiddorReportedOn, "Reported to the HSE on", false}} {
		if d.v == nil || strings.TrimSpace(*d.v) == "" {
			continue
		}
		if _, err := ParseDay(d.name, *d.v); err != nil {
			return err
		}
		if err := notFuture(d.name, *d.v, now); err != nil && !d.future {
			return err
		}
	}
	if p.RiddorOutcome != nil && !known([]string{"", "injury", "specified_injury", "death"}, *p.RiddorOutcome) {
		return problem("RIDDOR outcome: choose injury with absence, specified injury or death")
	}
	if p.Title != nil && strings.TrimSpace(*p.Title) == "" {
		return problem("the case needs a title")
	}
	return st.UpdateCaseSeen(ctx, caseID, seen, p, who, func(c store.CaseFile) error {
		if p.LegalHold != nil && *p.LegalHold != c.LegalHold && (p.LegalHoldReason == nil || strings.TrimSpace(*p.LegalHoldReason) == "") {
			if *p.LegalHold {
				return problem("say why case %s needs a legal hold (for example, the court case it is for)", c.Ref)
			}
			return problem("say why the legal hold on case %s can be lifted", c.Ref)
		}
		next := c
		apply(&next.RiddorOutcome, p.RiddorOutcome)
		apply(&next.RiddorFirstAbsence, p.RiddorFirstAbsence)
		apply(&next.RiddorReturn, p.RiddorReturn)
		if next.RiddorOutcome != "" {
			if _, err := AssessRIDDOR(next, now); err != nil {
				return &Problem{Msg: "RIDDOR: " + err.Error()}
			}
		}
		return nil
	})
}

func apply(dst *string, v *string) {
	if v != nil {
		*dst = strings.TrimSpace(*v)
	}
}

// AssessRIDDOR applies the RIDDOR rules to what the case records.
func AssessRIDDOR(c store.CaseFile, now time.Time) (riddor.Result, error) {
	return riddor.Assess(riddor.Input{Outcome: riddor.Outcome(c.RiddorOutcome), IncidentDay: Today(time.Unix(c.IncidentAt, 0)),
		FirstAbsence: c.RiddorFirstAbsence, ReturnDay: c.RiddorReturn, Today: Today(now)})
}
