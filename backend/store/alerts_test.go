package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
)

// manyAlerts stores n alerts, three to each second so that ties on the time
// fall across page boundaries; every fifth is red, the rest amber.
func manyAlerts(t *testing.T, n int) *store.Store {
	t.Helper()
	st, _ := storetest.Open(t)
	err := st.Write(context.Background(), func(w *store.Writer) error {
		for i := range n {
			typ := "amber"
			if i%5 == 0 {
				typ = "red"
			}
			if _, err := w.Alert(store.NewAlert{ARC: "t", ARCRef: fmt.Sprintf("R%05d", i), Type: typ, RaisedAt: 1_700_000_000 + int64(i/3)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func eachAlert(t *testing.T, st *store.Store, f store.AlertFilter, limit int) []store.Alert {
	t.Helper()
	var got []store.Alert
	if err := st.EachAlert(context.Background(), f, limit, func(a store.Alert) error {
		got = append(got, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestEachAlert_EveryMatchOnceNewestFirstAcrossPages(t *testing.T) {
	st := manyAlerts(t, 1234)
	tests := []struct {
		name  string
		f     store.AlertFilter
		limit int
		want  int
	}{
		{"every alert", store.AlertFilter{}, 0, 1234},
		{"a limit inside a page", store.AlertFilter{}, 7, 7},
		{"a limit on a page boundary", store.AlertFilter{}, 1000, 1000},
		{"a limit beyond the matches", store.AlertFilter{}, 5000, 1234},
		{"a filter", store.AlertFilter{Types: []string{"red"}}, 0, 247},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := eachAlert(t, st, tt.f, tt.limit)
			if len(got) != tt.want {
				t.Fatalf("%d alerts, want %d", len(got), tt.want)
			}
			seen := map[int64]bool{}
			for i, a := range got {
				if seen[a.ID] {
					t.Fatalf("alert %d listed twice", a.ID)
				}
				seen[a.ID] = true
				if len(tt.f.Types) > 0 && a.Type != tt.f.Types[0] {
					t.Fatalf("alert %d is %s, outside the filter", a.ID, a.Type)
				}
				if i > 0 && (a.RaisedAt > got[i-1].RaisedAt || a.RaisedAt == got[i-1].RaisedAt && a.ID > got[i-1].ID) {
					t.Fatalf("alert %d (%d) follows %d (%d): not newest first", a.ID, a.RaisedAt, got[i-1].ID, got[i-1].RaisedAt)
				}
			}
		})
	}
}

func TestEachAlert_SameOrderAsTheListPage(t *testing.T) {
	st := manyAlerts(t, 1234)
	page, err := st.ListAlerts(context.Background(), store.AlertFilter{}, store.AlertSort{Column: "raisedAt", Desc: true}, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	got := eachAlert(t, st, store.AlertFilter{}, 1000)
	for i := range page {
		if got[i].ID != page[i].ID {
			t.Fatalf("row %d: streamed alert %d, the list page has %d", i, got[i].ID, page[i].ID)
		}
	}
}

func TestEachAlert_StopsAtTheCallbacksError(t *testing.T) {
	st := manyAlerts(t, 600)
	stop := errors.New("reader went away")
	calls := 0
	err := st.EachAlert(context.Background(), store.AlertFilter{}, 0, func(store.Alert) error {
		if calls++; calls == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 3 {
		t.Fatalf("err %v after %d calls; want the callback's error after 3", err, calls)
	}
}
