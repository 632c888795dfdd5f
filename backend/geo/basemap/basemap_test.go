package basemap

import (
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestUK_HasFourNationsThatContainTheirCapitals(t *testing.T) {
	nations, err := Layer(LayerNation)
	if err != nil {
		t.Fatal(err)
	}
	capitals := map[string]orb.Point{
		"England": {-0.1278, 51.5074}, "Scotland": {-3.1883, 55.9533},
		"Wales": {-3.1791, 51.4816}, "Northern Ireland": {-5.9301, 54.5973},
	}
	if len(nations) != 4 {
		t.Fatalf("%d nations", len(nations))
	}
	for _, n := range nations {
		name := n.Properties.MustString("name", "")
		c, ok := capitals[name]
		if !ok {
			t.Errorf("unexpected nation %q", name)
			continue
		}
		mp, ok := n.Geometry.(orb.MultiPolygon)
		if !ok {
			if p, isPoly := n.Geometry.(orb.Polygon); isPoly {
				mp = orb.MultiPolygon{p}
			}
		}
		if !planar.MultiPolygonContains(mp, c) {
			t.Errorf("%s does not contain its capital %v", name, c)
		}
		for other, oc := range capitals {
			if other != name && planar.MultiPolygonContains(mp, oc) {
				t.Errorf("%s contains %s's capital", name, other)
			}
		}
	}
}

func TestUK_RegionsTownsAndAttribution(t *testing.T) {
	regions, _ := Layer(LayerRegion)
	var names []string
	for _, r := range regions {
		names = append(names, r.Properties.MustString("name", ""))
	}
	for _, want := range []string{"Yorkshire and the Humber", "Greater London", "North West", "East Wales", "Highlands and Islands"} {
		if !slices.Contains(names, want) {
			t.Errorf("region %q missing from %v", want, names)
		}
	}
	towns, _ := Layer(LayerTown)
	found := map[string]orb.Point{}
	for _, tw := range towns {
		found[tw.Properties.MustString("name", "")] = tw.Geometry.(orb.Point)
	}
	for name, want := range map[string]orb.Point{"Leeds": {-1.5477, 53.7965}, "Bradford": {-1.7594, 53.7960}, "Glasgow": {-4.2576, 55.8652}} {
		got, ok := found[name]
		if !ok {
			t.Errorf("town %s missing", name)
			continue
		}
		if planar.Distance(got, want) > 0.05 {
			t.Errorf("%s at %v, want near %v", name, got, want)
		}
	}
	if len(GeoJSON()) > 1_500_000 {
		t.Errorf("basemap is %d bytes; keep it under 1.5 MB", len(GeoJSON()))
	}
}
