package main

import (
	"context"
	"errors"

	"github.com/nhs-redline/redline/backend/problem"
	rv "github.com/nhs-redline/redline/backend/review"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/reports/exports"
)

// Reviews is the bound service behind the post-incident review form.
type Reviews struct {
	s        *session
	platform func() platform
}

// ReviewView is a review with its factors and actions, and what is still missing.
type ReviewView struct {
	Review  store.Review               `json:"review"`
	Factors []store.ContributingFactor `json:"factors"`
	Actions []store.ReviewAction       `json:"actions"`
	Missing []rv.Gap                   `json:"missing"`
}

// ReviewCatalogue is the form's fixed text: the guidance it cites, the ten
// factors, the AAR questions and the choices.
type ReviewCatalogue struct {
	Citation         string            `json:"citation"`
	Factors          []rv.Factor       `json:"factors"`
	AAR              []rv.Factor       `json:"aar"`
	FactorCategories map[string]string `json:"factorCategories"`
	SupportRatings   map[string]string `json:"supportRatings"`
	ActionStatuses   map[string]string `json:"actionStatuses"`
}

// Catalogue returns the form's fixed text.
func (r *Reviews) Catalogue() ReviewCatalogue {
	return ReviewCatalogue{rv.Citation, rv.Factors, rv.AARQuestions, rv.FactorCategories, rv.SupportRatings, rv.ActionStatuses}
}

func (r *Reviews) store() (*store.Store, error) {
	ws, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	return ws.Store, nil
}

func (r *Reviews) view(ctx context.Context, st *store.Store, rev store.Review) (ReviewView, error) {
	v := ReviewView{Review: rev}
	var err error
	if v.Factors, err = st.ContributingFactors(ctx, rev.ID); err != nil {
		return v, err
	}
	if v.Actions, err = st.ReviewActions(ctx, rev.ID); err != nil {
		return v, err
	}
	v.Missing = rv.Missing(rev.Form, v.Factors, v.Actions)
	return v, nil
}

// ForCase returns a case's review, or an empty view (id 0) before one starts.
func (r *Reviews) ForCase(caseID int64) (ReviewView, error) {
	st, err := r.store()
	if err != nil {
		return ReviewView{}, err
	}
	ctx := context.Background()
	rev, err := st.ReviewForCase(ctx, caseID)
	if errors.Is(err, store.ErrNotFound) { // not started yet: an empty form
		return ReviewView{Factors: []store.ContributingFactor{}, Actions: []store.ReviewAction{}}, nil
	}
	if err != nil {
		return ReviewView{}, err
	}
	return r.view(ctx, st, rev)
}

// List lists reviews, unsigned first.
func (r *Reviews) List(onlyOpen bool) ([]store.Review, error) {
	st, err := r.store()
	if err != nil {
		return nil, err
	}
	return st.Reviews(context.Background(), onlyOpen)
}

// Assign starts or reassigns a case's review.
func (r *Reviews) Assign(caseID int64, lineManager, dueOn string) (ReviewView, error) {
	st, err := r.store()
	if err != nil {
		return ReviewView{}, err
	}
	ctx := context.Background()
	rev, err := rv.Assign(ctx, st, caseID, lineManager, dueOn, who(r.s))
	if err != nil {
		return ReviewView{}, err
	}
	return r.view(ctx, st, rev)
}

// AssignLineManager starts or reassigns a case's review to a line manager
// by their login (team mode): they then see it in "My reviews" and sign it
// off under that login.
func (r *Reviews) AssignLineManager(caseID int64, login, dueOn string) (ReviewView, error) {
	st, err := r.store()
	if err != nil {
		return ReviewView{}, err
	}
	ctx := context.Background()
	rev, err := rv.AssignTo(ctx, st, caseID, "", login, dueOn, who(r.s))
	if err != nil {
		return ReviewView{}, err
	}
	return r.view(ctx, st, rev)
}

// Mine lists the reviews assigned to the person signed in, soonest due
// first: a line manager's own in a team database; the LSMS's all.
func (r *Reviews) Mine() ([]store.AssignedReview, error) {
	st, err := r.store()
	if err != nil {
		return nil, err
	}
	return st.AssignedReviews(context.Background())
}

// Get returns one review with its factors and actions. A review the person
// may not see is not found, as the database answers.
func (r *Reviews) Get(id int64) (ReviewView, error) {
	st, err := r.store()
	if err != nil {
		return ReviewView{}, err
	}
	v, err := r.reload(st, id)
	if errors.Is(err, store.ErrNotFound) {
		return v, problem.New("Review %d is not one you can open: it may be assigned to someone else.", id)
	}
	return v, err
}

