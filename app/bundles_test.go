package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/bundle"
	"github.com/nhs-redline/redline/backend/exhibit"
	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/testclock"
)

// bundlePlatform answers the folder and file dialogs with fixed paths,
// counts how often each was opened, and records events; onProgress, when
// set, runs on every progress event (to cancel from inside a build).
type bundlePlatform struct {
	nullPlatform
	mu         sync.Mutex
	dir, file  string
	opened     int
	events     map[string][]any
	onProgress func(ev string)
}

func (f *bundlePlatform) OpenDirectoryDialog(string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opened++
	return f.dir, nil
}

func (f *bundlePlatform) OpenFileDialog(string, string, string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opened++
	return f.file, nil
}

func (f *bundlePlatform) Emit(ev string, data any) {
	f.mu.Lock()
	if f.events == nil {
		f.events = map[string][]any{}
	}
	f.events[ev] = append(f.events[ev], data)
	hook := f.onProgress
	f.mu.Unlock()
	if hook != nil && len(ev) > 16 && ev[:16] == "bundle:progress:" {
		hook(ev)
	}
}

func (f *bundlePlatform) sent(ev string) []any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]any(nil), f.events[ev]...)
}

// done waits for a run's one done event.
func (f *bundlePlatform) done(t *testing.T, id string) BundleDone {
	t.Helper()
	for i := 0; i < 600; i++ {
		if got := f.sent("bundle:done:" + id); len(got) > 0 {
			if len(got) != 1 {
				t.Fatalf("%d done events for run %s", len(got), id)
			}
			return got[0].(BundleDone)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no done event for run %s", id)
	return BundleDone{}
}

// bundlesFixture is the service over a case opened by hand with one
// photograph as its exhibit.
func bundlesFixture(t *testing.T) (*Bundles, *bundlePlatform, store.CaseFile) {
	t.Helper()
	s, ws := testSession(t, testclock.Now())
	ctx := context.Background()
	by := who(s)
	c, err := ws.Store.OpenCase(ctx, store.NewCase{Title: "Ward assault", Origin: "manual", IncidentAt: by.At}, by)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exhibit.SaveSettings(ctx, ws.Store, exhibit.Settings{Producer: "Alex Morgan", Initials: "AM", Separator: "/"}, by); err != nil {
		t.Fatal(err)
	}
	if _, err := exhibit.AddDocument(ctx, ws.Store, c.ID, "photograph", "bruise.jpg", "Photograph of the bruise",
		bytes.Repeat([]byte{7}, 300_000), by); err != nil {
		t.Fatal(err)
	}
	fp := &bundlePlatform{dir: t.TempDir()}
	plat := func() platform { return fp }
	return newBundles(s, plat, newJobs(plat)), fp, c
}

func TestBundles_BuildAsksForTheFolderAndReportsProgressThenDone(t *testing.T) {
	b, fp, c := bundlesFixture(t)
	xs, err := b.Exhibits(c.ID)
	if err != nil || len(xs) != 1 || xs[0].Exhibit.Ref != "AM/1" || len(xs[0].Continuity) == 0 {
		t.Fatalf("exhibits %+v %v", xs, err)
	}
	id, err := b.Build("00112233aabbccdd", c.ID, PackageChoice{Zip: true})
	if err != nil || id != "00112233aabbccdd" {
		t.Fatalf("Build = %q, %v", id, err)
	}
	done := fp.done(t, id)
	if !done.Chosen || done.Error != "" || done.Result == nil {
		t.Fatalf("done %+v", done)
	}
	if fp.opened != 1 || filepath.Dir(done.Result.Path) != fp.dir || filepath.Base(done.Result.Path) != c.Ref+" evidence package.zip" {
		t.Errorf("dialog opened %d time(s); package at %s, want it in the folder the dialog gave", fp.opened, done.Result.Path)
	}
	steps := map[string]bool{}
	for _, p := range fp.sent("bundle:progress:" + id) {
		steps[p.(bundle.Progress).Step] = true
	}
	for _, s := range []string{"numbering", "reading", "drawing", "writing"} {
		if !steps[s] {
			t.Errorf("no progress for the %s step: %v", s, steps)
		}
	}

	// Checking it: Go asks for the zip, and the audit head is found in this log.
	fp.file = done.Result.Path
	chk, err := b.Verify(true)
	if err != nil || !chk.Chosen || !chk.Report.OK() || chk.Report.Files != len(done.Result.Files) {
		t.Fatalf("verify %+v %v", chk, err)
	}
	// A file that is not a package is refused.
	os.WriteFile(filepath.Join(fp.dir, "not a package.zip"), []byte("PK"), 0o600)
	fp.file = filepath.Join(fp.dir, "not a package.zip")
	if _, err := b.Verify(true); err == nil {
		t.Error("a file that is not a zip verified")
	}
}

func TestBundles_ClosingTheDialogBuildsNothing(t *testing.T) {
	b, fp, c := bundlesFixture(t)
	fp.dir, fp.file = "", ""
	id, err := b.Build("", c.ID, PackageChoice{})
	if err != nil {
		t.Fatal(err)
	}
	if done := fp.done(t, id); done.Chosen || done.Result != nil || done.Error != "" {
		t.Fatalf("done %+v, want nothing chosen", done)
	}
	if chk, err := b.Verify(false); err != nil || chk.Chosen {
		t.Fatalf("verify with the dialog closed: %+v %v", chk, err)
	}
}

func TestBundles_CancelStopsTheBuildAndLeavesNothing(t *testing.T) {
	b, fp, c := bundlesFixture(t)
	const id = "0000000000000bad"
	var once sync.Once
	fp.onProgress = func(string) { once.Do(func() { b.Cancel(id) }) }
	if _, err := b.Build(id, c.ID, PackageChoice{}); err != nil {
		t.Fatal(err)
	}
	done := fp.done(t, id)
	if done.Result != nil || done.Error != "Stopped before it finished." {
		t.Fatalf("done %+v, want stopped", done)
	}
	if left, _ := os.ReadDir(fp.dir); len(left) != 0 {
		t.Errorf("a cancelled build left %v", left)
	}
	if b.Cancel(id) {
		t.Error("a finished run was still cancellable")
	}
}

func TestBundles_HandoverNeedsToWhomAndWhy(t *testing.T) {
	b, _, c := bundlesFixture(t)
	if _, err := b.Exhibits(c.ID); err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct{ to, why, field string }{
		{"", "for the CPS", "to"},
		{"DC 2290 Imogen Booth", " ", "reason"},
	} {
		err := b.Handover("AM/1", x.to, x.why)
		if p := problem.Explain(err, nil); p.Field != x.field || p.Ref != "" {
			t.Errorf("handover to %q for %q: %+v, want a problem in %s", x.to, x.why, p, x.field)
		}
	}
	if err := b.Handover("AM/1", "DC 2290 Imogen Booth", "for the CPS"); err != nil {
		t.Fatal(err)
	}
	xs, _ := b.Exhibits(c.ID)
	last := xs[0].Continuity[len(xs[0].Continuity)-1]
	if last.What != "Handed to DC 2290 Imogen Booth: for the CPS" {
		t.Errorf("continuity ends with %+v", last)
	}
}

// No bound method can be handed a path: strings are only a run id (16 hex
// digits, checked), an exhibit reference and a handover's words, and no
// struct the page sends has a string in it.
func TestBundles_NoMethodTakesAPath(t *testing.T) {
	strs := map[string]int{"Build": 1, "Cancel": 1, "Handover": 3}
	ty := reflect.TypeOf(&Bundles{})
	for i := 0; i < ty.NumMethod(); i++ {
		m := ty.Method(i)
		n := 0
		for j := 1; j < m.Type.NumIn(); j++ { // 0 is the receiver
			in := m.Type.In(j)
			switch in.Kind() {
			case reflect.String:
				n++
			case reflect.Struct:
				if in != reflect.TypeOf(exhibit.Settings{}) {
					for k := 0; k < in.NumField(); k++ {
						if in.Field(k).Type.Kind() == reflect.String {
							t.Errorf("%s takes %s, whose %s is a string", m.Name, in.Name(), in.Field(k).Name)
						}
					}
				}
			}
		}
		if n != strs[m.Name] {
			t.Errorf("%s takes %d string(s), want %d: a bound method never takes a path", m.Name, n, strs[m.Name])
		}
	}
	b, fp, c := bundlesFixture(t)
	if _, err := b.Build("../../etc/passwd", c.ID, PackageChoice{}); err == nil || fp.opened != 0 {
		t.Errorf("a run id that is a path: %v, dialog opened %d time(s); want it refused first", err, fp.opened)
	}
}
