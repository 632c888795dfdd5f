// Package exports is every export the window and redline-cli share, once:
// each job picks its data through backend/, renders it with a reports/
// package and writes it through backend/export, so both front ends make the
// same bytes and the same single audit entry by construction. backend/ may
// not import reports/, so this is where the two meet.
package exports

import (
	"context"
	"io"

	"github.com/nhs-redline/redline/backend/export"
	"github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/workspace"
	rl "github.com/nhs-redline/redline/reports/letters"
)

// Dest is where an export goes: the file at Path, or, when Path is "-",
// Stream (redline-cli's standard output).
type Dest struct {
	Path   string
	Stream io.Writer
}

// File is a Dest on disk.
func File(path string) Dest { return Dest{Path: path} }

// write sends one export through the chokepoint.
func write(ctx context.Context, st *store.Store, who store.Who, d Dest, it export.Item, render export.Render) (export.Result, error) {
	if d.Path == "-" && d.Stream != nil {
		return export.ToStream(ctx, st, who, d.Stream, it, render)
	}
	return export.ToFile(ctx, st, who, d.Path, it, render)
}

// LetterDocs is the letter renderer both front ends hand to backend/letters,
// for the letter office and for the demo's letters.
var LetterDocs letters.Renderer = rl.Renderer{}

// Letters is the letter office of a workspace. Its Export is the letter
// export: a stored, hash-checked file copied out through backend/export.
func Letters(ws *workspace.Workspace) *letters.Office {
	return letters.New(ws.Store, ws.Vault, ws.Dir, LetterDocs)
}
