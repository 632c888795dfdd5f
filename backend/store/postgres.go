package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// Team mode: the security team's one PostgreSQL database. The store's API and
// queries are the SQLite store's (engine.go rebinds them); what differs lives
// here: connecting, refusing plain-text connections to other machines, and a
// schema that only InitTeam changes, under a lock, so two laptops updated on
// the same morning cannot both upgrade it.

//go:embed migrations_pg/*.sql
var migrationPGFS embed.FS

// MigrationsFor lists an engine's embedded migrations in the order they apply.
// A PostgreSQL migration carries the number and name of the SQLite migration
// it ports, so one schema version means the same tables on both engines.
func MigrationsFor(e Engine) ([]Migration, error) {
	if e == Postgres {
		return readMigrations(migrationPGFS, "migrations_pg")
	}
	return Migrations()
}

func readMigrations(fsys fs.ReadFileFS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and an underscore", e.Name())
		}
		body, err := fsys.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: e.Name(), SQL: string(body)})
	}
	slices.SortFunc(ms, func(a, b Migration) int { return a.Version - b.Version })
	return ms, nil
}

// TeamErrorKind says what stopped Redline using a team database, for callers
// (redline-cli's exit codes, the window's notice) that branch on it.
type TeamErrorKind string

const (
	TeamUnreachable TeamErrorKind = "unreachable" // no server answered at that address
	TeamRefused     TeamErrorKind = "refused"     // wrong user name or password, or not allowed in
	TeamNoDatabase  TeamErrorKind = "no_database" // the server has no database of that name
	TeamInsecure    TeamErrorKind = "insecure"    // the URL allows a connection without TLS to another machine
	TeamNotRedline  TeamErrorKind = "not_redline" // the database holds someone else's tables
	TeamNotSetUp    TeamErrorKind = "not_set_up"  // an empty database: run team init
	TeamBehind      TeamErrorKind = "behind"      // older schema than this Redline: run team init
	TeamNewer       TeamErrorKind = "newer"       // a newer Redline has upgraded it: update this one
	TeamBadURL      TeamErrorKind = "bad_url"     // the URL itself cannot be read
)

// TeamError is a team database Redline could not use, said for the person
// who has to put it right. It never contains the password.
type TeamError struct {
	Kind    TeamErrorKind
	Message string
	Err     error // what the driver said, for the log
}

func (e *TeamError) Error() string { return e.Message }
func (e *TeamError) Unwrap() error { return e.Err }

// Problem marks the message as written for people (backend/problem).
func (e *TeamError) Problem() bool { return true }

// RedactURL is a team database's URL without its password, to show and log.
func RedactURL(url string) string {
	cfg, err := pgconn.ParseConfig(url)
	if err != nil {
		return "the team database"
	}
	host := cfg.Host
	if !strings.HasPrefix(host, "/") {
		host = net.JoinHostPort(host, strconv.Itoa(int(cfg.Port)))
	}
	return "postgres://" + cfg.User + "@" + host + "/" + cfg.Database
}

// teamLock is the advisory lock InitTeam holds while it changes the schema.
const teamLock = 0x5265646c696e65 // "Redline"

// connectTeam opens a pool to the team database at url and checks that it
// answers, turning every failure into a TeamError.
func connectTeam(ctx context.Context, url string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, &TeamError{TeamBadURL, "The team database address cannot be read: " + pgURLReason(err) +
			". It should look like postgres://USER@HOST:5432/DATABASE?sslmode=verify-full.", err}
	}
	where := RedactURL(url)
	if err := requireTLS(&cfg.Config); err != nil {
		return nil, &TeamError{TeamInsecure, fmt.Sprintf("%s would be reached without encryption. "+
			"Team databases on another computer need TLS: add sslmode=verify-full (or sslmode=require) to the address.", where), nil}
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	db := sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg)})
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, explainConnect(where, cfg, err)
	}
	return db, nil
}

