package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/teamprofile"
	"github.com/nhs-redline/redline/backend/version"
	"github.com/nhs-redline/redline/backend/workspace"
)

// Workspace is the bound service for the data directory: first run, demo data and About.
type Workspace struct {
	s      *session
	opened func() // background preparation of a newly opened workspace (waveforms, map index)
}

// WorkspaceStatus tells the UI whether to show the first-run screen.
type WorkspaceStatus struct {
	Open    bool   `json:"open"`
	DataDir string `json:"dataDir"`
	// Team is true when the window works on (or is set to work on) the
	// team's database: REDLINE_DB names it (TeamFromEnv, TeamAddress), or a
	// connection was saved (Connection, and SavedPassword when its saved
	// password can be read back). Problem says why it could not be opened,
	// beside the connection form's ProblemField when it is about one.
	Team          bool                    `json:"team"`
	TeamFromEnv   bool                    `json:"teamFromEnv"`
	TeamAddress   string                  `json:"teamAddress,omitempty"`
	Connection    *teamprofile.Connection `json:"connection,omitempty"`
	SavedPassword bool                    `json:"savedPassword"`
	Problem       string                  `json:"problem,omitempty"`
	ProblemField  string                  `json:"problemField,omitempty"`
	// LaptopDatabase: the data folder already holds a database of this
	// laptop's, which "Start empty" opens (and the demo would replace).
	LaptopDatabase bool `json:"laptopDatabase"`
}

// Status reports whether a database is open, and which.
func (w *Workspace) Status() (WorkspaceStatus, error) {
	_, err := w.s.workspace()
	st := WorkspaceStatus{Open: err == nil, DataDir: w.s.dir, LaptopDatabase: workspace.Exists(w.s.dir)}
	w.s.teamStatus(&st)
	return st, nil
}

// OpenDemo builds the demo trust (replacing any database) and opens it.
func (w *Workspace) OpenDemo() (WorkspaceStatus, error) {
	if err := w.s.createDemo(context.Background()); err != nil {
		return WorkspaceStatus{}, err
	}
	if w.opened != nil {
		w.opened()
	}
	return w.Status()
}

// OpenEmpty opens the data directory with an empty database.
func (w *Workspace) OpenEmpty() (WorkspaceStatus, error) {
	if err := w.s.createEmpty(); err != nil {
		return WorkspaceStatus{}, err
	}
	if w.opened != nil {
		w.opened()
	}
	return w.Status()
}

// AboutInfo is what the About box shows.
type AboutInfo struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	GoVersion string `json:"goVersion"`
	Platform  string `json:"platform"`
	DataDir   string `json:"dataDir"`
	Database  string `json:"database"`
	Schema    int    `json:"schema"`
	// AuditHead is the audit log's newest entry as N:HASH (16 digits), to
	// note elsewhere and check later with redline-cli audit verify --anchor.
	AuditHead string `json:"auditHead"`
	// Team is true when the database is the team's, reached over the network.
	Team bool `json:"team"`
}

// About describes this build and where its data lives.
func (w *Workspace) About() (AboutInfo, error) {
	info := AboutInfo{Version: version.Version, Commit: version.Commit, GoVersion: runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH, DataDir: w.s.dir}
	if ws, err := w.s.workspace(); err == nil {
		info.Database = ws.Store.Path()
		info.Team = ws.Store.Engine() == store.Postgres
		info.Schema, _ = ws.Store.SchemaVersion(context.Background())
		if h, err := ws.Store.AuditHead(context.Background()); err == nil && h.Seq > 0 {
			info.AuditHead = fmt.Sprintf("%d:%s", h.Seq, h.Hash[:16])
		}
	}
	return info, nil
}
