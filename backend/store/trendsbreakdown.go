package store

import "context"

// Breakdowns behind the director's trends that the monthly rollup cannot
// give: red alerts by escalation and by the lone worker's staff group, the
// head count of each staff group, and risks moving from band to band.

// RedBreakdown is red alerts raised in a period with one escalation,
// validity and staff group (0 when the worker has none).
type RedBreakdown struct {
	Escalation   string
	Validity     string
	StaffGroupID int64
	N            int
}

// RedBreakdownBetween counts red alerts raised in [from, to) by escalation,
// validity and the staff group of the lone worker (the worker's own group,
// else their team's), through the (type, raised_at) index.
func (s *Store) RedBreakdownBetween(ctx context.Context, from, to int64) ([]RedBreakdown, error) {
	return queryList(ctx, s.db, `SELECT a.escalation, a.validity, `+staffGroupOf+` AS g, count(*)
		FROM alerts a `+alertGroupJoin+` WHERE `+condRed+` AND `+condInPeriod+`
		GROUP BY a.escalation, a.validity, `+staffGroupOf, []any{from, to},
		func(sc scanner) (RedBreakdown, error) {
			var b RedBreakdown
			return b, sc.Scan(&b.Escalation, &b.Validity, &b.StaffGroupID, &b.N)
		})
}

// StaffGroupSize is a staff group's head count of lone workers on the register now.
type StaffGroupSize struct {
	ID      int64
	Name    string
	Workers int
}

// StaffGroupSizes lists every staff group with its lone workers (a worker's
// own group, else their team's), and a row with ID 0 for workers in none.
func (s *Store) StaffGroupSizes(ctx context.Context) ([]StaffGroupSize, error) {
	return queryList(ctx, s.db, `SELECT g.id, g.name, coalesce(n.workers, 0) FROM staff_groups g
		LEFT JOIN (SELECT coalesce(w.staff_group_id, t.staff_group_id, 0) AS gid, count(*) AS workers
			FROM workers w LEFT JOIN teams t ON t.id = w.team_id GROUP BY coalesce(w.staff_group_id, t.staff_group_id, 0)) n ON n.gid = g.id
		UNION ALL
		SELECT 0, '', count(*) FROM workers w LEFT JOIN teams t ON t.id = w.team_id
			WHERE w.staff_group_id IS NULL AND t.staff_group_id IS NULL
		ORDER BY 2`, nil,
		func(sc scanner) (StaffGroupSize, error) {
			var g StaffGroupSize
			return g, sc.Scan(&g.ID, &g.Name, &g.Workers)
		})
}

// BandMove is how many re-scores of current risk moved a risk from one band
// to another (or kept it in the same band), with the lowest rating seen in
// each band so callers can order bands without knowing the band set.
type BandMove struct {
	From, To             string
	FromRating, ToRating int
	N                    int
	Hidden               bool // the director's count, suppressed by the database (N is 0)
}

// RiskBandMovesBetween counts re-scores of current risk in [from, to) by the
// band of the previous current score and the band of the new one. A first
// score has no previous band and is not a move.
func (s *Store) RiskBandMovesBetween(ctx context.Context, from, to int64) ([]BandMove, error) {
	return queryList(ctx, s.db, `SELECT prev_band, band, min(prev_rating), min(rating), count(*) FROM (
		SELECT sc.band, sc.rating,
			(SELECT p.band FROM risk_scores p WHERE p.risk_id = sc.risk_id AND p.kind = 'current' AND p.id < sc.id ORDER BY p.id DESC LIMIT 1) AS prev_band,
			(SELECT p.rating FROM risk_scores p WHERE p.risk_id = sc.risk_id AND p.kind = 'current' AND p.id < sc.id ORDER BY p.id DESC LIMIT 1) AS prev_rating
		FROM risk_scores sc WHERE sc.kind = 'current' AND sc.scored_at >= ? AND sc.scored_at < ?) moves
		WHERE prev_band IS NOT NULL GROUP BY prev_band, band`, []any{from, to},
		func(sc scanner) (BandMove, error) {
			var m BandMove
			return m, sc.Scan(&m.From, &m.To, &m.FromRating, &m.ToRating, &m.N)
		})
}
