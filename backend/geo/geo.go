// Package geo owns Redline's geographic analysis: distances, radius matching,
// viewport clustering and heat cells for the organisation map, hotspots,
// known-risk locations and the case-map story of one red alert.
package geo

import (
	"math"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// MeanEarthRadiusM is the IUGG mean radius. orb's haversine uses the equatorial
// radius (6,378,137 m), which overstates UK distances by about 0.1%; published
// great-circle distances use the mean radius, so we rescale to match them.
const MeanEarthRadiusM = 6371008.8

// Pt makes an orb point from latitude and longitude, the order people say them.
// orb stores longitude first; this helper keeps that mistake out of call sites.
func Pt(lat, lon float64) orb.Point { return orb.Point{lon, lat} }

// DistanceM is the great-circle (haversine) distance in metres between two points.
func DistanceM(a, b orb.Point) float64 {
	return orbgeo.DistanceHaversine(a, b) * (MeanEarthRadiusM / orb.EarthRadius)
}

// WithinRadius reports whether p lies within radiusM metres of centre.
func WithinRadius(centre orb.Point, radiusM float64, p orb.Point) bool {
	return DistanceM(centre, p) <= radiusM
}

// BoundAround is a latitude/longitude box that contains every point within
// radiusM of centre, so a B-tree box query can prefilter a radius search.
func BoundAround(centre orb.Point, radiusM float64) orb.Bound {
	// Pad slightly: orb sizes the box with the equatorial radius, and a box that
	// is a hair too small would silently drop an alert on the circle's edge.
	return orbgeo.NewBoundAroundPoint(centre, radiusM*1.001*(orb.EarthRadius/MeanEarthRadiusM))
}

// TileSize is the side of a web map tile in pixels; Leaflet's zoom z shows the
// world as TileSize * 2^z pixels square.
const TileSize = 256

// maxMercatorLat is where Web Mercator stops (the world becomes a square).
const maxMercatorLat = 85.05112878

// WorldPixel projects p to Web Mercator pixel coordinates at zoom z, with
// (0, 0) at the north-west corner of the world, as Leaflet and slippy tiles do.
func WorldPixel(p orb.Point, z float64) (x, y float64) {
	size := TileSize * math.Exp2(z)
	lat := math.Max(-maxMercatorLat, math.Min(maxMercatorLat, p[1]))
	x = (p[0] + 180) / 360 * size
	s := math.Sin(lat * math.Pi / 180)
	y = (0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)) * size
	return x, y
}

// FromWorldPixel is the inverse of WorldPixel.
func FromWorldPixel(x, y, z float64) orb.Point {
	size := TileSize * math.Exp2(z)
	lon := x/size*360 - 180
	n := math.Pi - 2*math.Pi*y/size
	lat := 180 / math.Pi * math.Atan(math.Sinh(n))
	return orb.Point{lon, lat}
}

// MetresPerPixel is the ground size of one pixel at latitude lat and zoom z.
func MetresPerPixel(lat, z float64) float64 {
	return 2 * math.Pi * orb.EarthRadius * math.Cos(lat*math.Pi/180) / (TileSize * math.Exp2(z))
}
