package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ReviewForm is the part of a post-incident review the line manager fills in:
// the ten factors of NG 8.5.1 and the After Action Review questions.
type ReviewForm struct {
	IncidentType          string `json:"incidentType"`
	Severity              int    `json:"severity"` // 1 negligible .. 5 catastrophic; 0 not yet
	SeverityNote          string `json:"severityNote"`
	Recurrence            int    `json:"recurrence"` // 1 rare .. 5 almost certain; 0 not yet
	RecurrenceNote        string `json:"recurrenceNote"`
	CostHuman             string `json:"costHuman"`
	CostFinancial         string `json:"costFinancial"`
	Individuals           string `json:"individuals"`
	StaffGroups           string `json:"staffGroups"`
	WeaknessProcedural    string `json:"weaknessProcedural"`
	WeaknessSystematic    string `json:"weaknessSystematic"`
	WeaknessTechnological string `json:"weaknessTechnological"`
	TrainingNeeds         string `json:"trainingNeeds"`
	MeasuresReview        string `json:"measuresReview"`
	SupportRating         string `json:"supportRating"` // effective, partly_effective, not_effective, not_taken_up
	SupportEffectiveness  string `json:"supportEffectiveness"`
	Technology            string `json:"technology"`
	AARExpected           string `json:"aarExpected"`
	AARHappened           string `json:"aarHappened"`
	AARDifference         string `json:"aarDifference"`
	AARLearn              string `json:"aarLearn"`
	// NoActionNeeded states that the review agreed no action, for the reason
	// given: sign-off needs that or at least one action.
	NoActionNeeded bool   `json:"noActionNeeded"`
	NoActionReason string `json:"noActionReason"`
}

// Review is a case's post-incident review.
type Review struct {
	ID          int64  `json:"id"`
	CaseID      int64  `json:"caseId"`
	CaseRef     string `json:"caseRef"`
	CaseTitle   string `json:"caseTitle"`
	LineManager string `json:"lineManager"`
	// LineManagerLogin is the line manager's own login in a team database,
	// under which they see and sign off the review; "" on a laptop.
	LineManagerLogin    string     `json:"lineManagerLogin"`
	DueOn               string     `json:"dueOn"`
	AssignedAt          int64      `json:"assignedAt"`
	AssignedBy          string     `json:"assignedBy"`
	Form                ReviewForm `json:"form"`
	UpdatedAt           int64      `json:"updatedAt"`
	UpdatedBy           string     `json:"updatedBy"`
	SignedOffAt         *int64     `json:"signedOffAt"`
	SignedOffBy         string     `json:"signedOffBy"`
	SignedOffRecordedBy string     `json:"signedOffRecordedBy"`
}

// ContributingFactor is one factor that contributed to the incident.
type ContributingFactor struct {
	ID          int64  `json:"id"`
	ReviewID    int64  `json:"reviewId"`
	Category    string `json:"category"`
	Description string `json:"description"`
	AddedAt     int64  `json:"addedAt"`
	AddedBy     string `json:"addedBy"`
	// NoActionReason marks the finding as needing no action, and says why.
	NoActionReason string `json:"noActionReason"`
}

// ReviewAction is an action the review agreed, with owner and due date.
type ReviewAction struct {
	ID          int64  `json:"id"`
	ReviewID    int64  `json:"reviewId"`
	CaseID      int64  `json:"caseId"` // read only: My work opens the case's review from an action
	CaseRef     string `json:"caseRef"`
	FactorID    int64  `json:"factorId"` // the finding it answers; 0 for the review as a whole
	Description string `json:"description"`
	Owner       string `json:"owner"`
	DueOn       string `json:"dueOn"`
	Status      string `json:"status"`
	Note        string `json:"note"`
	CreatedAt   int64  `json:"createdAt"`
	CreatedBy   string `json:"createdBy"`
	UpdatedAt   int64  `json:"updatedAt"`
	UpdatedBy   string `json:"updatedBy"`
}

