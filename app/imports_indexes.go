package main

import (
	"context"
	"runtime/debug"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
)

// IndexStatus says whether the alert indexes a large import set aside are
// being rebuilt. Until they are, lists and filters are right but slower.
type IndexStatus struct {
	Building bool   `json:"building"`
	Done     int    `json:"done"`
	Total    int    `json:"total"`
	Error    string `json:"error"`
}

// Indexes reports the rebuild, for a page opened while one runs.
func (im *Imports) Indexes() (IndexStatus, error) {
	im.mu.Lock()
	defer im.mu.Unlock()
	return im.indexes, nil
}

// buildIndexes rebuilds, in the background, any alert index an import left
// for after its commit, and pushes "indexes:progress" as it goes. It runs
// after every import and when the window starts, so a rebuild cut short by
// closing Redline is finished next time. afterCommit starts the rest of the
// background preparation at the same moments.
func (im *Imports) buildIndexes() {
	if im.afterCommit != nil {
		im.afterCommit()
	}
	ws, err := im.s.workspace()
	if err != nil {
		return
	}
	if waiting, err := ws.Store.DeferredIndexes(context.Background()); err != nil || len(waiting) == 0 {
		return // the usual start-up and small imports: nothing to rebuild
	}
	go func() {
		// The import's garbage goes back to the system before the sorts
		// start, so the two do not add up to the peak.
		debug.FreeOSMemory()
		report := func(st IndexStatus) {
			im.mu.Lock()
			im.indexes = st
			im.mu.Unlock()
			im.platform().Emit("indexes:progress", st)
		}
		err := ws.Store.BuildDeferredIndexes(context.Background(), func(p store.IndexProgress) {
			report(IndexStatus{Building: p.Name != "", Done: p.Done, Total: p.Total})
		})
		if err != nil {
			report(IndexStatus{Error: "Rebuilding the indexes that make sorting and filtering fast did not finish. " +
				problem.Explain(err, im.s.log).Message + " Redline tries again when it next starts."})
		}
	}()
}
