// Command team-queries measures the screens' queries on a team database
// (issue 15): the Alerts screen's first page, as app/alerts.go asks for it
// (ListAlerts of one page of 200, newest first, with the known-risk
// places, and the count the screen shows beside it), and the map, as app/maps.go answers it (opening: the
// map index loaded from every located alert, then a view; then a view on the
// loaded index, which first asks whether the alerts changed). It runs each
// with 1 client, the anchor, and then with N clients at once, each with a
// pool of its own (as N Redlines would), and prints p50 and p95 per request.
// Run by bench/team/import.sh after its 1,000,000-alarm import.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/store"
)

func main() {
	db := flag.String("db", "", "the team database, postgres://...")
	clients := flag.Int("clients", 10, "clients at once")
	requests := flag.Int("requests", 20, "requests per client for each query")
	flag.Parse()
	if *db == "" {
		fmt.Fprintln(os.Stderr, "usage: team-queries -db postgres://... [-clients N] [-requests N]")
		os.Exit(2)
	}
	if err := run(*db, *clients, *requests); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// uk is the whole organisation map's first view.
var uk = geo.ViewRequest{Box: store.MapBox{South: 49.8, West: -8.7, North: 60.9, East: 1.8}, Zoom: 6}

// city is a view zoomed into a city, where single markers appear.
var city = geo.ViewRequest{Box: store.MapBox{South: 53.78, West: -1.58, North: 53.82, East: -1.50}, Zoom: 14}

// viewOptions are app/maps.go's.
var viewOptions = geo.ViewOptions{MaxPoints: 600, HardPointsCap: 3000}

type query struct {
	name string
	// once runs before the timed requests, per client (an index to load).
	setup func(ctx context.Context, st *store.Store) (func(ctx context.Context) error, error)
}

func run(db string, clients, requests int) error {
	ctx := context.Background()
	queries := []query{
		{"Alerts first page (Alerts.List: 200 rows, known-risk places)", func(ctx context.Context, st *store.Store) (func(context.Context) error, error) {
			return func(ctx context.Context) error {
				if _, err := st.ListAlerts(ctx, store.AlertFilter{}, store.AlertSort{}, 0, 200); err != nil {
					return err
				}
				_, err := st.KnownRisks(ctx, true)
				return err
			}, nil
		}},
		{"Alerts count beside it (Alerts.Count, no filter)", func(ctx context.Context, st *store.Store) (func(context.Context) error, error) {
			return func(ctx context.Context) error {
				_, err := st.CountAlerts(ctx, store.AlertFilter{})
				return err
			}, nil
		}},
		{"Map opened: index loaded, then the UK view", func(ctx context.Context, st *store.Store) (func(context.Context) error, error) {
			return func(ctx context.Context) error {
				idx := geo.NewIndex(st)
				if _, err := idx.Refresh(ctx); err != nil {
					return err
				}
				_, err := idx.View(uk, viewOptions)
				return err
			}, nil
		}},
		{"Map view on the loaded index (changed? + city view)", func(ctx context.Context, st *store.Store) (func(context.Context) error, error) {
			idx := geo.NewIndex(st)
			if _, err := idx.Refresh(ctx); err != nil {
				return nil, err
			}
			return func(ctx context.Context) error {
				if _, err := idx.Refresh(ctx); err != nil {
					return err
				}
				_, err := idx.View(city, viewOptions)
				return err
			}, nil
		}},
	}
	stores := make([]*store.Store, clients)
	for i := range stores {
		st, err := store.Open(db)
		if err != nil {
			return err
		}
		defer st.Close()
		stores[i] = st
	}
	n, err := stores[0].CountAlerts(ctx, store.AlertFilter{})
	if err != nil {
		return err
	}
	fmt.Printf("team database: %d alerts; %d requests per client\n", n, requests)
	for _, q := range queries {
		reqs := requests
		if q.name[:10] == "Map opened" {
			reqs = max(1, requests/10) // a whole load each time
		}
		for _, c := range []int{1, clients} {
			d, err := measure(ctx, stores[:c], q, reqs)
			if err != nil {
				return fmt.Errorf("%s: %w", q.name, err)
			}
			slices.Sort(d)
			fmt.Printf("%-62s %2d client(s) %4d requests  p50 %8.1f ms  p95 %8.1f ms\n", q.name, c, len(d),
				ms(d[len(d)/2]), ms(d[(len(d)*95+99)/100-1]))
		}
	}
	return nil
}

// measure runs q reqs times on each store at once and returns every request's time.
func measure(ctx context.Context, stores []*store.Store, q query, reqs int) ([]time.Duration, error) {
	fns := make([]func(context.Context) error, len(stores))
	for i, st := range stores {
		fn, err := q.setup(ctx, st)
		if err != nil {
			return nil, err
		}
		fns[i] = fn
	}
	var mu sync.Mutex
	var all []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range reqs {
				t0 := time.Now()
				err := fn(ctx)
				d := time.Since(t0)
				mu.Lock()
				all = append(all, d)
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	close(start)
	wg.Wait()
	return all, firstErr
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
