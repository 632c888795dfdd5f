package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/nhs-redline/redline/backend/audio/player"
	"github.com/nhs-redline/redline/backend/casework"
	"github.com/nhs-redline/redline/backend/recording"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/testclock"
	"github.com/nhs-redline/redline/backend/transcript"
	"github.com/nhs-redline/redline/backend/workspace"
)

// legalHoldDemo builds the pinned demo and returns its folder, the case under
// legal hold, and its first recording's alert, after someone listened to it.
func legalHoldDemo(t *testing.T) (dir string, c store.CaseFile, alertRef string) {
	t.Helper()
	pinned := testclock.Now()
	demoOnce.Do(func() {
		// TestMain is shared, so no hook removes the template: earlier runs' are removed here.
		old, _ := filepath.Glob(filepath.Join(os.TempDir(), "redline-bundle-demo-*"))
		for _, d := range old {
			if fi, err := os.Stat(d); err == nil && time.Since(fi.ModTime()) > time.Hour {
				os.RemoveAll(d)
			}
		}
		demoDir = filepath.Join(os.TempDir(), fmt.Sprintf("redline-bundle-demo-%d", os.Getpid()))
		os.RemoveAll(demoDir)
		if code, _, errs := runCLI(t, "--data-dir", demoDir, "demo", "--as-of", pinned.Format(time.RFC3339)); code != 0 {
			t.Fatalf("demo: exit %d: %s", code, errs)
		}
	})
	dir = t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(demoDir)); err != nil {
		t.Fatal(err)
	}
	now = func() time.Time { return pinned }
	t.Cleanup(func() { now = time.Now })
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	ctx := context.Background()
	cs, err := ws.Store.ListCases(ctx, store.CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range cs {
		if x.LegalHold {
			if c, err = ws.Store.Case(ctx, x.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if c.ID == 0 || len(c.AlertIDs) == 0 {
		t.Fatalf("the demo has no case under legal hold with an alert: %+v", cs)
	}
	a, err := ws.Store.Alert(ctx, c.AlertIDs[0])
	if err != nil {
		t.Fatal(err)
	}
	ms, err := ws.Store.MediaForAlert(ctx, a.ID)
	if err != nil || len(ms) == 0 {
		t.Fatalf("alert %s has no recording (%v)", a.ARCRef, err)
	}
	// The investigator listens to two seconds of it.
	lib := recording.New(ws.Store, ws.Vault, filepath.Join(dir, "cache"), func() string { return "alex.morgan" })
	lib.Now = func() time.Time { return pinned }
	out := player.NewNull(48000, 2, false)
	s, err := lib.Listen(ctx, ms[0].ID, out, "no device in tests")
	if err != nil {
		t.Fatal(err)
	}
	s.Play()
	out.Advance(2 * time.Second)
	s.Pause()
	s.Close()
	return dir, c, a.ARCRef
}

func build(t *testing.T, dir, ref string, extra ...string) (pkg string) {
	t.Helper()
	out := t.TempDir()
	code, stdout, errs := runCLI(t, append([]string{"--data-dir", dir, "bundle", "build", "--case", ref, "--out", out, "--json"}, extra...)...)
	if code != 0 {
		t.Fatalf("bundle build: exit %d: %s", code, errs)
	}
	var res struct {
		Path     string   `json:"path"`
		Exhibits []string `json:"exhibits"`
	}
	oneJSON(t, stdout, &res)
	if len(res.Exhibits) == 0 {
		t.Fatalf("the package holds no exhibits: %s", stdout)
	}
	return res.Path
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not installed", name)
	}
	b, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, b)
	}
	return string(b)
}

