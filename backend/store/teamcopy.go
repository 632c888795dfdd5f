package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Moving a laptop into team mode: CopyToTeam copies every table of a
// laptop's SQLite database into an empty team database, ids and all, in one
// PostgreSQL transaction, through COPY. The evidence files go separately,
// first (vault.CopyToTeam), because they are content-addressed: a copy cut
// short leaves files nobody names yet, never rows naming missing files.

// ErrTeamNotEmpty says the team database already holds a team's work.
var ErrTeamNotEmpty = errors.New("the team database is not empty")

// teamOwnTables are PostgreSQL tables a copy never fills from a laptop and
// that do not count when asking whether the team database is empty: the
// schema's own bookkeeping, and the vault, which the copy fills first.
var teamOwnTables = map[string]bool{"schema_migrations": true, "vault_files": true, "vault_chunks": true}

// schemaSeeded are tables whose rows the schema itself makes (a fresh team
// database holds them): they do not make it non-empty, and the copy puts
// the laptop's rows in their place.
var schemaSeeded = map[string]bool{"geo_version": true}

// TableCopy is one table's part of a copy.
type TableCopy struct {
	Table string        `json:"table"`
	Rows  int64         `json:"rows"`
	Took  time.Duration `json:"tookNs"`
}

// TeamCopy is what CopyToTeam did and found.
type TeamCopy struct {
	Tables  []TableCopy   `json:"tables"` // in the order copied: parents before children
	Rows    int64         `json:"rows"`
	Took    time.Duration `json:"tookNs"`            // the copy's transaction, COPY and sequences
	Audit   AuditReport   `json:"audit"`             // the team database's log, checked after the copy
	Source  AuditReport   `json:"source"`            // the laptop's log, checked before it
	Missing []string      `json:"missing,omitempty"` // evidence files live rows name that the team vault lacks
}

// TeamNonEmpty lists the team database's tables that hold rows, the ones a
// copy would fill; none means a laptop can be copied in.
func (s *Store) TeamNonEmpty(ctx context.Context) ([]string, error) {
	if s.Engine() != Postgres {
		return nil, errors.New("not a team database")
	}
	tables, err := pgTables(ctx, s.db)
	if err != nil {
		return nil, err
	}
	var full []string
	for _, t := range tables {
		if teamOwnTables[t] || schemaSeeded[t] {
			continue
		}
		var has bool
		if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+quoteIdent(t)+`)`).Scan(&has); err != nil {
			return nil, err
		}
		if has {
			full = append(full, t)
		}
	}
	return full, nil
}

// CopyToTeam copies every table of src, a laptop's database, into dst, an
// empty team database at the same schema version, keeping every id, then
// moves each identity past the ids copied and checks the audit chain came
// across whole: the same entries, the same head, no problem, under src's own
// audit key. It refuses, changing nothing, when src's chain has a problem,
// when the schemas differ, or when dst is not empty.
func CopyToTeam(ctx context.Context, src, dst *Store) (TeamCopy, error) {
	var out TeamCopy
	if src.Engine() != SQLite || dst.Engine() != Postgres {
		return out, errors.New("team copy: from a laptop's database to a team database only")
	}
	if err := sameSchema(ctx, src, dst); err != nil {
		return out, err
	}
	var err error
	if out.Source, err = src.CheckAuditLog(ctx); err != nil {
		return out, err
	}
	if p := out.Source.Problem; p != nil {
		return out, fmt.Errorf("the laptop's audit log has a problem at entry %d (%s): it is not copied until that is looked into", p.Seq, p.Reason)
	}
	plan, err := planCopy(ctx, src, dst)
	if err != nil {
		return out, err
	}
	start := time.Now()
	if err := copyTables(ctx, src, dst, plan, &out); err != nil {
		return out, err
	}
	out.Took = time.Since(start)
	return out, checkCopy(ctx, src, dst, plan, &out)
}

func sameSchema(ctx context.Context, src, dst *Store) error {
	sv, err := src.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	dv, err := dst.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if sv != dv {
		return fmt.Errorf("the laptop's database is at schema step %d and the team database at %d: run the same Redline on both "+
			"(and `redline-cli team init` on the team database)", sv, dv)
	}
	return nil
}

// tablePlan is one table to copy: its columns as both schemas name them,
// PostgreSQL's type for each, and its identity column if it has one.
type tablePlan struct {
	name     string
	cols     []string
	types    []string
	identity string
}

