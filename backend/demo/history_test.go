package demo

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/retention"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/trends"
	"github.com/nhs-redline/redline/backend/vault"
)

// windowPrint hashes the alerts, positions and recordings of alerts raised
// from since on, so the demo's own months can be compared with and without
// a history.
func windowPrint(t *testing.T, st *store.Store, since int64) (string, int) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+st.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h, n := sha256.New(), 0
	for _, q := range []string{
		`SELECT id, arc_ref, type, worker_id, raised_at, validity, escalation, lat, lon FROM alerts WHERE raised_at >= ? ORDER BY id`,
		`SELECT p.alert_id, p.fix_at, p.lat, p.lon FROM positions p JOIN alerts a ON a.id = p.alert_id WHERE a.raised_at >= ? ORDER BY p.id`,
		`SELECT m.alert_id, m.sha256, m.destroyed_at FROM media m JOIN alerts a ON a.id = m.alert_id WHERE a.raised_at >= ? ORDER BY m.id`,
		`SELECT k.alert_id, k.category FROM alert_category k JOIN alerts a ON a.id = k.alert_id WHERE a.raised_at >= ? ORDER BY k.alert_id`,
	} {
		rows, err := db.Query(q, since)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			rows.Scan(ptrs...)
			fmt.Fprintln(h, vals...)
			n++
		}
		rows.Close()
	}
	return hex.EncodeToString(h.Sum(nil)), n
}

// tiny is the smallest trust that still has every team: history tests build
// 15 months of it several times, and must stay quick under -race.
func tiny() Config {
	cfg := small()
	cfg.WorkersPerTeam = 3
	return cfg
}

// history is one tiny trust with 14 months of history, built once and only
// read by the tests that share it: building it takes most of their time.
var history struct {
	once sync.Once
	st   *store.Store
	hs   HistorySummary
	err  error
	dir  string
}

func withHistory(t *testing.T) (*store.Store, Config, HistorySummary) {
	t.Helper()
	cfg := tiny()
	history.once.Do(func() {
		if history.dir, history.err = os.MkdirTemp("", "redline-demo-history-"); history.err != nil {
			return
		}
		var v *vault.Vault
		if history.st, history.err = store.Open(filepath.Join(history.dir, "redline.db")); history.err != nil {
			return
		}
		history.st.SealAudit(storetest.Seal)
		if v, history.err = vault.Open(filepath.Join(history.dir, "vault")); history.err != nil {
			return
		}
		if _, history.err = Generate(context.Background(), history.st, v, cfg); history.err == nil {
			history.hs, history.err = AddHistory(context.Background(), history.st, v, cfg, 14)
		}
	})
	if history.err != nil {
		t.Fatal(history.err)
	}
	return history.st, cfg, history.hs
}

func TestMain(m *testing.M) {
	code := m.Run()
	if history.st != nil {
		history.st.Close()
	}
	if history.dir != "" {
		os.RemoveAll(history.dir)
	}
	os.Exit(code)
}

func TestAddHistory_LeavesTheDemosOwnMonthsAsTheyWere(t *testing.T) {
	plain, _ := build(t, tiny())
	st, cfg, hs := withHistory(t)
	since := startOfDay(cfg.End.In(store.London).AddDate(0, -cfg.Months, 0)).Unix()
	a, na := windowPrint(t, plain, since)
	b, nb := windowPrint(t, st, since)
	if a != b || na != nb || na == 0 {
		t.Fatalf("the demo's own month changed with a history: %d rows %s against %d rows %s", na, a, nb, b)
	}
	if hs.Amber < 1000 || hs.Red < 10 || hs.Triaged != hs.Red || hs.Destroyed == 0 {
		t.Errorf("14 months of history for 24 workers: %+v", hs)
	}
}

func TestAddHistory_RedAlertsTriagedAndDueRecordingsDestroyedWithRecords(t *testing.T) {
	st, cfg, _ := withHistory(t)
	ctx := context.Background()
	start := startOfDay(cfg.End.In(store.London).AddDate(0, -cfg.Months, 0))
	reds, err := st.RedAlertsBetween(ctx, 0, start.Unix())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reds {
		if r.Category == "" {
			t.Fatalf("history red alert %d was left untriaged: it would sit in My work", r.AlertID)
		}
	}
	// What is still live is not yet due, bar what fell due in the purge's last few days.
	live, err := st.RetentionCandidates(ctx, start.Unix())
	if err != nil {
		t.Fatal(err)
	}
	idx, pol := retention.NewSameDayReds(reds), retention.Default()
	kept := 0
	for _, it := range live {
		if it.RaisedAt >= start.Unix() {
			continue
		}
		v := pol.Evaluate(it, idx)
		if v.Due(cfg.End.Add(-5 * 24 * time.Hour)) {
			t.Errorf("recording %d (%s) fell due at %s and is still held", it.MediaID, v.Rule, v.DueAt)
		}
		kept++
	}
	recs, err := st.DestructionRecords(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	late := 0
	for _, d := range recs {
		if d.DestroyedAt < d.DueAt || d.DestroyedAt > cfg.End.Unix() || d.Rule == "" || d.SHA256 == "" {
			t.Errorf("destruction record %+v", d)
		}
		if d.DestroyedAt > d.DueAt+86400 {
			late++
		}
	}
	if len(recs) == 0 || kept == 0 || late*10 > len(recs) {
		t.Errorf("%d destructions (%d late), %d history recordings still kept (genuine ones under 12 months)", len(recs), late, kept)
	}
}

func TestAddHistory_GivesTheDirectorLimitsOnFirstRun(t *testing.T) {
	st, cfg, _ := withHistory(t) // with the demo's own month, 15 months: enough for limits
	o, err := trends.Query{}.Options(cfg.End)
	if err != nil {
		t.Fatal(err)
	}
	r, err := trends.Build(context.Background(), st, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"red_alerts", "incidents_per_1000", "false_alarm_rate", "answered_10s", "hours_to_triage", "destroyed_on_time", "no_amber"} {
		for _, m := range r.Measures {
			if m.ID == id && (m.UpperLimit == nil || len(m.Points) < 13) {
				t.Errorf("%s on the default range: %d points, limits %v: %s", id, len(m.Points), m.UpperLimit, m.Commentary)
			}
		}
	}
}
