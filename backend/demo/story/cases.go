package story

import (
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/casework"
	"github.com/nhs-redline/redline/backend/nhsnumber"
	"github.com/nhs-redline/redline/backend/review"
	"github.com/nhs-redline/redline/backend/risk"
	"github.com/nhs-redline/redline/backend/store"
)

// incident is where a case starts: a genuine red alert, or (when the demo
// has too few) an incident reported by phone.
type incident struct {
	alert *store.Alert
	at    time.Time
}

// cases opens four cases at different stages: one closed, one waiting for a
// decision, one with a RIDDOR report due, one under a legal hold.
func (t *teller) cases(reds []store.Alert) error {
	pool, err := t.genuinePool(reds)
	if err != nil {
		return err
	}
	take := func(i int) incident {
		a := pool[i]
		pool = append(pool[:i], pool[i+1:]...)
		return incident{&a, unix(a.RaisedAt)}
	}
	// RIDDOR first: its incident must be 10 to 13 days old for the deadline to fall a few days from now.
	riddorInc := incident{at: t.londonAt(-11, 14, 20)}
	for i := len(pool) - 1; i >= 0; i-- {
		if age := t.now.Sub(unix(pool[i].RaisedAt)); age >= 10*24*time.Hour && age < 13*24*time.Hour {
			riddorInc = take(i)
			break
		}
	}
	next := func(oldest bool, days, hour, min int) incident {
		switch {
		case len(pool) == 0:
			return incident{at: t.londonAt(days, hour, min)}
		case oldest:
			return take(0)
		}
		return take(len(pool) - 1)
	}
	closed, hold, pending := next(true, -70, 11, 5), next(true, -45, 15, 40), next(false, -20, 10, 15)
	for _, step := range []struct {
		inc incident
		fn  func(incident) error
	}{{closed, t.closedCase}, {hold, t.legalHoldCase}, {pending, t.pendingCase}, {riddorInc, t.riddorCase}} {
		if err := step.fn(step.inc); err != nil {
			return err
		}
	}
	return nil
}

// londonAt is a London wall-clock time days from now's date.
func (t *teller) londonAt(days, hour, min int) time.Time {
	d := t.now.In(store.London).AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, min, 0, 0, store.London)
}

// open opens the case for an incident: from its alert, or by hand for an
// incident reported by phone (with the worker of the nearest red alert).
func (t *teller) open(inc incident, at time.Time, title, summary string, workerID int64) (store.CaseFile, error) {
	var c store.CaseFile
	var err error
	if inc.alert != nil {
		c, err = casework.OpenFromAlert(t.ctx, t.st, inc.alert.ID, t.who(at))
	} else {
		c, err = casework.OpenManual(t.ctx, t.st, store.NewCase{Title: title, IncidentAt: inc.at.Unix(), Summary: summary,
			WorkerID: workerID}, t.who(at))
	}
	if err != nil {
		return c, fmt.Errorf("open case (%s): %w", title, err)
	}
	if inc.alert != nil { // the LSMS replaces the ARC's one-line memo with what they learned
		if err := casework.Update(t.ctx, t.st, c.ID, store.CasePatch{Summary: &summary}, t.who(at)); err != nil {
			return c, err
		}
		c.Summary = summary
	}
	t.sum.Cases = append(t.sum.Cases, c.Ref)
	return c, nil
}

func (t *teller) move(c store.CaseFile, to string, at time.Time) error {
	if err := casework.Move(t.ctx, t.st, c.ID, to, "", t.who(at)); err != nil {
		return fmt.Errorf("move %s to %s: %w", c.Ref, to, err)
	}
	return nil
}

func (t *teller) person(c store.CaseFile, p store.Person, at time.Time) error {
	p.CaseID = c.ID
	if _, err := casework.AddPerson(t.ctx, t.st, p, t.who(at)); err != nil {
		return fmt.Errorf("%s: add %s: %w", c.Ref, p.Name, err)
	}
	return nil
}

func (t *teller) note(c store.CaseFile, body string, at time.Time) (int64, error) {
	id, err := casework.AddNote(t.ctx, t.st, c.ID, body, t.who(at))
	if err != nil {
		return 0, fmt.Errorf("%s: note: %w", c.Ref, err)
	}
	return id, nil
}