// planCopy lists src's tables, parents before children, with the columns
// both schemas share; a table or column the team schema lacks stops it.
func planCopy(ctx context.Context, src, dst *Store) ([]tablePlan, error) {
	names, err := queryList(ctx, src.db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT IN ('schema_migrations', 'deferred_indexes') AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`, nil, scanString)
	if err != nil {
		return nil, err
	}
	order, err := parentsFirst(ctx, src, names)
	if err != nil {
		return nil, err
	}
	var plan []tablePlan
	for _, t := range order {
		p, err := planTable(ctx, src, dst, t)
		if err != nil {
			return nil, err
		}
		plan = append(plan, p)
	}
	return plan, nil
}

// parentsFirst orders tables so every table comes after the tables its
// foreign keys name (a table naming itself is fine: its rows go in id
// order, and a row only ever names an earlier one).
func parentsFirst(ctx context.Context, src *Store, names []string) ([]string, error) {
	parents := map[string][]string{}
	for _, t := range names {
		ps, err := queryList(ctx, src.db, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?) ORDER BY 1`, []any{t}, scanString)
		if err != nil {
			return nil, err
		}
		parents[t] = slices.DeleteFunc(ps, func(p string) bool { return p == t })
	}
	var order []string
	done := map[string]bool{}
	for len(order) < len(names) {
		progress := false
		for _, t := range names {
			if done[t] || slices.ContainsFunc(parents[t], func(p string) bool { return !done[p] && slices.Contains(names, p) }) {
				continue
			}
			order, done[t], progress = append(order, t), true, true
		}
		if !progress {
			var left []string
			for _, t := range names {
				if !done[t] {
					left = append(left, t)
				}
			}
			return nil, fmt.Errorf("team copy: the tables %s name each other, so no order copies parents first", strings.Join(left, ", "))
		}
	}
	return order, nil
}

func planTable(ctx context.Context, src, dst *Store, t string) (tablePlan, error) {
	p := tablePlan{name: t}
	lite, err := queryList(ctx, src.db, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, []any{t}, scanString)
	if err != nil {
		return p, err
	}
	type pgCol struct{ name, typ, identity string }
	pg, err := queryList(ctx, dst.db, `SELECT column_name, data_type, is_identity FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`, []any{t},
		func(sc interface{ Scan(...any) error }) (pgCol, error) {
			var c pgCol
			return c, sc.Scan(&c.name, &c.typ, &c.identity)
		})
	if err != nil {
		return p, err
	}
	if len(pg) == 0 {
		return p, fmt.Errorf("team copy: the team database has no table %s: is it at the same schema step?", t)
	}
	for _, name := range lite {
		i := slices.IndexFunc(pg, func(c pgCol) bool { return c.name == name })
		if i < 0 {
			return p, fmt.Errorf("team copy: the team database's table %s has no column %s", t, name)
		}
		p.cols, p.types = append(p.cols, name), append(p.types, pg[i].typ)
		if pg[i].identity == "YES" {
			p.identity = name
		}
	}
	return p, nil
}

// copyTables runs the copy: one PostgreSQL transaction on pgx's own
// connection (COPY is not part of database/sql), reading the laptop's
// database in one read transaction, so both sides are one moment's state.
func copyTables(ctx context.Context, src, dst *Store, plan []tablePlan, out *TeamCopy) error {
	rtx, err := src.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer rtx.Rollback()
	conn, err := dst.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pc, ok := dc.(*pgConn)
		if !ok {
			return errors.New("team copy: not a team database connection")
		}
		return copyIn(ctx, rtx, pc.Conn.Conn(), plan, out)
	})
}