// SignOffMine is the assigned line manager signing off their own review
// under their own login; no name is typed.
func (r *Reviews) SignOffMine(id int64) (ReviewView, error) {
	st, err := r.store()
	if err != nil {
		return ReviewView{}, err
	}
	if _, err := rv.SignOffMine(context.Background(), st, id, who(r.s)); err != nil {
		return ReviewView{}, err
	}
	return r.reload(st, id)
}

func (r *Reviews) reload(st *store.Store, id int64) (ReviewView, error) {
	ctx := context.Background()
	rev, err := st.Review(ctx, id)
	if err != nil {
		return ReviewView{}, err
	}
	return r.view(ctx, st, rev)
}

// Save stores the form, unless someone else saved the review after the save
// the page's form started from (seen).
func (r *Reviews) Save(id int64, f store.ReviewForm, seen store.ReviewSeen) (ReviewView, error) {
	st, err := r.store()
	if err != nil {
		return ReviewView{}, err
	}
	if err := rv.SaveSeen(context.Background(), st, id, f, seen, who(r.s)); err != nil {
		return ReviewView{}, err
	}
	return r.reload(st, id)
}

// AddFactor adds a contributing factor.
func (r *Reviews) AddFactor(id int64, category, description string) (ReviewView, error) {
	st, err := r.store()
	if err != nil {
		return ReviewView{}, err
	}
	if _, err := rv.AddFactor(context.Background(), st, store.ContributingFactor{ReviewID: id, Category: category, Description: description}, who(r.s)); err != nil {
		return ReviewView{}, err
	}
	return r.reload(st, id)
}

// RemoveFactor removes a contributing factor.
func (r *Reviews) RemoveFactor(id, factorID int64) (ReviewView, error) {
	st, err := r.store()
	if err != nil {
		return ReviewView{}, err
	}
	if err := st.RemoveContributingFactor(context.Background(), id, factorID, who(r.s)); err != nil {
		return ReviewView{}, err
	}
	return r.reload(st, id)
}

// MarkNoAction marks a finding as needing no action, with the reason ("" unmarks it).
func (r *Reviews) MarkNoAction(id, findingID int64, reason string) (ReviewView, error) {
	st, err := r.store()
	if err != nil {
		return ReviewView{}, err
	}
	if err := rv.MarkNoAction(context.Background(), st, id, findingID, reason, who(r.s)); err != nil {
		return ReviewView{}, err
	}
	return r.reload(st, id)
}

// AddAction adds an action with owner and due date.
func (r *Reviews) AddAction(a store.ReviewAction) (ReviewView, error) {
	st, err := r.store()
	if err != nil {
		return ReviewView{}, err
	}
	if _, err := rv.AddAction(context.Background(), st, a, who(r.s)); err != nil {
		return ReviewView{}, err
	}
	return r.reload(st, a.ReviewID)
}

// UpdateAction changes an action.
func (r *Reviews) UpdateAction(a store.ReviewAction) (ReviewView, error) {
	st, err := r.store()
	if err != nil {
		return ReviewView{}, err
	}
	if err := rv.UpdateAction(context.Background(), st, a, who(r.s)); err != nil {
		return ReviewView{}, err
	}
	return r.reload(st, a.ReviewID)
}

// SignOff records the line manager's sign-off and marks the case.
func (r *Reviews) SignOff(id int64, signer string) (ReviewView, error) {
	st, err := r.store()
	if err != nil {
		return ReviewView{}, err
	}
	if _, err := rv.SignOff(context.Background(), st, id, signer, who(r.s)); err != nil {
		return ReviewView{}, err
	}
	return r.reload(st, id)
}

// ExportPDF saves the review as a PDF through the native save dialog.
func (r *Reviews) ExportPDF(id int64) (string, error) {
	st, err := r.store()
	if err != nil {
		return "", err
	}
	rev, err := st.Review(context.Background(), id)
	if err != nil {
		return "", err
	}
	path, err := saveDialog(r.platform(), "Save the post-incident review", refFileName(rev.CaseRef)+"-review.pdf", "PDF", "*.pdf")
	if err != nil || path == "" {
		return "", err
	}
	if _, err := exports.ReviewPDF(context.Background(), st, who(r.s), id, exports.File(path)); err != nil {
		return "", err
	}
	return path, nil
}
