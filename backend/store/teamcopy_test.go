package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

var copySeal = AuditSeal{Key: []byte("team copy test key: not secret"), From: 1}

// laptopWithWork is a sealed SQLite store holding alerts, a recording, a
// case with people and a decision, a risk and a letter.
func laptopWithWork(t *testing.T) (*Store, CaseFile) {
	t.Helper()
	st := openSQLite(t)
	st.SealAudit(copySeal)
	ctx := context.Background()
	worker, red, _, _ := teamAlerts(t, st)
	c, err := st.OpenCase(ctx, NewCase{Title: "Assault", Origin: "alert", IncidentAt: 1790000000, WorkerID: worker, AlertIDs: []int64{red}}, teamWho)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddPerson(ctx, Person{CaseID: c.ID, Role: "witness", Name: "A Witness"}, teamWho); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordDecision(ctx, Decision{CaseID: c.ID, Route: "police", Reasons: "threats", LSMSAgrees: true}, teamWho, noDecisionCheck); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateRisk(ctx, RiskFields{Title: "Night visits", Owner: "lsms"}, nil, nil, teamWho); err != nil {
		t.Fatal(err)
	}
	return st, c
}

func TestTeamNonEmpty_AFreshTeamDatabaseIsEmpty(t *testing.T) {
	full, err := openTeamTest(t).TeamNonEmpty(context.Background())
	if err != nil || len(full) != 0 {
		t.Fatalf("a database just set up holds rows in %v (%v): the copy would refuse it", full, err)
	}
}

func TestCopyToTeam_KeepsIdsTheChainAndMovesIdentitiesOn(t *testing.T) {
	src, c := laptopWithWork(t)
	dst := openTeamTest(t)
	ctx := context.Background()
	indexes := teamIndexes(t, dst)
	was := deferIndexesFrom
	deferIndexesFrom = 1 // every table's indexes set aside and rebuilt
	t.Cleanup(func() { deferIndexesFrom = was })
	res, err := CopyToTeam(ctx, src, dst)
	if err != nil {
		t.Fatal(err)
	}
	if after := teamIndexes(t, dst); after != indexes {
		t.Fatalf("indexes and constraints after the copy differ from the schema's:\n%s\nwant\n%s", after, indexes)
	}
	if !res.Audit.Keyed || res.Audit.Entries != res.Source.Entries || res.Audit.Head != res.Source.Head || res.Audit.Entries < 4 {
		t.Fatalf("audit after the copy %+v, laptop %+v", res.Audit, res.Source)
	}
	if i, j := tableIndex(res, "alerts"), tableIndex(res, "cases"); i < 0 || j < 0 || tableIndex(res, "teams") > i || i > tableIndex(res, "case_alerts") {
		t.Fatalf("tables not parents first: %+v", res.Tables)
	}
	got, err := dst.Case(ctx, c.ID)
	if err != nil || got.Ref != c.Ref || got.Title != c.Title || got.State != "decided" {
		t.Fatalf("case %d in the team database: %+v (%v), want %+v", c.ID, got, err, c)
	}
	ds, err := dst.Decisions(ctx, c.ID)
	if err != nil || len(ds) != 1 || !ds[0].LSMSAgrees {
		t.Fatalf("decisions %+v (%v)", ds, err)
	}
	// The team's own work goes on from there: new ids past the laptop's, the
	// chain extended under the same key.
	c2, err := dst.OpenCase(ctx, NewCase{Title: "First team case", Origin: "manual", IncidentAt: 1795000000}, teamWho)
	if err != nil || c2.ID != c.ID+1 || c2.Ref != "RL-2026-0002" {
		t.Fatalf("first team case %d %q (%v), want id %d", c2.ID, c2.Ref, err, c.ID+1)
	}
	if p, n, err := dst.VerifyAudit(ctx); err != nil || p != nil || n <= res.Audit.Entries {
		t.Fatalf("audit after the team's first case: %d entries, problem %+v (%v)", n, p, err)
	}
	if _, err := CopyToTeam(ctx, src, dst); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("a second copy into the same database: %v, want it refused as not empty", err)
	}
}

// teamIndexes is every index and constraint of the team database, by
// definition.
func teamIndexes(t *testing.T, st *Store) string {
	t.Helper()
	defs, err := queryList(context.Background(), st.db, `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()
		UNION ALL SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
		WHERE connamespace = current_schema()::regnamespace ORDER BY 1`, nil, scanString)
	if err != nil || len(defs) < 20 {
		t.Fatalf("%d indexes (%v)", len(defs), err)
	}
	return strings.Join(defs, "\n")
}

func tableIndex(r TeamCopy, name string) int {
	for i, tc := range r.Tables {
		if tc.Table == name {
			return i
		}
	}
	return -1
}

func TestCopyToTeam_RefusesALaptopWhoseChainIsBroken(t *testing.T) {
	src, _ := laptopWithWork(t)
	tamper(t, src, `UPDATE audit_log SET actor = 'someone else' WHERE seq = 2`)
	dst := openTeamTest(t)
	ctx := context.Background()
	if _, err := CopyToTeam(ctx, src, dst); err == nil || !strings.Contains(err.Error(), "problem at entry 2") {
		t.Fatalf("copy of a tampered log: %v, want it refused naming entry 2", err)
	}
	if full, err := dst.TeamNonEmpty(ctx); err != nil || len(full) != 0 {
		t.Fatalf("the refused copy left rows in %v (%v)", full, err)
	}
}

func TestPgValue_SQLiteLooseTypesToPostgres(t *testing.T) {
	for _, c := range []struct {
		in   any
		typ  string
		want any
		bad  bool
	}{
		{nil, "bigint", nil, false},
		{[]byte("abc"), "text", "abc", false},
		{int64(7), "text", "7", false},
		{float64(3), "bigint", int64(3), false},
		{3.5, "bigint", nil, true},
		{"x", "bigint", nil, true},
		{int64(2), "double precision", float64(2), false},
		{"raw", "bytea", []byte("raw"), false},
		{true, "bigint", int64(1), false},
	} {
		got, err := pgValue(c.in, c.typ)
		if (err != nil) != c.bad {
			t.Errorf("pgValue(%#v, %s): error %v", c.in, c.typ, err)
			continue
		}
		if !c.bad && fmtAny(got) != fmtAny(c.want) {
			t.Errorf("pgValue(%#v, %s) = %#v, want %#v", c.in, c.typ, got, c.want)
		}
	}
}

// fmtAny shows a value with its Go type, so int64(3) and float64(3) differ.
func fmtAny(v any) string {
	if b, ok := v.([]byte); ok {
		return "bytes:" + string(b)
	}
	return fmt.Sprintf("%T:%v", v, v)
}
