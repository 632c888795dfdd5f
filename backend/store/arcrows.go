package store

import (
	"context"
	"encoding/json"
	"fmt"
)

// The ARC's own columns on operator log entries and fixes (migration 0078):
// what a log or positions file carried beyond the fields a profile maps,
// kept with the row in the file's column order, header and value.

// rowExtraText is how a row's extra columns are stored: JSON, or an empty string when none.
func rowExtraText(extra [][2]string) string {
	if len(extra) == 0 {
		return ""
	}
	b, _ := json.Marshal(extra)
	return string(b)
}

// readRowExtra reads what rowExtraText stored; an empty string is none.
func readRowExtra(s string) ([][2]string, error) {
	if s == "" {
		return nil, nil
	}
	var out [][2]string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("the ARC's extra columns: %w", err)
	}
	return out, nil
}

// RefreshPosition gives a fix already stored the ARC's word and extra
// columns p carries, when they differ: a re-import that adds or corrects a
// vendor column changes nothing else. changed reports whether it did.
func (t *ImportTx) RefreshPosition(p Position) (changed bool, err error) {
	extra := rowExtraText(p.Extra)
	res, err := t.w.tx.ExecContext(t.w.ctx, `UPDATE positions SET arc_word = ?, arc_extra = ?
		WHERE alert_id = ? AND fix_at = ? AND lat = ? AND lon = ? AND accuracy_m = ? AND source = ?
		AND (arc_word <> ? OR arc_extra <> ?)`, p.SourceWord, extra,
		p.AlertID, p.FixAt, p.Lat, p.Lon, p.AccuracyM, p.Source, p.SourceWord, extra)
	if err != nil {
		return false, fmt.Errorf("ARC columns of a fix of alert %d: %w", p.AlertID, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// RefreshLogEntry is RefreshPosition for an operator log entry.
func (t *ImportTx) RefreshLogEntry(e LogEntry) (changed bool, err error) {
	extra := rowExtraText(e.Extra)
	res, err := t.w.tx.ExecContext(t.w.ctx, `UPDATE operator_log SET arc_extra = ?
		WHERE alert_id = ? AND at = ? AND operator = ? AND action = ? AND contact = ? AND result = ? AND note = ?
		AND arc_extra <> ?`, extra, e.AlertID, e.At, e.Operator, e.Action, e.Contact, e.Result, e.Note, extra)
	if err != nil {
		return false, fmt.Errorf("ARC columns of a log entry of alert %d: %w", e.AlertID, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// extraTables are the tables whose rows keep the ARC's extra columns, and
// the column that holds them.
var extraTables = map[string]string{"alerts": "SELECT extra FROM alert_arc WHERE extra <> '[]' ORDER BY alert_id",
	"positions":    "SELECT arc_extra FROM positions WHERE arc_extra <> '' ORDER BY id",
	"operator_log": "SELECT arc_extra FROM operator_log WHERE arc_extra <> '' ORDER BY id"}

// ExtraHeaders lists the headers of the ARC's extra columns kept on the
// rows of table (alerts, positions or operator_log), each once, in the
// order first seen: an export gives each its own column.
func (s *Store) ExtraHeaders(ctx context.Context, table string) ([]string, error) {
	q, ok := extraTables[table]
	if !ok {
		return nil, fmt.Errorf("no ARC extra columns on %s", table)
	}
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("ARC extra columns of %s: %w", table, err)
	}
	defer rows.Close()
	var out []string
	seen := map[string]bool{}
	for rows.Next() {
		var text string
		if err := rows.Scan(&text); err != nil {
			return nil, err
		}
		extra, err := readRowExtra(text)
		if err != nil {
			return nil, err
		}
		for _, e := range extra {
			if !seen[e[0]] {
				seen[e[0]] = true
				out = append(out, e[0])
			}
		}
	}
	return out, rows.Err()
}
