// Package review owns the post-incident review (NG 8.5.1, PT 9.4): the ten
// factors, the After Action Review questions, contributing factors and
// actions, assigned to the worker's line manager and signed off by them.
package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
)

// Citation is how every screen, document and message cites the guidance's
// list of factors, word for word the same everywhere (issue 17).
const Citation = "Not Alone 8.5.1"

// Factor is one of the ten factors NG 8.5.1 asks a review to consider.
type Factor struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Hint  string `json:"hint"`
}

// Factors are the ten factors, in the guidance's order.
var Factors = []Factor{
	{"incidentType", "Type of incident", "For example physical assault, verbal abuse, theft of property or equipment"},
	{"severity", "Severity of the incident", "1 negligible to 5 catastrophic, with a note"},
	{"recurrence", "Likelihood of the incident recurring", "1 rare to 5 almost certain, with a note"},
	{"cost", "Cost to the organisation, human and financial", "Injury, absence, distress; damage, replacement, lost visits"},
	{"involved", "Individuals and staff groups involved", "Roles rather than names where possible"},
	{"weaknesses", "Weaknesses or failures that allowed the incident", "Procedural, systematic and technological"},
	{"trainingNeeds", "Training needs", "Prevention and management of violence, correct use of the lone worker device, other training"},
	{"measuresReview", "Review of measures in place", "Are the measures to manage and reduce the risk working?"},
	{"support", "Effectiveness of support for the staff involved", "Debrief, occupational health, counselling: offered, taken up, did it help?"},
	{"technology", "Technology in place to protect lone workers", "Device, escalation, ARC response; did it work as intended?"},
}

// AARQuestions are the After Action Review questions.
var AARQuestions = []Factor{
	{"aarExpected", "What was expected to happen?", ""},
	{"aarHappened", "What actually happened?", ""},
	{"aarDifference", "Why was there a difference?", ""},
	{"aarLearn", "What can we learn?", ""},
}

// FactorCategories classify contributing factors.
var FactorCategories = map[string]string{"patient": "Patient or service user", "individual": "Individual (staff)", "task": "Task",
	"team": "Team", "environment": "Work environment", "equipment": "Equipment and technology", "organisation": "Organisation", "other": "Other"}

// SupportRatings say how well support for the staff worked.
var SupportRatings = map[string]string{"effective": "Effective", "partly_effective": "Partly effective",
	"not_effective": "Not effective", "not_taken_up": "Offered but not taken up"}

// ActionStatuses are the states of a review action.
var ActionStatuses = map[string]string{"open": "Open", "in_progress": "In progress", "done": "Done", "cancelled": "Cancelled"}

// DefaultDueDays is how soon a review is due: the guidance asks for it to be done soon.
const DefaultDueDays = 14

func checkDay(field, s string) error {
	if _, err := time.ParseInLocation(time.DateOnly, s, store.London); err != nil {
		return fmt.Errorf("%s %q is not a date (yyyy-mm-dd)", field, s)
	}
	return nil
}

// Assign starts the review for a case, assigned to a line manager (the
// worker's own, when none is named).
func Assign(ctx context.Context, st *store.Store, caseID int64, lineManager, dueOn string, who store.Who) (store.Review, error) {
	return AssignTo(ctx, st, caseID, lineManager, "", dueOn, who)
}

// AssignTo is Assign naming, in a team database, the line manager's own
// login: they then see the review under it and sign it off themselves. The
// login must be an enabled line manager's; their name is the one on record.
func AssignTo(ctx context.Context, st *store.Store, caseID int64, lineManager, login, dueOn string, who store.Who) (store.Review, error) {
	lineManager, login, dueOn = strings.TrimSpace(lineManager), strings.TrimSpace(login), strings.TrimSpace(dueOn)
	if login != "" {
		p, err := st.Member(ctx, login)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return store.Review{}, problem.InField("lineManagerLogin", "No one called %s uses this team database.", login)
		case err != nil:
			return store.Review{}, err
		case p.DisabledAt != 0:
			return store.Review{}, problem.InField("lineManagerLogin", "%s has been disabled and cannot be given reviews.", login)
		case p.Role != store.RoleLineManager:
			return store.Review{}, problem.InField("lineManagerLogin", "%s is not a line manager (their role is %s).", login, p.Role.Label())
		}
		lineManager = p.DisplayName
		if lineManager == "" {
			lineManager = login
		}
	}
	c, err := st.Case(ctx, caseID)
	if err != nil {
		return store.Review{}, err
	}
	if lineManager == "" && c.WorkerID != 0 {
		if lineManager, err = st.WorkerLineManager(ctx, c.WorkerID); err != nil {
			return store.Review{}, err
		}
	}
	if lineManager == "" {
		return store.Review{}, fmt.Errorf("name the line manager who will complete the review of case %s", c.Ref)
	}
	if dueOn == "" {
		dueOn = time.Unix(who.At, 0).In(store.London).AddDate(0, 0, DefaultDueDays).Format(time.DateOnly)
	}
	if err := checkDay("due date", dueOn); err != nil {
		return store.Review{}, err
	}
	return st.AssignReviewTo(ctx, caseID, lineManager, login, dueOn, who)
}

