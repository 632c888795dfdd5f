package arc

import (
	"context"
	"testing"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/store"
)

// TestImport_MapIndexReloadsAfterImportOnly: an import replaces the per-row
// geo_version trigger by one bump, so the map index still reloads after a
// bulk import (and sees every located alert and fix), but not after a
// re-import that changed nothing.
func TestImport_MapIndexReloadsAfterImportOnly(t *testing.T) {
	ctx := context.Background()
	dir, _ := exportDemo(t, mustProfile(t, "canonical"))
	sp := newSpace(t)
	idx := geo.NewIndex(sp.st)
	if _, err := idx.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	v0, _ := sp.st.GeoVersion(ctx)
	old := bulkRows
	bulkRows = 1 // the bulk path too: indexes suspended and rebuilt
	t.Cleanup(func() { bulkRows = old })
	res, err := Import(ctx, sp.st, sp.v, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := sp.st.GeoVersion(ctx); v != v0+1 {
		t.Errorf("geo version %d -> %d after importing %d alerts, want one bump", v0, v, res.Summary.Alerts.New)
	}
	reloaded, err := idx.Refresh(ctx)
	if err != nil || !reloaded {
		t.Fatalf("map index did not reload after the import (%v)", err)
	}
	located := 0
	sp.st.Write(ctx, func(w *store.Writer) error {
		return w.Tx().QueryRow(`SELECT count(*) FROM alerts WHERE lat IS NOT NULL AND lon IS NOT NULL`).Scan(&located)
	})
	if located == 0 || idx.Len() != located {
		t.Errorf("map index holds %d alerts, the table %d located ones", idx.Len(), located)
	}
	again, err := Import(ctx, sp.st, sp.v, dir, Options{})
	if err != nil || again.Status != StatusUnchanged {
		t.Fatalf("re-import: %+v %v", again, err)
	}
	if again.Summary.Positions.Unchanged != res.Summary.Positions.New {
		t.Errorf("re-import found %d of %d fixes unchanged", again.Summary.Positions.Unchanged, res.Summary.Positions.New)
	}
	if reloaded, _ := idx.Refresh(ctx); reloaded {
		t.Error("map index reloaded after a re-import that changed nothing")
	}
	// The per-row trigger is back for every other writer.
	lat, lon := 53.8, -1.5
	if err := sp.st.Write(ctx, func(w *store.Writer) error {
		_, err := w.Alert(store.NewAlert{ARC: "Manual", ARCRef: "M1", Type: "red", RaisedAt: 1_760_000_000, Lat: &lat, Lon: &lon})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if reloaded, _ := idx.Refresh(ctx); !reloaded || idx.Len() != located+1 {
		t.Errorf("after a plain insert: reloaded %v, %d alerts", reloaded, idx.Len())
	}
}