func TestBundle_LegalHoldCaseIsNumberedIndexedBookmarkedAndSearchable(t *testing.T) {
	dir, c, _ := legalHoldDemo(t)
	pkg := build(t, dir, c.Ref)
	pdf := filepath.Join(pkg, "data", c.Ref+" bundle.pdf")

	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(tool(t, "pdfinfo", pdf))
	pages, _ := strconv.Atoi(m[1])
	if pages < 9 {
		t.Fatalf("the bundle has %d pages; want at least one per section", pages)
	}
	for p := 1; p <= pages; p++ { // the stamped number is the PDF's own page number
		text := tool(t, "pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-layout", pdf, "-")
		if !strings.Contains(text, "Bundle page "+strconv.Itoa(p)+"\n") {
			t.Errorf("page %d does not say \"Bundle page %d\" bottom right:\n%s", p, p, text)
		}
	}
	all := strings.Join(strings.Fields(tool(t, "pdftotext", pdf, "-")), " ")
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	xs, err := ws.Store.Exhibits(context.Background(), c.ID)
	ws.Close()
	if err != nil || len(xs) < 3 {
		t.Fatalf("exhibits = %v, %v; want the recording, the operator log, the map and the letter", xs, err)
	}
	for _, x := range xs {
		if !strings.Contains(all, x.Ref) {
			t.Errorf("pdftotext does not find exhibit %s in the bundle", x.Ref)
		}
	}
	for _, want := range []string{"I produce", "true to the best of my knowledge and belief", "Listened to from 0:00 to 0:02",
		"Received from the ARC in import", // the demo's recordings arrive as a real import's do
		"D / CND / I", "Schedule of non-sensitive unused material", "Exhibit list"} {
		if !strings.Contains(all, want) {
			t.Errorf("the bundle does not say %q", want)
		}
	}

	// Bookmarks: every section, each at the page the index gives.
	index := tool(t, "pdftotext", "-f", "1", "-l", "1", "-layout", pdf, "-")
	f, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	bms, err := api.Bookmarks(bytes.NewReader(f), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	top := map[string]int{}
	var walk func([]pdfcpu.Bookmark)
	n := 0
	walk = func(bs []pdfcpu.Bookmark) {
		for _, b := range bs {
			n++
			walk(b.Kids)
		}
	}
	walk(bms)
	for _, b := range bms {
		top[b.Title] = b.PageFrom
	}
	for _, s := range []string{"Case summary and timeline", "Statements", "Exhibit list", "Transcripts", "Letters", "Map exhibits",
		"Schedule of unused material", "Continuity"} {
		p, ok := top[s]
		if !ok {
			t.Errorf("no bookmark for %q: %v", s, top)
			continue
		}
		if !regexp.MustCompile(regexp.QuoteMeta(s) + `\s+` + strconv.Itoa(p) + `\n`).MatchString(index) {
			t.Errorf("the index does not give %q at page %d, where its bookmark points:\n%s", s, p, index)
		}
	}
	if n <= len(top) {
		t.Errorf("%d bookmarks, %d sections: want a bookmark for each document too", n, len(top))
	}

	// Links: every index line links to the page it names.
	pctx, err := api.ReadContext(bytes.NewReader(f), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := pctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	links := 0
	for ip := 1; strings.Contains(tool(t, "pdftotext", "-f", strconv.Itoa(ip), "-l", strconv.Itoa(ip), pdf, "-"), "Index"); ip++ {
		pd, _, _, err := pctx.PageDict(ip, false)
		if err != nil {
			t.Fatal(err)
		}
		annots, _ := pctx.DereferenceArray(pd["Annots"])
		for _, o := range annots {
			a, err := pctx.DereferenceDict(o)
			if err != nil || a.NameEntry("Subtype") == nil || *a.NameEntry("Subtype") != "Link" {
				continue
			}
			dest, _ := pctx.DereferenceArray(a["Dest"])
			ref, ok := types.Object(nil), len(dest) > 0
			if ok {
				ref = dest[0]
			}
			ir, ok := ref.(types.IndirectRef)
			if !ok {
				t.Errorf("index link %v has no page destination", a)
				continue
			}
			to, err := pctx.PageNumber(ir.ObjectNumber.Value())
			contents := ""
			if c := a.StringEntry("Contents"); c != nil {
				contents = strings.ReplaceAll(strings.TrimPrefix(*c, "\xfe\xff"), "\x00", "") // UTF-16BE, ASCII here
			}
			if err != nil || "Go to page "+strconv.Itoa(to) != contents {
				t.Errorf("index link %q goes to page %d (%v)", contents, to, err)
			}
			links++
		}
	}
	if links != n {
		t.Errorf("the index has %d links; want one per entry (%d)", links, n)
	}
}

func TestBundle_PackageVerifiesAndOneChangedByteIsNamed(t *testing.T) {
	dir, c, _ := legalHoldDemo(t)
	pkg := build(t, dir, c.Ref)
	if code, out, errs := runCLI(t, "--data-dir", dir, "bundle", "verify", pkg); code != 0 || !strings.Contains(out, "All well") ||
		!strings.Contains(out, "The audit log holds the head") {
		t.Fatalf("verify of a fresh package: exit %d, %s %s", code, out, errs)
	}
	info, _ := os.ReadFile(filepath.Join(pkg, "bag-info.txt"))
	for _, want := range []string{"Redline-Audit-Head: ", "Payload-Oxum: ", "External-Identifier: " + c.Ref} {
		if !strings.Contains(string(info), want) {
			t.Errorf("bag-info.txt lacks %q:\n%s", want, info)
		}
	}
	wavs, _ := filepath.Glob(filepath.Join(pkg, "data", "exhibits", "*.wav"))
	if len(wavs) == 0 {
		t.Fatal("the package holds no recording")
	}
	b, _ := os.ReadFile(wavs[0])
	b[len(b)/2] ^= 1
	os.WriteFile(wavs[0], b, 0o600)
	os.WriteFile(filepath.Join(pkg, "data", "note.txt"), []byte("added"), 0o600)
	code, out, _ := runCLI(t, "--data-dir", dir, "bundle", "verify", pkg)
	name := "data/exhibits/" + filepath.Base(wavs[0])
	if code != exitFailure || !strings.Contains(out, "ALTERED  "+name) || !strings.Contains(out, "EXTRA  data/note.txt") {
		t.Fatalf("verify after one changed byte and an added file: exit %d, want 1 naming %s and data/note.txt:\n%s", code, name, out)
	}
	os.Remove(filepath.Join(pkg, "data", "exhibits.json"))
	if _, out, _ := runCLI(t, "--data-dir", dir, "bundle", "verify", pkg); !strings.Contains(out, "MISSING  data/exhibits.json") {
		t.Fatalf("verify does not name the missing exhibits.json:\n%s", out)
	}
}

func TestBundle_RedactedZipTakesTheTextOutAndKeepsTheMaster(t *testing.T) {
	dir, c, _ := legalHoldDemo(t)
	master := build(t, dir, c.Ref)
	zip := build(t, dir, c.Ref, "--zip", "--redacted")
	if !strings.HasSuffix(zip, ".zip") {
		t.Fatalf("--zip made %s", zip)
	}
	if code, out, errs := runCLI(t, "--data-dir", dir, "bundle", "verify", zip); code != 0 {
		t.Fatalf("verify of the zip: exit %d, %s %s", code, out, errs)
	}
	secret := "Manningham Lane" // the alleged offender's address in the demo
	if !strings.Contains(tool(t, "pdftotext", filepath.Join(master, "data", c.Ref+" bundle.pdf"), "-"), secret) {
		t.Fatalf("the master bundle does not hold %q, so the test proves nothing", secret)
	}
	tmp := filepath.Join(t.TempDir(), "redacted.pdf")
	extractFromZip(t, zip, c.Ref+" bundle.pdf", tmp)
	text := tool(t, "pdftotext", tmp, "-")
	if strings.Contains(text, secret) || !strings.Contains(text, "[redacted]") {
		t.Fatalf("the redacted bundle still holds %q, or says nothing was redacted", secret)
	}
	raw, _ := os.ReadFile(tmp)
	if bytes.Contains(raw, []byte("Manningham")) {
		t.Fatal("the redacted PDF's bytes still hold the address")
	}
}

// withTranscript gives the legal-hold case a lone worker with a home
// address and telephone, and a checked-by-nobody transcript of its first
// recording in which she and the resident say where they live.
func withTranscript(t *testing.T, dir string, c store.CaseFile) (secrets []string) {
	t.Helper()
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	ctx := context.Background()
	who := store.Who{Actor: "alex.morgan", At: testclock.Now().Unix()}
	if _, err := casework.AddPerson(ctx, ws.Store, store.Person{CaseID: c.ID, Role: "lone_worker", Name: "Sarah Collins",
		Address: "14 Roundhay Mount, Leeds LS8 4DW", Contact: "07700 900123"}, who); err != nil {
		t.Fatal(err)
	}
	ms, err := ws.Store.MediaForAlert(ctx, c.AlertIDs[0])
	if err != nil || len(ms) == 0 {
		t.Fatalf("no recording: %v", err)
	}
	segs := []transcript.Segment{
		{StartMs: 0, EndMs: 900, Speaker: "Speaker 1", Text: "I'm going back to 14 Roundhay Mount after this, ring me on 07700-900-123."},
		{StartMs: 900, EndMs: 1800, Speaker: "Speaker 2", Text: "Get out of my room. Room 6, 41 Manningham Lane is mine."},
	}
	if _, err := transcript.Create(ctx, ws.Store, ms[0].ID, "manual", "", segs, "alex.morgan", testclock.Now()); err != nil {
		t.Fatal(err)
	}
	return []string{"Roundhay Mount", "LS8 4DW", "900123", "900-123", "Manningham Lane", "Room 6"}
}

func TestBundle_DisclosureCopyTakesPersonalDataOutOfTranscriptsAndWithholdsRecordings(t *testing.T) {
	dir, c, _ := legalHoldDemo(t)
	secrets := withTranscript(t, dir, c)
	master := build(t, dir, c.Ref)
	red := build(t, dir, c.Ref, "--redacted")
	pdfOf := func(pkg string) string { return filepath.Join(pkg, "data", c.Ref+" bundle.pdf") }
	transcriptOf := func(pkg string) string {
		ts, _ := filepath.Glob(filepath.Join(pkg, "data", "exhibits", "*Transcript*.pdf"))
		if len(ts) != 1 {
			t.Fatalf("%s holds %d transcript exhibits, want 1: %v", pkg, len(ts), ts)
		}
		return ts[0]
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }

	// The master holds every secret, in the bundle and in the transcript exhibit: else the test proves nothing.
	for _, f := range []string{pdfOf(master), transcriptOf(master)} {
		text := flat(tool(t, "pdftotext", f, "-"))
		for _, s := range []string{"14 Roundhay Mount", "07700-900-123", "41 Manningham Lane"} {
			if !strings.Contains(text, s) {
				t.Fatalf("the master %s does not hold %q, so the test proves nothing", filepath.Base(f), s)
			}
		}
	}
	for _, f := range []string{pdfOf(red), transcriptOf(red)} {
		text := flat(tool(t, "pdftotext", f, "-"))
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("the disclosure copy's %s still holds %q", filepath.Base(f), s)
			}
		}
		if !strings.Contains(text, "Get out of my room. [redacted], [redacted] is mine.") {
			t.Errorf("the disclosure copy's %s does not keep the words around what was taken out:\n%s", filepath.Base(f), text)
		}
		raw, _ := os.ReadFile(f)
		if bytes.Contains(raw, []byte("Roundhay")) || bytes.Contains(raw, []byte("Manningham")) {
			t.Errorf("the bytes of %s still hold an address", f)
		}
	}

	// Recordings cannot be text-redacted: the copy names them as available on request, and carries none.
	if wavs, _ := filepath.Glob(filepath.Join(red, "data", "exhibits", "*.wav")); len(wavs) != 0 {
		t.Errorf("the disclosure copy carries recordings %v", wavs)
	}
	js, _ := os.ReadFile(filepath.Join(red, "data", "exhibits.json"))
	var doc struct {
		Exhibits []struct {
			Ref       string `json:"ref"`
			Kind      string `json:"kind"`
			File      string `json:"file"`
			InPackage bool   `json:"inPackage"`
			Withheld  string `json:"withheld"`
		} `json:"exhibits"`
	}
	oneJSON(t, string(js), &doc)
	var withheld []string
	for _, x := range doc.Exhibits {
		isAudio := x.Kind == "recording" || x.Kind == "working_copy"
		if isAudio != !x.InPackage || isAudio != (x.Withheld != "") || isAudio != (x.File == "") {
			t.Errorf("exhibits.json: %+v; want recordings withheld with a reason, everything else carried", x)
		}
		if isAudio {
			withheld = append(withheld, x.Ref)
		}
	}
	if len(withheld) == 0 {
		t.Fatal("the case has no recording, so the test proves nothing")
	}
	info, _ := os.ReadFile(filepath.Join(red, "bag-info.txt"))
	if !strings.Contains(string(info), "Redline-Withheld-Exhibits: "+strings.Join(withheld, ", ")) {
		t.Errorf("bag-info.txt does not name the withheld %v:\n%s", withheld, info)
	}
	list := flat(tool(t, "pdftotext", pdfOf(red), "-"))
	if !strings.Contains(list, "Not in this disclosure copy: available on request") {
		t.Error("the disclosure copy's exhibit list does not say the recordings are available on request")
	}

	// Both verify; the master is untouched by the disclosure copy.
	for _, pkg := range []string{master, red} {
		if code, out, errs := runCLI(t, "--data-dir", dir, "bundle", "verify", pkg); code != 0 {
			t.Errorf("verify %s: exit %d, %s %s", filepath.Base(pkg), code, out, errs)
		}
	}
	mwavs, _ := filepath.Glob(filepath.Join(master, "data", "exhibits", "*.wav"))
	if len(mwavs) == 0 {
		t.Fatal("the master carries no recording")
	}
}

