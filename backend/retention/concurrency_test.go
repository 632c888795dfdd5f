package retention_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/arc"
	"github.com/nhs-redline/redline/backend/evidence"
	"github.com/nhs-redline/redline/backend/retention"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/testclock"
	"github.com/nhs-redline/redline/backend/vault"
)

// The scene of issue 12: an old amber memo is due for destruction, and an
// import attaches a recording with the same bytes to a red alert on a case
// under legal hold. Whatever the interleaving, the held recording keeps its file.

const trialARC = "Trial ARC"

type space struct {
	dir string
	st  *store.Store
	v   *vault.Vault
}

func openSpace(t testing.TB, dir string) space {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, "redline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	v, err := vault.Open(filepath.Join(dir, "vault"))
	if err != nil {
		t.Fatal(err)
	}
	return space{dir, st, v}
}

// writeExport writes a canonical ARC export of red alerts raised an hour ago,
// with one recording each when audio names it, and returns its folder.
func writeExport(t testing.TB, dir string, refs []string, audio map[string][]byte) string {
	t.Helper()
	raised := testclock.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	alarms := "arc,arc_ref,type,trigger,raised_at,answered_at,closed_at,validity,escalation,police_ref,operator,worker_ref,worker_name,team,staff_group,device_serial,memo,lat,lon,accuracy_m\n"
	recs := "arc,arc_ref,file,kind,recorded_at,sha256\n"
	os.MkdirAll(filepath.Join(dir, "audio"), 0o700)
	for _, ref := range refs {
		alarms += fmt.Sprintf("%s,%s,red,sos,%s,,,,none,,,W1,Sam Lone,Leeds North,Community nurses,,,53.8,-1.5,10\n", trialARC, ref, raised)
		if b, ok := audio[ref]; ok {
			recs += fmt.Sprintf("%s,%s,audio/%s.wav,red_live,%s,%s\n", trialARC, ref, ref, raised, sum(b))
			if err := os.WriteFile(filepath.Join(dir, "audio", ref+".wav"), b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	os.WriteFile(filepath.Join(dir, "alarms.csv"), []byte(alarms), 0o600)
	if len(audio) > 0 {
		os.WriteFile(filepath.Join(dir, "recordings.csv"), []byte(recs), 0o600)
	}
	return dir
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func importExport(ctx context.Context, sp space, dir string) (*arc.Result, error) {
	return arc.Import(ctx, sp.st, sp.v, dir, arc.Options{Actor: "trial", Now: testclock.Now})
}

// seedHeld imports the red alerts without recordings and puts them on a case under legal hold.
func seedHeld(t testing.TB, sp space, refs []string) {
	t.Helper()
	ctx := context.Background()
	if _, err := importExport(ctx, sp, writeExport(t, filepath.Join(t.TempDir(), "seed"), refs, nil)); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, ref := range refs {
		a, err := sp.st.AlertByRef(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	who := store.Who{Actor: "lsms", At: testclock.Now().Unix()}
	c, err := sp.st.OpenCase(ctx, store.NewCase{Title: "Crown Court", Origin: "manual", IncidentAt: who.At, AlertIDs: ids}, who)
	if err != nil {
		t.Fatal(err)
	}
	on, why := true, "Crown Court trial"
	if err := sp.st.UpdateCase(ctx, c.ID, store.CasePatch{LegalHold: &on, LegalHoldReason: &why}, who, nil); err != nil {
		t.Fatal(err)
	}
}

// seedDue stores amber memos raised six months ago, long past their three months, one per content.
func seedDue(t testing.TB, sp space, prefix string, contents ...[]byte) {
	t.Helper()
	raised := testclock.Now().AddDate(0, -6, 0)
	var puts []vault.Stored
	for _, c := range contents {
		puts = append(puts, storetest.Put(t, sp.v, bytes.NewReader(c)))
	}
	err := sp.st.Write(context.Background(), func(w *store.Writer) error {
		for i, p := range puts {
			ref := fmt.Sprintf("%s-%d", prefix, i)
			id, err := w.Alert(store.NewAlert{ARC: trialARC, ARCRef: ref, Type: "amber", RaisedAt: raised.Unix() + int64(i), MediaCount: 1})
			if err != nil {
				return err
			}
			if _, err := w.Media(store.Media{AlertID: id, Kind: "amber_memo", OriginalName: ref + ".wav", SHA256: p.SHA256,
				Size: p.Size, VaultPath: p.Rel}, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// heldFileSurvives checks that the held alert's recording is live and its file verifies.
func heldFileSurvives(t testing.TB, sp space, ref string, content []byte) {
	t.Helper()
	ctx := context.Background()
	a, err := sp.st.AlertByRef(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	items, err := sp.st.RetentionItemsForAlert(ctx, a.ID)
	if err != nil || len(items) != 1 || items[0].SHA256 != sum(content) || !items[0].OnHold {
		t.Fatalf("%s: live recordings %+v (%v), want one on hold with the imported bytes", ref, items, err)
	}
	if err := sp.v.Verify(sum(content)); err != nil {
		t.Fatalf("%s: the held recording's file: %v", ref, err)
	}
}

// TestPurge_CannotRemoveAFileAnImportIsAttaching stops an import at the
// moment its Put finds the bytes of a recording the purge has just destroyed,
// and shows the purge waiting until the import has committed, then keeping
// the file for the held recording.
func TestPurge_CannotRemoveAFileAnImportIsAttaching(t *testing.T) {
	ctx := context.Background()
	sp := openSpace(t, t.TempDir())
	content := []byte("RIFF the same bytes twice")
	seedHeld(t, sp, []string{"HELD-1"})
	seedDue(t, sp, "OLD", content)

	// A writer holds the vault so the purge stops after committing its
	// destruction records, with the file still there for the import to find.
	blocker, err := sp.v.Lease(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		rep retention.Report
		err error
	}
	purged := make(chan outcome, 1)
	go func() {
		rep, err := retention.Purge(ctx, sp.st, sp.v, retention.Default(), testclock.Now(), "system", false)
		purged <- outcome{rep, err}
	}()
	waitForDestruction(t, sp)

	var reused atomic.Bool
	sp.v.SetReuseHook(func(s string) {
		if s != sum(content) {
			return
		}
		reused.Store(true)
		blocker.Release() // now only the import holds the vault
		time.Sleep(200 * time.Millisecond)
		select {
		case o := <-purged:
			t.Errorf("the purge finished while the import was attaching the file: %+v", o)
		default:
		}
		if _, err := os.Stat(path(sp.v, content)); err != nil {
			t.Errorf("the file went while the import was attaching it: %v", err)
		}
	})
	defer sp.v.SetReuseHook(nil)
	res, err := importExport(ctx, sp, writeExport(t, t.TempDir(), []string{"HELD-1"}, map[string][]byte{"HELD-1": content}))
	if err != nil || res.Summary.Media.New != 1 {
		t.Fatalf("import: %v %+v", err, res)
	}
	if !reused.Load() {
		t.Fatal("the import did not find the destroyed recording's file in the vault: the scene was not set")
	}
	o := <-purged
	if o.err != nil || len(o.rep.Destroyed) != 1 || len(o.rep.FilesKept) != 1 || o.rep.FilesKept[0] != sum(content) {
		t.Fatalf("purge: %v, destroyed %d, kept %v; want the file kept for the new recording", o.err, len(o.rep.Destroyed), o.rep.FilesKept)
	}
	heldFileSurvives(t, sp, "HELD-1", content)
	if _, err := retention.Purge(ctx, sp.st, sp.v, retention.Default(), testclock.Now().Add(time.Hour), "system", false); err != nil {
		t.Fatal(err)
	}
	heldFileSurvives(t, sp, "HELD-1", content)
}

func waitForDestruction(t *testing.T, sp space) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if recs, err := sp.st.DestructionRecords(context.Background(), 0, 1); err == nil && len(recs) > 0 {
			return
		}
	}
	t.Fatal("the purge never recorded its destruction")
}

func path(v *vault.Vault, content []byte) string {
	p, _ := v.Path(sum(content))
	return p
}

// Roles of the child processes in TestPurge_AndImportInTwoProcesses.
const (
	envRole   = "REDLINE_TRIAL_ROLE" // import or purge
	envDir    = "REDLINE_TRIAL_DIR"
	envTrials = "REDLINE_VAULT_TRIALS" // overrides the number of trials
	resultTag = "TRIAL-RESULT "
)

// childResult is what a child process prints for the parent after each trial.
type childResult struct {
	Err       string   `json:"err"`
	Destroyed int      `json:"destroyed"`
	Kept      []string `json:"kept"`
	NewMedia  int      `json:"newMedia"`
}

// TestTrialChild is a child process's body: it does nothing in a normal run.
// It stays up across trials, as the app does, reading one line per trial:
// for the importer the export's folder and how long to wait first.
func TestTrialChild(t *testing.T) {
	role := os.Getenv(envRole)
	if role == "" {
		return
	}
	sp := openSpace(t, os.Getenv(envDir))
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		out := childTrial(sp, role, strings.Fields(in.Text()))
		b, _ := json.Marshal(out)
		fmt.Println(resultTag + string(b))
	}
}

func childTrial(sp space, role string, args []string) childResult {
	ctx := context.Background()
	var out childResult
	var err error
	switch role {
	case "purge":
		var rep retention.Report
		rep, err = retention.Purge(ctx, sp.st, sp.v, retention.Default(), testclock.Now(), "system", false)
		out.Destroyed, out.Kept = len(rep.Destroyed), rep.FilesKept
	case "import":
		us, _ := strconv.Atoi(args[1])
		time.Sleep(time.Duration(us) * time.Microsecond)
		var res *arc.Result
		if res, err = importExport(ctx, sp, args[0]); res != nil {
			out.NewMedia = res.Summary.Media.New
		}
	}
	if err != nil {
		out.Err = err.Error()
	}
	return out
}

// TestPurge_AndImportInTwoProcesses runs a purge and an import in two real
// processes at once, over and over, the importer starting a little later
// each time so the two meet at different points. Afterwards every live
// recording's file must be there and verify.
func TestPurge_AndImportInTwoProcesses(t *testing.T) {
	trials := 200
	if n, err := strconv.Atoi(os.Getenv(envTrials)); err == nil && n > 0 {
		trials = n
	}
	sp := openSpace(t, t.TempDir())
	refs := make([]string, trials)
	for i := range refs {
		refs[i] = fmt.Sprintf("HELD-%d", i)
	}
	seedHeld(t, sp, refs)
	purger, importer := startChild(t, "purge", sp.dir), startChild(t, "import", sp.dir)
	filler := bytes.Repeat([]byte("eight kHz telephony "), 1<<14) // 320 KiB, so removal takes a moment
	var caught, busy int
	start := time.Now()
	// How long a purge takes here (a -race build is several times slower), learnt as the trials go.
	purgeTook := 6 * time.Millisecond
	for i, ref := range refs {
		content := []byte(fmt.Sprintf("RIFF trial %d: the same bytes twice", i))
		// The shared memo is raised last, so the purge removes its file last.
		seedDue(t, sp, fmt.Sprintf("OLD%d", i), append([]byte(fmt.Sprint(i, "a")), filler...),
			append([]byte(fmt.Sprint(i, "b")), filler...), content)
		dir := writeExport(t, filepath.Join(t.TempDir(), ref), []string{ref}, map[string][]byte{ref: content})
		sent := time.Now()
		purger.send("go")
		// The importer starts anywhere within the purge's running time, in steps that sweep it:
		// the purge commits its destruction records and removes files within it, so many trials
		// meet it there whatever this machine's speed.
		delay := purgeTook * time.Duration(i*97%1000) / 1000
		importer.send(fmt.Sprintf("%s %d", dir, delay.Microseconds()))
		purge := purger.result()
		purgeTook = (3*purgeTook + time.Since(sent)) / 4
		imp := importer.result()
		if imp.Err != "" || imp.NewMedia != 1 {
			t.Fatalf("trial %d: import: %+v", i, imp)
		}
		switch {
		case strings.Contains(purge.Err, "next purge removes them"):
			busy++
		case purge.Err != "" || purge.Destroyed != 3:
			t.Fatalf("trial %d: purge: %+v", i, purge)
		}
		if len(purge.Kept) > 0 {
			caught++
		}
		heldFileSurvives(t, sp, ref, content)
	}
	rep, err := evidence.Check(context.Background(), sp.st, sp.v, testclock.Now(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("evidence check after the trials: %v %+v", err, rep.Problems)
	}
	t.Logf("%d trials in %s: the purge met the import between its Put and its commit and kept the file %d time(s); "+
		"it found the vault busy and left its files for the next purge %d time(s); every live recording verified (%d)",
		trials, time.Since(start).Round(time.Millisecond), caught, busy, rep.Recordings)
}

// child is a copy of the test binary running TestTrialChild in one role.
type child struct {
	t    *testing.T
	role string
	in   io.WriteCloser
	out  *bufio.Scanner
	log  strings.Builder // what it printed that is not a result, for a failure message
}

func startChild(t *testing.T, role, dataDir string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestTrialChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envRole+"="+role, envDir+"="+dataDir)
	cmd.Stderr = os.Stderr
	c := &child{t: t, role: role}
	var err error
	if c.in, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c.out = bufio.NewScanner(stdout)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.in.Close()
		cmd.Wait()
	})
	return c
}

func (c *child) send(line string) {
	if _, err := fmt.Fprintln(c.in, line); err != nil {
		c.t.Fatalf("%s process: %v", c.role, err)
	}
}

func (c *child) result() childResult {
	for c.out.Scan() {
		rest, ok := strings.CutPrefix(c.out.Text(), resultTag)
		if !ok {
			c.log.WriteString(c.out.Text() + "\n")
			continue
		}
		var r childResult
		if err := json.Unmarshal([]byte(rest), &r); err != nil {
			c.t.Fatal(err)
		}
		return r
	}
	c.t.Fatalf("the %s process stopped without a result:\n%s", c.role, c.log.String())
	return childResult{}
}
