// Package basemap holds Redline's built-in offline map of the United Kingdom:
// coast, nations, regions and major towns, from public-domain and open data.
package basemap

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/paulmach/orb/geojson"
)

//go:embed uk.geojson
var ukGeoJSON []byte

// Attribution must be shown wherever the basemap is drawn.
const Attribution = "Boundaries: Natural Earth. Towns: GeoNames (CC BY 4.0)."

// Layer names carried in each feature's "layer" property.
const (
	LayerNation = "nation" // England, Scotland, Wales, Northern Ireland (polygons)
	LayerRegion = "region" // English regions and statistical regions elsewhere (polygons)
	LayerBorder = "border" // internal borders as lines; property "kind" is nation or region
	LayerLand   = "land"   // neighbouring land for context (polygons)
	LayerTown   = "town"   // major towns (points) with "name" and "population"
)

// GeoJSON is the basemap file as served to the map screen.
func GeoJSON() []byte { return ukGeoJSON }

var (
	parseOnce sync.Once
	parsed    *geojson.FeatureCollection
	parseErr  error
)

// UK returns the parsed basemap. The result is shared: do not modify it.
func UK() (*geojson.FeatureCollection, error) {
	parseOnce.Do(func() {
		parsed, parseErr = geojson.UnmarshalFeatureCollection(ukGeoJSON)
		if parseErr != nil {
			parseErr = fmt.Errorf("built-in UK basemap: %w", parseErr)
		}
	})
	return parsed, parseErr
}

// Layer returns the features of one layer.
func Layer(name string) ([]*geojson.Feature, error) {
	fc, err := UK()
	if err != nil {
		return nil, err
	}
	var out []*geojson.Feature
	for _, f := range fc.Features {
		if f.Properties.MustString("layer", "") == name {
			out = append(out, f)
		}
	}
	return out, nil
}
