package geo_test

import (
	"context"
	"sync"
	"testing"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/geo/geofixture"
	"github.com/nhs-redline/redline/backend/store"
)

var (
	benchOnce  sync.Once
	benchIndex *geo.Index
)

// millionIndex loads the shared 1,000,000-alert fixture once per test binary.
func millionIndex(b *testing.B) *geo.Index {
	benchOnce.Do(func() {
		s := geofixture.Open(b, 1_000_000)
		benchIndex = geo.NewIndex(s)
		if _, err := benchIndex.Refresh(context.Background()); err != nil {
			b.Fatal(err)
		}
	})
	return benchIndex
}

// Leaflet views on a 1600x1000 screen: the whole of West Yorkshire at zoom 10,
// and Leeds city centre at zoom 16.
var (
	regionView = geo.ViewRequest{Box: geofixture.Region, Zoom: 10}
	streetView = geo.ViewRequest{Box: store.MapBox{South: 53.7950, West: -1.5560, North: 53.8045, East: -1.5425}, Zoom: 16}
	filtered   = store.AlertFilter{Types: []string{"red"}, Validity: []string{"genuine", "precautionary"}, From: 1688169600, To: 1719792000}
)

func benchView(b *testing.B, req geo.ViewRequest) {
	x := millionIndex(b)
	b.ResetTimer()
	for b.Loop() {
		v, err := x.View(req, geo.ViewOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(v.Total), "alerts")
		b.ReportMetric(float64(len(v.Clusters)), "clusters")
	}
}

func BenchmarkViewportRegionZoom10(b *testing.B) { benchView(b, regionView) }
func BenchmarkViewportStreetZoom16(b *testing.B) { benchView(b, streetView) }
func BenchmarkViewportRegionFiltered(b *testing.B) {
	benchView(b, geo.ViewRequest{Box: regionView.Box, Zoom: 10, Filter: filtered})
}

func BenchmarkHeatRegionZoom10(b *testing.B) {
	x := millionIndex(b)
	b.ResetTimer()
	for b.Loop() {
		cells, err := x.Heat(regionView, 16)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(cells)), "cells")
	}
}

func BenchmarkIndexLoad1M(b *testing.B) {
	s := geofixture.Open(b, 1_000_000)
	for b.Loop() {
		x := geo.NewIndex(s)
		if _, err := x.Refresh(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