// requireTLS refuses a configuration that could send anything in plain text
// to another machine: every host pgx may try, including sslmode=prefer's
// plain-text fallback, must use TLS unless it is this computer.
func requireTLS(cfg *pgconn.Config) error {
	tries := append([]*pgconn.FallbackConfig{{Host: cfg.Host, Port: cfg.Port, TLSConfig: cfg.TLSConfig}}, cfg.Fallbacks...)
	for _, f := range tries {
		if f.TLSConfig == nil && !isLocalHost(f.Host) {
			return errors.New("plain text to " + f.Host)
		}
	}
	return nil
}

func isLocalHost(h string) bool {
	if strings.HasPrefix(h, "/") { // a unix socket
		return true
	}
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

func pgURLReason(err error) string {
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) && pe.Unwrap() != nil {
		return pe.Unwrap().Error()
	}
	return "it is not a postgres:// address"
}

// explainConnect says why the server at where could not be used.
func explainConnect(where string, cfg *pgx.ConnConfig, err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "28P01", "28000": // invalid_password, invalid_authorization_specification
			return &TeamError{TeamRefused, fmt.Sprintf("%s refused the user name or password. Check them with the "+
				"database administrator; Redline has not stored anything.", where), err}
		case "3D000": // invalid_catalog_name
			return &TeamError{TeamNoDatabase, fmt.Sprintf("The server at %s has no database called %q. "+
				"Ask the database administrator to create it, then run `redline-cli team init --db URL`.",
				net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))), cfg.Database), err}
		}
		return &TeamError{TeamRefused, fmt.Sprintf("%s would not let Redline in: %s.", where, pgErr.Message), err}
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return &TeamError{TeamUnreachable, fmt.Sprintf("No answer from %s in time. Check the address, "+
			"that the server is running and that this computer's network can reach it.", where), err}
	}
	return &TeamError{TeamUnreachable, fmt.Sprintf("Cannot reach %s (%s). Check the address, that the server is "+
		"running and that it accepts connections from this computer.", where, netReason(err)), err}
}

// netReason is the last, plainest part of a connection failure.
func netReason(err error) string {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		msg := op.Err.Error()
		if i := strings.LastIndex(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
		return msg
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return "no such host " + dns.Name
	}
	if strings.Contains(err.Error(), "TLS") || strings.Contains(err.Error(), "tls") {
		return "the secure connection failed"
	}
	return "no connection"
}

// teamState is what a team database holds, read before using or upgrading it.
type teamState struct {
	empty   bool           // no tables at all in its schema
	redline bool           // Redline's schema_migrations, with its first migration
	applied map[int]string // version -> name
}

func readTeamState(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (teamState, error) {
	st := teamState{applied: map[int]string{}}
	var tables int
	var ours bool
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()),
		EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
			AND table_name = 'schema_migrations' AND column_name = 'applied_at')`).Scan(&tables, &ours)
	if err != nil {
		return st, fmt.Errorf("read the team database's tables: %w", err)
	}
	st.empty = tables == 0
	if !ours {
		return st, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT version, name FROM schema_migrations`)
	if err != nil {
		return st, fmt.Errorf("read the team database's schema version: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		var name string
		if err := rows.Scan(&v, &name); err != nil {
			return st, err
		}
		st.applied[v] = name
	}
	st.redline = st.applied[1] == "0001_core.sql"
	return st, rows.Err()
}

// check says whether this Redline can use a database in state st whose
// embedded migrations are ms: the versions it lacks, or a TeamError.
func (st teamState) check(where string, ms []Migration) ([]Migration, error) {
	if !st.redline {
		if st.empty {
			return ms, nil
		}
		return nil, &TeamError{TeamNotRedline, fmt.Sprintf("%s already holds tables that are not Redline's. "+
			"Give Redline a database of its own (CREATE DATABASE redline), so nothing of anyone else's is changed.", where), nil}
	}
	known := map[int]bool{}
	var missing []Migration
	for _, m := range ms {
		known[m.Version] = true
		if _, ok := st.applied[m.Version]; !ok {
			missing = append(missing, m)
		}
	}
	var newer []int
	for v := range st.applied {
		if !known[v] {
			newer = append(newer, v)
		}
	}
	if len(newer) > 0 {
		slices.Sort(newer)
		return nil, &TeamError{TeamNewer, fmt.Sprintf("%s has been upgraded by a newer Redline (schema step %d, "+
			"which this Redline does not know). Update Redline on this computer; nothing has been changed.",
			where, newer[len(newer)-1]), nil}
	}
	return missing, nil
}

