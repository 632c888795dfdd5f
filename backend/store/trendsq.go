package store

import "context"

// The director's trends read one period at a time, [from, to) in Unix
// seconds, through indexed ranges (alerts by type and raised_at) or small
// tables (decisions, letters, reviews, risks). None scans all alerts.

type scanner = interface{ Scan(...any) error }

// PeriodAlertCount is alerts of one type, validity and team raised in a period.
type PeriodAlertCount struct {
	Type     string
	Validity string
	TeamID   int64
	N        int
}

// AlertCountsBetween counts alerts raised in [from, to) by type, validity and
// team, through the raised_at index (the monthly rollup serves whole months).
func (s *Store) AlertCountsBetween(ctx context.Context, from, to int64) ([]PeriodAlertCount, error) {
	return queryList(ctx, s.db, `SELECT type, validity, coalesce(team_id, 0), count(*) FROM alerts
		WHERE raised_at >= ? AND raised_at < ? GROUP BY type, validity, coalesce(team_id, 0)`, []any{from, to},
		func(sc scanner) (PeriodAlertCount, error) {
			var c PeriodAlertCount
			return c, sc.Scan(&c.Type, &c.Validity, &c.TeamID, &c.N)
		})
}

// FirstAlertMonth is the earliest month in the rollup ("" when there are no alerts).
func (s *Store) FirstAlertMonth(ctx context.Context) (string, error) {
	var m *string
	if err := s.db.QueryRowContext(ctx, `SELECT min(month) FROM alert_month_counts WHERE n > 0`).Scan(&m); err != nil || m == nil {
		return "", err
	}
	return *m, nil
}

// AnswersBetween is how many red alerts raised in [from, to) the ARC
// answered, and how many within 10 and 40 seconds (BS 8484).
func (s *Store) AnswersBetween(ctx context.Context, from, to int64) (answered, within10, within40 int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT count(*),
		coalesce(sum(CASE WHEN a.answered_at - a.raised_at <= 10 THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN a.answered_at - a.raised_at <= 40 THEN 1 ELSE 0 END), 0)
		FROM alerts a WHERE `+condAnswered+` AND `+condInPeriod, from, to).
		Scan(&answered, &within10, &within40)
	return
}

// RedDelaysBetween lists, for red alerts raised in [from, to), the seconds
// to their first triage and to the first decision on a case they belong to
// (-1 where there is none yet).
func (s *Store) RedDelaysBetween(ctx context.Context, from, to int64) (triage, decision []int64, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT
		coalesce((SELECT min(t.categorised_at) FROM alert_triage t WHERE t.alert_id = a.id) - a.raised_at, -1),
		coalesce((SELECT min(d.decided_at) FROM case_alerts ca JOIN case_decisions d ON d.case_id = ca.case_id
			WHERE ca.alert_id = a.id) - a.raised_at, -1)
		FROM alerts a WHERE `+condRed+` AND `+condInPeriod, from, to)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t, d int64
		if err := rows.Scan(&t, &d); err != nil {
			return nil, nil, err
		}
		if t >= 0 {
			triage = append(triage, t)
		}
		if d >= 0 {
			decision = append(decision, d)
		}
	}
	return triage, decision, rows.Err()
}

// DecisionRoutesBetween counts the decisions in force (not superseded) made
// in [from, to) by route.
func (s *Store) DecisionRoutesBetween(ctx context.Context, from, to int64) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.route, count(*) FROM case_decisions d
		WHERE d.decided_at >= ? AND d.decided_at < ?
		AND NOT EXISTS (SELECT 1 FROM case_decisions n WHERE n.supersedes = d.id) GROUP BY d.route`, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var r string
		var n int
		if err := rows.Scan(&r, &n); err != nil {
			return nil, err
		}
		out[r] = n
	}
	return out, rows.Err()
}

// WarningsBetween counts sanction letters issued, and warnings breached or
// expired, on London days fromDay..toDay (yyyy-mm-dd, toDay exclusive).
func (s *Store) WarningsBetween(ctx context.Context, fromDay, toDay string) (issued, breached, expired int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT
		coalesce(sum(CASE WHEN issued_on >= ? AND issued_on < ? THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN status = 'breached' AND ended_on >= ? AND ended_on < ? THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN status = 'expired' AND ended_on >= ? AND ended_on < ? THEN 1 ELSE 0 END), 0)
		FROM letters WHERE kind = 'sanction'`, fromDay, toDay, fromDay, toDay, fromDay, toDay).Scan(&issued, &breached, &expired)
	return
}

// SignedOffReview is a post-incident review signed off, with its due day.
type SignedOffReview struct {
	SignedOffAt int64
	DueOn       string
}

