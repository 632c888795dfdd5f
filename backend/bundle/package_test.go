package bundle

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/nhs-redline/redline/backend/exhibit"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/testclock"
	"github.com/nhs-redline/redline/backend/vault"
)

// plainDocs draws every document as a line of text: enough for a package.
type plainDocs struct{}

func (plainDocs) TranscriptPDF(context.Context, *store.Store, *vault.Vault, int64) (exhibit.Printer, error) {
	return func(ref string) ([]byte, error) { return []byte("transcript " + ref), nil }, nil
}
func (plainDocs) MapPNG(context.Context, *store.Store, int64) ([]byte, error) {
	return nil, exhibit.ErrNoMap
}
func (plainDocs) PDF(w io.Writer, b *Bundle) error {
	_, err := io.WriteString(w, "bundle of "+b.Case.Ref+" at "+b.Head.String())
	return err
}
func (plainDocs) RedactedLetter(docx []byte, r *Redactor) ([]byte, error) { return docx, nil }
func (plainDocs) RedactedTranscript(_ context.Context, _ *store.Store, _ *vault.Vault, _ int64, ref string, _ *Redactor) ([]byte, error) {
	return []byte("transcript " + ref + ", redacted"), nil
}

// caseWithPhotograph is a case by hand with one photograph as its exhibit.
func caseWithPhotograph(t *testing.T) (*store.Store, *vault.Vault, store.CaseFile, store.Who) {
	t.Helper()
	st, v := storetest.Open(t)
	ctx := context.Background()
	who := store.Who{Actor: "alex.morgan", At: testclock.Now().Unix()}
	c, err := st.OpenCase(ctx, store.NewCase{Title: "Ward assault", Origin: "manual", IncidentAt: who.At}, who)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exhibit.SaveSettings(ctx, st, exhibit.Settings{Producer: "Alex Morgan", Initials: "AM", Separator: "/"}, who); err != nil {
		t.Fatal(err)
	}
	if _, err := exhibit.AddDocument(ctx, st, c.ID, "photograph", "bruise.jpg", "Photograph of the bruise",
		bytes.Repeat([]byte{7}, 200_000), who); err != nil {
		t.Fatal(err)
	}
	return st, v, c, who
}

func TestBuild_ReportsEachStepAndTheBytesWritten(t *testing.T) {
	for _, zip := range []bool{false, true} {
		st, v, c, who := caseWithPhotograph(t)
		var steps []string
		var last Progress
		o := Options{Zip: zip, Progress: func(p Progress) {
			if len(steps) == 0 || steps[len(steps)-1] != p.Step {
				steps = append(steps, p.Step)
			}
			last = p
		}}
		res, err := Build(context.Background(), st, v, plainDocs{}, who, c.Ref, t.TempDir(), o)
		if err != nil {
			t.Fatalf("zip %t: %v", zip, err)
		}
		if want := []string{"numbering", "reading", "drawing", "writing"}; !slices.Equal(steps, want) {
			t.Errorf("zip %t: steps %v, want %v", zip, steps, want)
		}
		var total int64
		for _, f := range res.Files {
			total += f.Bytes
		}
		if last.Done != total || last.Total != total || last.File != "data/exhibits.json" {
			t.Errorf("zip %t: last progress %+v, want all %d bytes written, ending with exhibits.json", zip, last, total)
		}
		if rep, err := Verify(context.Background(), res.Path, st); err != nil || !rep.OK() {
			t.Errorf("zip %t: the package does not verify: %+v %v", zip, rep, err)
		}
	}
}

func TestBuild_CancelledLeavesNothingAndNoAuditEntry(t *testing.T) {
	for _, zip := range []bool{false, true} {
		st, v, c, who := caseWithPhotograph(t)
		ctx, cancel := context.WithCancel(context.Background())
		dir := t.TempDir()
		// Cancelled as the photograph is being written, after the bundle PDF.
		o := Options{Zip: zip, Progress: func(p Progress) {
			if p.Step == "writing" && p.File != "" && p.File != "data/"+c.Ref+" bundle.pdf" {
				cancel()
			}
		}}
		before, _ := st.AuditHead(context.Background())
		_, err := Build(ctx, st, v, plainDocs{}, who, c.Ref, dir, o)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("zip %t: err = %v, want cancelled", zip, err)
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("zip %t: a cancelled build left %v in the folder", zip, left)
		}
		after, _ := st.AuditHead(context.Background())
		if after != before {
			t.Errorf("zip %t: the audit log moved from %v to %v for a package that was never made", zip, before, after)
		}
		if _, err := Build(context.Background(), st, v, plainDocs{}, who, c.Ref, dir, Options{Zip: zip}); err != nil {
			t.Errorf("zip %t: building again after a cancel: %v", zip, err)
		}
		if _, err := os.Stat(filepath.Join(dir, c.Ref+" evidence package"+map[bool]string{true: ".zip"}[zip])); err != nil {
			t.Errorf("zip %t: %v", zip, err)
		}
	}
}
