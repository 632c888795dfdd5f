package evidence

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/casework"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/testclock"
	"github.com/nhs-redline/redline/backend/vault"
)

type fixture struct {
	t  *testing.T
	st *store.Store
	v  *vault.Vault
}

// recording stores an alert with one recording of content; it returns the alert and its vault hash.
func (f *fixture) recording(ref, content string) (int64, string) {
	f.t.Helper()
	put := storetest.Put(f.t, f.v, strings.NewReader(content))
	var alertID int64
	err := f.st.Write(context.Background(), func(w *store.Writer) error {
		var err error
		if alertID, err = w.Alert(store.NewAlert{ARC: "T", ARCRef: ref, Type: "red", RaisedAt: testclock.Now().Unix(), MediaCount: 1}); err != nil {
			return err
		}
		_, err = w.Media(store.Media{AlertID: alertID, Kind: "red_live", OriginalName: ref + ".wav", SHA256: put.SHA256,
			Size: put.Size, VaultPath: put.Rel}, 0)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return alertID, put.SHA256
}

func (f *fixture) hold(alertID int64) string {
	f.t.Helper()
	ctx, who := context.Background(), store.Who{Actor: "lsms", At: testclock.Now().Unix()}
	c, err := f.st.OpenCase(ctx, store.NewCase{Title: "Court", Origin: "manual", IncidentAt: who.At, AlertIDs: []int64{alertID}}, who)
	if err != nil {
		f.t.Fatal(err)
	}
	on, why := true, "Crown Court trial"
	if err := f.st.UpdateCase(ctx, c.ID, store.CasePatch{LegalHold: &on, LegalHoldReason: &why}, who, nil); err != nil {
		f.t.Fatal(err)
	}
	return c.Ref
}

// destroy marks an alert's recordings destroyed without removing their files, as a purge does before its removal step.
func (f *fixture) destroy(alertID int64) {
	f.t.Helper()
	ctx := context.Background()
	items, err := f.st.RetentionItemsForAlert(ctx, alertID)
	if err != nil {
		f.t.Fatal(err)
	}
	var ds []store.Destruction
	for _, it := range items {
		ds = append(ds, store.Destruction{Item: it, Rule: "false_red", RuleText: "test"})
	}
	if _, _, err := f.st.Destroy(ctx, ds, store.Who{Actor: "system", At: testclock.Now().Unix()}); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) path(sum string) string {
	p, _ := f.v.Path(sum)
	return p
}

func newFixture(t *testing.T) *fixture {
	st, v := storetest.Open(t)
	return &fixture{t, st, v}
}

func TestCheck_AllWellWhenEveryFileIsNamedOrAwaitingDestruction(t *testing.T) {
	f := newFixture(t)
	f.recording("R1", "kept recording")
	f.recording("R2", "kept recording") // two alerts may share bytes
	gone, _ := f.recording("R3", "destroyed recording")
	f.destroy(gone)
	rep, err := Check(context.Background(), f.st, f.v, testclock.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Recordings != 2 || rep.Files != 2 || rep.Awaiting != 1 {
		t.Fatalf("report = %+v, want all well with 2 recordings, 2 files, 1 awaiting", rep)
	}
}

func TestCheck_NamesMissingAlteredAndUnreferencedFiles(t *testing.T) {
	f := newFixture(t)
	held, missing := f.recording("R1", "held recording")
	caseRef := f.hold(held)
	_, altered := f.recording("R2", "altered recording")
	f.recording("R3", "good recording")
	os.Remove(f.path(missing))
	os.Chmod(f.path(altered), 0o600)
	os.WriteFile(f.path(altered), []byte("altered recordinG"), 0o600)
	stray := storetest.Put(t, f.v, strings.NewReader("nobody's file"))
	os.WriteFile(filepath.Join(f.v.Root(), "notes.txt"), []byte("left here"), 0o600)

	rep, err := Check(context.Background(), f.st, f.v, testclock.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Problem{}
	for _, p := range rep.Problems {
		got[p.Kind+" "+p.Item] = p
	}
	if len(rep.Problems) != 4 || rep.OK() {
		t.Fatalf("problems = %+v, want 4", rep.Problems)
	}
	m := got[Missing+" R1.wav"]
	if m.ARCRef != "R1" || m.Cases != caseRef || !m.LegalHold || !strings.Contains(m.Message, "under legal hold") {
		t.Errorf("missing file problem = %+v", m)
	}
	if a := got[Altered+" R2.wav"]; a.ARCRef != "R2" || a.LegalHold || a.SHA256 != altered {
		t.Errorf("altered file problem = %+v", a)
	}
	if u := got[Unreferenced+" "+stray.Rel]; u.SHA256 != stray.SHA256 {
		t.Errorf("unreferenced file problem = %+v", u)
	}
	if _, ok := got[Unreferenced+" notes.txt"]; !ok {
		t.Errorf("a stray file was not reported: %+v", rep.Problems)
	}
}

func TestCheck_LeavesUnconfirmedFilesWhileAWriterHoldsTheVault(t *testing.T) {
	f := newFixture(t)
	defer func(w time.Duration) { confirmWait = w }(confirmWait)
	confirmWait = 100 * time.Millisecond
	lease, err := f.v.Lease(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer lease.Release()
	if _, err := lease.Put(strings.NewReader("an import's new file, its row not yet committed")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	rep, err := Check(ctx, f.st, f.v, testclock.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Unconfirmed != 1 || time.Since(start) < confirmWait {
		t.Fatalf("report = %+v, want no problem and 1 unconfirmed file after waiting", rep)
	}
}

func TestRun_KeepsTheReportAndPutsProblemsInMyWork(t *testing.T) {
	f := newFixture(t)
	ctx, now := context.Background(), testclock.Now()
	if next, err := NextDue(ctx, f.st, now); err != nil || !next.Equal(now) {
		t.Fatalf("NextDue before any check = %v, %v; want now", next, err)
	}
	alertID, sum := f.recording("R1", "held recording")
	f.hold(alertID)
	os.Remove(f.path(sum))
	if _, err := Run(ctx, f.st, f.v, now, nil); err != nil {
		t.Fatal(err)
	}
	if next, _ := NextDue(ctx, f.st, now); !next.Equal(time.Unix(now.Unix(), 0).Add(Every)) {
		t.Fatalf("NextDue after a check = %v, want a week on", next)
	}
	items, err := casework.MyWork(ctx, f.st, now)
	if err != nil {
		t.Fatal(err)
	}
	var found *casework.Item
	for i := range items {
		if items[i].Kind == "evidence" {
			found = &items[i]
		}
	}
	if found == nil || found.AlertID != alertID || !found.Overdue || !strings.Contains(found.Title, "under legal hold") {
		t.Fatalf("My work = %+v, want an overdue evidence item for the alert", items)
	}
}
