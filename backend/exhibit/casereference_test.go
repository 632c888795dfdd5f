package exhibit

import (
	"context"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/testclock"
	"github.com/nhs-redline/redline/backend/vault"
)

// caseDocs is textDocs that can also print the bundle's case reference, the
// way the court PDF prints it on its cover; without one it prints the typed
// one, here none.
type caseDocs struct{ textDocs }

func (d *caseDocs) CaseTranscriptPDF(ctx context.Context, st *store.Store, v *vault.Vault, id int64, caseRef string) (Printer, error) {
	draw, err := d.TranscriptPDF(ctx, st, v, id)
	return func(ref string) ([]byte, error) {
		b, err := draw(ref)
		return append([]byte("Case reference: "+caseRef+" | "), b...), err
	}, err
}

// A new transcript exhibit prints the case's reference, and showing the
// bundle again finds it rather than numbering it again.
func TestEnsure_TranscriptPrintsTheCaseReference(t *testing.T) {
	st, v := storetest.Open(t)
	ctx := context.Background()
	who := store.Who{Actor: "alex.morgan", At: testclock.Now().Unix()}
	c := transcribedCase(t, st, who)
	docs := &caseDocs{textDocs{text: "revision 1"}}
	xs, err := Ensure(ctx, st, v, docs, c.ID, who)
	if err != nil {
		t.Fatal(err)
	}
	ts := transcriptExhibits(t, xs)
	if len(ts) != 1 {
		t.Fatalf("transcript exhibits = %+v; want one", ts)
	}
	printsItsRef(t, st, ts[0])
	b, _ := st.ExhibitFile(ctx, ts[0].SHA256)
	if !strings.HasPrefix(string(b), "Case reference: "+c.Ref+" |") {
		t.Errorf("the transcript exhibit prints %q; want the case reference %s", b, c.Ref)
	}
	if again, err := Ensure(ctx, st, v, docs, c.ID, who); err != nil || len(again) != len(xs) {
		t.Fatalf("showing the bundle again numbered %d exhibits, had %d (%v)", len(again), len(xs), err)
	}
}

// A transcript numbered while transcripts printed only the typed case
// reference (with its own exhibit reference, or with none before that) is
// still that exhibit once the bundle prints its case reference: upgrading
// renumbers nothing.
func TestEnsure_TranscriptNumberedBeforeItPrintedTheCaseReferenceKeepsIt(t *testing.T) {
	for _, exhibitRef := range []string{"AM/1", ""} {
		t.Run("printed "+orDefault(exhibitRef, "no exhibit reference"), func(t *testing.T) {
			st, v := storetest.Open(t)
			ctx := context.Background()
			who := store.Who{Actor: "alex.morgan", At: testclock.Now().Unix()}
			c := transcribedCase(t, st, who)
			docs := &caseDocs{textDocs{text: "revision 1"}}
			ms, _ := st.MediaForAlert(ctx, c.AlertIDs[0])
			ts, _ := st.TranscriptsForMedia(ctx, ms[0].ID)
			typed, _ := docs.TranscriptPDF(ctx, st, v, ts[0].ID) // as earlier versions drew it
			old, _ := typed(exhibitRef)
			if _, _, err := st.CreateExhibit(ctx, store.NewExhibit{CaseID: c.ID, Initials: "AM", Separator: "/", Producer: "Alex Morgan",
				Kind: "transcript", Description: "Transcript", SourceType: "transcript", SourceID: ts[0].ID, SHA256: sum(old), Bytes: old}, who); err != nil {
				t.Fatal(err)
			}
			xs, err := Ensure(ctx, st, v, docs, c.ID, who)
			if err != nil {
				t.Fatal(err)
			}
			if got := transcriptExhibits(t, xs); len(got) != 1 || got[0].Ref != "AM/1" || got[0].SHA256 != sum(old) {
				t.Fatalf("transcript exhibits = %+v; want AM/1 alone, with its pages as hashed", got)
			}
		})
	}
}
