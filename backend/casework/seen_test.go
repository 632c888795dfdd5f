package casework

import (
	"context"
	"errors"
	"testing"
	"time"

	public "github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
)

// TestSeen_AColleaguesChangeReachesThePageInPlainWords: a refused write
// reaches the page as the store's sentence, with the codes put into the
// words the screens use and who did it when, never as a failure with a
// reference.
func TestSeen_AColleaguesChangeReachesThePageInPlainWords(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	red, _ := seed(t, st, "genuine")
	smith := store.Who{Actor: "j.smith", At: time.Date(2025, 6, 15, 14, 2, 0, 0, store.London).Unix()}
	if _, err := CategoriseSeen(ctx, st, red, 0, "false", "pressed by mistake", smith); err != nil {
		t.Fatal(err)
	}
	_, err := CategoriseSeen(ctx, st, red, 0, "genuine", "", who(5*time.Hour))
	want := "Someone else changed this alert's triage while you were looking at it: it is now ‘False or accidental’ " +
		"(by j.smith at 14:02 on 15/06/2025). Your change was not saved. Look again and decide."
	if got := public.Explain(err, nil); got.Message != want || got.Ref != "" || !errors.Is(err, store.ErrChanged) {
		t.Fatalf("triage refusal %+v\nwant %q", got, want)
	}

	// A case moved on by a colleague, and a decision made by one, are named in the screens' words too.
	if _, err := CategoriseSeen(ctx, st, red, mustCurrent(t, st, red), "genuine", "worker confirmed", smith); err != nil {
		t.Fatal(err)
	}
	c, err := OpenFromAlert(ctx, st, red, smith)
	if err != nil {
		t.Fatal(err)
	}
	if err := MoveSeen(ctx, st, c.ID, Open, Investigating, "", smith); err != nil {
		t.Fatal(err)
	}
	err = MoveSeen(ctx, st, c.ID, Open, Investigating, "", who(6*time.Hour))
	if got := public.Explain(err, nil).Message; got != "Someone else changed case "+c.Ref+"'s state while you were looking at it: "+
		"it is now ‘Investigating’ (by j.smith at 14:02 on 15/06/2025). Your change was not saved. Look again and decide." {
		t.Fatalf("state refusal %q", got)
	}
	if err := MoveSeen(ctx, st, c.ID, "", Closed, "", smith); err == nil || errors.Is(err, store.ErrChanged) {
		t.Fatalf("a move that does not say what the page showed: %v, want it refused as a problem", err)
	}
	if _, err := DecideSeen(ctx, st, store.Decision{CaseID: c.ID, Route: RoutePolice, ReferredTo: "West Yorkshire Police",
		Reasons: "assault"}, 0, smith); err != nil {
		t.Fatal(err)
	}
	_, err = DecideSeen(ctx, st, store.Decision{CaseID: c.ID, Route: RouteNoSanction, Reasons: "apology"}, 0, who(6*time.Hour))
	var ch *store.ChangedError
	if !errors.As(err, &ch) || ch.Now != routeLabel(RoutePolice) || ch.By != "j.smith" {
		t.Fatalf("decision refusal %v (%+v)", err, ch)
	}
}

func mustCurrent(t *testing.T, st *store.Store, alertID int64) int64 {
	t.Helper()
	cur, err := st.CurrentTriage(context.Background(), alertID)
	if err != nil || cur == nil {
		t.Fatalf("current triage %+v (%v)", cur, err)
	}
	return cur.ID
}
