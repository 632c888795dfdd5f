package trends

import (
	"context"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/demo"
	"github.com/nhs-redline/redline/backend/store"
)

// BenchmarkBuild_TeamDatabase builds the Reports' two default years over
// the demo trust (24 months of alerts, no recordings) in a team database,
// under the LSMS's login (the tables and the monthly rollup: the anchor) and
// the security director's (the database's aggregates, small counts hidden).
// Run with REDLINE_TEST_PG set:
//
//	go test -run '^$' -bench BuildTeam -benchtime 5x ./backend/trends/
func BenchmarkBuild_TeamDatabase(b *testing.B) {
	end := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	d := newDirectorTeamWith(b, func(st *store.Store, _ string) {
		cfg := demo.Default(end)
		cfg.Months, cfg.NoMedia = 24, true
		sum, err := demo.Generate(context.Background(), st, nil, cfg)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("demo trust: %d workers, %d amber and %d red alerts", sum.Workers, sum.Amber, sum.Red)
	})
	o := Options{From: time.Date(2024, 12, 1, 0, 0, 0, 0, store.London), To: time.Date(2026, 12, 1, 0, 0, 0, 0, store.London),
		Now: end, Rules: DefaultRules()}
	for _, who := range []struct {
		name string
		st   *store.Store
	}{{"lsms", d.lsms}, {"director", d.dir}} {
		b.Run(who.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Build(context.Background(), who.st, o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