// ReviewsSignedOffBetween lists reviews signed off in [from, to).
func (s *Store) ReviewsSignedOffBetween(ctx context.Context, from, to int64) ([]SignedOffReview, error) {
	return queryList(ctx, s.db, `SELECT signed_off_at, due_on FROM reviews WHERE signed_off_at >= ? AND signed_off_at < ?`,
		[]any{from, to}, func(sc scanner) (SignedOffReview, error) {
			var r SignedOffReview
			return r, sc.Scan(&r.SignedOffAt, &r.DueOn)
		})
}

// ActionsOverdueAt counts review actions due before endDay that were still
// open at end (done or cancelled later counts as open then).
func (s *Store) ActionsOverdueAt(ctx context.Context, endDay string, end int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM review_actions WHERE due_on <> '' AND due_on < ? AND created_at < ?
		AND (status IN ('open', 'in_progress') OR updated_at >= ?)`, endDay, end, end).Scan(&n)
	return n, err
}

// RiddorReport is a case's incident instant and the day it was reported under RIDDOR.
type RiddorReport struct {
	IncidentAt int64
	ReportedOn string
}

// RiddorReportsBetween lists RIDDOR reports for incidents in [from, to).
func (s *Store) RiddorReportsBetween(ctx context.Context, from, to int64) ([]RiddorReport, error) {
	return queryList(ctx, s.db, `SELECT incident_at, riddor_reported_on FROM cases WHERE `+riddorWhere, []any{from, to},
		func(sc scanner) (RiddorReport, error) {
			var r RiddorReport
			return r, sc.Scan(&r.IncidentAt, &r.ReportedOn)
		})
}

// DestructionsBetween counts recordings destroyed in [from, to), and how
// many of them by the end of the day after they fell due.
func (s *Store) DestructionsBetween(ctx context.Context, from, to int64) (destroyed, onTime int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(CASE WHEN destroyed_at <= due_at + 86400 THEN 1 ELSE 0 END), 0)
		FROM destruction_records WHERE destroyed_at >= ? AND destroyed_at < ?`, from, to).Scan(&destroyed, &onTime)
	return
}

// RecordingsHeld counts live recordings kept because their case is on legal hold.
func (s *Store) RecordingsHeld(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(DISTINCT m.id) FROM media m
		JOIN case_alerts ca ON ca.alert_id = m.alert_id JOIN cases c ON c.id = ca.case_id
		WHERE m.destroyed_at IS NULL AND c.legal_hold = 1`).Scan(&n)
	return n, err
}

// AmberUsersBetween counts, per team, the lone workers who raised an amber
// alert in [from, to).
func (s *Store) AmberUsersBetween(ctx context.Context, from, to int64) (map[int64]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT coalesce(w.team_id, 0), count(DISTINCT a.worker_id) FROM alerts a
		JOIN workers w ON w.id = a.worker_id
		WHERE a.type = 'amber' AND a.raised_at >= ? AND a.raised_at < ? GROUP BY coalesce(w.team_id, 0)`, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var team int64
		var n int
		if err := rows.Scan(&team, &n); err != nil {
			return nil, err
		}
		out[team] = n
	}
	return out, rows.Err()
}

// RiskMovesBetween counts re-scores of current risk in [from, to) that
// lowered, raised or kept the rating against the risk's previous current score.
func (s *Store) RiskMovesBetween(ctx context.Context, from, to int64) (down, up, same int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT
		coalesce(sum(CASE WHEN prev IS NOT NULL AND rating < prev THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN prev IS NOT NULL AND rating > prev THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN prev IS NOT NULL AND rating = prev THEN 1 ELSE 0 END), 0)
		FROM (SELECT s.rating, (SELECT p.rating FROM risk_scores p WHERE p.risk_id = s.risk_id AND p.kind = 'current'
			AND p.id < s.id ORDER BY p.id DESC LIMIT 1) AS prev
			FROM risk_scores s WHERE s.kind = 'current' AND s.scored_at >= ? AND s.scored_at < ?) moves`, from, to).
		Scan(&down, &up, &same)
	return
}

// OpenRisksByBand counts open risks by the band of their latest current score.
func (s *Store) OpenRisksByBand(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.band, count(*) FROM risks r JOIN risk_scores s ON s.risk_id = r.id
		WHERE r.status = 'open' AND s.kind = 'current'
		AND s.id = (SELECT max(l.id) FROM risk_scores l WHERE l.risk_id = r.id AND l.kind = 'current') GROUP BY s.band`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var b string
		var n int
		if err := rows.Scan(&b, &n); err != nil {
			return nil, err
		}
		out[b] = n
	}
	return out, rows.Err()
}
