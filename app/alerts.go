package main

import (
	"context"

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
}

// List returns one page; paging and filtering happen in SQL.
func (a *Alerts) List(q AlertQuery) (AlertPage, error) {
	ws, err := a.s.workspace()
	if err != nil {
		return AlertPage{}, err
	}
	rows, err := ws.Store.ListAlerts(context.Background(), q.Filter, q.Sort, q.Offset, q.Limit)
	return AlertPage{Offset: q.Offset, Rows: rows}, err
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