const reviewColumns = `r.id, r.case_id, c.ref, c.title, r.line_manager, r.due_on, r.assigned_at, r.assigned_by, r.incident_type,
	r.severity, r.severity_note, r.recurrence, r.recurrence_note, r.cost_human, r.cost_financial, r.individuals, r.staff_groups,
	r.weakness_procedural, r.weakness_systematic, r.weakness_technological, r.training_needs, r.measures_review,
	r.support_rating, r.support_effectiveness, r.technology, r.aar_expected, r.aar_happened, r.aar_difference, r.aar_learn,
	r.no_action_needed, r.no_action_reason, r.updated_at, r.updated_by, r.signed_off_at, r.signed_off_by, r.signed_off_recorded_by, r.line_manager_login`

// reviewFrom joins a review to its case's reference and title: through the
// review_case_facts view for a line manager, who may not read cases (issue
// 16), straight from cases for everyone else.
func (s *Store) reviewFrom(ctx context.Context) string {
	if s.lineManagerPath(ctx) {
		return ` FROM reviews r JOIN review_case_facts c ON c.review_id = r.id`
	}
	return ` FROM reviews r JOIN cases c ON c.id = r.case_id`
}

func scanReview(sc interface{ Scan(...any) error }) (Review, error) {
	var r Review
	var signed sql.NullInt64
	f := &r.Form
	err := sc.Scan(&r.ID, &r.CaseID, &r.CaseRef, &r.CaseTitle, &r.LineManager, &r.DueOn, &r.AssignedAt, &r.AssignedBy, &f.IncidentType,
		&f.Severity, &f.SeverityNote, &f.Recurrence, &f.RecurrenceNote, &f.CostHuman, &f.CostFinancial, &f.Individuals, &f.StaffGroups,
		&f.WeaknessProcedural, &f.WeaknessSystematic, &f.WeaknessTechnological, &f.TrainingNeeds, &f.MeasuresReview,
		&f.SupportRating, &f.SupportEffectiveness, &f.Technology, &f.AARExpected, &f.AARHappened, &f.AARDifference, &f.AARLearn,
		&f.NoActionNeeded, &f.NoActionReason, &r.UpdatedAt, &r.UpdatedBy, &signed, &r.SignedOffBy, &r.SignedOffRecordedBy, &r.LineManagerLogin)
	r.SignedOffAt = ptrInt(signed)
	return r, err
}

// AssignReview starts (or reassigns, before sign-off) a case's review.
func (s *Store) AssignReview(ctx context.Context, caseID int64, lineManager, dueOn string, who Who) (Review, error) {
	return s.AssignReviewTo(ctx, caseID, lineManager, "", dueOn, who)
}

