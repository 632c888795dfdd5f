package main

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

// TestWorkspace_AboutShowsTheAuditHead: the About box offers the newest
// audit entry to note elsewhere, in the form audit verify --anchor reads.
func TestWorkspace_AboutShowsTheAuditHead(t *testing.T) {
	im, fp := importsFixture(t)
	w := &Workspace{s: im.s}
	if info, err := w.About(); err != nil || info.AuditHead != "" {
		t.Fatalf("empty log: %+v %v", info, err)
	}
	id, err := im.Start(im.remember(filepath.Join("..", "testdata", "arc", "demo", "canonical")).Token, StartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	waitDone(t, fp, id)
	info, err := w.About()
	if err != nil || !regexp.MustCompile(`^\d+:[0-9a-f]{16}$`).MatchString(info.AuditHead) {
		t.Fatalf("about %+v %v", info, err)
	}
	a, err := store.ParseAuditAnchor(info.AuditHead)
	ws, _ := im.s.workspace()
	if p, cerr := ws.Store.CheckAuditAnchor(context.Background(), a); err != nil || p != nil || cerr != nil {
		t.Errorf("the offered anchor does not check: %v %+v %v", err, p, cerr)
	}
}
