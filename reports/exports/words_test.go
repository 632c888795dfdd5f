package exports

import (
	"bytes"
	"context"
	"testing"

	"github.com/paulmach/orb/geojson"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
)

// TestAlerts_GeoJSONCarriesTheARCsWordBesideTheValue: a "Planned Alarm" the
// profile normalised to "test" is exported as both, and an alert whose
// values the ARC sent as Redline names them carries no ARC word at all.
func TestAlerts_GeoJSONCarriesTheARCsWordBesideTheValue(t *testing.T) {
	st, _ := storetest.Open(t)
	ctx := context.Background()
	lat, lon := 53.8, -1.55
	err := st.Write(ctx, func(w *store.Writer) error {
		id, err := w.Alert(store.NewAlert{ARC: "T", ARCRef: "R-1", Type: "red", Validity: "test", RaisedAt: who.At, Lat: &lat, Lon: &lon})
		if err != nil {
			return err
		}
		if _, err := w.Alert(store.NewAlert{ARC: "T", ARCRef: "R-2", Type: "red", Validity: "test", RaisedAt: who.At - 60, Lat: &lat, Lon: &lon}); err != nil {
			return err
		}
		_, err = w.Tx().ExecContext(ctx, `INSERT INTO alert_arc(alert_id, words) VALUES (?, '{"validity":"Planned Alarm"}')`, id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := Alerts(ctx, st, who, store.AlertFilter{}, "geojson", Dest{Path: "-", Stream: &out}); err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(out.Bytes())
	if err != nil || len(fc.Features) != 2 {
		t.Fatalf("features %v %v", fc, err)
	}
	for _, f := range fc.Features {
		ref, word := f.Properties.MustString("arcRef", ""), f.Properties.MustString("validityARC", "")
		if f.Properties.MustString("validity", "") != "test" {
			t.Errorf("%s: validity %v", ref, f.Properties)
		}
		if want := map[string]string{"R-1": "Planned Alarm", "R-2": ""}[ref]; word != want {
			t.Errorf("%s: ARC word %q, want %q", ref, word, want)
		}
	}
}