// Save stores the form after checking its coded answers.
func Save(ctx context.Context, st *store.Store, reviewID int64, f store.ReviewForm, who store.Who) error {
	return SaveSeen(ctx, st, reviewID, f, store.ReviewSeen{At: store.AsCurrent}, who)
}

// SaveSeen is Save, refused with a *store.ChangedError when someone else
// saved the review after the save the person's form started from.
func SaveSeen(ctx context.Context, st *store.Store, reviewID int64, f store.ReviewForm, seen store.ReviewSeen, who store.Who) error {
	if f.Severity < 0 || f.Severity > 5 {
		return problem.InField("severity", "Severity must be 1 (negligible) to 5 (catastrophic), not %d.", f.Severity)
	}
	if f.Recurrence < 0 || f.Recurrence > 5 {
		return problem.InField("recurrence", "Likelihood of recurrence must be 1 (rare) to 5 (almost certain), not %d.", f.Recurrence)
	}
	if _, ok := SupportRatings[f.SupportRating]; f.SupportRating != "" && !ok {
		return problem.InField("supportRating", "Support rating %q is not one of the choices.", f.SupportRating)
	}
	if f.NoActionNeeded && strings.TrimSpace(f.NoActionReason) == "" {
		return problem.InField("noActionReason", "Say why no action is needed, or untick \"No action needed\".")
	}
	return st.SaveReviewFormSeen(ctx, reviewID, f, seen, who)
}

// Gap is one part of the review still to be answered before sign-off: the
// form field to take the person to, and what it asks, in words.
type Gap struct {
	Field string `json:"field"`
	Label string `json:"label"`
}

// Missing lists every part of the form still empty, in the form's order: a
// review is signed off only when each of the ten factors and each After Action
// Review question has an answer, each finding (contributing factor) has a live
// action or is marked "no action needed" with the reason, and the review has
// at least one live action or says no action is needed and why. A review that
// says so covers its findings too.
func Missing(f store.ReviewForm, findings []store.ContributingFactor, actions []store.ReviewAction) []Gap {
	var out []Gap
	need := func(ok bool, field, label string) {
		if !ok {
			out = append(out, Gap{field, label})
		}
	}
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	need(!blank(f.IncidentType), "incidentType", "type of incident")
	need(f.Severity > 0, "severity", "severity")
	need(f.Recurrence > 0, "recurrence", "likelihood of recurrence")
	need(!blank(f.CostHuman) || !blank(f.CostFinancial), "costHuman", "cost (human and financial)")
	need(!blank(f.Individuals) || !blank(f.StaffGroups), "individuals", "individuals and staff groups involved")
	need(!blank(f.WeaknessProcedural) || !blank(f.WeaknessSystematic) || !blank(f.WeaknessTechnological), "weaknessProcedural", "weaknesses or failures")
	need(!blank(f.TrainingNeeds), "trainingNeeds", "training needs")
	need(!blank(f.MeasuresReview), "measuresReview", "review of measures in place")
	need(f.SupportRating != "", "supportRating", "effectiveness of support")
	need(!blank(f.Technology), "technology", "technology in place")
	need(!blank(f.AARExpected), "aarExpected", "what was expected")
	need(!blank(f.AARHappened), "aarHappened", "what happened")
	need(!blank(f.AARDifference), "aarDifference", "why there was a difference")
	need(!blank(f.AARLearn), "aarLearn", "what we learn")
	if !f.NoActionNeeded {
		for _, c := range findings {
			if blank(c.NoActionReason) && !answered(c.ID, actions) {
				out = append(out, Gap{fmt.Sprintf("finding-%d", c.ID), fmt.Sprintf("an action or \"no action needed\" for the finding %q", c.Description)})
			}
		}
	}
	switch {
	case f.NoActionNeeded && blank(f.NoActionReason):
		out = append(out, Gap{"noActionReason", "why no action is needed"})
	case !f.NoActionNeeded && !hasLiveAction(actions):
		out = append(out, Gap{"actions", `at least one action, or "no action needed" with the reason`})
	}
	return out
}

// hasLiveAction reports whether any action still counts: a cancelled action
// was agreed and then dropped, so it is no answer to what the review found.
func hasLiveAction(actions []store.ReviewAction) bool {
	for _, a := range actions {
		if a.Status != "cancelled" {
			return true
		}
	}
	return false
}

// answered reports whether a live action answers the finding.
func answered(findingID int64, actions []store.ReviewAction) bool {
	for _, a := range actions {
		if a.FactorID == findingID && a.Status != "cancelled" {
			return true
		}
	}
	return false
}

// Labels are the gaps' labels, for a sentence.
func Labels(gaps []Gap) []string {
	out := make([]string, len(gaps))
	for i, g := range gaps {
		out[i] = g.Label
	}
	return out
}

