package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
)

// DeferAlertIndexes drops the secondary indexes of alerts inside the
// import's transaction and records them in deferred_indexes, to be rebuilt
// by BuildDeferredIndexes once the import has committed. Building an index
// once from a million stored rows is several times cheaper than keeping ten
// of them up to date row by row, and doing it after COMMIT lets the import
// finish in seconds. The natural key stays: it is the table's own UNIQUE
// constraint, so re-imports and duplicate references are caught throughout.
// A killed import leaves the indexes as they were. It returns how many
// indexes are now waiting.
func (t *ImportTx) DeferAlertIndexes(now int64) (int, error) {
	if t.w.store.Engine() == Postgres {
		return 0, nil // the team database keeps its indexes (teamimport.go)
	}
	const alertIndexes = ` FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts' AND sql IS NOT NULL`
	names, err := queryList(t.w.ctx, t.w.tx, `SELECT name`+alertIndexes+` ORDER BY name`, nil, scanString)
	if err != nil {
		return 0, err
	}
	if _, err := t.w.tx.ExecContext(t.w.ctx, `INSERT OR REPLACE INTO deferred_indexes(name, tbl, sql, deferred_at)
		SELECT name, 'alerts', sql, ?`+alertIndexes, now); err != nil {
		return 0, fmt.Errorf("defer the alert indexes: %w", err)
	}
	for _, n := range names {
		if _, err := t.w.tx.ExecContext(t.w.ctx, `DROP INDEX "`+n+`"`); err != nil {
			return 0, fmt.Errorf("defer index %s: %w", n, err)
		}
	}
	var waiting int
	err = t.w.tx.QueryRowContext(t.w.ctx, `SELECT count(*) FROM deferred_indexes`).Scan(&waiting)
	return waiting, err
}

// firstIndex is rebuilt before the others: it serves the Alerts screen's
// default order, newest first, which without it takes seconds a page.
const firstIndex = "alerts_raised"

// DeferredIndexes names the indexes waiting to be rebuilt, in the order
// they will be.
func (s *Store) DeferredIndexes(ctx context.Context) ([]string, error) {
	if s.Engine() == Postgres {
		return nil, nil // nothing is deferred there (DeferAlertIndexes)
	}
	return queryList(ctx, s.db, `SELECT name FROM deferred_indexes ORDER BY name <> ?, name`, []any{firstIndex}, scanString)
}

func scanString(sc interface{ Scan(...any) error }) (string, error) {
	var s string
	return s, sc.Scan(&s)
}

// IndexProgress reports a rebuild: Done of Total indexes built.
type IndexProgress struct {
	Done  int    `json:"done"`
	Total int    `json:"total"`
	Name  string `json:"name"` // the index being built, "" when finished
}

// BuildDeferredIndexes rebuilds every deferred index, each in its own
// transaction, so stopping part-way keeps those already built. Callers that
// arrive while another build runs wait for it and then find nothing to do.
// Queries are correct without the indexes, only slower.
func (s *Store) BuildDeferredIndexes(ctx context.Context, progress func(IndexProgress)) error {
	s.indexing.Lock()
	defer s.indexing.Unlock()
	names, err := s.DeferredIndexes(ctx)
	if err != nil || len(names) == 0 {
		return err
	}
	// The sort behind CREATE INDEX keeps up to cache_size in memory before
	// spilling to temporary files.
	conn, err := s.connWithCache(ctx, indexCacheKiB)
	if err != nil {
		return err
	}
	defer conn.Close()
	// Helper threads for CREATE INDEX's sort: 9.4-9.8 s instead of 11.4-11.8
	// for a million alerts on two cores, at the same peak memory.
	if _, err := conn.ExecContext(ctx, `PRAGMA threads = 2`); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `PRAGMA threads = 0`)
	for i, name := range names {
		if progress != nil {
			progress(IndexProgress{Done: i, Total: len(names), Name: name})
		}
		if err := buildIndex(ctx, conn, name); err != nil {
			return fmt.Errorf("rebuild index %s: %w", name, err)
		}
	}
	if progress != nil {
		progress(IndexProgress{Done: len(names), Total: len(names)})
	}
	return nil
}

// indexCacheKiB is the page cache while rebuilding indexes: 64 MiB made a
// million-alert rebuild 10% faster but doubled the peak to 390 MB.
const indexCacheKiB = 16 << 10

// indexDef is what a row of deferred_indexes may hold: one CREATE INDEX on
// alerts. The text is run as SQL, so anything else is refused.
var indexDef = regexp.MustCompile(`(?is)^CREATE (UNIQUE )?INDEX "?[a-z0-9_]+"? ON "?alerts"? ?\([^;]*\)$`)

func buildIndex(ctx context.Context, conn *cacheConn, name string) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var def string
	var exists bool
	err = tx.QueryRowContext(ctx, `SELECT sql, EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1)
		FROM deferred_indexes WHERE name = ?1`, name).Scan(&def, &exists)
	if err == sql.ErrNoRows {
		return nil // built by someone else meanwhile
	}
	if err != nil {
		return err
	}
	if !indexDef.MatchString(def) {
		return fmt.Errorf("deferred_indexes holds %q, which is not an index on alerts; nothing was run", def)
	}
	if !exists {
		if _, err := tx.ExecContext(ctx, def); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM deferred_indexes WHERE name = ?`, name); err != nil {
		return err
	}
	return tx.Commit()
}

// connWithCache takes a connection from the pool with a page cache of kib
// KiB; closing it puts the connection back with its old cache size.
func (s *Store) connWithCache(ctx context.Context, kib int) (*cacheConn, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	var old int
	if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&old); err != nil {
		conn.Close()
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, -kib)); err != nil {
		conn.Close()
		return nil, err
	}
	return &cacheConn{Conn: conn, old: old}, nil
}

type cacheConn struct {
	*sql.Conn
	old int
}

func (c *cacheConn) Close() error {
	c.ExecContext(context.Background(), fmt.Sprintf(`PRAGMA cache_size = %d`, c.old))
	return c.Conn.Close()
}