func copyIn(ctx context.Context, rtx *sql.Tx, px *pgx.Conn, plan []tablePlan, out *TeamCopy) error {
	tx, err := px.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	// Index builds may use more memory than the server's default, for this
	// transaction only.
	if _, err := tx.Exec(ctx, `SET LOCAL maintenance_work_mem = '256MB'`); err != nil {
		return err
	}
	// Nobody else writes while the laptop's rows go in, and the emptiness
	// seen here is the emptiness the copy fills.
	for _, p := range plan {
		if _, err := tx.Exec(ctx, `LOCK TABLE `+quoteIdent(p.name)+` IN EXCLUSIVE MODE`); err != nil {
			return err
		}
	}
	for _, p := range plan {
		if schemaSeeded[p.name] {
			if _, err := tx.Exec(ctx, `DELETE FROM `+quoteIdent(p.name)); err != nil {
				return err
			}
			continue
		}
		var has bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+quoteIdent(p.name)+`)`).Scan(&has); err != nil {
			return err
		}
		if has {
			return fmt.Errorf("%w: table %s holds rows", ErrTeamNotEmpty, p.name)
		}
	}
	for _, p := range plan {
		tc, err := copyTable(ctx, rtx, tx, p)
		if err != nil {
			return err
		}
		out.Tables, out.Rows = append(out.Tables, tc), out.Rows+tc.Rows
	}
	for _, p := range plan {
		if err := resetIdentity(ctx, tx, p); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

// deferIndexesFrom is the size from which a table's secondary indexes and
// foreign keys are dropped for its COPY and made again after it, inside the
// transaction: building an index once, and checking a foreign key over the
// whole table in one join, are many times cheaper than doing either row by
// row (docs/benchmarks.md, "Team migrate"). Making a foreign key again
// checks every row, so nothing goes unchecked; primary and unique keys stay
// throughout, so a duplicate fails at its row. A variable so a test can
// defer every table's.
var deferIndexesFrom int64 = 10_000

func copyTable(ctx context.Context, rtx *sql.Tx, tx pgx.Tx, p tablePlan) (TableCopy, error) {
	start := time.Now()
	var n int64
	if err := rtx.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(p.name)).Scan(&n); err != nil {
		return TableCopy{}, err
	}
	var rebuild []string
	if n >= deferIndexesFrom {
		var err error
		if rebuild, err = setAside(ctx, tx, p.name); err != nil {
			return TableCopy{}, err
		}
	}
	tc, err := copyRows(ctx, rtx, tx, p)
	if err != nil {
		return tc, err
	}
	for _, def := range rebuild {
		if _, err := tx.Exec(ctx, def); err != nil {
			return tc, fmt.Errorf("team copy: %s: rebuild an index: %w", p.name, err)
		}
	}
	tc.Took = time.Since(start)
	return tc, nil
}

// setAside drops the table's indexes that back no constraint, and its
// foreign keys, and returns the statements that make them again, indexes
// first.
func setAside(ctx context.Context, tx pgx.Tx, table string) ([]string, error) {
	q := quoteIdent(table)
	drops, makes, err := pairs(ctx, tx, `SELECT 'DROP INDEX ' || i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
		FROM pg_index i WHERE i.indrelid = $1::regclass
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1`, q)
	if err != nil {
		return nil, err
	}
	fkDrops, fkMakes, err := pairs(ctx, tx, `SELECT 'ALTER TABLE ' || $1 || ' DROP CONSTRAINT ' || quote_ident(conname),
		'ALTER TABLE ' || $1 || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
		FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`, q)
	if err != nil {
		return nil, err
	}
	for _, d := range append(drops, fkDrops...) {
		if _, err := tx.Exec(ctx, d); err != nil {
			return nil, fmt.Errorf("team copy: %s: %s: %w", table, d, err)
		}
	}
	return append(makes, fkMakes...), nil
}

// pairs runs a query of two text columns and returns them as two lists.
func pairs(ctx context.Context, tx pgx.Tx, query string, args ...any) (a, b []string, err error) {
	rows, err := tx.Query(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var x, y string
		if err := rows.Scan(&x, &y); err != nil {
			return nil, nil, err
		}
		a, b = append(a, x), append(b, y)
	}
	return a, b, rows.Err()
}

func copyRows(ctx context.Context, rtx *sql.Tx, tx pgx.Tx, p tablePlan) (TableCopy, error) {
	start := time.Now()
	quoted := make([]string, len(p.cols))
	for i, c := range p.cols {
		quoted[i] = quoteIdent(c)
	}
	rows, err := rtx.QueryContext(ctx, `SELECT `+strings.Join(quoted, ", ")+` FROM `+quoteIdent(p.name)+` ORDER BY rowid`)
	if err != nil && strings.Contains(err.Error(), "rowid") { // a WITHOUT ROWID table: its key's order
		rows, err = rtx.QueryContext(ctx, `SELECT `+strings.Join(quoted, ", ")+` FROM `+quoteIdent(p.name))
	}
	if err != nil {
		return TableCopy{}, fmt.Errorf("team copy: read %s: %w", p.name, err)
	}
	defer rows.Close()
	n, err := tx.CopyFrom(ctx, pgx.Identifier{p.name}, p.cols, &liteRows{rows: rows, p: p})
	if err != nil {
		return TableCopy{}, fmt.Errorf("team copy: %s: %w", p.name, err)
	}
	return TableCopy{Table: p.name, Rows: n, Took: time.Since(start)}, nil
}

