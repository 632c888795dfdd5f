package geo

import (
	"context"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store/storetest"
)

func TestMapSettings_LoadingSavedValidityLeavesTheDefaultsAlone(t *testing.T) {
	st, _ := storetest.Open(t)
	ctx := context.Background()
	in := DefaultMapSettings()
	in.HotspotValidity = []string{"precautionary"}
	if _, err := SaveMapSettings(ctx, st, in); err != nil {
		t.Fatal(err)
	}
	got, err := LoadMapSettings(ctx, st)
	if err != nil || strings.Join(got.HotspotValidity, ",") != "precautionary" {
		t.Fatalf("loaded %v, %v", got.HotspotValidity, err)
	}
	if d := strings.Join(DefaultHotspotParams.Validity, ","); d != "genuine,precautionary" {
		t.Fatalf("loading settings changed the defaults to %s", d)
	}
}

func TestSaveMapSettings_KeepsTheTileFileChosenInTheDialog(t *testing.T) {
	st, _ := storetest.Open(t)
	ctx := context.Background()
	if _, err := SetTileFile(ctx, st, "/maps/trust.mbtiles"); err != nil {
		t.Fatal(err)
	}
	in := DefaultMapSettings()
	in.Basemap, in.TileFile = BasemapFile, "/etc/passwd" // a path from the page is ignored
	got, err := SaveMapSettings(ctx, st, in)
	if err != nil || got.TileFile != "/maps/trust.mbtiles" {
		t.Fatalf("saved %+v, %v", got, err)
	}
}

func TestMapSettings_CheckNamesTheProblem(t *testing.T) {
	for name, c := range map[string]struct {
		edit func(*MapSettings)
		want string
	}{
		"no validity":      {func(s *MapSettings) { s.HotspotValidity = nil }, "at least one validity"},
		"unknown validity": {func(s *MapSettings) { s.HotspotValidity = []string{"purple"} }, `"purple"`},
		"huge radius":      {func(s *MapSettings) { s.KnownRiskRadiusM = 1e6 }, "known-risk radius"},
		"file unchosen":    {func(s *MapSettings) { s.Basemap = BasemapFile }, "choose a map file"},
		"several hosts":    {func(s *MapSettings) { s.Basemap, s.TileURL = BasemapURL, "https://{s}.t.uk/{z}/{x}/{y}.png" }, "one host"},
		"unknown basemap":  {func(s *MapSettings) { s.Basemap = "satellite" }, "builtin, file or url"},
	} {
		s := DefaultMapSettings()
		c.edit(&s)
		if err := s.Check(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v; want %q", name, err, c.want)
		}
	}
	if err := DefaultMapSettings().Check(); err != nil {
		t.Errorf("defaults refused: %v", err)
	}
}
