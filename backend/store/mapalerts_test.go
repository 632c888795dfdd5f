package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

func TestAlertsByIDs_TimeOrderSkipsUnknown(t *testing.T) {
	s := openTemp(t)
	ids := addAlerts(t, s,
		store.NewAlert{ARC: "t", ARCRef: "late", Type: "red", RaisedAt: 300, Lat: f64(53.8), Lon: f64(-1.5)},
		store.NewAlert{ARC: "t", ARCRef: "early", Type: "amber", RaisedAt: 100},
	)
	got, err := s.AlertsByIDs(context.Background(), []int64{ids[0], 999, ids[1]})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ARCRef != "early" || got[1].ARCRef != "late" || got[1].TeamName != "Leeds North" {
		t.Fatalf("got %+v", got)
	}
	if _, err := s.AlertsByIDs(context.Background(), make([]int64, store.MaxAlertsByID+1)); err == nil {
		t.Error("an unbounded request should be refused")
	}
}

func TestLocatedAlerts_PagesThroughEveryMatchInTimeOrder(t *testing.T) {
	s := openTemp(t)
	var in []store.NewAlert
	for i := 0; i < 12003; i++ {
		a := store.NewAlert{ARC: "t", ARCRef: fmt.Sprint("A", i), Type: "amber", RaisedAt: int64(1000 + i/3)}
		if i%2 == 0 {
			a.Type, a.Validity = "red", "genuine"
		}
		if i%5 != 0 {
			a.Lat, a.Lon = f64(53.8), f64(-1.5)
		}
		in = append(in, a)
	}
	addAlerts(t, s, in...)
	ctx := context.Background()
	got, err := s.LocatedAlerts(ctx, store.AlertFilter{Types: []string{"red"}}, 100000)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := range in {
		if i%2 == 0 && i%5 != 0 {
			want++
		}
	}
	if len(got) != want {
		t.Fatalf("got %d alerts, want %d", len(got), want)
	}
	if !slices.IsSortedFunc(got, func(a, b store.Alert) int {
		if a.RaisedAt != b.RaisedAt {
			return int(a.RaisedAt - b.RaisedAt)
		}
		return int(a.ID - b.ID)
	}) {
		t.Error("not in time order")
	}
	seen := map[int64]bool{}
	for _, a := range got {
		if seen[a.ID] || a.Type != "red" || a.Lat == nil {
			t.Fatalf("alert %d repeated or wrong: %+v", a.ID, a)
		}
		seen[a.ID] = true
	}
	if _, err := s.LocatedAlerts(ctx, store.AlertFilter{}, 100); err == nil || !strings.Contains(err.Error(), "more than 100") {
		t.Errorf("over the cap: %v", err)
	}
}