// SignOff records the assigned line manager's sign-off and marks the case's
// review as signed off, which the case's closing guard reads.
func SignOff(ctx context.Context, st *store.Store, reviewID int64, signer string, who store.Who) (store.Review, error) {
	r, err := st.Review(ctx, reviewID)
	if err != nil {
		return r, err
	}
	signer = strings.TrimSpace(signer)
	if r.SignedOffAt == nil {
		if err := readyToSign(ctx, st, r, signer); err != nil {
			return r, err
		}
		if err := st.SignReviewOff(ctx, reviewID, r.LineManager, who); err != nil { // marks the case too
			return r, err
		}
	} else if err := st.MarkReviewedCase(ctx, reviewID, who); err != nil {
		// A review signed off before the two were one transaction is repaired by signing again.
		return r, fmt.Errorf("the review is signed off but case %s could not be marked: %w", r.CaseRef, err)
	}
	return st.Review(ctx, reviewID)
}

// SignOffMine is the assigned line manager signing off their own review
// under their own login (team mode): the login is the signature, so no name
// is typed, and no one else's login may sign it.
func SignOffMine(ctx context.Context, st *store.Store, reviewID int64, who store.Who) (store.Review, error) {
	r, err := st.Review(ctx, reviewID)
	if err != nil {
		return r, err
	}
	login, err := st.PersonLogin(ctx)
	if err != nil {
		return r, err
	}
	if login == "" || login != r.LineManagerLogin {
		return r, problem.InField("signer", "The review of %s is assigned to %s: only they sign it off, under their own login.", r.CaseRef, r.LineManager)
	}
	return SignOff(ctx, st, reviewID, r.LineManager, who)
}

// readyToSign checks the sign-off rule, the form before the signer's name
// (what is left to do matters more than who types it). The error names the
// first gap's field, so the form can take the person straight to it.
func readyToSign(ctx context.Context, st *store.Store, r store.Review, signer string) error {
	actions, err := st.ReviewActions(ctx, r.ID)
	if err != nil {
		return err
	}
	findings, err := st.ContributingFactors(ctx, r.ID)
	if err != nil {
		return err
	}
	if gaps := Missing(r.Form, findings, actions); len(gaps) > 0 {
		return problem.InField(gaps[0].Field, "The review cannot be signed off yet (%s). Still needed: %s. Save the form first if you have changed it.",
			Citation, strings.Join(Labels(gaps), "; "))
	}
	if !strings.EqualFold(signer, strings.TrimSpace(r.LineManager)) {
		return problem.InField("signer", "The review of %s is assigned to %s: only they sign it off (reassign it first if that has changed).", r.CaseRef, r.LineManager)
	}
	return nil
}

// AddAction adds an agreed action with its owner and due date.
func AddAction(ctx context.Context, st *store.Store, a store.ReviewAction, who store.Who) (int64, error) {
	a.Description, a.Owner, a.DueOn = strings.TrimSpace(a.Description), strings.TrimSpace(a.Owner), strings.TrimSpace(a.DueOn)
	switch {
	case a.Description == "":
		return 0, problem.InField("description", "Describe the action.")
	case a.Owner == "":
		return 0, problem.InField("owner", "Name the action's owner.")
	}
	if err := checkDay("due date", a.DueOn); err != nil {
		return 0, problem.InField("dueOn", "Give the action's due date as a date (dd/mm/yyyy).")
	}
	return st.AddReviewAction(ctx, a, who)
}

// UpdateAction changes an action's status, owner, due date or note.
func UpdateAction(ctx context.Context, st *store.Store, a store.ReviewAction, who store.Who) error {
	if _, ok := ActionStatuses[a.Status]; !ok {
		return fmt.Errorf("action status %q: use open, in_progress, done or cancelled", a.Status)
	}
	if strings.TrimSpace(a.Owner) == "" {
		return errors.New("an action needs an owner")
	}
	if err := checkDay("due date", a.DueOn); err != nil {
		return err
	}
	return st.UpdateReviewAction(ctx, a, who)
}

// MarkNoAction marks a finding as needing no action, for the reason given;
// an empty reason takes the mark away.
func MarkNoAction(ctx context.Context, st *store.Store, reviewID, findingID int64, reason string, who store.Who) error {
	return st.MarkFactorNoAction(ctx, reviewID, findingID, strings.TrimSpace(reason), who)
}

// AddFactor adds a contributing factor.
func AddFactor(ctx context.Context, st *store.Store, f store.ContributingFactor, who store.Who) (int64, error) {
	f.Description = strings.TrimSpace(f.Description)
	if _, ok := FactorCategories[f.Category]; !ok {
		return 0, fmt.Errorf("contributing factor category %q is not one of the choices", f.Category)
	}
	if f.Description == "" {
		return 0, errors.New("describe the contributing factor")
	}
	return st.AddContributingFactor(ctx, f, who)
}