// openPostgres opens a team database made by InitTeam. It never changes the
// schema: one that is missing, behind or newer is refused with what to do.
func openPostgres(ctx context.Context, url string) (*Store, error) {
	db, err := connectTeam(ctx, url)
	if err != nil {
		return nil, err
	}
	where := RedactURL(url)
	st, err := readTeamState(ctx, db)
	if err == nil {
		err = st.usable(where)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return &Store{db: db, path: where, engine: Postgres}, nil
}

func (st teamState) usable(where string) error {
	ms, err := MigrationsFor(Postgres)
	if err != nil {
		return err
	}
	missing, err := st.check(where, ms)
	switch {
	case err != nil:
		return err
	case !st.redline:
		return &TeamError{TeamNotSetUp, fmt.Sprintf("%s is empty. Set it up with `redline-cli team init --db URL` first.", where), nil}
	case len(missing) > 0:
		return &TeamError{TeamBehind, fmt.Sprintf("%s has an older schema than this Redline. Upgrade it with "+
			"`redline-cli team init --db URL` (everyone's Redline should then be updated too).", where), nil}
	}
	return nil
}

// TeamSchema is what InitTeam found and did.
type TeamSchema struct {
	Database string   `json:"database"` // the URL without its password
	Before   int      `json:"before"`   // schema version found (0: empty)
	After    int      `json:"after"`    // schema version now
	Applied  []string `json:"applied"`  // migrations applied, in order
	Ported   int      `json:"ported"`   // migrations ported to PostgreSQL so far
	Total    int      `json:"total"`    // migrations of the SQLite schema
}

// InitTeam creates the Redline schema in an empty team database, or brings
// an existing one up to this Redline's, under an advisory lock so that two
// clients never upgrade at once. It refuses a database holding anyone
// else's tables and one a newer Redline has upgraded.
func InitTeam(ctx context.Context, url string) (TeamSchema, error) {
	out := TeamSchema{Database: RedactURL(url)}
	ms, err := MigrationsFor(Postgres)
	if err != nil {
		return out, err
	}
	all, err := Migrations()
	if err != nil {
		return out, err
	}
	out.Ported, out.Total = len(ms), len(all)
	db, err := connectTeam(ctx, url)
	if err != nil {
		return out, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return out, explainConnect(out.Database, &pgx.ConnConfig{}, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(?)`, int64(teamLock)); err != nil {
		return out, fmt.Errorf("wait for other upgrades of %s: %w", out.Database, err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(?)`, int64(teamLock))

	st, err := readTeamState(ctx, conn)
	if err != nil {
		return out, err
	}
	out.Before = maxVersion(st.applied)
	missing, err := st.check(out.Database, ms)
	if err != nil {
		return out, err
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
		return out, fmt.Errorf("prepare migrations in %s: %w", out.Database, err)
	}
	for _, m := range missing {
		if err := applyOn(ctx, conn, m); err != nil {
			return out, err
		}
		out.Applied = append(out.Applied, m.Name)
		st.applied[m.Version] = m.Name
	}
	out.After = maxVersion(st.applied)
	return out, nil
}

func applyOn(ctx context.Context, conn *sql.Conn, m Migration) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, time.Now().Unix()); err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, err)
	}
	return tx.Commit()
}

func maxVersion(applied map[int]string) int {
	v := 0
	for k := range applied {
		v = max(v, k)
	}
	return v
}
