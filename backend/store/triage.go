package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// Who did something, and when (Unix seconds UTC): every change carries one.
type Who struct {
	Actor string `json:"actor"`
	At    int64  `json:"at"`
}

// Triage is one LSMS categorisation of a red alert.
type Triage struct {
	ID            int64  `json:"id"`
	AlertID       int64  `json:"alertId"`
	Category      string `json:"category"`
	Reason        string `json:"reason"`
	CategorisedBy string `json:"categorisedBy"`
	CategorisedAt int64  `json:"categorisedAt"`
	Supersedes    *int64 `json:"supersedes"`
}

const triageColumns = `id, alert_id, category, reason, categorised_by, categorised_at, supersedes`

func scanTriage(sc interface{ Scan(...any) error }) (Triage, error) {
	var t Triage
	var sup sql.NullInt64
	err := sc.Scan(&t.ID, &t.AlertID, &t.Category, &t.Reason, &t.CategorisedBy, &t.CategorisedAt, &sup)
	t.Supersedes = ptrInt(sup)
	return t, err
}

// TriageHistory lists every categorisation of an alert, oldest first.
func (s *Store) TriageHistory(ctx context.Context, alertID int64) ([]Triage, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+triageColumns+` FROM alert_triage WHERE alert_id = ? ORDER BY id`, alertID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Triage{}
	for rows.Next() {
		t, err := scanTriage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func currentTriage(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, alertID int64) (*Triage, error) {
	t, err := scanTriage(q.QueryRowContext(ctx, `SELECT `+triageColumns+` FROM alert_triage
		WHERE id = (SELECT triage_id FROM alert_category WHERE alert_id = ?)`, alertID))
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// CurrentTriage is the categorisation in force, or nil while the alert waits.
func (s *Store) CurrentTriage(ctx context.Context, alertID int64) (*Triage, error) {
	return currentTriage(ctx, s.db, alertID)
}

// TriageCheck decides whether a categorisation may be recorded, given the
// alert and the categorisation in force (nil for the first). It may fill in
// the reason (say, "agrees with the ARC").
type TriageCheck func(a Alert, prev *Triage, reason *string) error

// Categorise records a categorisation over whatever is current (the command
// line and the demo); see CategoriseSeen.
func (s *Store) Categorise(ctx context.Context, alertID int64, category, reason string, who Who, check TriageCheck) (Triage, error) {
	return s.CategoriseSeen(ctx, alertID, AsCurrent, category, reason, who, check)
}

// CategoriseSeen records a categorisation after check approves it, in one
// transaction with its audit entry, provided the categorisation in force is
// still the one the person saw: seen is its id, 0 for none (the alert was
// waiting), AsCurrent for whatever it is. Otherwise it records nothing and
// returns a *ChangedError naming the categorisation now in force.
func (s *Store) CategoriseSeen(ctx context.Context, alertID, seen int64, category, reason string, who Who, check TriageCheck) (Triage, error) {
	var out Triage
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		a, err := scanAlert(tx.QueryRowContext(ctx, "SELECT "+alertColumns+alertFrom+" WHERE a.id = ?", alertID))
		if err == sql.ErrNoRows {
			return fmt.Errorf("alert %d: %w", alertID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		prev, err := currentTriage(ctx, tx, alertID)
		if err != nil {
			return err
		}
		if seen != AsCurrent && triageID(prev) != seen {
			return triageChanged(prev)
		}
		if err := check(a, prev, &reason); err != nil {
			return err
		}
		out = Triage{AlertID: alertID, Category: category, Reason: reason, CategorisedBy: who.Actor, CategorisedAt: who.At}
		var sup any
		if prev != nil {
			out.Supersedes, sup = &prev.ID, prev.ID
		}
		newID, err := insertRowID(ctx, tx, `INSERT INTO alert_triage(alert_id, category, reason, categorised_by, categorised_at, supersedes)
			VALUES (?,?,?,?,?,?)`, alertID, category, reason, who.Actor, who.At, sup)
		if err != nil {
			return fmt.Errorf("categorise alert %s: %w", a.ARCRef, err)
		}
		out.ID = newID
		if err := setCurrentTriage(ctx, tx, alertID, triageID(prev), out); err != nil {
			if errors.Is(err, ErrChanged) {
				// A colleague's categorisation committed after ours was read: say whose.
				now, rerr := currentTriage(ctx, tx, alertID)
				if rerr != nil {
					return rerr
				}
				return triageChanged(now)
			}
			return err
		}
		detail := map[string]any{"arcRef": a.ARCRef, "category": category, "reason": reason, "arcValidity": a.Validity}
		action := "alert.categorise"
		if prev != nil {
			detail["previous"], action = prev.Category, "alert.recategorise"
		}
		b, _ := json.Marshal(detail)
		_, err = s.AppendAudit(ctx, tx, AuditEntry{At: who.At, Actor: who.Actor, Action: action, ObjectType: "alert",
			ObjectID: strconv.FormatInt(alertID, 10), Detail: string(b)})
		return err
	})
	return out, err
}

func triageID(t *Triage) int64 {
	if t == nil {
		return 0
	}
	return t.ID
}

func triageChanged(now *Triage) error {
	if now == nil {
		return &ChangedError{What: "this alert's triage", Now: "waiting for triage"}
	}
	return &ChangedError{What: "this alert's triage", Now: now.Category, By: now.CategorisedBy, At: now.CategorisedAt}
}

// setCurrentTriage points the alert at triage t, in one statement that is
// also the check: the first categorisation inserts (nothing if a colleague's
// insert got there first), a later one updates only while the pointer is
// still prevID. PostgreSQL makes the second of two such statements wait for
// the first's transaction and then judge the row as committed, so exactly
// one of two people categorising at once is recorded.
func setCurrentTriage(ctx context.Context, tx *sql.Tx, alertID, prevID int64, t Triage) error {
	var res sql.Result
	var err error
	if prevID == 0 {
		res, err = tx.ExecContext(ctx, `INSERT INTO alert_category(alert_id, triage_id, category, categorised_at) VALUES (?,?,?,?)
			ON CONFLICT(alert_id) DO NOTHING`, alertID, t.ID, t.Category, t.CategorisedAt)
	} else {
		res, err = tx.ExecContext(ctx, `UPDATE alert_category SET triage_id = ?, category = ?, categorised_at = ?
			WHERE alert_id = ? AND triage_id = ?`, t.ID, t.Category, t.CategorisedAt, alertID, prevID)
	}
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errors.Join(ErrChanged, err)
	}
	return nil
}

// TriageRow is a red alert with the LSMS categorisation in force, if any.
type TriageRow struct {
	Alert         Alert  `json:"alert"`
	Category      string `json:"category"` // empty while waiting for triage
	CategorisedAt int64  `json:"categorisedAt"`
	CaseID        int64  `json:"caseId"` // the newest case linked to the alert, 0 for none
	CaseRef       string `json:"caseRef"`
}

// TriageList lists red alerts, waiting ones only when pending is set,
// oldest waiting first (they have waited longest) or newest first otherwise.
func (s *Store) TriageList(ctx context.Context, pending bool, limit int) ([]TriageRow, error) {
	if limit <= 0 || limit > 5000 {
		limit = 5000
	}
	q := "SELECT " + alertColumns + `, coalesce(c.category, ''), coalesce(c.categorised_at, 0),
		coalesce((SELECT max(ca.case_id) FROM case_alerts ca WHERE ca.alert_id = a.id), 0)` + alertFrom +
		` LEFT JOIN alert_category c ON c.alert_id = a.id WHERE a.type = 'red'`
	if pending {
		q += ` AND c.alert_id IS NULL ORDER BY a.raised_at, a.id`
	} else {
		q += ` ORDER BY a.raised_at DESC, a.id DESC`
	}
	rows, err := s.db.QueryContext(ctx, q+` LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []TriageRow{}
	for rows.Next() {
		var r TriageRow
		var ans, clo sql.NullInt64
		var lat, lon, acc sql.NullFloat64
		var words string
		a := &r.Alert
		if err := rows.Scan(&a.ID, &a.ARC, &a.ARCRef, &a.Type, &a.Trigger, &a.WorkerID, &a.WorkerRef, &a.WorkerName,
			&a.TeamID, &a.TeamName, &a.RaisedAt, &ans, &clo, &a.Validity, &a.Escalation, &a.PoliceRef,
			&a.Operator, &a.Memo, &lat, &lon, &acc, &a.MediaCount, &words, &r.Category, &r.CategorisedAt, &r.CaseID); err != nil {
			return nil, err
		}
		if err := a.setWords(words); err != nil {
			return nil, err
		}
		a.AnsweredAt, a.ClosedAt = ptrInt(ans), ptrInt(clo)
		a.Lat, a.Lon, a.AccuracyM = ptrFloat(lat), ptrFloat(lon), ptrFloat(acc)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].CaseID != 0 {
			s.db.QueryRowContext(ctx, `SELECT ref FROM cases WHERE id = ?`, out[i].CaseID).Scan(&out[i].CaseRef)
		}
	}
	return out, nil
}

// CountPendingTriage counts red alerts still waiting for the LSMS.
func (s *Store) CountPendingTriage(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM alerts a WHERE a.type = 'red'
		AND NOT EXISTS (SELECT 1 FROM alert_category c WHERE c.alert_id = a.id)`).Scan(&n)
	return n, err
}
