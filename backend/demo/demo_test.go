package demo

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/testclock"
	"github.com/nhs-redline/redline/backend/vault"
)

var testEnd = testclock.Now()

func build(t *testing.T, cfg Config) (*store.Store, Summary) {
	t.Helper()
	st, v := storetest.Open(t)
	sum, err := Generate(context.Background(), st, v, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return st, sum
}

// fingerprint hashes every alert, position and recording row in id order.
func fingerprint(t *testing.T, st *store.Store) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+st.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h := sha256.New()
	for _, q := range []string{
		`SELECT arc_ref, type, trigger, worker_id, raised_at, answered_at, closed_at, validity, escalation, police_ref, lat, lon, accuracy_m FROM alerts ORDER BY id`,
		`SELECT alert_id, fix_at, lat, lon, accuracy_m, source FROM positions ORDER BY id`,
		`SELECT alert_id, sha256, kind FROM media ORDER BY id`,
		`SELECT ref, name, team_id FROM workers ORDER BY id`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			rows.Scan(ptrs...)
			fmt.Fprintln(h, vals...)
		}
		rows.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
}

func small() Config {
	cfg := Default(testEnd)
	cfg.Months, cfg.WorkersPerTeam = 1, 6
	return cfg
}

func TestGenerate_SameSeedSameData(t *testing.T) {
	a, sa := build(t, small())
	b, sb := build(t, small())
	if sa != sb {
		t.Fatalf("summaries differ: %+v vs %+v", sa, sb)
	}
	if fa, fb := fingerprint(t, a), fingerprint(t, b); fa != fb {
		t.Fatalf("same seed gave different data: %s vs %s", fa, fb)
	}
	cfg := small()
	cfg.Seed++
	c, _ := build(t, cfg)
	if fingerprint(t, a) == fingerprint(t, c) {
		t.Fatal("a different seed gave identical data")
	}
}

func TestGenerate_RealisticTrust(t *testing.T) {
	st, sum := build(t, Default(testEnd))
	if sum.Teams != 8 || sum.Workers < 140 || sum.Workers > 160 {
		t.Fatalf("want 8 teams and about 150 workers, got %+v", sum)
	}
	if sum.Amber < 5000 || sum.Red < 20 || sum.Media == 0 {
		t.Fatalf("too few alerts for three months: %+v", sum)
	}
	ctx := context.Background()
	count := func(f store.AlertFilter) int {
		n, err := st.CountAlerts(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	red := count(store.AlertFilter{Types: []string{"red"}})
	falseRed := count(store.AlertFilter{Types: []string{"red"}, Validity: []string{"false", "test"}})
	genuine := count(store.AlertFilter{Types: []string{"red"}, Validity: []string{"genuine"}})
	urn := count(store.AlertFilter{Escalated: []string{"urn"}})
	if falseRed*2 < red {
		t.Errorf("want most red alerts accidental or test, got %d of %d", falseRed, red)
	}
	if genuine == 0 || genuine*4 > red {
		t.Errorf("want a few genuine red alerts, got %d of %d", genuine, red)
	}
	if urn > genuine {
		t.Errorf("URN escalations (%d) should be rarer than genuine alerts (%d)", urn, genuine)
	}
	// Skewed usage: some workers never raise an amber alert.
	var idle int
	for i := int64(1); i <= int64(sum.Workers); i++ {
		if count(store.AlertFilter{Types: []string{"amber"}, WorkerID: i}) == 0 {
			idle++
		}
	}
	if idle < sum.Workers/6 || idle > sum.Workers/2 {
		t.Errorf("want roughly 30%% of workers with no amber alert, got %d of %d", idle, sum.Workers)
	}
	last, err := st.ListAlerts(ctx, store.AlertFilter{}, store.AlertSort{Column: "raisedAt", Desc: true}, 0, 1)
	if err != nil || len(last) != 1 || last[0].RaisedAt >= testEnd.Unix() {
		t.Fatalf("newest alert %+v (err %v) is not before the end", last, err)
	}
}

func TestGenerate_RecordingsAreInTheVault(t *testing.T) {
	st, _ := build(t, Default(testEnd))
	ctx := context.Background()
	reds, err := st.ListAlerts(ctx, store.AlertFilter{Types: []string{"red"}, Validity: []string{"genuine"}}, store.AlertSort{}, 0, 5)
	if err != nil || len(reds) == 0 {
		t.Fatal("no genuine red alerts", err)
	}
	ms, err := st.MediaForAlert(ctx, reds[0].ID)
	if err != nil || len(ms) != 1 {
		t.Fatalf("media for genuine red: %v %v", ms, err)
	}
	m := ms[0]
	if m.Codec != "mulaw" || m.SampleRate != 8000 || m.DurationMS < 10000 {
		t.Fatalf("unexpected recording %+v", m)
	}
	v, _ := vault.Open(filepath.Join(filepath.Dir(st.Path()), "vault"))
	if err := v.Verify(m.SHA256); err != nil {
		t.Fatal(err)
	}
}
