package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/nhs-redline/redline/backend/arc"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
)

// TestTeamWindow_ImportLoadsTheTeamDatabase runs the Imports screen's
// service on a team workspace as the page does (pick by token, start, wait
// for the done event): the export lands in the team database through its
// COPY path, the Alerts screen's first page is the laptop's for the same
// files, the history lists it with its files' hashes, and importing it
// again changes nothing.
func TestTeamWindow_ImportLoadsTheTeamDatabase(t *testing.T) {
	db := teamtest.NewDatabase(t)
	if _, err := store.InitTeam(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	s, a, _ := teamSession(t, db)
	fp := &fakePlatform{}
	im := newImports(s, func() platform { return fp }, newJobs(func() platform { return fp }))
	export := filepath.Join("..", "testdata", "arc", "demo", "canonical")

	id, err := im.Start(im.remember(export).Token, StartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := waitDone(t, fp, id)
	if out.Error != "" || out.Result.Status != arc.StatusImported || out.Result.Summary.Alerts.New == 0 {
		t.Fatalf("team import: %+v", out)
	}
	ws, _ := s.workspace()
	if ws.Store.Engine() != store.Postgres {
		t.Fatalf("imported into %s, want the team database", ws.Store.Engine())
	}
	page, err := a.alerts.List(AlertQuery{Limit: 50})
	if err != nil || len(page.Rows) == 0 {
		t.Fatalf("alerts after the team import: %d, %v", len(page.Rows), err)
	}

	laptopIm, laptopFp := importsFixture(t)
	lid, _ := laptopIm.Start(laptopIm.remember(export).Token, StartOptions{})
	if lout := waitDone(t, laptopFp, lid); lout.Error != "" || lout.Result.Summary != out.Result.Summary {
		t.Fatalf("laptop import %+v, team %+v", lout.Result, out.Result)
	}
	lpage, err := (&Alerts{s: laptopIm.s}).List(AlertQuery{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(page.Rows)
	want, _ := json.Marshal(lpage.Rows)
	if string(got) != string(want) {
		t.Errorf("the team's first page of alerts differs from the laptop's:\nteam   %.400s\nlaptop %.400s", got, want)
	}

	hist, err := im.History()
	if err != nil || len(hist) != 1 || len(hist[0].Files) == 0 || len(hist[0].Files[0].SHA256) != 64 {
		t.Fatalf("history %+v %v", hist, err)
	}
	id2, _ := im.Start(im.remember(export).Token, StartOptions{})
	if out2 := waitDone(t, fp, id2); out2.Error != "" || out2.Result.Status != arc.StatusUnchanged {
		t.Fatalf("second team import: %+v", out2)
	}
}
