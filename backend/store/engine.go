package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// Engine names the database a Store speaks to. The store's queries are
// written once, in SQLite's dialect; on PostgreSQL they pass through rebind
// in the one driver connection below, so no query is written twice.
type Engine string

const (
	SQLite   Engine = "sqlite"   // the laptop's own file: the default
	Postgres Engine = "postgres" // the security team's shared database (team mode)
)

// Engine says which database the store speaks to.
func (s *Store) Engine() Engine {
	if s.engine == "" {
		return SQLite
	}
	return s.engine
}

// IsDatabaseURL reports whether target names a PostgreSQL server
// (postgres://... or postgresql://...) rather than a SQLite file.
func IsDatabaseURL(target string) bool {
	t := strings.ToLower(target)
	return strings.HasPrefix(t, "postgres://") || strings.HasPrefix(t, "postgresql://")
}

// rebind turns a query in SQLite's dialect into PostgreSQL's: `?` and `?N`
// placeholders become `$N`; LIKE becomes ILIKE, because SQLite's LIKE
// ignores (ASCII) case and PostgreSQL's does not; the few SQLite functions
// the store uses are renamed to PostgreSQL's equivalents (pgFunctions); and
// `INSERT OR IGNORE` becomes `INSERT ... ON CONFLICT DO NOTHING`. Quoted
// strings, quoted identifiers and comments pass through untouched.
// `COLLATE NOCASE` needs no rewriting: the PostgreSQL schema has a
// case-insensitive collation of that name.
func rebind(q string) string {
	q = rebindInsertOrIgnore(q)
	if !strings.ContainsAny(q, "?LlGgIi") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0 // the highest placeholder number so far: a bare ? is the next one, as in SQLite
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(q) && q[j] != c {
				j++
			}
			j = min(j+1, len(q))
			b.WriteString(q[i:j])
			i = j
		case c == '-' && strings.HasPrefix(q[i:], "--"):
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			b.WriteString(q[i : i+j])
			i += j
		case c == '/' && strings.HasPrefix(q[i:], "/*"):
			j := strings.Index(q[i+2:], "*/")
			end := len(q)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			b.WriteString(q[i:end])
			i = end
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			if j > i+1 {
				num := q[i+1 : j]
				b.WriteString("$" + num)
				if v := atoiSmall(num); v > n {
					n = v
				}
			} else {
				n++
				b.WriteString("$" + itoa(n))
			}
			i = j
		case (c == 'L' || c == 'l') && isWordAt(q, i, "like"):
			b.WriteString("ILIKE")
			i += 4
		case isIdent(c):
			j := i
			for j < len(q) && isIdent(q[j]) {
				j++
			}
			word := q[i:j] // a whole word, so "unlike" or "likely" is never split
			if pg, ok := pgFunctions[strings.ToLower(word)]; ok && j < len(q) && q[j] == '(' {
				word = pg
			}
			b.WriteString(word)
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// pgFunctions are SQLite functions the store calls, by PostgreSQL's name for
// the same function with the same arguments in the same order.
var pgFunctions = map[string]string{
	"group_concat": "string_agg", // group_concat(x, sep): always given a separator
	"instr":        "strpos",
}

// rebindInsertOrIgnore turns SQLite's `INSERT OR IGNORE INTO t ...` into
// `INSERT INTO t ... ON CONFLICT DO NOTHING`: both skip a row that breaks a
// uniqueness rule and keep the rest.
func rebindInsertOrIgnore(q string) string {
	body := strings.TrimLeft(q, " \t\r\n")
	const sqlite = "INSERT OR IGNORE INTO"
	if len(body) < len(sqlite) || !strings.EqualFold(body[:len(sqlite)], sqlite) {
		return q
	}
	body = strings.TrimRight(body[len(sqlite):], " \t\r\n;")
	return "INSERT INTO" + body + " ON CONFLICT DO NOTHING"
}

func isIdent(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// isWordAt reports whether q holds the keyword word (lower case) at i as a
// whole word. The caller has already stepped over any word that began earlier.
func isWordAt(q string, i int, word string) bool {
	end := i + len(word)
	return end <= len(q) && strings.EqualFold(q[i:end], word) && (end == len(q) || !isIdent(q[end]))
}

func atoiSmall(s string) int {
	v := 0
	for _, c := range s {
		v = v*10 + int(c-'0')
		if v > 1<<20 {
			return v
		}
	}
	return v
}

func itoa(v int) string {
	if v < 10 {
		return string(rune('0' + v))
	}
	return itoa(v/10) + string(rune('0'+v%10))
}

// pgConnector hands database/sql connections whose every query passes through
// rebind: the one place where the store's SQL meets PostgreSQL's dialect.
type pgConnector struct{ inner driver.Connector }

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	sc, ok := conn.(*stdlib.Conn)
	if !ok {
		conn.Close()
		return nil, errors.New("postgres: unexpected driver connection")
	}
	return &pgConn{sc}, nil
}

func (c pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn is pgx's connection with the query text rebound; everything else
// (transactions, pings, session resets, value checks) is pgx's own.
type pgConn struct{ *stdlib.Conn }

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(context.Background(), rebind(query))
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, rebind(query))
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.ExecContext(ctx, rebind(query), args)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, rebind(query), args)
}

