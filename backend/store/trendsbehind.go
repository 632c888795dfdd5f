package store

import (
	"context"
	"fmt"
	"strings"
)

// The alerts and cases behind a figure of the director's trends. Each set's
// condition below is the one its count uses (trendsq.go, trendsbreakdown.go),
// so a list can never disagree with the figure a person chose.

// Alert sets a trends figure counts, over alerts a raised in [from, to).
const (
	SetRed       = "red"
	SetIncidents = "incidents"
	SetFalse     = "false"
	SetAnswered  = "answered"
	SetTriaged   = "triaged"
	SetDecided   = "decided"
	SetPolice    = "police"
)

const (
	condRed       = `a.type = 'red'`
	condIncidents = condRed + ` AND a.validity IN ('genuine', 'precautionary')`
	condAnswered  = condRed + ` AND a.answered_at IS NOT NULL`
	condTriaged   = condRed + ` AND EXISTS (SELECT 1 FROM alert_triage t WHERE t.alert_id = a.id)`
	condDecided   = condRed + ` AND EXISTS (SELECT 1 FROM case_alerts ca JOIN case_decisions d ON d.case_id = ca.case_id WHERE ca.alert_id = a.id)`
	// staffGroupOf is the lone worker's staff group: their own, else their team's.
	staffGroupOf   = `coalesce(w.staff_group_id, t.staff_group_id, 0)`
	alertGroupJoin = `LEFT JOIN workers w ON w.id = a.worker_id LEFT JOIN teams t ON t.id = a.team_id`
	condInPeriod   = `a.raised_at >= ? AND a.raised_at < ?`
	// riddorWhere is a case reported under RIDDOR whose incident fell in [from, to).
	riddorWhere = `riddor_reported_on <> '' AND incident_at >= ? AND incident_at < ?`
)

// PoliceEscalations are the ARC's escalations that reached the police.
var PoliceEscalations = []string{"101", "999", "urn"}

// KnownEscalations are the escalations with their own column; any other is "other".
var KnownEscalations = []string{"none", "contact", "101", "999", "urn"}

var alertSets = map[string]string{
	SetRed: condRed, SetIncidents: condIncidents, SetFalse: condRed + ` AND a.validity = 'false'`,
	SetAnswered: condAnswered, SetTriaged: condTriaged, SetDecided: condDecided,
	SetPolice: condRed + ` AND a.escalation IN ('` + strings.Join(PoliceEscalations, "', '") + `')`,
}

// BehindFilter narrows an alert set to one breakdown cell: a team, a staff
// group (0: none) or an escalation ("other": any the ARC wrote outside KnownEscalations).
type BehindFilter struct {
	Set        string
	From, To   int64
	TeamID     *int64
	GroupID    *int64
	Escalation string
}

// BehindItem is one alert or case behind a figure.
type BehindItem struct {
	Kind      string // alert or case
	ID        int64
	Reference string
	At        int64 // raised (alert) or incident (case), Unix seconds UTC
	Type      string
	Validity  string
	Title     string
}

func (f BehindFilter) where() (string, []any, error) {
	cond, ok := alertSets[f.Set]
	if !ok {
		return "", nil, fmt.Errorf("no alert set %q", f.Set)
	}
	parts, args := []string{cond, condInPeriod}, []any{f.From, f.To}
	if f.TeamID != nil {
		parts, args = append(parts, `coalesce(a.team_id, 0) = ?`), append(args, *f.TeamID)
	}
	if f.GroupID != nil {
		parts, args = append(parts, staffGroupOf+` = ?`), append(args, *f.GroupID)
	}
	switch f.Escalation {
	case "":
	case "other":
		parts = append(parts, `a.escalation NOT IN ('`+strings.Join(KnownEscalations, "', '")+`')`)
	default:
		parts, args = append(parts, `a.escalation = ?`), append(args, f.Escalation)
	}
	return strings.Join(parts, " AND "), args, nil
}

// AlertsBehind lists a page of the alerts in f, newest first, with how many there are in all.
func (s *Store) AlertsBehind(ctx context.Context, f BehindFilter, offset, limit int) ([]BehindItem, int, error) {
	where, args, err := f.where()
	if err != nil {
		return nil, 0, err
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM alerts a `+alertGroupJoin+` WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	items, err := queryList(ctx, s.db, `SELECT a.id, a.arc_ref, a.raised_at, a.type, a.validity FROM alerts a `+alertGroupJoin+
		` WHERE `+where+` ORDER BY a.raised_at DESC, a.id DESC LIMIT ? OFFSET ?`, append(args, limit, offset),
		func(sc scanner) (BehindItem, error) {
			it := BehindItem{Kind: "alert"}
			return it, sc.Scan(&it.ID, &it.Reference, &it.At, &it.Type, &it.Validity)
		})
	return items, total, err
}

// RiddorCasesBehind lists a page of the cases reported under RIDDOR whose
// incident fell in [from, to), newest first, with how many there are in all.
func (s *Store) RiddorCasesBehind(ctx context.Context, from, to int64, offset, limit int) ([]BehindItem, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM cases WHERE `+riddorWhere, from, to).Scan(&total); err != nil {
		return nil, 0, err
	}
	items, err := queryList(ctx, s.db, `SELECT id, ref, incident_at, title FROM cases WHERE `+riddorWhere+
		` ORDER BY incident_at DESC, id DESC LIMIT ? OFFSET ?`, []any{from, to, limit, offset},
		func(sc scanner) (BehindItem, error) {
			it := BehindItem{Kind: "case"}
			return it, sc.Scan(&it.ID, &it.Reference, &it.At, &it.Title)
		})
	return items, total, err
}
