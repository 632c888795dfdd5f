package demo

import (
	"context"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

// The demo's recordings are received as a real import receives them: one
// "import.imported" entry on the import names every recording's file and
// SHA-256, so exhibit continuity starts with the receipt from the ARC.
func TestDemo_ImportWritesTheReceiptARealImportWrites(t *testing.T) {
	st, sum := build(t, Config{Seed: 7, End: testEnd, Months: 1, WorkersPerTeam: 2})
	ctx := context.Background()
	if sum.Media == 0 {
		t.Fatal("the demo made no recording, so the test proves nothing")
	}
	es, err := st.AuditNaming(ctx, "import.", `"files"`)
	if err != nil || len(es) != 1 || es[0].Action != "import.imported" || es[0].ObjectType != "import" {
		t.Fatalf("import entries = %+v, %v; want one import.imported entry on the import", es, err)
	}
	files, _ := store.DecodeDetail(es[0])["files"].([]any)
	named := map[string]string{}
	for _, f := range files {
		m, _ := f.(map[string]any)
		name, _ := m["name"].(string)
		sha, _ := m["sha256"].(string)
		named[name] = sha
	}
	if len(named) != sum.Media {
		t.Fatalf("the receipt names %d files; the demo made %d recordings", len(named), sum.Media)
	}
	a, err := st.ListAlerts(ctx, store.AlertFilter{Types: []string{"red"}}, store.AlertSort{}, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, x := range a {
		ms, _ := st.MediaForAlert(ctx, x.ID)
		for _, m := range ms {
			if named[m.OriginalName] != m.SHA256 {
				t.Errorf("recording %s (%s) is not in the receipt with its SHA-256", m.OriginalName, m.SHA256)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no red alert has a recording, so the test proves nothing")
	}
}