func (t *teller) support(c store.CaseFile, kind, takenUp, note string, at time.Time) error {
	_, err := casework.AddSupport(t.ctx, t.st, store.Support{CaseID: c.ID, Kind: kind, OfferedOn: t.day(at), TakenUp: takenUp, Note: note}, t.who(at))
	if err != nil {
		return fmt.Errorf("%s: support: %w", c.Ref, err)
	}
	return nil
}

func (t *teller) police(c store.CaseFile, officer, ref string, at time.Time) error {
	if ref == "" {
		ref = fmt.Sprintf("13%02d%04d", c.ID, 4000+c.ID*37)
	}
	force, day := "West Yorkshire Police", t.day(at)
	err := casework.Update(t.ctx, t.st, c.ID, store.CasePatch{PoliceForce: &force, PoliceOfficer: &officer, PoliceRef: &ref,
		PoliceContactedOn: &day}, t.who(at))
	if err != nil {
		return fmt.Errorf("%s: police contact: %w", c.Ref, err)
	}
	return nil
}

// workerOf is the lone worker of an incident, or of the first red alert for a phoned-in one.
func (t *teller) workerOf(inc incident) (int64, error) {
	if inc.alert != nil {
		return inc.alert.WorkerID, nil
	}
	reds, err := t.st.ListAlerts(t.ctx, store.AlertFilter{Types: []string{"red"}}, store.AlertSort{Column: "raisedAt"}, 0, 1)
	if err != nil || len(reds) == 0 {
		return 0, err
	}
	return reds[0].WorkerID, nil
}

// closedCase runs a case from alert to closure: a warning letter issued and
// in force, the review signed off by the line manager, a risk re-scored.
func (t *teller) closedCase(inc incident) error {
	at := t.schedule(inc.at, 16)
	wid, err := t.workerOf(inc)
	if err != nil {
		return err
	}
	c, err := t.open(inc, at(1), "Abuse and threats during a home visit",
		"The patient's partner shouted abuse and threatened the worker, who left and raised a red alert from the car.", wid)
	if err != nil {
		return err
	}
	if err := t.person(c, store.Person{Role: "alleged_offender", Name: "Darren Kilbride", Address: "27 Back Ashley Road, Leeds LS9 7AJ",
		DateOfBirth: "1988-06-14", Relationship: "Partner of the patient"}, at(1)); err != nil {
		return err
	}
	if err := t.support(c, "debrief", "yes", "Debrief with the team lead the same afternoon.", at(1)); err != nil {
		return err
	}
	if err := t.move(c, casework.Investigating, at(1)); err != nil {
		return err
	}
	if _, err := t.note(c, "Listened to the recording: the threats are clear from 01:40. The operator log matches the worker's account.", at(2)); err != nil {
		return err
	}
	if err := t.move(c, casework.DecisionPending, at(4)); err != nil {
		return err
	}
	if _, err := casework.Decide(t.ctx, t.st, store.Decision{CaseID: c.ID, Route: casework.RouteSanctionLetter, Sanction: "warning_letter",
		Reasons: "First incident at this address; abuse and threats are clear on the recording; the police took no further action."}, t.who(at(5))); err != nil {
		return fmt.Errorf("%s: decide: %w", c.Ref, err)
	}
	if err := t.warningLetter(c, at); err != nil {
		return err
	}
	if err := t.move(c, casework.Review, at(6)); err != nil {
		return err
	}
	r, err := review.Assign(t.ctx, t.st, c.ID, "", t.day(at(20)), t.who(at(6)))
	if err != nil {
		return fmt.Errorf("%s: assign review: %w", c.Ref, err)
	}
	t.sum.Reviews++
	form := completedReview
	form.StaffGroups = c.TeamName
	if err := review.Save(t.ctx, t.st, r.ID, form, t.who(at(11))); err != nil {
		return fmt.Errorf("%s: review form: %w", c.Ref, err)
	}
	finding, err := review.AddFactor(t.ctx, t.st, store.ContributingFactor{ReviewID: r.ID, Category: "organisation",
		Description: "The warning marker on the partner was held by another team and not shared."}, t.who(at(11)))
	if err != nil {
		return err
	}
	// The action answers the finding: sign-off needs every finding answered.
	actionID, err := review.AddAction(t.ctx, t.st, store.ReviewAction{ReviewID: r.ID, FactorID: finding, Description: "Add a warning marker for the address to the shared record",
		Owner: r.LineManager, DueOn: t.day(at(14))}, t.who(at(11)))
	if err != nil {
		return err
	}
	if err := review.UpdateAction(t.ctx, t.st, store.ReviewAction{ID: actionID, ReviewID: r.ID, Owner: r.LineManager, DueOn: t.day(at(14)),
		Status: "done", Note: "Marker added."}, t.who(at(12))); err != nil {
		return err
	}
	if _, err := review.SignOff(t.ctx, t.st, r.ID, r.LineManager, t.who(at(13))); err != nil {
		return fmt.Errorf("%s: sign off review: %w", c.Ref, err)
	}
	if _, err := risk.Rescore(t.ctx, t.st, t.risks["lone_visits"], risk.NewScore{Kind: "current", Score: risk.Score{Consequence: 3, Likelihood: 4}},
		fmt.Sprintf("Reviewed after %s: abuse at a known address, likelihood unchanged until markers are shared", c.Ref), c.ID, t.who(at(14))); err != nil {
		return fmt.Errorf("%s: re-score risk: %w", c.Ref, err)
	}
	if err := t.move(c, casework.RiskUpdated, at(14)); err != nil {
		return err
	}
	return t.move(c, casework.Closed, at(15))
}

