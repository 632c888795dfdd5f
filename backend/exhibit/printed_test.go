package exhibit

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/testclock"
	"github.com/nhs-redline/redline/backend/vault"
)

// textDocs prints a transcript as its text and the exhibit reference given,
// the way the court PDF prints the reference on its cover and every page.
type textDocs struct {
	mu   sync.Mutex
	text string
}

func (d *textDocs) TranscriptPDF(context.Context, *store.Store, *vault.Vault, int64) (Printer, error) {
	d.mu.Lock()
	text := d.text
	d.mu.Unlock()
	return func(ref string) ([]byte, error) {
		if ref == "" {
			ref = "not given"
		}
		return []byte(text + " | Exhibit reference: " + ref), nil
	}, nil
}
func (*textDocs) MapPNG(context.Context, *store.Store, int64) ([]byte, error) { return nil, ErrNoMap }

func (d *textDocs) set(text string) { d.mu.Lock(); d.text = text; d.mu.Unlock() }

// transcribedCase is a case on an alert with a recording and its transcript.
func transcribedCase(t *testing.T, st *store.Store, who store.Who) store.CaseFile {
	t.Helper()
	ctx := context.Background()
	var alertID, mediaID int64
	err := st.Write(ctx, func(w *store.Writer) (err error) {
		if alertID, err = w.Alert(store.NewAlert{ARC: "Reliance Protect", ARCRef: "RED0000009", Type: "red", Trigger: "sos", RaisedAt: who.At - 60}); err != nil {
			return err
		}
		mediaID, err = w.Media(store.Media{AlertID: alertID, Kind: "red_live", OriginalName: "RED0000009.wav", SHA256: strings.Repeat("d4", 32),
			VaultPath: "x", DurationMS: 60000}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateTranscript(ctx, store.Transcript{MediaID: mediaID, Engine: "manual", CreatedBy: "ann.lee", CreatedAt: who.At,
		Segments: "[]"}, "typed"); err != nil {
		t.Fatal(err)
	}
	if _, err := SaveSettings(ctx, st, Settings{Producer: "Alex Morgan", Initials: "AM", Separator: "/"}, who); err != nil {
		t.Fatal(err)
	}
	c, err := st.OpenCase(ctx, store.NewCase{Title: "Assault", Origin: "alert", IncidentAt: who.At - 60, AlertIDs: []int64{alertID}}, who)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func transcriptExhibits(t *testing.T, xs []store.Exhibit) []store.Exhibit {
	t.Helper()
	var out []store.Exhibit
	for _, x := range xs {
		if x.Kind == "transcript" {
			out = append(out, x)
		}
	}
	return out
}

// printsItsRef checks that the file kept for x is the one hashed and prints x's own reference.
func printsItsRef(t *testing.T, st *store.Store, x store.Exhibit) {
	t.Helper()
	b, err := st.ExhibitFile(context.Background(), x.SHA256)
	if err != nil || sum(b) != x.SHA256 {
		t.Fatalf("exhibit %s: its file does not match its SHA-256 (%v)", x.Ref, err)
	}
	if !strings.HasSuffix(string(b), "Exhibit reference: "+x.Ref) {
		t.Errorf("exhibit %s prints %q; want its own reference", x.Ref, b)
	}
}

func TestEnsure_TranscriptPrintsItsOwnReferenceAndKeepsIt(t *testing.T) {
	st, v := storetest.Open(t)
	ctx := context.Background()
	who := store.Who{Actor: "alex.morgan", At: testclock.Now().Unix()}
	c := transcribedCase(t, st, who)
	docs := &textDocs{text: "revision 1"}
	xs, err := Ensure(ctx, st, v, docs, c.ID, who)
	if err != nil {
		t.Fatal(err)
	}
	ts := transcriptExhibits(t, xs)
	if len(ts) != 1 || ts[0].Ref != "AM/2" {
		t.Fatalf("transcript exhibits = %+v; want AM/2, after the recording", ts)
	}
	printsItsRef(t, st, ts[0])

	again, err := Ensure(ctx, st, v, docs, c.ID, who)
	if err != nil || len(again) != len(xs) {
		t.Fatalf("showing the bundle again numbered %d exhibits, had %d (%v)", len(again), len(xs), err)
	}

	docs.set("revision 2") // a changed transcript is a new exhibit with a new number, the first kept
	xs, err = Ensure(ctx, st, v, docs, c.ID, who)
	if err != nil {
		t.Fatal(err)
	}
	ts = transcriptExhibits(t, xs)
	if len(ts) != 2 || ts[0].Ref != "AM/2" || ts[1].Ref != "AM/4" {
		t.Fatalf("after a new revision, transcript exhibits = %+v; want AM/2 kept and AM/4 new", ts)
	}
	printsItsRef(t, st, ts[1])
	if xs, _ = Ensure(ctx, st, v, docs, c.ID, who); len(transcriptExhibits(t, xs)) != 2 {
		t.Errorf("the new revision was numbered again on a second showing")
	}
}

// A transcript numbered before transcripts printed their reference was hashed
// as drawn with none: unchanged, it is still that exhibit, not a new number.
func TestEnsure_TranscriptNumberedBeforeItPrintedItsReferenceKeepsIt(t *testing.T) {
	st, v := storetest.Open(t)
	ctx := context.Background()
	who := store.Who{Actor: "alex.morgan", At: testclock.Now().Unix()}
	c := transcribedCase(t, st, who)
	docs := &textDocs{text: "revision 1"}
	ms, _ := st.MediaForAlert(ctx, c.AlertIDs[0])
	ts, _ := st.TranscriptsForMedia(ctx, ms[0].ID)
	draw, _ := docs.TranscriptPDF(ctx, st, v, ts[0].ID)
	old, _ := draw("")
	if _, _, err := st.CreateExhibit(ctx, store.NewExhibit{CaseID: c.ID, Initials: "AM", Separator: "/", Producer: "Alex Morgan",
		Kind: "transcript", Description: "Transcript", SourceType: "transcript", SourceID: ts[0].ID, SHA256: sum(old), Bytes: old}, who); err != nil {
		t.Fatal(err)
	}
	xs, err := Ensure(ctx, st, v, docs, c.ID, who)
	if err != nil {
		t.Fatal(err)
	}
	if got := transcriptExhibits(t, xs); len(got) != 1 || got[0].Ref != "AM/1" {
		t.Fatalf("transcript exhibits = %+v; want AM/1 alone", got)
	}
}

// The number is taken and printed in one transaction: producers numbering
// at once never print a reference another exhibit holds.
func TestCreateRenderedExhibit_ConcurrentNumbersArePrintedTrue(t *testing.T) {
	st, _ := storetest.Open(t)
	ctx := context.Background()
	who := store.Who{Actor: "alex.morgan", At: testclock.Now().Unix()}
	c, err := st.OpenCase(ctx, store.NewCase{Title: "A", Origin: "manual", IncidentAt: who.At}, who)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for i := range 6 {
		wg.Go(func() {
			_, _, err := st.CreateRenderedExhibit(ctx, store.NewExhibit{CaseID: c.ID, Initials: "AM", Separator: "/", Producer: "Alex Morgan",
				Kind: "transcript", Description: "T", SourceType: "transcript", SourceID: int64(i + 1)},
				who, func(ref string) ([]byte, error) {
					return []byte(fmt.Sprintf("transcript %d | Exhibit reference: %s", i, ref)), nil
				})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	xs, err := st.Exhibits(ctx, c.ID)
	if err != nil || len(xs) != 6 {
		t.Fatalf("%d exhibits, %v; want 6", len(xs), err)
	}
	seen := map[string]bool{}
	for _, x := range xs {
		if seen[x.Ref] {
			t.Errorf("%s given twice", x.Ref)
		}
		seen[x.Ref] = true
		printsItsRef(t, st, x)
	}
}
