// Package demo generates a deterministic, realistic trust for demos, tests and
// benchmarks: teams, lone workers, devices, amber and red alerts with positions,
// operator logs and a few spoken recordings.
package demo

import (
	"context"
	"embed"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

//go:embed testdata/*.wav
var recordings embed.FS

// Config shapes a generated trust. The same Config always yields the same data.
type Config struct {
	Seed   uint64
	End    time.Time // alerts are raised before this instant
	Months int       // how far back amber and red alerts go
	// WorkersPerTeam scales every team; 0 keeps the realistic ~150 workers.
	WorkersPerTeam int
	// NoMedia skips recordings, for benchmarks that only need rows.
	NoMedia bool
}

// Default is the demo trust the app offers on first run, ending at end.
func Default(end time.Time) Config {
	return Config{Seed: 20260401, End: end, Months: 3}
}

// Summary counts what was generated.
type Summary struct {
	Teams, Workers, Amber, Red, Positions, LogEntries, Media int
}

type worker struct {
	id, teamID, deviceID int64
	team                 *teamSpec
	perDay               float64 // mean amber alerts per working day
	hotspot              int     // index into hotspots this worker's team visits, or -1
}

// A few addresses where trouble repeats, so the map has real hotspots to find.
var hotspots = []struct{ lat, lon float64 }{
	{53.8117, -1.5240}, // Harehills
	{53.7972, -1.7530}, // Bradford, Manningham
	{53.6905, -1.5060}, // Wakefield, Eastmoor
}

// Generate writes the demo trust into st in one transaction and copies the
// recordings into v (which may be nil with NoMedia).
func Generate(ctx context.Context, st *store.Store, v *vault.Vault, cfg Config) (Summary, error) {
	g := &gen{cfg: cfg, r: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)), vault: v}
	if !cfg.NoMedia {
		// The lease keeps a purge from removing a reused file before the rows naming it commit.
		lease, err := g.lease(ctx)
		if err != nil {
			return Summary{}, err
		}
		defer lease.Release()
		if err := g.storeRecordings(lease); err != nil {
			return Summary{}, err
		}
	}
	err := st.Write(ctx, func(w *store.Writer) error {
		g.w = w
		if err := g.people(); err != nil {
			return err
		}
		imp, err := w.Import(store.ImportRecord{StartedAt: cfg.End.Unix(), FinishedAt: cfg.End.Unix(),
			Source: demoSource, Profile: "demo", ImportedBy: demoActor, Status: "done"})
		if err != nil {
			return err
		}
		g.importID = imp
		if err := g.alerts(ctx); err != nil {
			return err
		}
		return g.receipt()
	})
	return g.sum, err
}

type gen struct {
	cfg      Config
	r        *rand.Rand
	w        *store.Writer
	vault    *vault.Vault
	workers  []worker
	importID int64
	seq      int
	sum      Summary
	media    map[string]store.Media // demo file name to its vault record
	received []store.ImportFile     // each recording attached, for the import's receipt entry
}

func (g *gen) people() error {
	n := 0
	for ti := range teams {
		t := &teams[ti]
		gid, err := g.w.StaffGroup(t.group)
		if err != nil {
			return err
		}
		tid, err := g.w.Team(t.name, gid, t.base)
		if err != nil {
			return err
		}
		g.sum.Teams++
		count := t.workers
		if g.cfg.WorkersPerTeam > 0 {
			count = g.cfg.WorkersPerTeam
		}
		for i := 0; i < count; i++ {
			n++
			name := firstNames[g.r.IntN(len(firstNames))] + " " + lastNames[g.r.IntN(len(lastNames))]
			ref := fmt.Sprintf("LW%05d", n)
			wid, err := g.w.Worker(store.Worker{Ref: ref, Name: name, TeamID: tid, StaffGroupID: gid,
				Role: roles[t.group], LineManager: "Team lead, " + t.name})
			if err != nil {
				return err
			}
			did, err := g.w.Device(fmt.Sprintf("35%013d", 4_000_000_000+int64(n)*7919), "Reliance Protect", "Identicom 878", wid)
			if err != nil {
				return err
			}
			g.workers = append(g.workers, worker{id: wid, teamID: tid, deviceID: did, team: t,
				perDay: g.usage(), hotspot: hotspotFor(ti)})
			g.sum.Workers++
		}
	}
	return nil
}

func hotspotFor(team int) int {
	switch team {
	case 1:
		return 0
	case 3:
		return 1
	case 4:
		return 2
	}
	return -1
}

// usage draws a worker's amber habit: about 30% never use the device, most
// log one or two a day, a few log many.
func (g *gen) usage() float64 {
	switch p := g.r.Float64(); {
	case p < 0.30:
		return 0
	case p < 0.85:
		return 0.6 + g.r.Float64()*1.8
	case p < 0.97:
		return 3 + g.r.Float64()*1.5
	default:
		return 6 + g.r.Float64()*2
	}
}