// AssignReviewTo starts or reassigns a case's review, naming in a team
// database the line manager's own login (login), under which they alone see
// and sign it off; "" leaves it to the LSMS (on a laptop, always).
func (s *Store) AssignReviewTo(ctx context.Context, caseID int64, lineManager, login, dueOn string, who Who) (Review, error) {
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		var signed sql.NullInt64
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id, signed_off_at FROM reviews WHERE case_id = ?`, caseID).Scan(&id, &signed)
		switch {
		case err == sql.ErrNoRows:
			newID, err := insertRowID(ctx, tx, `INSERT INTO reviews(case_id, line_manager, line_manager_login, due_on, assigned_at, assigned_by,
				updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?)`, caseID, lineManager, login, dueOn, who.At, who.Actor, who.At, who.Actor)
			if err != nil {
				return fmt.Errorf("start the review of case %d: %w", caseID, err)
			}
			id = newID
		case err != nil:
			return err
		case signed.Valid:
			return fmt.Errorf("the review is signed off: it cannot be reassigned")
		default:
			if _, err := tx.ExecContext(ctx, `UPDATE reviews SET line_manager = ?, line_manager_login = ?, due_on = ?, updated_at = ?,
				updated_by = ? WHERE id = ?`, lineManager, login, dueOn, who.At, who.Actor, id); err != nil {
				return err
			}
		}
		detail := map[string]any{"case": caseID, "lineManager": lineManager, "dueOn": dueOn}
		if login != "" {
			detail["login"] = login
		}
		return s.logChange(ctx, tx, who, "review.assign", "review", id, detail)
	})
	if err != nil {
		return Review{}, err
	}
	return s.ReviewForCase(ctx, caseID)
}

// ReviewForCase returns a case's review, or ErrNotFound when none has started.
func (s *Store) ReviewForCase(ctx context.Context, caseID int64) (Review, error) {
	r, err := scanReview(s.db.QueryRowContext(ctx, `SELECT `+reviewColumns+s.reviewFrom(ctx)+` WHERE r.case_id = ?`, caseID))
	if err == sql.ErrNoRows {
		return r, fmt.Errorf("case %d has no post-incident review yet: %w", caseID, ErrNotFound)
	}
	return r, err
}

// Review returns one review.
func (s *Store) Review(ctx context.Context, id int64) (Review, error) {
	r, err := scanReview(s.db.QueryRowContext(ctx, `SELECT `+reviewColumns+s.reviewFrom(ctx)+` WHERE r.id = ?`, id))
	if err == sql.ErrNoRows {
		return r, fmt.Errorf("review %d: %w", id, ErrNotFound)
	}
	return r, err
}

// Reviews lists reviews, unsigned first then newest.
func (s *Store) Reviews(ctx context.Context, onlyOpen bool) ([]Review, error) {
	q := `SELECT ` + reviewColumns + s.reviewFrom(ctx)
	if onlyOpen {
		q += ` WHERE r.signed_off_at IS NULL`
	}
	return queryList(ctx, s.db, q+` ORDER BY r.signed_off_at IS NOT NULL, r.due_on, r.id DESC LIMIT 2000`, nil, scanReview)
}

func reviewOpen(ctx context.Context, tx *sql.Tx, id int64) error {
	var signed sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT signed_off_at FROM reviews WHERE id = ?`, id).Scan(&signed)
	if err == sql.ErrNoRows {
		return fmt.Errorf("review %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return err
	}
	if signed.Valid {
		return fmt.Errorf("the review was signed off and can no longer be changed")
	}
	return nil
}

// SaveReviewForm stores the form over whatever is saved now; the audit entry
// holds the whole form.
func (s *Store) SaveReviewForm(ctx context.Context, id int64, f ReviewForm, who Who) error {
	return s.SaveReviewFormSeen(ctx, id, f, ReviewSeen{At: AsCurrent}, who)
}

// ReviewSeen is the saved review a person's form started from: its last
// save's time and author (At AsCurrent: whatever is saved now).
type ReviewSeen struct {
	At int64  `json:"at"`
	By string `json:"by"`
}