// resetIdentity moves a table's identity past the ids copied, so the team's
// next row does not collide with a laptop's.
func resetIdentity(ctx context.Context, tx pgx.Tx, p tablePlan) error {
	if p.identity == "" {
		return nil
	}
	_, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(`+quoteIdent(p.identity)+`), 0) + 1, false) FROM `+
		quoteIdent(p.name), quoteIdent(p.name), p.identity)
	if err != nil {
		return fmt.Errorf("team copy: move %s's ids on: %w", p.name, err)
	}
	return nil
}

// liteRows feeds COPY from SQLite's rows, each value in the Go type pgx
// encodes for the column's PostgreSQL type: SQLite's columns are loosely
// typed, and COPY's binary format is not.
type liteRows struct {
	rows *sql.Rows
	p    tablePlan
	vals []any
	err  error
}

func (r *liteRows) Next() bool {
	if !r.rows.Next() {
		return false
	}
	raw := make([]any, len(r.p.cols))
	ptrs := make([]any, len(raw))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	if r.err = r.rows.Scan(ptrs...); r.err != nil {
		return false
	}
	for i, v := range raw {
		if raw[i], r.err = pgValue(v, r.p.types[i]); r.err != nil {
			r.err = fmt.Errorf("table %s, column %s: %w", r.p.name, r.p.cols[i], r.err)
			return false
		}
	}
	r.vals = raw
	return true
}

func (r *liteRows) Values() ([]any, error) { return r.vals, r.err }

func (r *liteRows) Err() error {
	if r.err != nil {
		return r.err
	}
	return r.rows.Err()
}

// pgValue is v, as SQLite gave it, in the Go type of PostgreSQL type typ.
func pgValue(v any, typ string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case "text":
		if b, ok := v.([]byte); ok {
			return string(b), nil
		}
		if _, ok := v.(string); !ok {
			return fmt.Sprint(v), nil
		}
	case "bigint", "integer", "smallint":
		switch x := v.(type) {
		case float64:
			if x != float64(int64(x)) {
				return nil, fmt.Errorf("%v is not a whole number", x)
			}
			return int64(x), nil
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case string, []byte:
			return nil, fmt.Errorf("%q is not a number", x)
		}
	case "double precision", "real":
		if x, ok := v.(int64); ok {
			return float64(x), nil
		}
	case "bytea":
		if s, ok := v.(string); ok {
			return []byte(s), nil
		}
	}
	return v, nil
}

// checkCopy compares the two databases after the copy: every table's rows,
// and the audit chain under src's key.
func checkCopy(ctx context.Context, src, dst *Store, plan []tablePlan, out *TeamCopy) error {
	for _, p := range plan {
		var a, b int64
		if err := src.db.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(p.name)).Scan(&a); err != nil {
			return err
		}
		if err := dst.db.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(p.name)).Scan(&b); err != nil {
			return err
		}
		if a != b {
			return fmt.Errorf("team copy: %s has %d rows on the laptop and %d in the team database", p.name, a, b)
		}
	}
	if seal := src.seal.Load(); seal != nil {
		dst.SealAudit(*seal)
	}
	var err error
	if out.Audit, err = dst.CheckAuditLog(ctx); err != nil {
		return err
	}
	if p := out.Audit.Problem; p != nil {
		return fmt.Errorf("team copy: the copied audit log has a problem at entry %d: %s", p.Seq, p.Reason)
	}
	if out.Audit.Entries != out.Source.Entries || out.Audit.Head != out.Source.Head {
		return fmt.Errorf("team copy: the copied audit log ends at %s after %d entries, the laptop's at %s after %d",
			out.Audit.Head, out.Audit.Entries, out.Source.Head, out.Source.Entries)
	}
	// The laptop's key stays on the laptop: say in the team database how far
	// its entries go, so audit verify there counts those as sealed elsewhere
	// and holds every later entry to its own chain.
	if err := dst.SetSetting(ctx, MigratedAuditSetting, strconv.FormatInt(out.Audit.Head.Seq, 10)); err != nil {
		return err
	}
	out.Missing, err = queryList(ctx, dst.db, `SELECT DISTINCT sha FROM (
			SELECT sha256 AS sha FROM media WHERE destroyed_at IS NULL
			UNION SELECT docx_sha256 FROM letters WHERE docx_sha256 <> ''
			UNION SELECT pdf_sha256 FROM letters WHERE pdf_sha256 <> '') named
		WHERE NOT EXISTS (SELECT 1 FROM vault_files v WHERE v.sha256 = named.sha) ORDER BY sha`, nil, scanString)
	return err
}

// pgTables lists the current schema's tables (not views).
func pgTables(ctx context.Context, db *sql.DB) ([]string, error) {
	return queryList(ctx, db, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`, nil, scanString)
}

// quoteIdent quotes a table or column name for either engine.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