// CheckNamedValue passes Go booleans as 0 or 1: SQLite keeps flags in
// INTEGER columns, so their PostgreSQL twins are BIGINT, into which pgx
// will not encode a bool. Everything else goes through as pgx takes it.
func (c *pgConn) CheckNamedValue(v *driver.NamedValue) error {
	if b, ok := v.Value.(bool); ok {
		v.Value = int64(0)
		if b {
			v.Value = int64(1)
		}
	}
	return nil
}

// execer is what both *sql.DB and *sql.Tx offer for writes.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// returningID is an INSERT as this engine reports the new row's id:
// PostgreSQL has no LastInsertId, so the statement itself returns it.
func (s *Store) returningID(insert string) string {
	if s.Engine() == Postgres {
		return insert + " RETURNING id"
	}
	return insert
}

// insertID runs one single-row INSERT and gives the new row's id.
func (s *Store) insertID(ctx context.Context, q execer, insert string, args ...any) (int64, error) {
	return insertRowID(ctx, q, insert, args...)
}

// insertRowID runs one single-row INSERT into a table whose key is `id` and
// gives the new row's id, the same way on both engines: the statement returns
// it (SQLite has RETURNING since 3.35), because pgx has no LastInsertId.
// Constraint failures surface here, from the row's scan, on both engines.
func insertRowID(ctx context.Context, q execer, insert string, args ...any) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, insert+" RETURNING id", args...).Scan(&id)
	return id, err
}

// isUniqueViolation reports whether err is a unique or primary key
// constraint refusing a row, in either engine's words.
func isUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// stmtID runs a prepared INSERT made with returningID and gives the new row's id.
func (s *Store) stmtID(ctx context.Context, st *sql.Stmt, args ...any) (int64, error) {
	if s.Engine() == Postgres {
		var id int64
		err := st.QueryRowContext(ctx, args...).Scan(&id)
		return id, err
	}
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// lockAudit serialises appends to the audit log on PostgreSQL, so every
// client of a team database extends one chain: the lock is held until tx
// ends, and the newest entry is read only once it is held (each statement in
// READ COMMITTED sees what committed before it). SHARE ROW EXCLUSIVE lets
// readers through but excludes every other writer of the table, whoever it
// is. SQLite needs nothing: its transactions take the write lock at BEGIN.
func (s *Store) lockAudit(ctx context.Context, tx *sql.Tx) error {
	if s.Engine() != Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return fmt.Errorf("audit: wait for the log: %w", err)
	}
	return nil
}

// auditHeadQuery reads the newest audit entry. In a team database a line
// manager or director may append to the log but not read it, so the head
// comes from a function that returns it alone (migrations_pg/0081).
func (s *Store) auditHeadQuery() string {
	if s.Engine() == Postgres {
		return `SELECT seq, hash FROM redline_audit_head() WHERE seq IS NOT NULL`
	}
	return `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`
}
