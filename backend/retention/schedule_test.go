package retention

import (
	"context"
	"testing"
	"time"
)

// fakeClock advances only when the scheduler waits, by exactly the wait.
type fakeClock struct {
	now   time.Time
	waits []time.Duration
}

func (c *fakeClock) Now() time.Time { return c.now }
func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch
}

func TestSchedule_PurgesAtStartHourlyAndWhenSomethingFallsDue(t *testing.T) {
	start := uk("01/03/2025 09:00")
	clock := &fakeClock{now: start}
	due := start.Add(90 * time.Minute) // a false alarm's 24 hours end half-way through the second hour
	var runs []time.Time
	ctx, cancel := context.WithCancel(context.Background())
	Schedule(ctx, clock, time.Hour, func(_ context.Context, now time.Time) (time.Time, error) {
		runs = append(runs, now)
		if len(runs) == 4 {
			cancel()
		}
		if now.Before(due) {
			return due, nil
		}
		return time.Time{}, nil
	}, nil)
	want := []time.Time{start, start.Add(time.Hour), due, due.Add(time.Hour)}
	if len(runs) != len(want) {
		t.Fatalf("runs %v, want %v", runs, want)
	}
	for i := range want {
		if !runs[i].Equal(want[i]) {
			t.Fatalf("run %d at %v, want %v", i, runs[i], want[i])
		}
	}
}