var completedReview = store.ReviewForm{
	IncidentType: "Verbal abuse and threats during a home visit", Severity: 3, SeverityNote: "No injury; the worker was shaken and took a day off.",
	Recurrence: 3, RecurrenceNote: "The partner has been abusive to other services.",
	CostHuman: "Distress; one day of absence", CostFinancial: "Two visits rebooked",
	Individuals:           "The lone worker; their team lead",
	WeaknessProcedural:    "No joint-visit rule for flagged addresses",
	WeaknessSystematic:    "Warning markers are not shared between teams",
	WeaknessTechnological: "None: the device and escalation worked",
	TrainingNeeds:         "Conflict resolution refresher for the team",
	MeasuresReview:        "The device worked and the ARC escalated quickly; the missing piece is sharing what other teams know.",
	SupportRating:         "effective", SupportEffectiveness: "The debrief helped; occupational health not needed.",
	Technology:    "Lone worker device with ARC listen-in and escalation to the team lead",
	AARExpected:   "A routine postnatal visit",
	AARHappened:   "The partner became abusive; the worker raised a red alert and left",
	AARDifference: "The partner's history was known to another team but not to ours",
	AARLearn:      "Share warning markers before visits; visit flagged addresses in pairs",
}

// legalHoldCase is a case referred to the police, now going to court: a
// legal hold keeps its evidence, a referral letter waits for approval and
// the line manager's review is due within days.
func (t *teller) legalHoldCase(inc incident) error {
	at := t.schedule(inc.at, 12)
	wid, err := t.workerOf(inc)
	if err != nil {
		return err
	}
	c, err := t.open(inc, at(0.8), "Assault on a lone worker at a hostel",
		"A resident pushed the worker against a wall and took their phone; the worker raised a red alert.", wid)
	if err != nil {
		return err
	}
	ref := ""
	if inc.alert != nil {
		ref = inc.alert.PoliceRef
	}
	if err := t.person(c, store.Person{Role: "alleged_offender", Name: "Wayne Heptonstall", Address: "Room 6, 41 Manningham Lane, Bradford BD8 7HB",
		DateOfBirth: "1979-11-02", Relationship: "Patient"}, at(0.8)); err != nil {
		return err
	}
	if err := t.police(c, "DC 2290 Imogen Booth", ref, at(0.9)); err != nil {
		return err
	}
	assault := true
	if err := casework.Update(t.ctx, t.st, c.ID, store.CasePatch{PhysicalAssault: &assault}, t.who(at(0.9))); err != nil {
		return err
	}
	if err := t.support(c, "occupational_health", "yes", "Referred to occupational health for a bruised shoulder.", at(1)); err != nil {
		return err
	}
	if err := t.move(c, casework.Investigating, at(1)); err != nil {
		return err
	}
	if _, err := casework.Decide(t.ctx, t.st, store.Decision{CaseID: c.ID, Route: casework.RoutePolice,
		Reasons: "Physical assault; the worker wants to support a prosecution and the recording captures it."}, t.who(at(3))); err != nil {
		return fmt.Errorf("%s: decide: %w", c.Ref, err)
	}
	hold, why := true, "The CPS has charged the resident with assault; hearing at Bradford Magistrates' Court. Keep the recording and memos."
	if err := casework.Update(t.ctx, t.st, c.ID, store.CasePatch{LegalHold: &hold, LegalHoldReason: &why}, t.who(at(7))); err != nil {
		return fmt.Errorf("%s: legal hold: %w", c.Ref, err)
	}
	if err := t.move(c, casework.Review, at(8)); err != nil {
		return err
	}
	// Assigned 11 days ago (or when the case reached review, if later), due in 3 days.
	r, err := review.Assign(t.ctx, t.st, c.ID, "", t.now.In(store.London).AddDate(0, 0, 3).Format(time.DateOnly),
		t.who(later(at(8), t.now.AddDate(0, 0, -11))))
	if err != nil {
		return fmt.Errorf("%s: assign review: %w", c.Ref, err)
	}
	t.sum.Reviews++
	partial := store.ReviewForm{IncidentType: "Physical assault at a hostel", Severity: 3, Recurrence: 4,
		AARExpected: "A planned medication review with hostel staff present"}
	if err := review.Save(t.ctx, t.st, r.ID, partial, t.who(later(at(10), t.now.AddDate(0, 0, -4)))); err != nil {
		return err
	}
	// The referral letter is drafted last, after the court date is known, and waits for approval.
	if ok, err := t.hasRecording(c); !ok || err != nil {
		return err
	}
	if _, err := t.office.Draft(t.ctx, c.ID, t.who(later(at(11), t.now.Add(-26*time.Hour)))); err != nil {
		return fmt.Errorf("%s: draft letter: %w", c.Ref, err)
	}
	t.sum.Letters++
	return nil
}

