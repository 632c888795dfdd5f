package main

import (
	"context"
	"sync"
	"time"

	"github.com/nhs-redline/redline/backend/evidence"
	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/retention"
	"github.com/nhs-redline/redline/backend/workspace"
)

// Evidence is the bound service behind Settings, Evidence check: it checks
// that every recording's file is present and unchanged and every file in the
// vault is accounted for, on demand and weekly in the background.
type Evidence struct {
	s    *session
	jobs *jobs

	mu     sync.Mutex // one check at a time: the button and the weekly run share it
	ctx    context.Context
	cancel context.CancelFunc
	done   sync.WaitGroup
}

// EvidenceReport is the latest check for the window.
type EvidenceReport struct {
	Report  evidence.Report `json:"report"`
	Checked bool            `json:"checked"` // false until the first check has run
	NextAt  int64           `json:"nextAt"`  // when the weekly check runs next, Unix seconds
}

func newEvidence(s *session, j *jobs) *Evidence {
	e := &Evidence{s: s, jobs: j}
	e.ctx, e.cancel = context.WithCancel(context.Background())
	return e
}

// Last returns the latest check, or Checked false if there has been none.
func (e *Evidence) Last() (EvidenceReport, error) {
	ws, err := e.s.workspace()
	if err != nil {
		return EvidenceReport{}, err
	}
	return e.report(ws)
}

// EvidenceDone is the outcome of a check the window started, sent once as
// "evidence:done:<id>".
type EvidenceDone struct {
	Report EvidenceReport `json:"report"`
	Error  string         `json:"error,omitempty"`
}

// Start runs the check now in the background as run runID (16 hex digits
// named by the page), with evidence.Progress as "evidence:progress:<id>" and
// an EvidenceDone at the end; problems also go to My work.
func (e *Evidence) Start(runID string) (string, error) {
	ws, err := e.s.workspace()
	if err != nil {
		return "", err
	}
	return e.jobs.start("evidence", runID, func(ctx context.Context, _ string, p *progress) any {
		if _, err := e.run(ctx, ws, caseClock(e.s), func(pr evidence.Progress) { p.Send(pr) }); err != nil {
			return EvidenceDone{Error: problem.Explain(err, e.s.log).Message}
		}
		rep, err := e.report(ws)
		if err != nil {
			return EvidenceDone{Error: problem.Explain(err, e.s.log).Message}
		}
		return EvidenceDone{Report: rep}
	})
}

func (e *Evidence) report(ws *workspace.Workspace) (EvidenceReport, error) {
	ctx := context.Background()
	rep, ok, err := evidence.Last(ctx, ws.Store)
	if err != nil {
		return EvidenceReport{}, err
	}
	next, err := evidence.NextDue(ctx, ws.Store, caseClock(e.s))
	if rep.Problems == nil {
		rep.Problems = []evidence.Problem{}
	}
	return EvidenceReport{Report: rep, Checked: ok, NextAt: next.Unix()}, err
}

// run checks the workspace's evidence, one check at a time (the button and
// the weekly run share it); ctx is the run's or the weekly schedule's.
func (e *Evidence) run(ctx context.Context, ws *workspace.Workspace, now time.Time, progress func(evidence.Progress)) (evidence.Report, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	rep, err := evidence.Run(ctx, ws.Store, ws.Vault, now, progress)
	if err == nil && !rep.OK() {
		e.s.log.Warn("evidence check found problems", "problems", len(rep.Problems)+rep.More)
	}
	return rep, err
}

// checkIfDue runs the check when a week has passed since the last one and
// returns when the next is due.
func (e *Evidence) checkIfDue(ctx context.Context, now time.Time) (time.Time, error) {
	ws, err := e.s.workspace()
	if err != nil {
		return time.Time{}, nil
	}
	due, err := evidence.NextDue(ctx, ws.Store, now)
	if err != nil || now.Before(due) {
		return due, err
	}
	_, err = e.run(ctx, ws, now, func(evidence.Progress) {})
	return now.Add(evidence.Every), err
}

// startWeekly checks the evidence in the background whenever a week has
// passed, looking hourly (and at start-up) for whatever workspace is open.
func (e *Evidence) startWeekly(clock retention.Clock) {
	e.done.Add(1)
	go func() {
		defer e.done.Done()
		retention.Schedule(e.ctx, clock, time.Hour, e.checkIfDue,
			func(err error) { e.s.log.Warn("evidence check failed", "err", err) })
	}()
}

// stopWeekly ends the background checks, cancelling one in progress, and
// waits for it, before the database closes.
func (e *Evidence) stopWeekly() {
	e.cancel()
	e.done.Wait()
}
