package main

import (
	"context"
	"testing"
	"time"
)

func TestJobs_ClosingTheWindowCancelsRunningJobs(t *testing.T) {
	fp := &fakePlatform{}
	j := newJobs(func() platform { return fp })
	started := make(chan struct{})
	id, err := j.start("import", "", func(ctx context.Context, _ string, p *progress) any {
		p.Now("begun")
		close(started)
		<-ctx.Done() // a long job that only stops when told
		return "stopped: " + ctx.Err().Error()
	})
	if err != nil || !runIDPattern.MatchString(id) {
		t.Fatalf("start: %q %v", id, err)
	}
	<-started
	j.shutdown(5 * time.Second)
	fp.mu.Lock()
	done, sent := fp.last["import:done:"+id], fp.last["import:progress:"+id]
	fp.mu.Unlock()
	if done != "stopped: context canceled" || sent != "begun" {
		t.Fatalf("done %v, progress %v", done, sent)
	}
	if _, err := j.start("import", "", func(context.Context, string, *progress) any { return nil }); err == nil {
		t.Fatal("a job started after shutdown")
	}
}

func TestJobs_CancelByIDStopsOnlyThatRun(t *testing.T) {
	fp := &fakePlatform{}
	j := newJobs(func() platform { return fp })
	release := make(chan struct{})
	wait := func(ctx context.Context, _ string, _ *progress) any {
		select {
		case <-ctx.Done():
			return "cancelled"
		case <-release:
			return "finished"
		}
	}
	a, _ := j.start("transcribe", "00000000000000aa", wait)
	b, _ := j.start("transcribe", "00000000000000bb", wait)
	if _, err := j.start("transcribe", a, wait); err == nil {
		t.Fatal("the same run id started twice")
	}
	if _, err := j.start("transcribe", "../etc/passwd00", wait); err == nil {
		t.Fatal("a run id that is not 16 hex digits was accepted")
	}
	if !j.cancel("transcribe", a) || j.cancel("import", b) {
		t.Fatal("cancel must find the run by kind and id")
	}
	waitEvent(t, fp, "transcribe:done:"+a) // a has stopped before b is let go
	close(release)
	waitEvent(t, fp, "transcribe:done:"+b)
	fp.mu.Lock()
	defer fp.mu.Unlock()
	if fp.last["transcribe:done:"+a] != "cancelled" || fp.last["transcribe:done:"+b] != "finished" {
		t.Fatalf("outcomes %v", fp.last)
	}
	if fp.events["transcribe:done:"+a] != 1 {
		t.Fatal("done must come exactly once")
	}
}

func TestProgress_SendsAboutTenASecondButNowAlways(t *testing.T) {
	var got []any
	p := &progress{emit: func(v any) { got = append(got, v) }}
	for i := 0; i < 1000; i++ {
		p.Send(i)
	}
	p.Now("last")
	if len(got) != 2 || got[0] != 0 || got[1] != "last" {
		t.Fatalf("emitted %v", got)
	}
}
