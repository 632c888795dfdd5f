package retention

import (
	"context"
	"time"
)

// Clock is the time source the scheduler waits on; tests use a fake one.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// RunningClock waits in real time on a clock that reads now from the function,
// which is time.Now in releases and may start at a pinned instant in tests.
type RunningClock func() time.Time

func (c RunningClock) Now() time.Time                         { return c() }
func (c RunningClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// PurgeFunc runs one purge at now and returns when the next recording falls
// due (zero when none is planned).
type PurgeFunc func(ctx context.Context, now time.Time) (next time.Time, err error)

// Schedule purges at once, then every interval, and also at the moment the
// next recording falls due, so a false alarm goes at 24 hours, not up to an
// hour later. It returns when ctx is cancelled.
func Schedule(ctx context.Context, clock Clock, interval time.Duration, purge PurgeFunc, onErr func(error)) {
	for {
		now := clock.Now()
		next, err := purge(ctx, now)
		if err != nil && onErr != nil {
			onErr(err)
		}
		if ctx.Err() != nil {
			return
		}
		wait := interval
		if !next.IsZero() && next.Sub(now) < wait {
			wait = max(next.Sub(now), time.Second)
		}
		select {
		case <-ctx.Done():
			return
		case <-clock.After(wait):
		}
	}
}
