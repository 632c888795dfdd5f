package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrChanged says a write was refused because a colleague changed the record
// between the read the person's page showed and their write. In team mode
// several people write at once; refusing, rather than writing over what they
// did, is what keeps an update from being lost.
var ErrChanged = errors.New("changed by someone else")

// AsCurrent, given where a write asks what the person saw, means "whatever
// is current": the command line and the demo act on the state as it stands.
const AsCurrent int64 = -1

// ChangedError is ErrChanged with what the record is now and who made it so,
// when the store knows. It is written for the person: it reaches the page as
// it stands (Problem), and callers above may put Now into words (a label for
// a code) before it does.
type ChangedError struct {
	What string // what changed, as a person would say it: "this alert's triage"
	Now  string // what it is now, in words; empty when there is nothing short to say
	By   string // who changed it, when known
	At   int64  // when (Unix seconds), 0 when not known
}

func (e *ChangedError) Error() string {
	msg := "Someone else changed " + e.What + " while you were looking at it"
	if e.Now != "" {
		msg += ": it is now ‘" + e.Now + "’"
	}
	switch {
	case e.By != "" && e.At != 0:
		t := time.Unix(e.At, 0).In(London)
		msg += fmt.Sprintf(" (by %s at %s on %s)", e.By, t.Format("15:04"), t.Format("02/01/2006"))
	case e.By != "":
		msg += " (by " + e.By + ")"
	}
	return msg + ". Your change was not saved. Look again and decide."
}

// Is makes errors.Is(err, ErrChanged) true for every ChangedError.
func (e *ChangedError) Is(target error) bool { return target == ErrChanged }

// Problem marks the message as written for a person (backend/problem.Said).
func (e *ChangedError) Problem() bool { return true }

// lockRow takes the row lock on one updatable row for the rest of tx, and
// says whether the row exists. PostgreSQL runs writers side by side, so a
// read-modify-write must hold the row before it reads: a second writer then
// waits here and, in READ COMMITTED, reads what the first committed. SQLite's
// transactions already hold the database's write lock (_txlock=immediate).
// A no-op UPDATE rather than SELECT ... FOR UPDATE: SQLite has no FOR UPDATE.
func lockRow(ctx context.Context, tx *sql.Tx, table string, id int64) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE `+table+` SET id = id WHERE id = ?`, id)
	if err != nil {
		return false, fmt.Errorf("lock %s %d: %w", table, id, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// SaveSettingSeen stores value under key, with the audit entry action, in
// one transaction, provided the setting still holds what the person's page
// loaded: check is given the value stored now (found false: never saved, the
// page showed the defaults) and says whether it is what the page showed, and
// the audit entry's detail. Otherwise nothing is saved and a *ChangedError
// says who saved the setting last, and when. On PostgreSQL the settings
// table is locked against other writers for the few statements this takes,
// so two saves cannot both read the old value.
func (s *Store) SaveSettingSeen(ctx context.Context, key, value, action string, who Who, check func(old string, found bool) (same bool, detail string)) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		if s.Engine() == Postgres {
			if _, err := tx.ExecContext(ctx, `LOCK TABLE settings IN SHARE ROW EXCLUSIVE MODE`); err != nil {
				return err
			}
		}
		var old string
		err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&old)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		same, detail := check(old, err == nil)
		if !same {
			e := &ChangedError{What: "these settings"}
			err := tx.QueryRowContext(ctx, `SELECT actor, at FROM audit_log WHERE object_type = 'settings' AND object_id = ?
				ORDER BY seq DESC LIMIT 1`, key).Scan(&e.By, &e.At)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			return e
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
			return err
		}
		_, err = s.AppendAudit(ctx, tx, AuditEntry{At: who.At, Actor: who.Actor, Action: action, ObjectType: "settings", ObjectID: key, Detail: detail})
		return err
	})
}
