package main

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/nhs-redline/redline/backend/workspace"
	"github.com/nhs-redline/redline/reports/exports"
)

// session holds the workspace the window is working on. The first-run screen
// decides whether it is the demo trust or an empty database, so services must
// cope with none being open yet.
type session struct {
	dir string
	log *slog.Logger
	now func() time.Time

	mu sync.RWMutex
	ws *workspace.Workspace
}

var errNoWorkspace = errors.New("no database is open yet: choose the demo data or an empty database first")

func (s *session) workspace() (*workspace.Workspace, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.ws == nil {
		return nil, errNoWorkspace
	}
	return s.ws, nil
}

// openExisting opens the data directory if it already holds a database.
func (s *session) openExisting() error {
	if !workspace.Exists(s.dir) {
		return nil
	}
	ws, err := workspace.Open(s.dir)
	if err != nil {
		return err
	}
	s.set(ws)
	return nil
}

func (s *session) set(ws *workspace.Workspace) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ws != nil {
		s.ws.Close()
	}
	s.ws = ws
}

func (s *session) createDemo(ctx context.Context) error {
	s.mu.Lock()
	if s.ws != nil {
		s.ws.Close()
		s.ws = nil
	}
	s.mu.Unlock()
	// The window's demo carries the two years of history, so a director's
	// charts show limits on first run (redline-cli demo adds it with --history).
	ws, sum, err := workspace.CreateDemo(ctx, s.dir, s.now(), workspace.DemoOptions{Force: true, Letters: exports.LetterDocs, History: true})
	if err != nil {
		return err
	}
	s.log.Info("demo data created", "alerts", sum.Amber+sum.Red, "workers", sum.Workers)
	s.set(ws)
	return nil
}

func (s *session) createEmpty() error {
	ws, err := workspace.Open(s.dir)
	if err != nil {
		return err
	}
	s.set(ws)
	return nil
}

func (s *session) close() {
	s.set(nil)
}
