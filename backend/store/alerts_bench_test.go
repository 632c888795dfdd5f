package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/demo"
	"github.com/nhs-redline/redline/backend/store"
)

// benchStore returns the demo trust scaled to about a million alerts (1,520
// lone workers over two years), built once per machine in the temp folder.
func benchStore(b *testing.B) *store.Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), "redline-bench-alerts-v1.db")
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	n, _ := st.CountAlerts(context.Background(), store.AlertFilter{})
	if n < 900_000 {
		st.Close()
		for _, s := range []string{"", "-wal", "-shm"} {
			os.Remove(path + s)
		}
		if st, err = store.Open(path); err != nil {
			b.Fatal(err)
		}
		cfg := demo.Config{Seed: 7, End: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Months: 24, WorkersPerTeam: 190, NoMedia: true}
		start := time.Now()
		sum, err := demo.Generate(context.Background(), st, nil, cfg)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("built %d alerts in %s", sum.Amber+sum.Red, time.Since(start))
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func BenchmarkAlerts_FirstPage(b *testing.B) {
	st := benchStore(b)
	ctx := context.Background()
	year := time.Date(2026, 1, 1, 0, 0, 0, 0, store.London).Unix()
	newest := store.AlertSort{Column: "raisedAt", Desc: true}
	cases := []struct {
		name string
		f    store.AlertFilter
		s    store.AlertSort
		off  int
	}{
		{"all/newest", store.AlertFilter{}, newest, 0},
		{"red/newest", store.AlertFilter{Types: []string{"red"}}, newest, 0},
		{"red-genuine/newest", store.AlertFilter{Types: []string{"red"}, Validity: []string{"genuine"}}, newest, 0},
		{"team+2026/newest", store.AlertFilter{TeamIDs: []int64{3}, From: year}, newest, 0},
		{"text-worker/newest", store.AlertFilter{Text: "Collins"}, newest, 0},
		{"all/by-validity", store.AlertFilter{}, store.AlertSort{Column: "validity"}, 0},
		{"all/by-worker", store.AlertFilter{}, store.AlertSort{Column: "workerName"}, 0},
		{"all/newest/page-2500", store.AlertFilter{}, newest, 500_000},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				rows, err := st.ListAlerts(ctx, c.f, c.s, c.off, 200)
				if err != nil || len(rows) == 0 {
					b.Fatal(rows, err)
				}
			}
		})
	}
}

func BenchmarkAlerts_Count(b *testing.B) {
	st := benchStore(b)
	ctx := context.Background()
	for _, f := range []store.AlertFilter{{}, {Types: []string{"red"}}, {Text: "Collins"}} {
		b.Run(fmt.Sprintf("%v%v%s", f.Types, f.Validity, f.Text), func(b *testing.B) {
			for b.Loop() {
				if _, err := st.CountAlerts(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAlerts_EachAlert streams every alert, as `redline-cli alerts
// --limit 0` does, and reports the most heap in use along the way: it should
// stay near a page's worth whatever the count.
func BenchmarkAlerts_EachAlert(b *testing.B) {
	st := benchStore(b)
	ctx := context.Background()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapInuse, ms.HeapInuse
	for b.Loop() {
		n := 0
		err := st.EachAlert(ctx, store.AlertFilter{}, 0, func(store.Alert) error {
			if n++; n%20_000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			return nil
		})
		if err != nil || n < 900_000 {
			b.Fatal(n, err)
		}
	}
	b.ReportMetric(float64(peak-base)/(1<<20), "peak-heap-MB")
}
