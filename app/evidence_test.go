package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/testclock"
)

func TestEvidence_CheckReportsProblemsAndPutsThemInMyWork(t *testing.T) {
	s, ws := testSession(t, testclock.Now())
	fp := &fakePlatform{}
	e := newEvidence(s, newJobs(func() platform { return fp }))
	if last, err := e.Last(); err != nil || last.Checked {
		t.Fatalf("before any check: %+v %v", last, err)
	}
	put := storetest.Put(t, ws.Vault, strings.NewReader("recording"))
	err := ws.Store.Write(context.Background(), func(w *store.Writer) error {
		a, err := w.Alert(store.NewAlert{ARC: "T", ARCRef: "R1", Type: "red", RaisedAt: testclock.Now().Unix(), MediaCount: 1})
		if err != nil {
			return err
		}
		_, err = w.Media(store.Media{AlertID: a, OriginalName: "r1.wav", SHA256: put.SHA256, Size: put.Size, VaultPath: put.Rel}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := ws.Vault.Path(put.SHA256)
	os.Remove(p)
	id, err := e.Start("")
	if err != nil {
		t.Fatal(err)
	}
	done := waitEvent(t, fp, "evidence:done:"+id).(EvidenceDone)
	rep := done.Report
	if done.Error != "" || !rep.Checked || rep.Report.OK() || rep.Report.Problems[0].ARCRef != "R1" || rep.Report.At != testclock.Now().Unix() {
		t.Fatalf("check: %+v %v", rep, err)
	}
	if rep.NextAt != testclock.Now().Add(7*24*time.Hour).Unix() {
		t.Errorf("next check at %d, want a week on", rep.NextAt)
	}
	items, err := (&MyWork{s: s}).List()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range items {
		found = found || it.Kind == "evidence" && strings.Contains(it.Title, "R1")
	}
	if !found {
		t.Fatalf("My work has no evidence item: %+v", items)
	}
}

func TestEvidence_WeeklyCheckRunsOnlyWhenAWeekHasPassed(t *testing.T) {
	s, _ := testSession(t, testclock.Now())
	e := newEvidence(s, newJobs(func() platform { return nullPlatform{} }))
	ctx, t0 := context.Background(), testclock.Now()
	for _, c := range []struct {
		at      time.Time
		ranAt   time.Time
		nextDue time.Time
	}{
		{t0, t0, t0.Add(7 * 24 * time.Hour)},                                                  // never checked: now
		{t0.Add(time.Hour), t0, t0.Add(7 * 24 * time.Hour)},                                   // an hour later: not yet
		{t0.Add(7 * 24 * time.Hour), t0.Add(7 * 24 * time.Hour), t0.Add(14 * 24 * time.Hour)}, // a week on: again
	} {
		next, err := e.checkIfDue(ctx, c.at)
		if err != nil || !next.Equal(c.nextDue) {
			t.Fatalf("at %s: next %s (%v), want %s", c.at, next, err, c.nextDue)
		}
		if last, _ := e.Last(); last.Report.At != c.ranAt.Unix() {
			t.Fatalf("at %s: last check at %d, want %s", c.at, last.Report.At, c.ranAt)
		}
	}
}
