package retention

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/vault"
)

type fixture struct {
	t  *testing.T
	st *store.Store
	v  *vault.Vault
}

func newFixture(t *testing.T) *fixture {
	st, v := storetest.Open(t)
	return &fixture{t, st, v}
}

// alert stores an alert with a recording of content and returns the alert and media ids.
func (f *fixture) alert(ref, typ string, raised time.Time, content string, derived bool) (alertID, mediaID int64) {
	f.t.Helper()
	put := storetest.Put(f.t, f.v, bytes.NewReader([]byte(content)))
	err := f.st.Write(context.Background(), func(w *store.Writer) error {
		wk, err := w.Worker(store.Worker{Ref: "W1", Name: "Sam Lone"})
		if err != nil {
			return err
		}
		if alertID, err = w.Alert(store.NewAlert{ARC: "T", ARCRef: ref, Type: typ, WorkerID: wk, RaisedAt: raised.Unix(), Validity: "false", MediaCount: 1}); err != nil {
			return err
		}
		m := store.Media{AlertID: alertID, Kind: "recording", OriginalName: ref + ".wav", SHA256: put.SHA256, Size: put.Size, VaultPath: put.Rel}
		if mediaID, err = w.Media(m, 0); err != nil {
			return err
		}
		if derived {
			cp := storetest.Put(f.t, f.v, bytes.NewReader([]byte(content+" enhanced")))
			_, err = w.Media(store.Media{AlertID: alertID, Kind: "working_copy", OriginalName: ref + "-enhanced.wav", SHA256: cp.SHA256,
				Size: cp.Size, VaultPath: cp.Rel, DerivedFrom: &mediaID}, 0)
			return err
		}
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return alertID, mediaID
}

func (f *fixture) categorise(alertID int64, cat string, at time.Time) {
	f.t.Helper()
	if _, err := f.st.Categorise(context.Background(), alertID, cat, "test", store.Who{Actor: "lsms", At: at.Unix()},
		func(store.Alert, *store.Triage, *string) error { return nil }); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) fileExists(content string) bool {
	p, _ := f.v.Path(sha(content))
	_, err := os.Stat(p)
	return err == nil
}

// sha is the SHA-256 of content in hex, the name the vault gives it.
func sha(content string) string {
	h := sha256.Sum256([]byte(content))
	return hex.EncodeToString(h[:])
}

func (f *fixture) destroyed(mediaID int64) bool {
	m, err := f.st.MediaByID(context.Background(), mediaID)
	if err != nil {
		f.t.Fatal(err)
	}
	return m.DestroyedAt != nil
}

func TestPurge_DestroysDueRecordingsAndLeavesRecords(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	t0 := uk("01/03/2025 09:00")
	// Two false alarms that carry the same bytes (the demo reuses files): both
	// rows go, and the file goes with the last one.
	a1, m1 := f.alert("R1", "red", t0, "shared bytes", false)
	a2, m2 := f.alert("R2", "red", t0.Add(time.Minute), "shared bytes", false)
	// A genuine alarm with the same bytes keeps the file alive for its own row.
	a3, m3 := f.alert("R3", "red", t0.Add(2*time.Minute), "genuine bytes", false)
	a4, m4 := f.alert("R4", "red", t0.Add(3*time.Minute), "genuine bytes", false)
	// An old amber memo with a working copy.
	_, m5 := f.alert("A1", "amber", uk("01/10/2024 09:00"), "amber bytes", true)
	// A false alarm linked to a case under legal hold.
	a6, m6 := f.alert("R6", "red", t0, "held bytes", false)
	f.categorise(a1, "false", t0.Add(time.Hour))
	f.categorise(a2, "false", t0.Add(time.Hour))
	f.categorise(a3, "false", t0.Add(time.Hour))
	f.categorise(a4, "genuine", t0.Add(time.Hour))
	f.categorise(a6, "false", t0.Add(time.Hour))
	c, err := f.st.OpenCase(ctx, store.NewCase{Title: "Court", Origin: "manual", IncidentAt: t0.Unix(), AlertIDs: []int64{a6}}, store.Who{Actor: "lsms", At: t0.Unix()})
	if err != nil {
		t.Fatal(err)
	}
	hold, why := true, "Crown Court trial"
	if err := f.st.UpdateCase(ctx, c.ID, store.CasePatch{LegalHold: &hold, LegalHoldReason: &why}, store.Who{Actor: "lsms", At: t0.Unix()}, nil); err != nil {
		t.Fatal(err)
	}

	now := t0.Add(25 * time.Hour)
	dry, err := Purge(ctx, f.st, f.v, Default(), now, "system", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(dry.Due) != 5 || len(dry.Destroyed) != 0 || f.destroyed(m1) {
		t.Fatalf("dry run: %d due, %d destroyed, m1 destroyed %v; want 5 due (R1, R2, R3, amber and its copy), nothing destroyed", len(dry.Due), len(dry.Destroyed), f.destroyed(m1))
	}
	rep, err := Purge(ctx, f.st, f.v, Default(), now, "system", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Destroyed) != 5 || len(rep.Held) != 1 {
		t.Fatalf("destroyed %d held %d, want 5 and 1", len(rep.Destroyed), len(rep.Held))
	}
	for _, m := range []int64{m1, m2, m3, m5} {
		if !f.destroyed(m) {
			t.Errorf("recording %d not marked destroyed", m)
		}
	}
	for _, m := range []int64{m4, m6} {
		if f.destroyed(m) {
			t.Errorf("recording %d destroyed but should be kept", m)
		}
	}
	if f.fileExists("shared bytes") || f.fileExists("amber bytes") || f.fileExists("amber bytes enhanced") {
		t.Error("a file no kept recording uses is still in the vault")
	}
	if !f.fileExists("genuine bytes") || !f.fileExists("held bytes") {
		t.Error("a file a kept recording uses was removed")
	}
	recs, err := f.st.DestructionRecords(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, r := range recs {
		actions[r.Rule+"/"+r.FileAction]++
		if r.DestroyedBy != "system" || r.DestroyedAt != now.Unix() || len(r.SHA256) != 64 {
			t.Errorf("record %+v lacks who, when or hash", r)
		}
	}
	want := map[string]int{"false_red/kept_shared": 2, "false_red/overwritten_and_removed": 1, "amber/overwritten_and_removed": 2}
	for k, n := range want {
		if actions[k] != n {
			t.Errorf("records %v, want %v", actions, want)
			break
		}
	}
	entries, err := f.st.AuditFor(ctx, "media", itoa(m1))
	if err != nil || len(entries) != 1 || entries[0].Action != "recording.destroy" {
		t.Fatalf("audit for recording %d: %v %v", m1, entries, err)
	}
	if p, _, err := f.st.VerifyAudit(ctx); p != nil || err != nil {
		t.Fatalf("audit chain broken: %v %v", p, err)
	}
	again, err := Purge(ctx, f.st, f.v, Default(), now.Add(time.Hour), "system", false)
	if err != nil || len(again.Destroyed) != 0 {
		t.Fatalf("second purge destroyed %d (%v), want nothing", len(again.Destroyed), err)
	}
}

// TestPurge_DestroysTranscriptsWithTheirRecording: a transcript is the
// recording's content in words, so it goes when the recording goes, every
// revision of it; a kept recording's transcript stays whole.
func TestPurge_DestroysTranscriptsWithTheirRecording(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	t0 := uk("01/03/2025 09:00")
	aFalse, mFalse := f.alert("R1", "red", t0, "false bytes", false)
	aKept, mKept := f.alert("R2", "red", t0.Add(time.Minute), "genuine bytes", false)
	f.categorise(aFalse, "false", t0.Add(time.Hour))
	f.categorise(aKept, "genuine", t0.Add(time.Hour))
	words := `[{"start":0,"end":1,"speaker":"Caller","text":"Please help me"}]`
	transcribe := func(media int64) int64 {
		id, err := f.st.CreateTranscript(ctx, store.Transcript{MediaID: media, Engine: "manual", Speakers: `["Sam Lone"]`,
			Segments: words, CreatedBy: "lsms", CreatedAt: t0.Unix()}, "typed")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.SaveTranscript(ctx, store.TranscriptEdit{ID: id, Base: 1, Segments: words, Speakers: `["Sam Lone"]`,
			Summary: "checked names", Actor: "lsms", At: t0.Unix() + 60}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	gone, kept := transcribe(mFalse), transcribe(mKept)

	rep, err := Purge(ctx, f.st, f.v, Default(), t0.Add(25*time.Hour), "system", false)
	if err != nil || len(rep.Destroyed) != 1 || rep.Destroyed[0].MediaID != mFalse {
		t.Fatalf("purge %+v %v", rep.Destroyed, err)
	}
	if revs, _ := f.st.TranscriptRevisions(ctx, gone); len(revs) != 0 {
		t.Errorf("%d revisions of the destroyed recording's transcript remain", len(revs))
	}
	if ts, _ := f.st.TranscriptsForMedia(ctx, mFalse); len(ts) != 0 {
		t.Errorf("the destroyed recording still lists transcripts: %+v", ts)
	}
	if _, err := f.st.Transcript(ctx, gone); err == nil {
		t.Error("the destroyed transcript can still be read")
	}
	if revs, _ := f.st.TranscriptRevisions(ctx, kept); len(revs) != 2 {
		t.Errorf("the kept recording's transcript has %d revisions, want 2", len(revs))
	}
	if tr, err := f.st.Transcript(ctx, kept); err != nil || tr.Segments != words || tr.Speakers != `["Sam Lone"]` {
		t.Errorf("kept transcript %+v %v", tr, err)
	}
	entries, err := f.st.AuditFor(ctx, "media", itoa(mFalse))
	if err != nil || len(entries) != 1 || !strings.Contains(entries[0].Detail, `"transcripts":1`) {
		t.Errorf("the destruction's audit entry must count the transcripts: %+v %v", entries, err)
	}
}

func TestPurge_RecategorisedSincePlanningIsKept(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	t0 := uk("01/03/2025 09:00")
	a, m := f.alert("R1", "red", t0, "bytes", false)
	f.categorise(a, "false", t0)
	plan, err := MakePlan(ctx, f.st, Default(), t0.Add(25*time.Hour))
	if err != nil || len(plan.Due) != 1 {
		t.Fatalf("plan %v %v", plan.Due, err)
	}
	f.categorise(a, "genuine", t0.Add(24*time.Hour)) // closed under duress, noticed in time
	recs, files, err := f.st.Destroy(ctx, []store.Destruction{{Item: plan.Due[0].Item, Rule: RuleFalseRed, DueAt: 1}}, store.Who{Actor: "system", At: t0.Add(25 * time.Hour).Unix()})
	if err != nil || len(recs) != 0 || len(files) != 0 || f.destroyed(m) {
		t.Fatalf("destroyed after re-categorisation: %v %v %v", recs, files, err)
	}
}

func TestPurge_NextDueIsTheFalseAlarmCountdown(t *testing.T) {
	f := newFixture(t)
	t0 := uk("01/03/2025 09:00")
	a, _ := f.alert("R1", "red", t0, "bytes", false)
	f.categorise(a, "false", t0.Add(time.Hour))
	rep, err := Purge(context.Background(), f.st, f.v, Default(), t0.Add(2*time.Hour), "system", false)
	if err != nil || rep.NextDueAt == nil || !rep.NextDueAt.Equal(t0.Add(25*time.Hour)) {
		t.Fatalf("next due %v (%v), want %v", rep.NextDueAt, err, t0.Add(25*time.Hour))
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestPurge_LeavesFilesForTheNextPurgeWhileAWriterHoldsTheVault: the
// destruction is recorded at once, but its file waits until no import or
// other writer is between storing a file and recording it.
func TestPurge_LeavesFilesForTheNextPurgeWhileAWriterHoldsTheVault(t *testing.T) {
	defer func(w time.Duration) { fileLockWait = w }(fileLockWait)
	fileLockWait = 50 * time.Millisecond
	f := newFixture(t)
	ctx := context.Background()
	t0 := uk("01/03/2025 09:00")
	a, m := f.alert("R1", "red", t0, "false bytes", false)
	f.categorise(a, "false", t0.Add(time.Hour))
	lease, err := f.v.Lease(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Purge(ctx, f.st, f.v, Default(), t0.Add(25*time.Hour), "system", false)
	if err == nil || !strings.Contains(err.Error(), "next purge removes them") {
		t.Fatalf("purge under a lease: %v, want the files left for the next purge", err)
	}
	if !f.destroyed(m) || !f.fileExists("false bytes") {
		t.Fatalf("destroyed %v, file there %v; want the record written and the file kept", f.destroyed(m), f.fileExists("false bytes"))
	}
	lease.Release()
	if _, err := Purge(ctx, f.st, f.v, Default(), t0.Add(26*time.Hour), "system", false); err != nil || f.fileExists("false bytes") {
		t.Fatalf("next purge: %v, file there %v; want it removed", err, f.fileExists("false bytes"))
	}
}
