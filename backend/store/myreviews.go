package store

import "context"

// AssignedReview is one post-incident review as the person it is assigned to
// sees it: the review and the case facts it needs, nothing more.
type AssignedReview struct {
	ReviewID    int64  `json:"reviewId"`
	CaseID      int64  `json:"caseId"`
	CaseRef     string `json:"caseRef"`
	CaseTitle   string `json:"caseTitle"`
	IncidentAt  int64  `json:"incidentAt"`
	LineManager string `json:"lineManager"`
	DueOn       string `json:"dueOn"` // London date, YYYY-MM-DD, or ""
	SignedOffAt int64  `json:"signedOffAt,omitempty"`
}

// AssignedReviews lists the reviews the signed-in person may see, soonest
// due first: in a team database a line manager's own (the database's
// review_case_facts view picks them), the LSMS's all; on a laptop all.
func (s *Store) AssignedReviews(ctx context.Context) ([]AssignedReview, error) {
	facts := `(SELECT r.id AS review_id, c.id AS case_id, c.ref, c.title, c.incident_at FROM reviews r JOIN cases c ON c.id = r.case_id)`
	if s.Engine() == Postgres {
		facts = `review_case_facts`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, f.case_id, f.ref, f.title, f.incident_at, r.line_manager, r.due_on,
		COALESCE(r.signed_off_at, 0)
		FROM reviews r JOIN `+facts+` f ON f.review_id = r.id
		ORDER BY r.signed_off_at IS NOT NULL, r.due_on = '', r.due_on, r.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []AssignedReview{}
	for rows.Next() {
		var a AssignedReview
		if err := rows.Scan(&a.ReviewID, &a.CaseID, &a.CaseRef, &a.CaseTitle, &a.IncidentAt, &a.LineManager, &a.DueOn, &a.SignedOffAt); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
