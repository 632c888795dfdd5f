package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/workspace"
)

// alertsWorkspace holds n amber alerts, one a minute.
func alertsWorkspace(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	err = ws.Store.Write(context.Background(), func(w *store.Writer) error {
		for i := range n {
			if _, err := w.Alert(store.NewAlert{ARC: "t", ARCRef: fmt.Sprintf("A%05d", i), Type: "amber", RaisedAt: 1_750_000_000 + int64(i)*60}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAlerts_LimitZeroListsEveryMatchAsOneArray(t *testing.T) {
	dir := alertsWorkspace(t, 2345)
	tests := []struct {
		limit []string
		want  int
	}{
		{[]string{"--limit", "0"}, 2345},
		{[]string{"--limit", "1500"}, 1500},
		{[]string{"--limit", "7"}, 7},
		{nil, 100},
	}
	for _, tt := range tests {
		code, out, errs := runCLI(t, append([]string{"--data-dir", dir, "alerts", "--json"}, tt.limit...)...)
		var got []store.Alert
		oneJSON(t, out, &got)
		if code != exitOK || errs != "" || len(got) != tt.want {
			t.Fatalf("%v: exit %d, %d alerts, stderr %q; want %d", tt.limit, code, len(got), errs, tt.want)
		}
		seen := map[int64]bool{}
		for i, a := range got {
			if seen[a.ID] || i > 0 && a.RaisedAt > got[i-1].RaisedAt {
				t.Fatalf("%v: alert %d repeated or out of order at row %d", tt.limit, a.ID, i)
			}
			seen[a.ID] = true
		}
	}
}

func TestAlerts_NegativeLimitIsRefused(t *testing.T) {
	if code, _, errs := runCLI(t, "--data-dir", alertsWorkspace(t, 1), "alerts", "--json", "--limit", "-1"); code != exitBadInput {
		t.Fatalf("exit %d, stderr %q; want 2", code, errs)
	}
}

// TestAlerts_JSONCarriesTheARCsWords: the listing shows a normalised value
// with the ARC's own word beside it, as the window does.
func TestAlerts_JSONCarriesTheARCsWords(t *testing.T) {
	dir := alertsWorkspace(t, 2)
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	err = ws.Store.Write(context.Background(), func(w *store.Writer) error {
		_, err := w.Tx().ExecContext(context.Background(), `INSERT INTO alert_arc(alert_id, words)
			SELECT id, '{"trigger":"Man Down Alert"}' FROM alerts WHERE arc_ref = 'A00001'`)
		return err
	})
	ws.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "--data-dir", dir, "alerts", "--json")
	var got []store.Alert
	oneJSON(t, out, &got)
	if code != exitOK || len(got) != 2 {
		t.Fatalf("exit %d, %d alerts, stderr %q", code, len(got), errs)
	}
	for _, a := range got {
		want := map[string]string{"A00001": "Man Down Alert", "A00000": ""}[a.ARCRef]
		if a.Words["trigger"] != want {
			t.Errorf("%s: words %v, want trigger %q", a.ARCRef, a.Words, want)
		}
	}
}
