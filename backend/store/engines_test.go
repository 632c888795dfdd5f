package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/nhs-redline/redline/backend/store/teamtest"
)

// eachEngine runs fn once on each engine with a fresh store: a SQLite file
// always, and a PostgreSQL database when REDLINE_TEST_PG names a server (the
// postgres half is skipped, saying so, when it does not). In the postgres
// pass (REDLINE_TEST_ENGINE=postgres) the SQLite half is skipped: the
// ordinary pass runs it.
func eachEngine(t *testing.T, fn func(t *testing.T, st *Store)) {
	t.Helper()
	eachEngineOpen(t, func(t *testing.T, open func(*testing.T) *Store) { fn(t, open(t)) })
}

// eachEngineOpen is eachEngine for tests that open several fresh stores.
func eachEngineOpen(t *testing.T, fn func(t *testing.T, open func(*testing.T) *Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		if teamtest.OnPostgres() {
			t.Skip("the SQLite pass runs this half")
		}
		fn(t, openSQLite)
	})
	t.Run("postgres", func(t *testing.T) {
		teamtest.Skip(t)
		fn(t, openTeamTest)
	})
}

// openTest opens a fresh store for a test written once for both engines: a
// SQLite file, or in the postgres pass a team database of the test's own.
func openTest(t *testing.T) *Store {
	t.Helper()
	if teamtest.OnPostgres() {
		return openTeamTest(t)
	}
	return openSQLite(t)
}

// testTarget is what Open should open for a test that closes and reopens
// its store: a SQLite file in a folder of its own, or in the postgres pass
// the URL of a team database set up for it.
func testTarget(t *testing.T) string {
	t.Helper()
	if teamtest.OnPostgres() {
		return initTeamTest(t)
	}
	return filepath.Join(t.TempDir(), "t.db")
}

// sqliteOnly skips t in the postgres pass: the test is of something only
// the SQLite engine has. why says what, in a line; docs/team-mode.md counts
// these.
func sqliteOnly(t *testing.T, why string) {
	t.Helper()
	teamtest.SQLiteOnly(t, why)
}

// openTeamTest is openTest on PostgreSQL: a database of the test's own, set
// up as `redline-cli team init` would.
func openTeamTest(t *testing.T) *Store {
	t.Helper()
	return openTeamURL(t, initTeamTest(t))
}

func initTeamTest(t *testing.T) string {
	t.Helper()
	url := teamtest.NewDatabase(t)
	if _, err := InitTeam(context.Background(), url); err != nil {
		t.Fatalf("team init: %v", err)
	}
	return url
}

