package store

import (
	"context"
	"fmt"
)

// MaxAlertsByID bounds AlertsByIDs: a map's table of visible alerts is a page.
const MaxAlertsByID = 1000

// AlertsByIDs returns the alerts with the given ids, in time order; unknown ids
// are skipped. The map uses it to describe the markers in view.
func (s *Store) AlertsByIDs(ctx context.Context, ids []int64) ([]Alert, error) {
	if len(ids) == 0 {
		return []Alert{}, nil
	}
	if len(ids) > MaxAlertsByID {
		return nil, fmt.Errorf("asked for %d alerts at once; the most is %d", len(ids), MaxAlertsByID)
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+alertColumns+alertFrom+" WHERE a.id IN ("+placeholders(len(ids))+
		") ORDER BY a.raised_at, a.id", args...)
	if err != nil {
		return nil, fmt.Errorf("read alerts by id: %w", err)
	}
	defer rows.Close()
	out := make([]Alert, 0, len(ids))
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, fmt.Errorf("read alerts by id: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// LocatedAlerts returns every located alert matching f in time order, for a
// GeoJSON or KML export, refusing more than max rather than filling memory.
// Keyset paging by (raised_at, id) keeps each page an index range scan.
func (s *Store) LocatedAlerts(ctx context.Context, f AlertFilter, max int) ([]Alert, error) {
	where, args := f.where()
	if where == "" {
		where = " WHERE "
	} else {
		where += " AND "
	}
	var out []Alert
	var lastAt, lastID int64 = -1 << 62, 0
	const page = 5000
	for {
		q := "SELECT " + alertColumns + alertFrom + where + `a.lat IS NOT NULL AND a.lon IS NOT NULL
			AND (a.raised_at > ? OR (a.raised_at = ? AND a.id > ?)) ORDER BY a.raised_at, a.id LIMIT ?`
		rows, err := s.db.QueryContext(ctx, q, append(append([]any{}, args...), lastAt, lastAt, lastID, page)...)
		if err != nil {
			return nil, fmt.Errorf("read alerts for export: %w", err)
		}
		n := 0
		for rows.Next() {
			a, err := scanAlert(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("read alerts for export: %w", err)
			}
			out = append(out, a)
			lastAt, lastID = a.RaisedAt, a.ID
			n++
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read alerts for export: %w", err)
		}
		if len(out) > max {
			return nil, fmt.Errorf("the selection holds more than %d located alerts: narrow the dates or filters and export in parts", max)
		}
		if n < page {
			return out, nil
		}
	}
}
