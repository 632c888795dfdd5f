package main

import (
	"context"

	"github.com/nhs-redline/redline/backend/retention"
)

// Retention is the bound service for the trust's retention periods.
type Retention struct {
	s      *session
	purger func() *purger
}

// RetentionPolicy is the policy in force and the guidance's defaults beside it.
type RetentionPolicy struct {
	Policy  retention.Policy `json:"policy"`
	Default retention.Policy `json:"default"`
}

// Policy returns the periods in force.
func (r *Retention) Policy() (RetentionPolicy, error) {
	ws, err := r.s.workspace()
	if err != nil {
		return RetentionPolicy{}, err
	}
	p, err := retention.Load(context.Background(), ws.Store)
	return RetentionPolicy{Policy: p, Default: retention.Default()}, err
}

// SavePolicy checks and stores new periods, records who changed them, and
// asks the purger to re-plan at once: a shorter period can make items due now.
func (r *Retention) SavePolicy(p retention.Policy) (RetentionPolicy, error) {
	ws, err := r.s.workspace()
	if err != nil {
		return RetentionPolicy{}, err
	}
	if err := retention.SavePolicy(context.Background(), ws.Store, p, who(r.s)); err != nil {
		return RetentionPolicy{}, err
	}
	if pg := r.purger(); pg != nil {
		pg.Kick()
	}
	return r.Policy()
}
