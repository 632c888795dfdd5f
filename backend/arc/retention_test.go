package arc

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/retention"
	"github.com/nhs-redline/redline/backend/store"
)

// TestImport_ADocumentRetentionDestroyedIsNotStoredAgain: once the purge
// has destroyed a false alarm's post-incident report and the ARC's fields,
// importing the same export again lists the file but brings neither back.
func TestImport_ADocumentRetentionDestroyedIsNotStoredAgain(t *testing.T) {
	ctx := context.Background()
	p := loadVendorProfile(t)
	sp := newSpace(t)
	if _, err := Import(ctx, sp.st, sp.v, vendorDir, Options{Profile: p, Partial: true}); err != nil {
		t.Fatal(err)
	}
	a2, err := sp.st.AlertByRef(ctx, "A1002")
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := sp.st.Documents(ctx, a2.ID)
	if len(docs) != 1 {
		t.Fatalf("documents %+v", docs)
	}
	at := time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
	if _, err := sp.st.Categorise(ctx, a2.ID, "false", "pressed by mistake", store.Who{Actor: "lsms", At: at.Unix()},
		func(store.Alert, *store.Triage, *string) error { return nil }); err != nil {
		t.Fatal(err)
	}
	rep, err := retention.Purge(ctx, sp.st, sp.v, retention.Default(), at.Add(25*time.Hour), "system", false)
	if err != nil || len(rep.ARCDestroyed) != 2 {
		t.Fatalf("purge: %+v %v", rep.ARCDestroyed, err)
	}
	path, _ := sp.v.Path(docs[0].SHA256)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the report's file is still in the vault: %v", err)
	}

	res, err := Import(ctx, sp.st, sp.v, vendorDir, Options{Profile: p, Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	warned := false
	for _, pr := range res.Problems {
		warned = warned || (pr.Kind == "document" && strings.Contains(pr.Reason, "destroyed under the retention rules"))
	}
	if x, _ := sp.st.AlertARC(ctx, a2.ID); !x.Empty() {
		t.Errorf("the re-import brought the destroyed ARC fields back: %+v", x)
	}
	if !warned || res.Summary.Documents.New+res.Summary.Documents.Unchanged != 0 {
		t.Errorf("re-import: documents %+v, warned %v", res.Summary.Documents, warned)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the re-import brought the destroyed report back into the vault: %v", err)
	}
}
