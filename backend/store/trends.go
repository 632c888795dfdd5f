package store

import (
	"context"
	"time"
)

// TeamSize is a team's head count of lone workers, for rates per 1,000 staff.
type TeamSize struct {
	TeamID     int64  `json:"teamId"`
	Team       string `json:"team"`
	StaffGroup string `json:"staffGroup"`
	Workers    int    `json:"workers"`
}

// TeamSizes lists every team with its number of lone workers.
func (s *Store) TeamSizes(ctx context.Context) ([]TeamSize, error) {
	ts, err := s.Teams(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]TeamSize, len(ts))
	for i, t := range ts {
		out[i] = TeamSize{TeamID: t.ID, Team: t.Name, StaffGroup: t.StaffGroup, Workers: t.Workers}
	}
	return out, nil
}

// MonthUsage is device usage in one Europe/London month.
type MonthUsage struct {
	Month       string `json:"month"`
	ActiveUsers int    `json:"activeUsers"` // workers with at least one amber alert
	Workers     int    `json:"workers"`     // all lone workers on the register
	AmberAlerts int    `json:"amberAlerts"`
}

// Usage counts, per month from..to, the workers who logged an amber alert.
// Each month reads only that month's ambers through the (type, raised_at) index.
func (s *Store) Usage(ctx context.Context, from, to time.Time) ([]MonthUsage, error) {
	var workers int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM workers`).Scan(&workers); err != nil {
		return nil, err
	}
	out := []MonthUsage{}
	for m := monthStart(from); m.Before(to); m = m.AddDate(0, 1, 0) {
		u := MonthUsage{Month: m.Format("2006-01"), Workers: workers}
		err := s.db.QueryRowContext(ctx, `SELECT count(DISTINCT worker_id), count(*) FROM alerts
			WHERE type = 'amber' AND raised_at >= ? AND raised_at < ?`, m.Unix(), m.AddDate(0, 1, 0).Unix()).
			Scan(&u.ActiveUsers, &u.AmberAlerts)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

func monthStart(t time.Time) time.Time {
	t = t.In(London)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, London)
}

// AnswerTimes is how fast the ARC accepted red alerts in one month, against
// the BS 8484 targets (80% within 10 s, 98.5% within 40 s).
type AnswerTimes struct {
	Month    string `json:"month"`
	Answered int    `json:"answered"`
	Within10 int    `json:"within10"`
	Within40 int    `json:"within40"`
}

// RedAnswerTimes groups red alerts by London month of raising.
func (s *Store) RedAnswerTimes(ctx context.Context, from, to time.Time) ([]AnswerTimes, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT raised_at, answered_at - raised_at FROM alerts
		WHERE type = 'red' AND raised_at >= ? AND raised_at < ? AND answered_at IS NOT NULL ORDER BY raised_at`, from.Unix(), to.Unix())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	by := map[string]*AnswerTimes{}
	var order []string
	for rows.Next() {
		var raised, secs int64
		if err := rows.Scan(&raised, &secs); err != nil {
			return nil, err
		}
		k := MonthKey(raised)
		a := by[k]
		if a == nil {
			a = &AnswerTimes{Month: k}
			by[k] = a
			order = append(order, k)
		}
		a.Answered++
		if secs <= 10 {
			a.Within10++
		}
		if secs <= 40 {
			a.Within40++
		}
	}
	out := make([]AnswerTimes, 0, len(order))
	for _, k := range order {
		out = append(out, *by[k])
	}
	return out, rows.Err()
}
