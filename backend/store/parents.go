package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// parentCheck stands in for SQLite's row-by-row foreign-key checks during a
// bulk import. Four parent look-ups per alert cost a third of storing it in
// the pure-Go SQLite, yet a million alerts name a few hundred parents, so
// the import notes each distinct parent id of the rows it writes in bulk
// and checks each once before COMMIT. Every other table the transaction may
// have written is checked by SQLite itself (foreign_key_check), so nothing
// an import stores escapes the check.
type parentCheck struct {
	ids map[string]*idSet // parent table -> ids referred to
}

// idSet is a set of row ids: a bitmap for the small ids parents have, so
// noting one costs a few nanoseconds, and a map for any others.
type idSet struct {
	bits  []uint64
	other map[int64]struct{}
}

const idBitmapMax = 1 << 22 // 512 KiB of bitmap at most

func (s *idSet) add(id int64) {
	if id > 0 && id < idBitmapMax {
		w := int(id >> 6)
		for len(s.bits) <= w {
			s.bits = append(s.bits, 0)
		}
		s.bits[w] |= 1 << (id & 63)
		return
	}
	if s.other == nil {
		s.other = map[int64]struct{}{}
	}
	s.other[id] = struct{}{}
}

func (s *idSet) each(fn func(int64) error) error {
	for w, word := range s.bits {
		for b := 0; word != 0; b++ {
			if word&1 != 0 {
				if err := fn(int64(w)<<6 | int64(b)); err != nil {
					return err
				}
			}
			word >>= 1
		}
	}
	for id := range s.other {
		if err := fn(id); err != nil {
			return err
		}
	}
	return nil
}

// bulkTables are the tables whose every write in a bulk transaction goes
// through refer (Writer.Alert, Position, LogEntry and their ImportTx batches).
var bulkTables = map[string]bool{"alerts": true, "positions": true, "operator_log": true}

func newParentCheck() *parentCheck {
	return &parentCheck{ids: map[string]*idSet{}}
}

// refer notes that a row refers to id in parent; 0 is no reference.
func (p *parentCheck) refer(parent string, id int64) {
	if p == nil || id == 0 {
		return
	}
	set := p.ids[parent]
	if set == nil {
		set = &idSet{}
		p.ids[parent] = set
	}
	set.add(id)
}

// verify fails when a noted parent is missing, or when SQLite finds a
// broken reference in any table not written in bulk.
func (p *parentCheck) verify(ctx context.Context, tx *sql.Tx) error {
	parents := make([]string, 0, len(p.ids))
	for t := range p.ids {
		parents = append(parents, t)
	}
	sort.Strings(parents)
	for _, parent := range parents {
		st, err := tx.PrepareContext(ctx, `SELECT EXISTS (SELECT 1 FROM "`+parent+`" WHERE id = ?)`)
		if err != nil {
			return err
		}
		err = p.ids[parent].each(func(id int64) error {
			var ok bool
			if err := st.QueryRowContext(ctx, id).Scan(&ok); err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("FOREIGN KEY constraint failed: %s %d does not exist", parent, id)
			}
			return nil
		})
		st.Close()
		if err != nil {
			return err
		}
	}
	return p.checkOthers(ctx, tx)
}

// checkOthers runs SQLite's own check over every table with foreign keys
// that was not written in bulk.
func (p *parentCheck) checkOthers(ctx context.Context, tx *sql.Tx) error {
	tables, err := queryList(ctx, tx, `SELECT m.name FROM sqlite_master m
		WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_foreign_key_list(m.name)) ORDER BY m.name`, nil, scanString)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if bulkTables[t] {
			continue
		}
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		err := tx.QueryRowContext(ctx, `PRAGMA foreign_key_check("`+t+`")`).Scan(&table, &rowid, &parent, &fk)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return err
		}
		return fmt.Errorf("FOREIGN KEY constraint failed: row %d of %s refers to a missing %s", rowid.Int64, table, parent)
	}
	return nil
}

// referAlert notes the parents of an alert row.
func (p *parentCheck) referAlert(a *NewAlert) {
	if p == nil {
		return
	}
	p.refer("workers", a.WorkerID)
	p.refer("devices", a.DeviceID)
	p.refer("teams", a.TeamID)
	p.refer("imports", a.ImportID)
}
