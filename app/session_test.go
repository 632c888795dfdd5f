package main

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/workspace"
)

// testSession opens a fresh workspace in a temporary folder, as the window
// would after the first-run choice, with its clock fixed at now.
func testSession(t *testing.T, now time.Time) (*session, *workspace.Workspace) {
	t.Helper()
	dir := t.TempDir()
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := &session{dir: dir, log: slog.New(slog.NewTextHandler(io.Discard, nil)), now: func() time.Time { return now }}
	s.set(ws)
	t.Cleanup(s.close)
	return s, ws
}
