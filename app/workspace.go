package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/nhs-redline/redline/backend/version"
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
	// Team is true when REDLINE_DB names the team's database, which is then
	// the only one the window opens; Problem says why it could not be opened.
	Team    bool   `json:"team"`
	Problem string `json:"problem,omitempty"`
}

// Status reports whether a database is open.
func (w *Workspace) Status() (WorkspaceStatus, error) {
	_, err := w.s.workspace()
	return WorkspaceStatus{Open: err == nil, DataDir: w.s.dir, Team: w.s.teamURL != "", Problem: w.s.openProblem()}, nil
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
}

// About describes this build and where its data lives.
func (w *Workspace) About() (AboutInfo, error) {
	info := AboutInfo{Version: version.Version, Commit: version.Commit, GoVersion: runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH, DataDir: w.s.dir}
	if ws, err := w.s.workspace(); err == nil {
		info.Database = ws.Store.Path()
		info.Schema, _ = ws.Store.SchemaVersion(context.Background())
		if h, err := ws.Store.AuditHead(context.Background()); err == nil && h.Seq > 0 {
			info.AuditHead = fmt.Sprintf("%d:%s", h.Seq, h.Hash[:16])
		}
	}
	return info, nil
}