func openTeamURL(t *testing.T, url string) *Store {
	t.Helper()
	st, err := Open(url)
	if err != nil {
		t.Fatalf("open team database: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestRebind_PlaceholdersAndLikeOutsideQuotes(t *testing.T) {
	cases := []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT a FROM t WHERE x = ? AND y IN (?,?)`, `SELECT a FROM t WHERE x = $1 AND y IN ($2,$3)`},
		{`WHERE sha256 = ?1 OR pdf = ?1 THEN ?2`, `WHERE sha256 = $1 OR pdf = $1 THEN $2`},
		{`WHERE s = '?' AND "we?ird" = ? -- why?` + "\n" + `AND z = ?`, `WHERE s = '?' AND "we?ird" = $1 -- why?` + "\n" + `AND z = $2`},
		{`/* ? like */ name LIKE ? ESCAPE '\'`, `/* ? like */ name ILIKE $1 ESCAPE '\'`},
		{`WHERE unlike = 1 AND likely like ?`, `WHERE unlike = 1 AND likely ILIKE $1`},
		{`detail LIKE '%"' || ?1 || '"%'`, `detail ILIKE '%"' || $1 || '"%'`},
		{`WHERE a = 'it''s ?' AND b = ?`, `WHERE a = 'it''s ?' AND b = $1`},
		{`SELECT $$ ? $$`, `SELECT $$ $1 $$`}, // dollar quotes are not SQLite's: the store never writes them with a ?
		{`SELECT group_concat(ref, ', ') FROM c WHERE instr(detail, ?) > 0`, `SELECT string_agg(ref, ', ') FROM c WHERE strpos(detail, $1) > 0`},
		{`SELECT instr, group_concat FROM t`, `SELECT instr, group_concat FROM t`}, // columns of those names stay
		{"\n\tINSERT OR IGNORE INTO f(a, b) VALUES (?, ?);\n", `INSERT INTO f(a, b) VALUES ($1, $2) ON CONFLICT DO NOTHING`},
		{`insert or ignore into f(a) SELECT a FROM g`, `INSERT INTO f(a) SELECT a FROM g ON CONFLICT DO NOTHING`},
		{`INSERT OR FAIL INTO f(a) VALUES (?)`, `INSERT OR FAIL INTO f(a) VALUES ($1)`}, // SQLite's bulk path only: left to fail loudly
	}
	for _, c := range cases {
		if got := rebind(c.in); got != c.want {
			t.Errorf("rebind(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestIsDatabaseURL_OnlyPostgresSchemes(t *testing.T) {
	for in, want := range map[string]bool{
		"postgres://u@h/db": true, "POSTGRESQL://h/db": true, "/home/x/redline.db": false,
		`C:\Users\x\redline.db`: false, "postgres.db": false, "file:postgres://x": false,
	} {
		if got := IsDatabaseURL(in); got != want {
			t.Errorf("IsDatabaseURL(%q) = %v", in, got)
		}
	}
}

// TestMigrationsPG_EachPortsASQLiteStep: a PostgreSQL migration carries the
// number and name of the SQLite one it ports, so a schema version means the
// same on both engines.
func TestMigrationsPG_EachPortsASQLiteStep(t *testing.T) {
	pg, err := MigrationsFor(Postgres)
	if err != nil {
		t.Fatal(err)
	}
	lite, _ := Migrations()
	names := map[string]bool{}
	for _, m := range lite {
		names[m.Name] = true
	}
	ported := map[string]bool{}
	for _, m := range pg {
		ported[m.Name] = true
		if !names[m.Name] {
			t.Errorf("migrations_pg/%s ports no migration of the same name in migrations/", m.Name)
		}
	}
	for _, m := range lite {
		if !ported[m.Name] {
			t.Errorf("migrations/%s has no PostgreSQL twin in migrations_pg/ (a step with nothing to port is a commented SELECT 1)", m.Name)
		}
	}
	if len(pg) == 0 || pg[0].Name != "0001_core.sql" {
		t.Fatalf("PostgreSQL migrations must start with 0001_core.sql: %v", pg)
	}
}

func TestEngines_OpenAtTheLatestSchemaAndReopenIsNoOp(t *testing.T) {
	ctx := context.Background()
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "t.db")
		for range 2 {
			st, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			checkVersion(t, st, SQLite)
			st.Close()
		}
	})
	t.Run("postgres", func(t *testing.T) {
		url := teamtest.NewDatabase(t)
		first, err := InitTeam(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		again, err := InitTeam(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		ms, _ := MigrationsFor(Postgres)
		if first.Before != 0 || len(first.Applied) != len(ms) || again.Before != first.After || len(again.Applied) != 0 {
			t.Fatalf("first init %+v, second %+v; want every migration once, then none", first, again)
		}
		checkVersion(t, openTeamURL(t, url), Postgres)
	})
}

func checkVersion(t *testing.T, st *Store, e Engine) {
	t.Helper()
	ms, _ := MigrationsFor(e)
	v, err := st.SchemaVersion(context.Background())
	if err != nil || v != ms[len(ms)-1].Version || st.Engine() != e {
		t.Fatalf("%s: schema version %d (%v), want %d", st.Engine(), v, err, ms[len(ms)-1].Version)
	}
}

// column is one column as both engines can describe it.
type column struct {
	name    string
	class   string // integer, real, text or blob
	notNull bool
}

// sqliteOnlyTables are the SQLite tables team mode leaves out on purpose.
// Anything else SQLite has and PostgreSQL lacks fails the schema comparison.
var sqliteOnlyTables = map[string]string{
	// The SQLite bulk import's list of indexes it dropped and must rebuild
	// (0072). PostgreSQL's import loads through COPY and keeps its indexes.
	"deferred_indexes": "SQLite bulk-import bookkeeping",
}

// postgresOnlyTables are the PostgreSQL tables a laptop has no need of.
var postgresOnlyTables = map[string]string{
	// Evidence files in the team database (0080): a laptop keeps them in
	// its vault folder.
	"vault_files":  "team vault: one row per evidence file",
	"vault_chunks": "team vault: the files' bytes in 1 MiB chunks",
}

// TestSchemas_SameTablesAndColumns holds the two engines' migrations in step:
// every table either schema has, the other has too (but for sqliteOnlyTables),
// with the same columns, classes of type and nullability.
func TestSchemas_SameTablesAndColumns(t *testing.T) {
	pg := openTeamTest(t)
	lite := openSQLite(t)
	ctx := context.Background()
	liteTables := sqliteSchema(t, ctx, lite)
	pgTables := postgresSchema(t, ctx, pg)
	var notPorted []string
	for name := range liteTables {
		_, ok := pgTables[name]
		_, excluded := sqliteOnlyTables[name]
		switch {
		case ok && excluded:
			t.Errorf("table %s is on sqliteOnlyTables but PostgreSQL has it: take it off the list", name)
		case !ok && !excluded:
			notPorted = append(notPorted, name)
		}
	}
	for name := range sqliteOnlyTables {
		if _, ok := liteTables[name]; !ok {
			t.Errorf("sqliteOnlyTables names %s, which SQLite no longer has", name)
		}
	}
	for name, cols := range pgTables {
		want, ok := liteTables[name]
		_, pgOnly := postgresOnlyTables[name]
		switch {
		case ok && pgOnly:
			t.Errorf("table %s is on postgresOnlyTables but SQLite has it: take it off the list", name)
		case !ok && !pgOnly:
			t.Errorf("table %s is in the PostgreSQL schema only", name)
		}
		if !ok {
			continue
		}
		if g, w := fmt.Sprint(cols), fmt.Sprint(want); g != w {
			t.Errorf("table %s differs:\n postgres %s\n   sqlite %s", name, g, w)
		}
	}
	if len(notPorted) > 0 {
		slices.Sort(notPorted)
		t.Errorf("SQLite tables with no PostgreSQL twin (port them in migrations_pg, or add them to sqliteOnlyTables "+
			"saying why): %s", strings.Join(notPorted, ", "))
	}
	t.Logf("%d tables on both engines; SQLite only by design: %d", len(pgTables), len(sqliteOnlyTables))
}

// postgresOnlyTriggers are the PostgreSQL triggers SQLite cannot have, with
// why. Besides these, *_no_truncate (TRUNCATE fires no row triggers) and
// *_notify: only a team has other Redlines to tell of a change (0082).
var postgresOnlyTriggers = map[string]string{
	// A laptop has one person; a team database checks the actor against the login (0081).
	"audit_log_actor": "the audit actor is the database login",
	// The team vault's chunks (0080) are never changed; SQLite has no vault table.
	"vault_chunks_no_update": "team vault chunks are content-addressed",
}

// TestSchemas_SameAppendOnlyTriggers: every trigger SQLite has is on
// PostgreSQL under the same name and on the same table (the append-only rules
// are the schema's, not the Go code's), save the insert trigger SQLite's 0071
// drops. PostgreSQL may add *_no_truncate triggers, which SQLite cannot have.
func TestSchemas_SameAppendOnlyTriggers(t *testing.T) {
	pg := openTeamTest(t)
	lite := openSQLite(t)
	ctx := context.Background()
	liteTrig := map[string]string{}
	rows, err := lite.db.QueryContext(ctx, `SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name, table string
		if err := rows.Scan(&name, &table); err != nil {
			t.Fatal(err)
		}
		liteTrig[name] = table
	}
	rows.Close()
	pgTrig := map[string]string{}
	rows, err = pg.db.QueryContext(ctx, `SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
		WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name, table string
		if err := rows.Scan(&name, &table); err != nil {
			t.Fatal(err)
		}
		pgTrig[name] = table
	}
	rows.Close()
	if len(liteTrig) == 0 {
		t.Fatal("no SQLite triggers found")
	}
	for name, table := range liteTrig {
		if pgTrig[name] != table {
			t.Errorf("SQLite trigger %s on %s: PostgreSQL has it on %q", name, table, pgTrig[name])
		}
	}
	for name, table := range pgTrig {
		if _, ok := liteTrig[name]; !ok && !strings.HasSuffix(name, "_no_truncate") &&
			!strings.HasSuffix(name, "_notify") && postgresOnlyTriggers[name] == "" {
			t.Errorf("PostgreSQL trigger %s on %s has no SQLite twin", name, table)
		}
	}
}

// TestAppendOnlyTables_RefuseUpdateDeleteAndTruncateOnPostgres: the ported
// append-only tables refuse changes with the SQLite trigger's message.
func TestAppendOnlyTables_RefuseUpdateDeleteAndTruncateOnPostgres(t *testing.T) {
	teamtest.Skip(t)
	st := openTeamTest(t)
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO staff_groups(id, name) VALUES (1, 'g')`,
		`INSERT INTO risks(id, ref, title, created_at, created_by, updated_at, updated_by) VALUES (1, 'RR-0001', 'r', 1, 'a', 1, 'a')`,
		`INSERT INTO risk_scores(risk_id, kind, consequence, likelihood, rating, band, band_set, reason, scored_at, scored_by)
			VALUES (1, 'current', 2, 3, 6, 'moderate', '{}', 'first', 1, 'a')`,
		`INSERT INTO exhibit_files(sha256, bytes) VALUES ('ab', '\x0001')`,
	} {
		if _, err := st.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for q, want := range map[string]string{
		`UPDATE risk_scores SET reason = 'other'`: "a risk score is never changed",
		`DELETE FROM risk_scores`:                 "a risk score is never deleted",
		`TRUNCATE risk_scores`:                    "a risk score is never deleted",
		`UPDATE exhibit_files SET bytes = '\x02'`: "an exhibit file is kept as made",
		`DELETE FROM exhibit_files`:               "an exhibit file is never deleted",
	} {
		_, err := st.db.ExecContext(ctx, q)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want a refusal saying %q", q, err, want)
		}
	}
}

func sqliteSchema(t *testing.T, ctx context.Context, st *Store) map[string][]column {
	t.Helper()
	out := map[string][]column{}
	rows, err := st.db.QueryContext(ctx, `SELECT m.name, p.name, upper(p.type), p."notnull" OR p.pk > 0
		FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_migrations'
		ORDER BY m.name, p.name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, typ string
		var c column
		if err := rows.Scan(&table, &c.name, &typ, &c.notNull); err != nil {
			t.Fatal(err)
		}
		c.class = typeClass(typ)
		out[table] = append(out[table], c)
	}
	return out
}

func postgresSchema(t *testing.T, ctx context.Context, st *Store) map[string][]column {
	t.Helper()
	out := map[string][]column{}
	rows, err := st.db.QueryContext(ctx, `SELECT table_name, column_name, upper(data_type), is_nullable = 'NO'
		FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
		  AND table_name NOT IN (SELECT table_name FROM information_schema.views WHERE table_schema = current_schema())
		ORDER BY table_name, column_name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, typ string
		var c column
		if err := rows.Scan(&table, &c.name, &typ, &c.notNull); err != nil {
			t.Fatal(err)
		}
		c.class = typeClass(typ)
		out[table] = append(out[table], c)
	}
	return out
}

func typeClass(typ string) string {
	switch {
	case strings.Contains(typ, "INT"):
		return "integer"
	case strings.Contains(typ, "REAL"), strings.Contains(typ, "DOUBLE"), strings.Contains(typ, "FLOAT"):
		return "real"
	case strings.Contains(typ, "BLOB"), strings.Contains(typ, "BYTEA"):
		return "blob"
	case strings.Contains(typ, "TEXT"), strings.Contains(typ, "CHAR"):
		return "text"
	}
	return "other:" + typ
}

func TestSettings_DefaultThenSetThenOverwrite(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		if v, err := st.Setting(ctx, "map.basemap", "uk"); err != nil || v != "uk" {
			t.Fatalf("unset setting read %q (%v), want the default", v, err)
		}
		for _, want := range []string{"tiles", "it's 50%"} {
			if err := st.SetSetting(ctx, "map.basemap", want); err != nil {
				t.Fatal(err)
			}
			if v, err := st.Setting(ctx, "map.basemap", "uk"); err != nil || v != want {
				t.Fatalf("read %q (%v), want %q", v, err, want)
			}
		}
	})
}

// TestAudit_ConcurrentAppendersFromTwoPoolsKeepOneChain: two clients (two
// stores, so two connection pools, as two laptops would have) appending at
// once still make one unbroken chain with no gap or fork.
func TestAudit_ConcurrentAppendersFromTwoPoolsKeepOneChain(t *testing.T) {
	const workers, each = 8, 25
	ctx := context.Background()
	run := func(t *testing.T, a, b *Store) {
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for i := range workers {
			st := a
			if i%2 == 1 {
				st = b
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range each {
					if _, err := st.Audit(ctx, AuditEntry{At: int64(1000 + j), Actor: fmt.Sprintf("client%d", i),
						Action: "recording.play", ObjectType: "media", ObjectID: fmt.Sprint(j)}); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		for _, st := range []*Store{a, b} {
			rep, err := st.CheckAuditLog(ctx)
			if err != nil || rep.Problem != nil || rep.Entries != workers*each {
				t.Fatalf("after concurrent appends: %d entries, problem %+v (%v); want %d intact", rep.Entries, rep.Problem, err, workers*each)
			}
		}
	}
	twoClients(t, run) // conflict_test.go
}

// tamperTeam edits a team database as its owner could, after switching off
// the append-only triggers, which such a person can also do.
func tamperTeam(t *testing.T, st *Store, stmts ...string) {
	t.Helper()
	for _, q := range append([]string{`ALTER TABLE audit_log DISABLE TRIGGER USER`}, stmts...) {
		if _, err := st.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}
