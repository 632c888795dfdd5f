package store

import (
	"context"
	"database/sql"
)

// The security director's trends in a team database come from the database's
// own aggregates (migrations_pg/0087_director_views.sql): SECURITY DEFINER
// functions that return counts alone, with counts from 1 to 7 hidden before
// they leave the server. The director's login reads no table of alerts,
// cases or risks; these are all it has.

// TrendFigure is one count of the director's trends: N when shown, Hidden
// when the database suppressed it (and N is then 0).
type TrendFigure struct {
	N      int
	Hidden bool
}

// TrendMedian is a median of seconds over Records alerts; both are hidden
// when the database suppressed them.
type TrendMedian struct {
	Records int
	Seconds float64
	Hidden  bool
}

// DirectorFirstMonth is the earliest month with an alert ("" with none).
func (s *Store) DirectorFirstMonth(ctx context.Context) (string, error) {
	var m string
	err := s.db.QueryRowContext(ctx, `SELECT redline_trend_first_month()`).Scan(&m)
	return m, err
}

// DirectorPeriod is every per-period figure of [from, to), with overdue
// actions counted at end. A figure the database does not name is 0.
func (s *Store) DirectorPeriod(ctx context.Context, from, to, end int64) (map[string]TrendFigure, error) {
	return s.directorFigures(ctx, `SELECT figure, n, suppressed FROM redline_trend_period(?, ?, ?)`, from, to, end)
}

// DirectorRange is the whole range's figures by team and staff group, and
// the snapshot (recordings on legal hold, open risks by band).
func (s *Store) DirectorRange(ctx context.Context, from, to int64) (map[string]TrendFigure, error) {
	return s.directorFigures(ctx, `SELECT figure, n, suppressed FROM redline_trend_range(?, ?)`, from, to)
}

func (s *Store) directorFigures(ctx context.Context, q string, args ...any) (map[string]TrendFigure, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]TrendFigure{}
	for rows.Next() {
		var name string
		var n sql.NullInt64
		var f TrendFigure
		if err := rows.Scan(&name, &n, &f.Hidden); err != nil {
			return nil, err
		}
		f.N = int(n.Int64)
		out[name] = f
	}
	return out, rows.Err()
}

// DirectorDelays is the median seconds from the period's red alerts to
// triage ("triage") and to decision ("decision").
func (s *Store) DirectorDelays(ctx context.Context, from, to int64) (map[string]TrendMedian, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT figure, records, median_seconds, suppressed FROM redline_trend_delays(?, ?)`, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]TrendMedian{}
	for rows.Next() {
		var name string
		var n sql.NullInt64
		var sec sql.NullFloat64
		var m TrendMedian
		if err := rows.Scan(&name, &n, &sec, &m.Hidden); err != nil {
			return nil, err
		}
		m.Records, m.Seconds = int(n.Int64), sec.Float64
		out[name] = m
	}
	return out, rows.Err()
}

// DirectorBandMoves is RiskBandMovesBetween as the director may see it.
func (s *Store) DirectorBandMoves(ctx context.Context, from, to int64) ([]BandMove, error) {
	return queryList(ctx, s.db, `SELECT from_band, to_band, from_rating, to_rating, n, suppressed
		FROM redline_trend_band_moves(?, ?)`, []any{from, to},
		func(sc scanner) (BandMove, error) {
			var m BandMove
			var n sql.NullInt64
			err := sc.Scan(&m.From, &m.To, &m.FromRating, &m.ToRating, &n, &m.Hidden)
			m.N = int(n.Int64)
			return m, err
		})
}

// TeamName is a team's name and staff group, for the director, who may read
// the teams and staff groups but not the workers in them.
type TeamName struct {
	ID         int64
	Name       string
	StaffGroup string
}

// DirectorTeams lists every team by name.
func (s *Store) DirectorTeams(ctx context.Context) ([]TeamName, error) {
	return queryList(ctx, s.db, `SELECT t.id, t.name, coalesce(g.name, '') FROM teams t
		LEFT JOIN staff_groups g ON g.id = t.staff_group_id ORDER BY t.name`, nil,
		func(sc scanner) (TeamName, error) {
			var t TeamName
			return t, sc.Scan(&t.ID, &t.Name, &t.StaffGroup)
		})
}

// DirectorStaffGroups lists every staff group by name, and a row with ID 0
// for workers in none, as StaffGroupSizes does (Workers left 0).
func (s *Store) DirectorStaffGroups(ctx context.Context) ([]StaffGroupSize, error) {
	return queryList(ctx, s.db, `SELECT id, name FROM staff_groups UNION ALL SELECT 0, '' ORDER BY 2`, nil,
		func(sc scanner) (StaffGroupSize, error) {
			var g StaffGroupSize
			return g, sc.Scan(&g.ID, &g.Name)
		})
}