func (g *gen) alerts(ctx context.Context) error {
	start := g.cfg.End.In(store.London).AddDate(0, -g.cfg.Months, 0)
	for day := startOfDay(start); day.Before(g.cfg.End); day = day.AddDate(0, 0, 1) {
		if err := ctx.Err(); err != nil {
			return err
		}
		for i := range g.workers {
			if err := g.workerDay(&g.workers[i], day); err != nil {
				return err
			}
		}
	}
	return nil
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, store.London)
}

// workerDay makes one worker's alerts for one Europe/London day.
func (g *gen) workerDay(wk *worker, day time.Time) error {
	weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
	rate := wk.perDay
	if weekend {
		rate *= 0.15
	}
	n := g.poisson(rate)
	visits := make([]visit, 0, n)
	for i := 0; i < n; i++ {
		at := day.Add(time.Duration(8*3600+1800+g.r.IntN(9*3600)) * time.Second)
		if !at.Before(g.cfg.End) {
			continue
		}
		visits = append(visits, visit{at: at, lat: 0, lon: 0})
		g.place(wk, &visits[len(visits)-1])
	}
	// Red alerts: about 2 a year per worker, more where trouble repeats.
	redRate := 2.0 / 365
	if wk.hotspot >= 0 {
		redRate *= 2.5
	}
	hasRed := g.r.Float64() < redRate
	if hasRed && len(visits) == 0 && !weekend {
		at := day.Add(time.Duration(9*3600+g.r.IntN(8*3600)) * time.Second)
		if at.Before(g.cfg.End) {
			visits = append(visits, visit{at: at})
			g.place(wk, &visits[0])
		}
	}
	for i, v := range visits {
		// A worker who never uses the amber feature still raises red alerts.
		if wk.perDay > 0 {
			if err := g.amber(wk, v, hasRed, true); err != nil {
				return err
			}
		}
		if hasRed && i == len(visits)-1 {
			if err := g.red(wk, v); err != nil {
				return err
			}
		}
	}
	return nil
}

type visit struct {
	at       time.Time
	lat, lon float64
	hotspot  bool
}

func (g *gen) place(wk *worker, v *visit) {
	if wk.hotspot >= 0 && g.r.Float64() < 0.08 {
		h := hotspots[wk.hotspot]
		v.lat, v.lon = jitter(g.r, h.lat, h.lon, 60)
		v.hotspot = true
		return
	}
	v.lat, v.lon = jitter(g.r, wk.team.lat, wk.team.lon, 4500)
}

// jitter moves a point by up to radius metres in a random direction.
func jitter(r *rand.Rand, lat, lon, radius float64) (float64, float64) {
	d := radius * math.Sqrt(r.Float64())
	a := r.Float64() * 2 * math.Pi
	dLat := d * math.Cos(a) / 111_320
	dLon := d * math.Sin(a) / (111_320 * math.Cos(lat*math.Pi/180))
	return round6(lat + dLat), round6(lon + dLon)
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

func (g *gen) poisson(mean float64) int {
	if mean <= 0 {
		return 0
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= g.r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

func (g *gen) nextRef(prefix string) string {
	g.seq++
	return fmt.Sprintf("%s%07d", prefix, g.seq)
}

// fix draws a position source and accuracy as devices report them indoors and out.
func (g *gen) fix() (string, float64) {
	switch p := g.r.Float64(); {
	case p < 0.68:
		return "gps", float64(4 + g.r.IntN(22))
	case p < 0.85:
		return "wifi", float64(20 + g.r.IntN(60))
	default:
		return "cell", float64(300 + g.r.IntN(2700))
	}
}

func ptr[T any](v T) *T { return &v }

// amber is an amber alert with its memo recording as often as amber does;
// the history's (withFix false) keep their fix on the alert row alone, which
// keeps two years quick to build.
func (g *gen) amber(wk *worker, v visit, sameDayRed, withFix bool) error {
	src, acc := g.fix()
	lat, lon := v.lat, v.lon
	if src == "cell" {
		lat, lon = jitter(g.r, lat, lon, acc/2)
	}
	attach := !g.cfg.NoMedia && (sameDayRed || g.r.Float64() < 0.02)
	a := store.NewAlert{ARC: "Reliance Protect", ARCRef: g.nextRef("AMB"), Type: "amber", Trigger: "amber_memo",
		WorkerID: wk.id, DeviceID: wk.deviceID, TeamID: wk.teamID, RaisedAt: v.at.Unix(),
		Memo: memos[g.r.IntN(len(memos))], Lat: &lat, Lon: &lon, AccuracyM: &acc, ImportID: g.importID}
	if attach {
		a.MediaCount = 1
	}
	id, err := g.w.Alert(a)
	if err != nil {
		return err
	}
	g.sum.Amber++
	if withFix {
		if err := g.w.Position(store.Position{AlertID: id, FixAt: v.at.Unix(), Lat: lat, Lon: lon, AccuracyM: acc, Source: src}); err != nil {
			return err
		}
		g.sum.Positions++
	}
	if attach {
		return g.attach(id, fmt.Sprintf("amber-%d.wav", 1+g.r.IntN(3)), "amber_memo", v.at.Unix())
	}
	return nil
}
