package main

import (
	"context"

	"github.com/nhs-redline/redline/backend/casework"
	"github.com/nhs-redline/redline/backend/retention"
	"github.com/nhs-redline/redline/backend/store"
)

// Triage is the bound service behind triage: the LSMS categorises red alerts.
type Triage struct {
	s      *session
	purger func() *purger
}

// List lists red alerts: those waiting for triage when pending, else all.
func (t *Triage) List(pending bool) ([]store.TriageRow, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return nil, err
	}
	return ws.Store.TriageList(context.Background(), pending, 2000)
}

// TriageDetail is everything the LSMS weighs when categorising.
type TriageDetail struct {
	Alert        AlertDetail               `json:"alert"`
	History      []store.Triage            `json:"history"`
	Retention    []retention.View          `json:"retention"`
	Destructions []store.DestructionRecord `json:"destructions"`
	Cases        []store.CaseFile          `json:"cases"`
	Now          int64                     `json:"now"`
}

// Detail returns one red alert with its triage history and retention.
func (t *Triage) Detail(alertID int64) (TriageDetail, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return TriageDetail{}, err
	}
	ctx := context.Background()
	d := TriageDetail{Now: caseClock(t.s).Unix()}
	if d.Alert, err = (&Alerts{s: t.s}).Detail(alertID); err != nil {
		return d, err
	}
	if d.History, err = ws.Store.TriageHistory(ctx, alertID); err != nil {
		return d, err
	}
	if d.Destructions, err = ws.Store.DestructionRecords(ctx, alertID, 100); err != nil {
		return d, err
	}
	if d.Cases, err = ws.Store.ListCases(ctx, store.CaseFilter{AlertID: alertID}); err != nil {
		return d, err
	}
	d.Retention, err = retention.ForAlert(ctx, ws.Store, alertID)
	return d, err
}

// Categorise records the LSMS categorisation (a re-categorisation needs a
// reason). seenTriage is the id of the categorisation the page showed, 0
// when the alert was waiting: a colleague's triage in between is refused.
func (t *Triage) Categorise(alertID, seenTriage int64, category, reason string) (store.Triage, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return store.Triage{}, err
	}
	tr, err := casework.CategoriseSeen(context.Background(), ws.Store, alertID, seenTriage, category, reason, who(t.s))
	if err == nil {
		t.purger().Kick()
	}
	return tr, err
}
