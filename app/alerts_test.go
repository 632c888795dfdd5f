package main

import (
	"context"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/testclock"
)

func TestAlerts_ListFlagsAlertsInsideAKnownRiskLocation(t *testing.T) {
	s, ws := testSession(t, testclock.Now())
	ctx := context.Background()
	var err error
	near, far := 53.8117, 53.9000
	lon := -1.5240
	var nearID, farID int64
	err = ws.Store.Write(ctx, func(w *store.Writer) error {
		if nearID, err = w.Alert(store.NewAlert{ARC: "X", ARCRef: "R1", Type: "red", RaisedAt: 1000, Lat: &near, Lon: &lon}); err != nil {
			return err
		}
		farID, err = w.Alert(store.NewAlert{ARC: "X", ARCRef: "R2", Type: "red", RaisedAt: 2000, Lat: &far, Lon: &lon})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Store.AddKnownRisk(ctx, store.KnownRiskLocation{Label: "14 Harehills Lane", Lat: near + 0.0005, Lon: lon,
		RadiusM: 100, Reason: "Partner aggressive to staff", AddedBy: "lsms", AddedAt: 1, Active: true}); err != nil {
		t.Fatal(err)
	}
	page, err := (&Alerts{s: s}).List(AlertQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if page.KnownRisk[nearID] != "14 Harehills Lane" {
		t.Errorf("alert 56 m from the location not flagged: %v", page.KnownRisk)
	}
	if _, ok := page.KnownRisk[farID]; ok {
		t.Errorf("alert 10 km away flagged: %v", page.KnownRisk)
	}
}
