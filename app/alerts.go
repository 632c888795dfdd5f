package main

import (
	"context"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/store"
)

// Alerts is the bound service behind the Alerts screen.
type Alerts struct {
	s *session
}

// AlertQuery asks for one page of alerts.
type AlertQuery struct {
	Filter store.AlertFilter `json:"filter"`
	Sort   store.AlertSort   `json:"sort"`
	Offset int               `json:"offset"`
	Limit  int               `json:"limit"`
}

// AlertPage is one page of the alerts table.
type AlertPage struct {
	Offset int           `json:"offset"`
	Rows   []store.Alert `json:"rows"`
	// KnownRisk names, by alert id, the nearest known-risk location whose
	// radius covers the alert (guidance section 6.9).
	KnownRisk map[int64]string `json:"knownRisk"`
}

// List returns one page; paging and filtering happen in SQL.
func (a *Alerts) List(q AlertQuery) (AlertPage, error) {
	ws, err := a.s.workspace()
	if err != nil {
		return AlertPage{}, err
	}
	ctx := context.Background()
	rows, err := ws.Store.ListAlerts(ctx, q.Filter, q.Sort, q.Offset, q.Limit)
	if err != nil {
		return AlertPage{}, err
	}
	flags, err := knownRiskFlags(ctx, ws.Store, rows)
	return AlertPage{Offset: q.Offset, Rows: rows, KnownRisk: flags}, err
}

// knownRiskFlags matches a page of alerts against the known-risk locations;
// the locations are few, so reading them per page is cheaper than caching.
func knownRiskFlags(ctx context.Context, st *store.Store, rows []store.Alert) (map[int64]string, error) {
	locs, err := st.KnownRisks(ctx, true)
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for id, ms := range geo.NewRiskMatcher(locs).FlagAlerts(rows) {
		if len(ms) > 0 {
			out[id] = ms[0].Label
		}
	}
	return out, nil
}

// Count counts the alerts matching a filter, for the table's scroll height.
func (a *Alerts) Count(f store.AlertFilter) (int, error) {
	ws, err := a.s.workspace()
	if err != nil {
		return 0, err
	}
	return ws.Store.CountAlerts(context.Background(), f)
}

// AlertDetail is everything the detail panel shows about one alert.
type AlertDetail struct {
	Alert     store.Alert      `json:"alert"`
	Positions []store.Position `json:"positions"`
	Log       []store.LogEntry `json:"log"`
	Media     []store.Media    `json:"media"`
}

// Detail returns one alert with its positions, operator log and recordings.
func (a *Alerts) Detail(id int64) (AlertDetail, error) {
	ws, err := a.s.workspace()
	if err != nil {
		return AlertDetail{}, err
	}
	ctx := context.Background()
	var d AlertDetail
	if d.Alert, err = ws.Store.Alert(ctx, id); err != nil {
		return d, err
	}
	if d.Positions, err = ws.Store.Positions(ctx, id); err != nil {
		return d, err
	}
	if d.Log, err = ws.Store.OperatorLog(ctx, id); err != nil {
		return d, err
	}
	d.Media, err = ws.Store.MediaForAlert(ctx, id)
	return d, err
}

// Teams lists teams for the filter.
func (a *Alerts) Teams() ([]store.Team, error) {
	ws, err := a.s.workspace()
	if err != nil {
		return nil, err
	}
	return ws.Store.Teams(context.Background())
}
