package store

import (
	"context"
	"fmt"
	"time"
)

// Change notices in team mode: another Redline on the team changed a table a
// screen shows (migrations_pg/0082_change_notices.sql). A laptop's database
// has one Redline, so ListenChanges returns at once there.

// ChangeChannel is the PostgreSQL channel the 0082 triggers notify.
const ChangeChannel = "redline_changes"

// Change names a table someone changed. Table "*" means notices may have
// been missed (the connection was lost and has come back): refresh everything.
type Change struct {
	Table string `json:"table"`
}

// changeRetry is how long ListenChanges waits before listening again after
// losing its connection; a variable so tests need not wait.
var changeRetry = 2 * time.Second

// ListenChanges calls fn with every change notice until ctx ends, listening
// again whenever the connection is lost (then calling fn with Table "*",
// since notices sent meanwhile are gone). lost, if not nil, hears why each
// time, for the log. It holds one connection of the pool while it listens.
// On SQLite it returns nil at once.
func (s *Store) ListenChanges(ctx context.Context, fn func(Change), lost func(error)) error {
	if s.Engine() != Postgres {
		return nil
	}
	for first := true; ; first = false {
		if !first {
			fn(Change{Table: "*"})
		}
		err := s.listenOnce(ctx, fn)
		if ctx.Err() != nil {
			return nil
		}
		if lost != nil {
			lost(err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(changeRetry):
		}
	}
}

// listenOnce listens on one connection until it fails or ctx ends.
func (s *Store) listenOnce(ctx context.Context, fn func(Change)) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pg, ok := dc.(*pgConn)
		if !ok {
			return fmt.Errorf("change notices: not a team database connection (%T)", dc)
		}
		pc := pg.Conn.Conn()
		if _, err := pc.Exec(ctx, "LISTEN "+ChangeChannel); err != nil {
			return err
		}
		for {
			n, err := pc.WaitForNotification(ctx)
			if err != nil {
				// The connection may be mid-wait: never hand it back to the pool.
				pc.Close(context.Background())
				return err
			}
			fn(Change{Table: n.Payload})
		}
	})
}