// SaveReviewFormSeen stores the form, provided the review is still as seen:
// the LSMS and the line manager may both have it open, and one must not write
// over the other's answers unseen. A save since then by the same person (an
// earlier autosave still on its way) is no conflict.
func (s *Store) SaveReviewFormSeen(ctx context.Context, id int64, f ReviewForm, seen ReviewSeen, who Who) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := lockRow(ctx, tx, "reviews", id); err != nil {
			return err
		}
		if err := reviewOpen(ctx, tx, id); err != nil {
			return err
		}
		if err := reviewStillAsSeen(ctx, tx, id, seen, who); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE reviews SET incident_type=?, severity=?, severity_note=?, recurrence=?, recurrence_note=?,
			cost_human=?, cost_financial=?, individuals=?, staff_groups=?, weakness_procedural=?, weakness_systematic=?,
			weakness_technological=?, training_needs=?, measures_review=?, support_rating=?, support_effectiveness=?, technology=?,
			aar_expected=?, aar_happened=?, aar_difference=?, aar_learn=?, no_action_needed=?, no_action_reason=?, updated_at=?, updated_by=? WHERE id = ?`,
			f.IncidentType, f.Severity, f.SeverityNote, f.Recurrence, f.RecurrenceNote, f.CostHuman, f.CostFinancial, f.Individuals,
			f.StaffGroups, f.WeaknessProcedural, f.WeaknessSystematic, f.WeaknessTechnological, f.TrainingNeeds, f.MeasuresReview,
			f.SupportRating, f.SupportEffectiveness, f.Technology, f.AARExpected, f.AARHappened, f.AARDifference, f.AARLearn,
			boolInt(f.NoActionNeeded), f.NoActionReason, who.At, who.Actor, id)
		if err != nil {
			return fmt.Errorf("save review %d: %w", id, err)
		}
		return s.logChange(ctx, tx, who, "review.save", "review", id, f)
	})
}

// reviewStillAsSeen refuses with a *ChangedError when someone else saved the
// review after the save the person's form started from. The caller holds the
// row lock.
func reviewStillAsSeen(ctx context.Context, tx *sql.Tx, id int64, seen ReviewSeen, who Who) error {
	if seen.At == AsCurrent {
		return nil
	}
	var at int64
	var by string
	if err := tx.QueryRowContext(ctx, `SELECT updated_at, updated_by FROM reviews WHERE id = ?`, id).Scan(&at, &by); err != nil {
		return fmt.Errorf("review %d: %w", id, err)
	}
	if (at == seen.At && by == seen.By) || by == who.Actor {
		return nil
	}
	return &ChangedError{What: "this review", By: by, At: at}
}

// boolInt writes a flag as 0 or 1: both engines store it in an INTEGER column.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// AddContributingFactor adds a factor to an unsigned review.
func (s *Store) AddContributingFactor(ctx context.Context, f ContributingFactor, who Who) (int64, error) {
	var id int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		if err := reviewOpen(ctx, tx, f.ReviewID); err != nil {
			return err
		}
		var err error
		id, err = insertRowID(ctx, tx, `INSERT INTO review_factors(review_id, category, description, added_at, added_by) VALUES (?,?,?,?,?)`,
			f.ReviewID, f.Category, f.Description, who.At, who.Actor)
		if err != nil {
			return fmt.Errorf("add contributing factor: %w", err)
		}
		return s.logChange(ctx, tx, who, "review.factor_add", "review", f.ReviewID, map[string]any{"factor": id, "category": f.Category, "description": f.Description})
	})
	return id, err
}

// RemoveContributingFactor removes a factor from an unsigned review.
func (s *Store) RemoveContributingFactor(ctx context.Context, reviewID, factorID int64, who Who) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		if err := reviewOpen(ctx, tx, reviewID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM review_factors WHERE id = ? AND review_id = ?`, factorID, reviewID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("contributing factor %d: %w", factorID, ErrNotFound)
		}
		// Its actions stay, as actions on the review as a whole.
		if _, err := tx.ExecContext(ctx, `UPDATE review_actions SET factor_id = NULL WHERE review_id = ? AND factor_id = ?`, reviewID, factorID); err != nil {
			return err
		}
		return s.logChange(ctx, tx, who, "review.factor_remove", "review", reviewID, map[string]any{"factor": factorID})
	})
}

// ContributingFactors lists a review's factors.
func (s *Store) ContributingFactors(ctx context.Context, reviewID int64) ([]ContributingFactor, error) {
	return queryList(ctx, s.db, `SELECT id, review_id, category, description, added_at, added_by, no_action_reason FROM review_factors
		WHERE review_id = ? ORDER BY id`, []any{reviewID}, func(sc interface{ Scan(...any) error }) (ContributingFactor, error) {
		var f ContributingFactor
		return f, sc.Scan(&f.ID, &f.ReviewID, &f.Category, &f.Description, &f.AddedAt, &f.AddedBy, &f.NoActionReason)
	})
}