// warningLetter drafts, approves and issues the closed case's warning.
func (t *teller) warningLetter(c store.CaseFile, at func(float64) time.Time) error {
	if ok, err := t.hasRecording(c); !ok || err != nil {
		return err
	}
	l, err := t.office.Draft(t.ctx, c.ID, t.who(at(5.1)))
	if err != nil {
		return fmt.Errorf("%s: draft letter: %w", c.Ref, err)
	}
	if _, err := t.office.Approve(t.ctx, l.ID, t.by(Approver, at(5.9))); err != nil {
		return fmt.Errorf("%s: approve letter: %w", c.Ref, err)
	}
	if _, err := t.office.Issue(t.ctx, l.ID, t.day(at(6)), "recorded_delivery", t.who(at(6))); err != nil {
		return fmt.Errorf("%s: issue letter: %w", c.Ref, err)
	}
	t.sum.Letters++
	return nil
}

// hasRecording says whether a case has a recording to tell the alleged
// offender about: every letter must (PT 10.8). A case opened by hand in a
// demo too small to have enough genuine alerts has none, and gets no letter.
func (t *teller) hasRecording(c store.CaseFile) (bool, error) {
	for _, id := range c.AlertIDs {
		media, err := t.st.MediaForAlert(t.ctx, id)
		if err != nil {
			return false, err
		}
		for _, m := range media {
			if m.DestroyedAt == nil {
				return true, nil
			}
		}
	}
	return false, nil
}

