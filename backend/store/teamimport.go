package store

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
)

// The bulk import on a team database. The importer (backend/arc) calls the
// same WriteBulk and ImportTx as on a laptop; underneath, on PostgreSQL:
//
//   - the whole import is one transaction on one connection of the pool, so
//     nothing of it is visible, or kept, unless it commits: a client killed
//     mid-import leaves the server to roll it back when the socket closes;
//   - imports into the team database take turns (importLockKey), as they do
//     on a laptop, where SQLite has one writer;
//   - new alerts, fixes and log entries go in through COPY (pgx CopyFrom on
//     the transaction's own connection), a batch at a time;
//   - an alert's id is needed before its fixes, log entries and recordings
//     can name it, so each batch's ids are reserved from the identity's
//     sequence in one round trip and COPYed with the rows, rather than read
//     back row by row with RETURNING;
//   - the indexes and foreign keys stay as they are: dropping an index takes
//     the table from every colleague reading it until the import commits, and
//     only the tables' owner (the administrator) may drop one. PostgreSQL
//     checks foreign keys itself, so the laptop's parentCheck is not used.
//
// Everything else an import writes (receipts and their SHA-256, quarantine,
// history, recordings, the audit entry, serialised by AppendAudit) goes
// through the same prepared statements as on a laptop, rebound.

// importLockKey is the advisory lock a team import holds until its
// transaction ends: two imports of overlapping exports would otherwise both
// find an alarm new and the second fail on its natural key. "RedlineI".
const importLockKey int64 = 0x5265646c696e6549

// importSeenFor is the temporary table behind RememberAlarm on engine e:
// the statement that makes it and its name. On PostgreSQL it goes with the
// transaction, whichever way that ends.
func importSeenFor(e Engine) (create, name string) {
	if e != Postgres {
		return importSeen, "temp.import_seen"
	}
	return `CREATE TEMP TABLE IF NOT EXISTS import_seen (
		arc      TEXT NOT NULL,
		arc_ref  TEXT NOT NULL,
		file     TEXT NOT NULL,
		line     BIGINT NOT NULL,
		rejected BIGINT NOT NULL,
		PRIMARY KEY (arc, arc_ref)
	) ON COMMIT DROP`, "pg_temp.import_seen"
}

// copyAlerts is InsertAlerts on PostgreSQL: it reserves the batch's ids,
// then COPYs the rows with them.
func (t *ImportTx) copyAlerts(batch []NewAlert) ([]int64, error) {
	ids, err := t.reserveAlertIDs(len(batch))
	if err != nil {
		return nil, err
	}
	cols := append([]string{"id"}, alertCols...)
	_, err = t.copyRows("alerts", cols, len(batch), func(row, col int) driver.Value {
		if col == 0 {
			return ids[row]
		}
		return alertValue(&batch[row], col-1)
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// reserveAlertIDs takes n ids from the alerts' identity sequence in one
// round trip. A sequence never hands an id out twice, whoever else is
// inserting alerts meanwhile, and its ids are never given back: an import
// that rolls back leaves a gap, which nothing relies on not being there.
func (t *ImportTx) reserveAlertIDs(n int) ([]int64, error) {
	rows, err := t.w.tx.QueryContext(t.w.ctx, `SELECT nextval(pg_get_serial_sequence('alerts', 'id'))
		FROM generate_series(1, ?)`, n)
	if err != nil {
		return nil, fmt.Errorf("reserve alert ids: %w", err)
	}
	defer rows.Close()
	ids := make([]int64, 0, n)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reserve alert ids: %w", err)
	}
	if len(ids) != n {
		return nil, fmt.Errorf("reserve alert ids: got %d of %d", len(ids), n)
	}
	// In the order a file's alerts were read, so a later id is a later row.
	slices.Sort(ids)
	return ids, nil
}

// copyRows COPYs n rows, column values from value, into table, inside the
// import's transaction, and checks they all arrived.
func (t *ImportTx) copyRows(table string, cols []string, n int, value func(row, col int) driver.Value) (sql.Result, error) {
	src := &valueRows{n: n, row: -1, value: value, vals: make([]any, len(cols))}
	var got int64
	err := t.w.conn.Raw(func(dc any) error {
		pc, ok := dc.(*pgConn)
		if !ok {
			return errors.New("not a team database connection")
		}
		var err error
		got, err = pc.Conn.Conn().CopyFrom(t.w.ctx, pgx.Identifier{table}, cols, src)
		return err
	})
	if err != nil {
		return nil, err
	}
	if got != int64(n) {
		return nil, fmt.Errorf("stored %d of %d rows in %s", got, n, table)
	}
	return driver.RowsAffected(got), nil
}

// valueRows hands COPY the rows held in Go, as the laptop's rowSource hands
// them to SQLite, one row's values at a time.
type valueRows struct {
	n, row int
	value  func(row, col int) driver.Value
	vals   []any
}

func (r *valueRows) Next() bool {
	r.row++
	return r.row < r.n
}

func (r *valueRows) Values() ([]any, error) {
	for c := range r.vals {
		r.vals[c] = r.value(r.row, c)
	}
	return r.vals, nil
}

func (r *valueRows) Err() error { return nil }