// MarkFactorNoAction records that a finding needs no action, and why; an
// empty reason takes the mark away. Only before sign-off.
func (s *Store) MarkFactorNoAction(ctx context.Context, reviewID, factorID int64, reason string, who Who) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		if err := reviewOpen(ctx, tx, reviewID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE review_factors SET no_action_reason = ? WHERE id = ? AND review_id = ?`, reason, factorID, reviewID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("contributing factor %d: %w", factorID, ErrNotFound)
		}
		return s.logChange(ctx, tx, who, "review.factor_no_action", "review", reviewID, map[string]any{"factor": factorID, "reason": reason})
	})
}

// AddReviewAction adds an action. Actions may be added after sign-off too:
// follow-up work goes on after the review is agreed.
func (s *Store) AddReviewAction(ctx context.Context, a ReviewAction, who Who) (int64, error) {
	var id int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		factor, err := actionFactor(ctx, tx, a)
		if err != nil {
			return err
		}
		id, err = insertRowID(ctx, tx, `INSERT INTO review_actions(review_id, factor_id, description, owner, due_on, status, note, created_at,
			created_by, updated_at, updated_by) VALUES (?,?,?,?,?,'open',?,?,?,?,?)`, a.ReviewID, factor, a.Description, a.Owner, a.DueOn, a.Note,
			who.At, who.Actor, who.At, who.Actor)
		if err != nil {
			return fmt.Errorf("add action: %w", err)
		}
		return s.logChange(ctx, tx, who, "review.action_add", "review", a.ReviewID, map[string]any{"action": id,
			"description": a.Description, "owner": a.Owner, "dueOn": a.DueOn, "factor": a.FactorID})
	})
	return id, err
}

// actionFactor is the factor_id an action is stored with: NULL for the
// review as a whole, else a finding of the same review.
func actionFactor(ctx context.Context, tx *sql.Tx, a ReviewAction) (any, error) {
	if a.FactorID == 0 {
		return nil, nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM review_factors WHERE id = ? AND review_id = ?`, a.FactorID, a.ReviewID).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("contributing factor %d of review %d: %w", a.FactorID, a.ReviewID, ErrNotFound)
	}
	return a.FactorID, nil
}

