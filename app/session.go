package main

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
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

	// teamURL is the team database REDLINE_DB names ("" on a laptop or
	// with a saved connection): the window then cannot choose another.
	teamURL string
	// profileDir is the user's profile folder, where the team connection
	// chosen in the window is saved ("" : none is read or saved).
	profileDir string

	mu        sync.RWMutex
	ws        *workspace.Workspace
	openMsg   string     // why the team database could not be opened, for the first-run screen
	openField string     // the connection form's field openMsg is about
	saved     *savedTeam // the team connection saved in profileDir, if any
	listening *listener  // the team database's change notices, while it is open
	// changed hears those notices (the app emits them to the page), from
	// the app's start-up until appCtx ends.
	changed func(store.Change)
	appCtx  context.Context
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

// openExisting opens the team database when REDLINE_DB names one, or else
// the saved team connection, or else the data directory if it already holds
// a database.
func (s *session) openExisting() error {
	if s.teamURL != "" {
		s.openTeam(s.teamURL)
		return nil
	}
	if s.reconnect() {
		return nil
	}
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
	s.stopListening()
	if s.ws != nil {
		s.ws.Close()
	}
	s.ws = ws
	if ws != nil {
		s.openMsg, s.openField = "", ""
	}
	s.listen(ws)
}

// errTeamNoDemo: the demo would replace a database the whole team shares.
var errTeamNoDemo = problem.New("Redline is set to use your team's database (REDLINE_DB), so it cannot open the demo data. Remove that setting to explore the demo on this laptop.")

func (s *session) createDemo(ctx context.Context) error {
	if s.teamURL != "" {
		return errTeamNoDemo
	}
	if err := s.forget(); err != nil { // choosing this laptop leaves the saved team database
		return err
	}
	s.set(nil)
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

// createEmpty opens the data directory's database; when REDLINE_DB names a
// team database it tries that again instead (the first-run screen's way to
// retry). Choosing this laptop forgets a saved team connection.
func (s *session) createEmpty() error {
	if s.teamURL != "" {
		return s.openTeam(s.teamURL)
	}
	if err := s.forget(); err != nil {
		return err
	}
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