// pendingCase is investigated and waiting for the LSMS's decision: offender
// (with an NHS number), a witness, tasks (one overdue), notes and police contact.
func (t *teller) pendingCase(inc incident) error {
	at := t.schedule(inc.at, 6)
	wid, err := t.workerOf(inc)
	if err != nil {
		return err
	}
	c, err := t.open(inc, at(0.7), "Threats during a wound dressing visit",
		"The patient's son blocked the doorway and threatened the worker, who raised a red alert; the ARC called the police.", wid)
	if err != nil {
		return err
	}
	ref := ""
	if inc.alert != nil {
		ref = inc.alert.PoliceRef
	}
	if err := t.person(c, store.Person{Role: "alleged_offender", Name: "Liam Prendergast", Address: "9 Harehills Place, Leeds LS8 5HX",
		DateOfBirth: "1991-02-27", NHSNumber: validNHSNumber("485777345"), Relationship: "Son of the patient",
		Contact: "07700 900412"}, at(0.7)); err != nil {
		return err
	}
	if err := t.person(c, store.Person{Role: "witness", Name: "Maureen Dobson", Address: "11 Harehills Place, Leeds LS8 5HX",
		Relationship: "Neighbour", Contact: "0113 496 0821"}, at(1)); err != nil {
		return err
	}
	if err := t.police(c, "PC 4512 Hannah Walsh", ref, at(0.8)); err != nil {
		return err
	}
	if err := t.move(c, casework.Investigating, at(0.8)); err != nil {
		return err
	}
	tasks := []struct{ title, owner, due string }{
		{"Ask the ARC for the full recording and operator log", "Alex Morgan (LSMS)", t.now.In(store.London).AddDate(0, 0, -3).Format(time.DateOnly)},
		{"Take a statement from the neighbour", "Alex Morgan (LSMS)", t.now.In(store.London).AddDate(0, 0, 4).Format(time.DateOnly)},
		{"Check the patient record for a warning marker", "Team lead", t.day(at(2))},
	}
	var done int64
	for i, k := range tasks {
		id, err := casework.AddTask(t.ctx, t.st, store.Task{CaseID: c.ID, Title: k.title, Owner: k.owner, DueOn: k.due}, t.who(at(1)))
		if err != nil {
			return fmt.Errorf("%s: task: %w", c.Ref, err)
		}
		if i == 2 {
			done = id
		}
	}
	if err := t.st.CompleteTask(t.ctx, c.ID, done, true, t.who(at(2))); err != nil {
		return err
	}
	n, err := t.note(c, "Spoke to the worker: the son was waiting at the door and would not let them leave.", at(1))
	if err != nil {
		return err
	}
	if err := casework.ReviseNote(t.ctx, t.st, c.ID, n, "Spoke to the worker: the son was waiting at the door and would not let them leave for about two minutes. "+
		"They raised the alarm from a pocket and the operator heard the threats.", t.who(at(2))); err != nil {
		return err
	}
	if _, err := t.note(c, "Police attended; no arrest. The officer will share the body-worn footage if we proceed.", at(3)); err != nil {
		return err
	}
	if _, err := casework.AddUpdate(t.ctx, t.st, store.Update{CaseID: c.ID, Person: orDefault(c.WorkerName, "The lone worker"), Role: "victim", OnDay: t.day(at(4)),
		Method: "Phone", Summary: "Told them the case is with the LSMS for a decision and a warning letter is likely."}, t.who(at(4))); err != nil {
		return err
	}
	if err := t.support(c, "debrief", "yes", "", at(1)); err != nil {
		return err
	}
	return t.move(c, casework.DecisionPending, at(5))
}

// riddorCase is a physical assault that kept the worker off for more than
// seven days: the RIDDOR report falls due a few days from now.
func (t *teller) riddorCase(inc incident) error {
	at := t.schedule(inc.at, 3)
	wid, err := t.workerOf(inc)
	if err != nil {
		return err
	}
	c, err := t.open(inc, at(0.3), "Physical assault during a home assessment",
		"The worker was punched by a relative during an assessment and has been off work since.", wid)
	if err != nil {
		return err
	}
	assault, outcome := true, "injury"
	first := casework.Today(inc.at.AddDate(0, 0, 1))
	if err := casework.Update(t.ctx, t.st, c.ID, store.CasePatch{PhysicalAssault: &assault, RiddorOutcome: &outcome,
		RiddorFirstAbsence: &first}, t.who(at(2))); err != nil {
		return fmt.Errorf("%s: RIDDOR: %w", c.Ref, err)
	}
	if err := t.police(c, "PC 1187 Tom Firth", "", at(0.4)); err != nil {
		return err
	}
	if err := t.move(c, casework.Investigating, at(0.5)); err != nil {
		return err
	}
	if _, err := t.note(c, "The worker is still off with a facial injury. Occupational health to advise on a phased return.", at(2)); err != nil {
		return err
	}
	return t.support(c, "counselling", "", "Offered through the employee assistance programme.", at(2))
}

// validNHSNumber appends the Modulus 11 check digit to nine digits, moving
// to the next nine-digit number when no check digit exists.
func validNHSNumber(first9 string) string {
	var d [9]int
	for i := range d {
		d[i] = int(first9[i] - '0')
	}
	for {
		if check, ok := nhsnumber.CheckDigit(d); ok {
			out := make([]byte, 0, 10)
			for _, x := range d {
				out = append(out, byte('0'+x))
			}
			return string(append(out, byte('0'+check)))
		}
		for i := 8; i >= 0; i-- { // add one, carrying
			if d[i]++; d[i] < 10 {
				break
			}
			d[i] = 0
		}
	}
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
