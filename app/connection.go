package main

import (
	"log/slog"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/teamprofile"
	"github.com/nhs-redline/redline/backend/workspace"
)

// The team database chosen in the window (docs/team-mode.md): the first-run
// screen's connection form tests and opens it, the connection is saved in
// the user's profile (backend/teamprofile, the password sealed by
// backend/credential) and reopened at the next start; Settings can leave it.
// REDLINE_DB, when set, wins over all of this and cannot be changed here.

// savedTeam is the saved connection the session knows of.
type savedTeam struct {
	conn     teamprofile.Connection
	password bool // a saved password this user can read back goes with it
}

var errTeamFromEnv = problem.New("Redline is set to use the team database that the REDLINE_DB setting names, " +
	"so it cannot be changed here. Ask whoever set up this computer to remove that setting first.")

var errNoProfile = problem.New("Redline cannot find your profile folder to save the connection in. " +
	"Set REDLINE_CONFIG_DIR to a folder of your own, then try again.")

// teamProfileDir is the user's profile folder, or "" (logged) when there is
// none, so that no connection is saved or read.
func teamProfileDir(log *slog.Logger) string {
	dir, err := teamprofile.Dir()
	if err != nil {
		log.Warn("no profile folder: team connections are not saved", "err", err)
		return ""
	}
	return dir
}

// reconnect opens the saved team connection, and reports whether one was
// saved: if so the laptop's own database is not opened, whatever happened,
// and a failure waits on the first-run screen with the saved details.
func (s *session) reconnect() bool {
	if s.profileDir == "" {
		return false
	}
	p, err := teamprofile.Load(s.profileDir)
	if p == nil && err == nil {
		return false
	}
	if err != nil {
		s.fail(problem.Explain(err, s.log).Message, "")
		return true
	}
	saved := &savedTeam{conn: p.Connection}
	s.mu.Lock()
	s.saved = saved
	s.mu.Unlock()
	pw, err := p.Password(s.profileDir)
	if err != nil {
		s.log.Warn("saved team password unreadable", "err", err)
		s.fail(problem.Explain(err, s.log).Message, "password")
		return true
	}
	s.mu.Lock()
	saved.password = true
	s.mu.Unlock()
	s.openTeam(p.URL(pw))
	return true
}

// fail keeps why the team database is not open, for the first-run screen.
func (s *session) fail(msg, field string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.openMsg, s.openField = msg, field
}

// savedConnection is the saved team connection, or nil.
func (s *session) savedConnection() *teamprofile.Connection {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.saved == nil {
		return nil
	}
	c := s.saved.conn
	return &c
}

// login reads the form: the connection it names and the password to use,
// which is the saved one when the box is left empty for the very connection
// that was saved (never for another server or user, which must not be sent it).
func (s *session) login(f teamprofile.Form) (teamprofile.Connection, string, error) {
	c, err := teamprofile.Parse(f)
	if err != nil || f.Password != "" {
		return c, f.Password, err
	}
	if s.profileDir != "" {
		p, err := teamprofile.Load(s.profileDir)
		if err == nil && p != nil && p.Connection == c {
			pw, err := p.Password(s.profileDir)
			return c, pw, err
		}
	}
	return c, "", problem.InField("password", "Enter your password for the database.")
}

// TeamCheck is what testing a connection found.
type TeamCheck struct {
	Message string `json:"message"`
}

// testTeam tries the connection the form names and lets it go again.
func (s *session) testTeam(f teamprofile.Form) (TeamCheck, error) {
	if s.teamURL != "" {
		return TeamCheck{}, errTeamFromEnv
	}
	c, pw, err := s.login(f)
	if err != nil {
		return TeamCheck{}, err
	}
	st, err := store.Open(c.URL(pw))
	if err != nil {
		s.log.Info("team connection test failed", "db", store.RedactURL(c.URL("")), "err", err)
		return TeamCheck{}, teamprofile.Explain(c, err)
	}
	st.Close()
	return TeamCheck{Message: "Redline can use " + c.String() + ". Choose Connect to start working on it."}, nil
}

// connect opens the team database the form names and, once it is open,
// saves the connection so that the next start reconnects.
func (s *session) connect(f teamprofile.Form) error {
	if s.teamURL != "" {
		return errTeamFromEnv
	}
	if s.profileDir == "" {
		return errNoProfile
	}
	c, pw, err := s.login(f)
	if err != nil {
		return err
	}
	ws, err := workspace.OpenTeam(c.URL(pw), s.dir)
	if err != nil {
		s.log.Warn("team database not opened", "db", store.RedactURL(c.URL("")), "err", err)
		return teamprofile.Explain(c, err)
	}
	if err := teamprofile.Save(s.profileDir, c, pw); err != nil {
		ws.Close()
		return err
	}
	s.mu.Lock()
	s.saved = &savedTeam{conn: c, password: true}
	s.mu.Unlock()
	s.log.Info("team database opened and saved", "db", store.RedactURL(c.URL("")))
	s.set(ws)
	return nil
}

// forget removes the saved team connection and its password.
func (s *session) forget() error {
	if s.profileDir != "" {
		if err := teamprofile.Forget(s.profileDir); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saved, s.openMsg, s.openField = nil, "", ""
	return nil
}

// disconnect leaves the team database for the first-run screen.
func (s *session) disconnect() error {
	if s.teamURL != "" {
		return errTeamFromEnv
	}
	if err := s.forget(); err != nil {
		return err
	}
	s.set(nil)
	s.log.Info("team database left")
	return nil
}

// TestConnection tries the team database the connection form names, without
// opening it or saving anything; a failure is a problem beside its field.
func (w *Workspace) TestConnection(f teamprofile.Form) (TeamCheck, error) {
	return w.s.testTeam(f)
}

// Connect opens the team database the connection form names and saves the
// connection (the password protected) for the next start.
func (w *Workspace) Connect(f teamprofile.Form) (WorkspaceStatus, error) {
	if err := w.s.connect(f); err != nil {
		return WorkspaceStatus{}, err
	}
	if w.opened != nil {
		w.opened()
	}
	return w.Status()
}

// Disconnect forgets the saved team connection and closes the team
// database, back to the first-run screen.
func (w *Workspace) Disconnect() (WorkspaceStatus, error) {
	if err := w.s.disconnect(); err != nil {
		return WorkspaceStatus{}, err
	}
	return w.Status()
}

// teamStatus fills in what the window knows of the team database.
func (s *session) teamStatus(st *WorkspaceStatus) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st.Problem, st.ProblemField = s.openMsg, s.openField
	st.TeamFromEnv = s.teamURL != ""
	if st.TeamFromEnv {
		st.TeamAddress = store.RedactURL(s.teamURL)
	}
	if s.saved != nil {
		c := s.saved.conn
		st.Connection, st.SavedPassword = &c, s.saved.password
	}
	st.Team = st.TeamFromEnv || s.saved != nil
}