// UpdateReviewAction changes an action's status, owner, due date or note.
func (s *Store) UpdateReviewAction(ctx context.Context, a ReviewAction, who Who) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE review_actions SET owner = ?, due_on = ?, status = ?, note = ?, updated_at = ?, updated_by = ?
			WHERE id = ? AND review_id = ?`, a.Owner, a.DueOn, a.Status, a.Note, who.At, who.Actor, a.ID, a.ReviewID)
		if err != nil {
			return fmt.Errorf("update action %d: %w", a.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("action %d of review %d: %w", a.ID, a.ReviewID, ErrNotFound)
		}
		return s.logChange(ctx, tx, who, "review.action_update", "review", a.ReviewID, map[string]any{"action": a.ID,
			"owner": a.Owner, "dueOn": a.DueOn, "status": a.Status, "note": a.Note})
	})
}

const actionColumns = `a.id, a.review_id, r.case_id, c.ref, coalesce(a.factor_id, 0), a.description, a.owner, a.due_on, a.status, a.note, a.created_at, a.created_by,
	a.updated_at, a.updated_by`

// actionFrom joins an action to its review and case, as reviewFrom does.
func (s *Store) actionFrom(ctx context.Context) string {
	return ` FROM review_actions a JOIN reviews r ON r.id = a.review_id` + s.reviewFrom(ctx)[len(` FROM reviews r`):]
}

func scanAction(sc interface{ Scan(...any) error }) (ReviewAction, error) {
	var a ReviewAction
	return a, sc.Scan(&a.ID, &a.ReviewID, &a.CaseID, &a.CaseRef, &a.FactorID, &a.Description, &a.Owner, &a.DueOn, &a.Status, &a.Note, &a.CreatedAt,
		&a.CreatedBy, &a.UpdatedAt, &a.UpdatedBy)
}

// ReviewActions lists a review's actions.
func (s *Store) ReviewActions(ctx context.Context, reviewID int64) ([]ReviewAction, error) {
	return queryList(ctx, s.db, `SELECT `+actionColumns+s.actionFrom(ctx)+` WHERE a.review_id = ? ORDER BY a.due_on, a.id`, []any{reviewID}, scanAction)
}

// ReviewActionsDueBy lists open actions due on or before day (yyyy-mm-dd), for My work.
func (s *Store) ReviewActionsDueBy(ctx context.Context, day string) ([]ReviewAction, error) {
	return queryList(ctx, s.db, `SELECT `+actionColumns+s.actionFrom(ctx)+` WHERE a.status IN ('open', 'in_progress') AND a.due_on <= ?
		ORDER BY a.due_on, a.id`, []any{day}, scanAction)
}

// ReviewsDueBy lists unsigned reviews due on or before day, for My work.
func (s *Store) ReviewsDueBy(ctx context.Context, day string) ([]Review, error) {
	return queryList(ctx, s.db, `SELECT `+reviewColumns+s.reviewFrom(ctx)+` WHERE r.signed_off_at IS NULL AND r.due_on <> '' AND r.due_on <= ?
		ORDER BY r.due_on, r.id`, []any{day}, scanReview)
}

// SignReviewOff records the line manager's sign-off and marks the case
// (which the closing guard reads) in the same transaction, so a review is
// never signed off with its case unmarked.
func (s *Store) SignReviewOff(ctx context.Context, id int64, signer string, who Who) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		if err := reviewOpen(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reviews SET signed_off_at = ?, signed_off_by = ?, signed_off_recorded_by = ? WHERE id = ?`,
			who.At, signer, who.Actor, id); err != nil {
			return err
		}
		if err := s.logChange(ctx, tx, who, "review.sign_off", "review", id, map[string]string{"signedOffBy": signer}); err != nil {
			return err
		}
		return s.markReviewedCase(ctx, tx, id, who)
	})
}

// MarkReviewedCase marks the case of a review signed off before the two were
// one transaction, when that mark is missing; otherwise it changes nothing.
func (s *Store) MarkReviewedCase(ctx context.Context, reviewID int64, who Who) error {
	return s.Tx(ctx, func(tx *sql.Tx) error { return s.markReviewedCase(ctx, tx, reviewID, who) })
}

// markReviewedCase copies a signed-off review's sign-off to its case, with
// the audit entry case.review_signed_off. In a team database a line manager
// may not touch cases, so a function that checks the caller does it
// (migrations_pg/0086_review_marks_case.sql).
func (s *Store) markReviewedCase(ctx context.Context, tx *sql.Tx, reviewID int64, who Who) error {
	var caseID sql.NullInt64
	var err error
	if s.engine == Postgres {
		err = tx.QueryRowContext(ctx, `SELECT redline_mark_review_signed_off(?)`, reviewID).Scan(&caseID)
	} else {
		err = tx.QueryRowContext(ctx, `UPDATE cases SET review_signed_off_at = r.signed_off_at, review_signed_off_by = r.signed_off_recorded_by,
			updated_at = r.signed_off_at FROM reviews r WHERE r.id = ? AND cases.id = r.case_id AND r.signed_off_at IS NOT NULL
			AND cases.review_signed_off_at IS NULL RETURNING cases.id`, reviewID).Scan(&caseID)
		if errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
	}
	if err != nil || !caseID.Valid {
		return err
	}
	return s.audit(ctx, tx, who, "case.review_signed_off", "case", caseID.Int64, "")
}

// WorkerLineManager is the line manager named for a worker in the HR or ARC list.
func (s *Store) WorkerLineManager(ctx context.Context, workerID int64) (string, error) {
	var lm string
	err := s.db.QueryRowContext(ctx, `SELECT line_manager FROM workers WHERE id = ?`, workerID).Scan(&lm)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return lm, err
}
