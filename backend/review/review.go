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

	"github.com/nhs-redline/redline/backend/store"
)

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
	lineManager, dueOn = strings.TrimSpace(lineManager), strings.TrimSpace(dueOn)
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
	return st.AssignReview(ctx, caseID, lineManager, dueOn, who)
}

// Save stores the form after checking its coded answers.
func Save(ctx context.Context, st *store.Store, reviewID int64, f store.ReviewForm, who store.Who) error {
	if f.Severity < 0 || f.Severity > 5 {
		return fmt.Errorf("severity must be 1 (negligible) to 5 (catastrophic), not %d", f.Severity)
	}
	if f.Recurrence < 0 || f.Recurrence > 5 {
		return fmt.Errorf("likelihood of recurrence must be 1 (rare) to 5 (almost certain), not %d", f.Recurrence)
	}
	if _, ok := SupportRatings[f.SupportRating]; f.SupportRating != "" && !ok {
		return fmt.Errorf("support rating %q is not one of the choices", f.SupportRating)
	}
	return st.SaveReviewForm(ctx, reviewID, f, who)
}

// Missing names, in words, every part of the form still empty: a review is
// signed off only when each factor and question has an answer.
func Missing(f store.ReviewForm) []string {
	var out []string
	need := func(ok bool, label string) {
		if !ok {
			out = append(out, label)
		}
	}
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	need(!blank(f.IncidentType), "type of incident")
	need(f.Severity > 0, "severity")
	need(f.Recurrence > 0, "likelihood of recurrence")
	need(!blank(f.CostHuman) || !blank(f.CostFinancial), "cost (human and financial)")
	need(!blank(f.Individuals) || !blank(f.StaffGroups), "individuals and staff groups involved")
	need(!blank(f.WeaknessProcedural) || !blank(f.WeaknessSystematic) || !blank(f.WeaknessTechnological), "weaknesses or failures")
	need(!blank(f.TrainingNeeds), "training needs")
	need(!blank(f.MeasuresReview), "review of measures in place")
	need(f.SupportRating != "", "effectiveness of support")
	need(!blank(f.Technology), "technology in place")
	need(!blank(f.AARExpected), "what was expected")
	need(!blank(f.AARHappened), "what happened")
	need(!blank(f.AARDifference), "why there was a difference")
	need(!blank(f.AARLearn), "what we learn")
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
		if !strings.EqualFold(signer, strings.TrimSpace(r.LineManager)) {
			return r, fmt.Errorf("the review of %s is assigned to %s: only they sign it off (reassign it first if that has changed)", r.CaseRef, r.LineManager)
		}
		if m := Missing(r.Form); len(m) > 0 {
			return r, fmt.Errorf("the review cannot be signed off yet: answer %s", strings.Join(m, ", "))
		}
		if err := st.SignReviewOff(ctx, reviewID, r.LineManager, who); err != nil {
			return r, err
		}
	}
	// Mark the case; a review signed off before a failure here is repaired by signing again.
	c, err := st.Case(ctx, r.CaseID)
	if err != nil {
		return r, err
	}
	if c.ReviewSignedOffAt == nil {
		if err := st.SignOffReview(ctx, r.CaseID, who); err != nil {
			return r, fmt.Errorf("the review is signed off but case %s could not be marked: %w", r.CaseRef, err)
		}
	}
	return st.Review(ctx, reviewID)
}

// AddAction adds an agreed action with its owner and due date.
func AddAction(ctx context.Context, st *store.Store, a store.ReviewAction, who store.Who) (int64, error) {
	a.Description, a.Owner, a.DueOn = strings.TrimSpace(a.Description), strings.TrimSpace(a.Owner), strings.TrimSpace(a.DueOn)
	switch {
	case a.Description == "":
		return 0, errors.New("describe the action")
	case a.Owner == "":
		return 0, errors.New("name the action's owner")
	}
	if err := checkDay("due date", a.DueOn); err != nil {
		return 0, err
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
