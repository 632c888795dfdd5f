package main

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nhs-redline/redline/backend/audit"
	"github.com/nhs-redline/redline/backend/casework"
	"github.com/nhs-redline/redline/backend/retention"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/workspace"
)

// caseClock is the time casework and retention see: the session's clock,
// which only the dev build lets tests pin or move (REDLINE_NOW, REDLINE_CLOCK_OFFSET).
func caseClock(s *session) time.Time { return s.now() }

// who is the person at the keyboard, now.
func who(s *session) store.Who { return store.Who{Actor: actorOf(s), At: caseClock(s).Unix()} }

// MyWork is the bound service behind the My work screen.
type MyWork struct {
	s *session
}

// List returns what is due, most urgent first.
func (m *MyWork) List() ([]casework.Item, error) {
	ws, err := m.s.workspace()
	if err != nil {
		return nil, err
	}
	return casework.MyWork(context.Background(), ws.Store, caseClock(m.s))
}

// Now is casework's clock, so countdowns on screen agree with the purge.
func (m *MyWork) Now() int64 { return caseClock(m.s).Unix() }

// purger runs retention at start-up, hourly, and when a recording falls due.
type purger struct {
	stop   context.CancelFunc
	done   sync.WaitGroup
	kicked atomic.Bool
}

// Kick asks for a fresh plan within a minute, after a categorisation or a
// legal hold changed what falls due when.
func (p *purger) Kick() {
	if p != nil {
		p.kicked.Store(true)
	}
}

// startPurger starts the retention schedule for whatever workspace is open.
// Until one is open it looks again every minute.
func startPurger(s *session, clock retention.Clock) *purger {
	ctx, cancel := context.WithCancel(context.Background())
	p := &purger{stop: cancel}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		var last *workspace.Workspace
		var due time.Time
		// Wakes every minute but purges only at start-up, when another
		// workspace is opened, hourly, and when a recording falls due.
		retention.Schedule(ctx, clock, time.Minute, func(ctx context.Context, now time.Time) (time.Time, error) {
			ws, err := s.workspace()
			if err != nil || (ws == last && now.Before(due) && !p.kicked.Swap(false)) {
				return time.Time{}, nil
			}
			last, due = ws, now.Add(time.Hour)
			rep, err := retention.PurgeNow(ctx, ws.Store, ws.Vault, now, audit.System, false)
			if len(rep.Destroyed) > 0 {
				s.log.Info("retention purge", "destroyed", len(rep.Destroyed), "held", len(rep.Held))
			}
			if rep.NextDueAt != nil && rep.NextDueAt.Before(due) {
				due = *rep.NextDueAt
			}
			return due, err
		}, func(err error) { s.log.Warn("retention purge failed", "err", err) })
	}()
	return p
}

// Stop ends the schedule and waits for a purge in progress.
func (p *purger) Stop() {
	p.stop()
	p.done.Wait()
}

// shutdown cancels the running jobs and stops the retention schedule and the
// evidence check before the database closes.
func (a *app) shutdown(ctx context.Context) {
	a.jobs.shutdown(10 * time.Second)
	if a.purge != nil {
		a.purge.Stop()
	}
	a.evidence.stopWeekly()
}
