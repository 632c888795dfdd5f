package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// TestCreateExhibit_ConcurrentNumbersTakeTurnsOnEachEngine: six items
// numbered at once for one producer get six different numbers, none
// refused. On PostgreSQL two transactions would otherwise both read the same
// highest number, and the second would fail on the reference.
func TestCreateExhibit_ConcurrentNumbersTakeTurnsOnEachEngine(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		who := Who{Actor: "alex.morgan", At: 1_790_000_000}
		c, err := st.OpenCase(ctx, NewCase{Title: "A", Origin: "manual", IncidentAt: who.At}, who)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 6)
		for i := range 6 {
			wg.Go(func() {
				_, _, err := st.CreateExhibit(ctx, NewExhibit{CaseID: c.ID, Initials: "AM", Separator: "/", Producer: "Alex Morgan",
					Kind: "recording", Description: "R", SourceType: "media", SourceID: int64(i + 1),
					SHA256: fmt.Sprintf("%064x", i+1)}, who)
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		xs, err := st.Exhibits(ctx, c.ID)
		seen := map[int]bool{}
		for _, x := range xs {
			seen[x.Number] = true
		}
		if err != nil || len(xs) != 6 || len(seen) != 6 || !seen[1] || !seen[6] {
			t.Fatalf("exhibits %+v, %v; want numbers 1 to 6 once each", xs, err)
		}
	})
}
