package main

import (
	"context"
	"errors"
	"os"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/teamprofile"
	"github.com/nhs-redline/redline/backend/workspace"
)

// Team mode for the window (docs/team-mode.md): when REDLINE_DB names the
// security team's PostgreSQL database, the session opens it instead of the
// data folder's SQLite, and tells the page whenever a colleague changes a
// table a screen shows.

// teamDBEnv names the team database, as it does for redline-cli.
const teamDBEnv = "REDLINE_DB"

// dataChangedEvent carries the name of a table someone changed, or "*" when
// notices may have been missed and every screen should load again.
const dataChangedEvent = "data:changed"

// teamURLFromEnv is the team database REDLINE_DB names, or "" when it names
// none, so the laptop's own database is used as before.
func teamURLFromEnv() string {
	if u := os.Getenv(teamDBEnv); store.IsDatabaseURL(u) {
		return u
	}
	return ""
}

// openTeam opens the team database at url. A failure is kept as well as
// returned, so the window still starts and the first-run screen can say
// what is wrong, beside the connection form's field it is about.
func (s *session) openTeam(url string) error {
	ws, err := workspace.OpenTeam(url, s.dir)
	if err != nil {
		s.log.Warn("team database not opened", "db", store.RedactURL(url), "err", err)
		p := s.explainTeam(err)
		s.mu.Lock()
		s.openMsg, s.openField = p.Message, p.Field
		s.mu.Unlock()
		return p
	}
	s.log.Info("team database opened", "db", store.RedactURL(url))
	s.set(ws)
	return nil
}

// explainTeam says why the team database could not be opened: beside the
// form's field for a saved connection, as the store said it for REDLINE_DB.
func (s *session) explainTeam(err error) *problem.Problem {
	if c := s.savedConnection(); c != nil {
		var p *problem.Problem
		if errors.As(teamprofile.Explain(*c, err), &p) {
			return p
		}
	}
	return &problem.Problem{Message: explainOpen(err, s)}
}

// explainOpen says why the team database could not be opened: a TeamError
// is written for people already; anything else is logged under a reference.
func explainOpen(err error, s *session) string {
	var te *store.TeamError
	if errors.As(err, &te) {
		return te.Message
	}
	return problem.Explain(err, s.log).Message
}

// listener is the running ListenChanges of the open team workspace.
type listener struct {
	stop context.CancelFunc
	done chan struct{}
}

// listen starts hearing ws's change notices, when it is a team database and
// someone wants them. The caller holds s.mu.
func (s *session) listen(ws *workspace.Workspace) {
	if ws == nil || s.changed == nil || ws.Store.Engine() != store.Postgres {
		return
	}
	ctx, stop := context.WithCancel(s.appCtx)
	l := &listener{stop: stop, done: make(chan struct{})}
	changed, log := s.changed, s.log
	go func() {
		defer close(l.done)
		ws.Store.ListenChanges(ctx, changed, func(err error) {
			log.Warn("team change notices interrupted; listening again", "err", err)
		})
	}()
	s.listening = l
}

// stopListening ends the listener, if any, and waits for it so that the
// workspace it uses can be closed. The caller holds s.mu.
func (s *session) stopListening() {
	if s.listening == nil {
		return
	}
	s.listening.stop()
	<-s.listening.done
	s.listening = nil
}

// notifyChanges sends the open team workspace's change notices, and those of
// any opened later, to fn until ctx (the app's) ends or the workspace closes.
func (s *session) notifyChanges(ctx context.Context, fn func(store.Change)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopListening()
	s.appCtx, s.changed = ctx, fn
	s.listen(s.ws)
}

// emitChange tells the page a table changed, so open screens showing it load again.
func (a *app) emitChange(c store.Change) {
	a.platform.Emit(dataChangedEvent, c.Table)
}