func TestBundle_BadInputIsNamed(t *testing.T) {
	dir, c, _ := legalHoldDemo(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"bundle", "build", "--case", "RL-1999-0099", "--out", t.TempDir()}, `no case "RL-1999-0099"`},
		{[]string{"bundle", "build", "--case", c.Ref, "--out", filepath.Join(t.TempDir(), "nope")}, "does not exist"},
		{[]string{"bundle", "build", "--out", t.TempDir()}, "--case"},
		{[]string{"bundle", "verify", filepath.Join(t.TempDir(), "nothing")}, "no package at"},
	} {
		code, _, errs := runCLI(t, append([]string{"--data-dir", dir}, tc.args...)...)
		if code == 0 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want a refusal saying %q", tc.args, code, errs, tc.want)
		}
	}
}

func TestRecordingsListens_JSONNamesWhoHeardWhat(t *testing.T) {
	dir, _, ref := legalHoldDemo(t)
	var out, errb bytes.Buffer
	e := &env{dataDir: dir, stdout: &out, stderr: &errb}
	if err := cmdRecordings(context.Background(), e, []string{"listens", "--json", ref}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Alert   string `json:"alert"`
		Listens []struct {
			Actor  string `json:"actor"`
			FromMs int64  `json:"fromMs"`
			ToMs   int64  `json:"toMs"`
		} `json:"listens"`
	}
	oneJSON(t, out.String(), &got)
	if got.Alert != ref || len(got.Listens) != 1 || got.Listens[0].Actor != "alex.morgan" || got.Listens[0].ToMs < 1900 {
		t.Fatalf("listens = %+v; want one stretch of about 2 s by alex.morgan", got)
	}
}

func extractFromZip(t *testing.T, zipPath, suffix, to string) {
	t.Helper()
	z, err := zipOpen(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if strings.HasSuffix(f.Name, suffix) {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b := new(bytes.Buffer)
			b.ReadFrom(r)
			r.Close()
			os.WriteFile(to, b.Bytes(), 0o600)
			return
		}
	}
	t.Fatalf("%s holds no %s", zipPath, suffix)
}

var zipOpen = zip.OpenReader

// The pinned demo is built once and copied for each test, which changes its copy.
var (
	demoOnce sync.Once
	demoDir  string
)
