package bundle

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	bb "github.com/nhs-redline/redline/backend/bundle"
	"github.com/nhs-redline/redline/backend/exhibit"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/testclock"
	tr "github.com/nhs-redline/redline/backend/transcript"
	"github.com/nhs-redline/redline/backend/vault"
)

// transcribedCase is a red alert with its recording in the vault, a checked
// transcript of it (whose transcriber typed no exhibit reference) and its case.
func transcribedCase(t *testing.T) (*store.Store, *vault.Vault, store.CaseFile, store.Who) {
	t.Helper()
	st, v := storetest.Open(t)
	ctx := context.Background()
	who := store.Who{Actor: "alex.morgan", At: testclock.Now().Unix()}
	lease, err := v.Lease(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := lease.Put(bytes.NewReader([]byte("RIFF....WAVEfmt the worker's call")))
	lease.Release()
	if err != nil {
		t.Fatal(err)
	}
	var alertID, mediaID int64
	err = st.Write(ctx, func(w *store.Writer) (err error) {
		if alertID, err = w.Alert(store.NewAlert{ARC: "Reliance Protect", ARCRef: "RED0000011", Type: "red", Trigger: "sos", RaisedAt: who.At - 3600}); err != nil {
			return err
		}
		mediaID, err = w.Media(store.Media{AlertID: alertID, Kind: "red_live", OriginalName: "RED0000011.wav", SHA256: rec.SHA256, Size: rec.Size,
			VaultPath: rec.Rel, DurationMS: 4000}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Create(ctx, st, mediaID, "manual", "", []tr.Segment{
		{StartMs: 0, EndMs: 2000, Speaker: "Speaker 1", Text: "Put the chair down."},
		{StartMs: 2000, EndMs: 4000, Speaker: "Speaker 2", Text: "[inaudible 00:00:03]"},
	}, "ann.lee", time.Unix(who.At-600, 0)); err != nil {
		t.Fatal(err)
	}
	if _, err := exhibit.SaveSettings(ctx, st, exhibit.Settings{Producer: "Alex Morgan", Initials: "AM", Separator: "/"}, who); err != nil {
		t.Fatal(err)
	}
	c, err := st.OpenCase(ctx, store.NewCase{Title: "Assault on ward 6", Origin: "alert", IncidentAt: who.At - 3600, AlertIDs: []int64{alertID}}, who)
	if err != nil {
		t.Fatal(err)
	}
	return st, v, c, who
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// The transcript's cover prints the reference in a table, "Exhibit reference   AM/2".
var exhibitRefRe = regexp.MustCompile(`Exhibit reference:?[ \t]+(\S+)`)

// The transcript merged into the bundle prints the exhibit reference the
// bundle gives it, and building again keeps that number.
func TestBundle_TranscriptPrintsItsExhibitReference(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	st, v, c, who := transcribedCase(t)
	ctx := context.Background()
	var refs []string
	for i, o := range []bb.Options{{}, {}, {Redacted: true}} {
		res, err := bb.Build(ctx, st, v, Renderer{}, who, c.Ref, t.TempDir(), o)
		if err != nil {
			t.Fatal(err)
		}
		m := exhibitRefRe.FindAllStringSubmatch(pdfText(t, filepath.Join(res.Path, "data", c.Ref+" bundle.pdf")), -1)
		if len(m) != 1 {
			t.Fatalf("build %d: the bundle prints %d exhibit references (%v); want the transcript's one", i+1, len(m), m)
		}
		refs = append(refs, m[0][1])
		x, err := st.ExhibitByRef(ctx, m[0][1])
		if err != nil || x.Kind != "transcript" {
			t.Fatalf("build %d: the transcript prints %s, which is %+v (%v); want its own exhibit", i+1, m[0][1], x, err)
		}
		native, _ := filepath.Glob(filepath.Join(res.Path, "data", "exhibits", "*Transcript*.pdf"))
		if len(native) != 1 || !regexp.MustCompile(`Exhibit reference:?[ \t]+`+regexp.QuoteMeta(x.Ref)+`\s`).MatchString(pdfText(t, native[0])) {
			t.Errorf("build %d: the package's transcript file %v does not print %s", i+1, native, x.Ref)
		}
	}
	if refs[0] != "AM/2" || refs[1] != refs[0] || refs[2] != refs[0] {
		t.Errorf("transcript references across builds = %v; want AM/2 each time", refs)
	}
	xs, _ := st.Exhibits(ctx, c.ID)
	if len(xs) != 3 {
		t.Errorf("%d exhibits after three builds; want the recording, the transcript and the operator log", len(xs))
	}
	if os.Getenv("REDLINE_KEEP_BUNDLE") != "" { // to look at the pages: pdftoppm the file named
		res, err := bb.Build(ctx, st, v, Renderer{}, who, c.Ref, os.Getenv("REDLINE_KEEP_BUNDLE"), bb.Options{})
		t.Log(res.Path, err)
	}
}
