package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Writer adds records inside one transaction with prepared statements, so a
// whole import or demo build either lands completely or not at all.
type Writer struct {
	store   *Store // seals the audit entries written through Audit
	tx      *sql.Tx
	ctx     context.Context
	alert   *sql.Stmt
	pos     *sql.Stmt
	log     *sql.Stmt
	media   *sql.Stmt
	rollups map[MonthCount]int
	month   monthCache

	// parents, in a bulk transaction, checks foreign keys once per parent.
	parents *parentCheck

	// addedAlerts makes finish bump geo_version once, so the map index
	// reloads after any write that inserted alerts (migration 0071).
	addedAlerts bool

	// conn, in any transaction on PostgreSQL (Write, WriteBulk), is the
	// connection the transaction runs on, through which an import COPYs
	// (teamimport.go).
	conn *sql.Conn

	cached map[string]*sql.Stmt // look-ups prepared once per transaction
}

// Write runs fn with a Writer over one transaction and commits when fn succeeds.
func (s *Store) Write(ctx context.Context, fn func(*Writer) error) error {
	if s.Engine() == Postgres {
		return s.writeTeam(ctx, false, fn)
	}
	return s.Tx(ctx, func(tx *sql.Tx) error {
		w := &Writer{store: s, tx: tx, ctx: ctx, rollups: map[MonthCount]int{}}
		defer w.close()
		if err := w.prepare(); err != nil {
			return err
		}
		if err := fn(w); err != nil {
			return err
		}
		return w.finish()
	})
}

// writeTeam is Write and WriteBulk on PostgreSQL. The Writer keeps its
// transaction's connection, so an ImportTx opened in it loads rows through
// COPY: PostgreSQL has no SQLite virtual tables to read them from. A bulk
// import first waits for any other import into the team database.
func (s *Store) writeTeam(ctx context.Context, bulk bool, fn func(*Writer) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if bulk {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, importLockKey); err != nil {
			tx.Rollback()
			return fmt.Errorf("wait for another import into the team database: %w", err)
		}
	}
	return runWriter(&Writer{store: s, tx: tx, ctx: ctx, rollups: map[MonthCount]int{}, conn: conn}, fn)
}

// finish writes what the Writer kept for the end of its transaction.
func (w *Writer) finish() error {
	if err := w.flushRollups(); err != nil {
		return err
	}
	if w.parents != nil {
		if err := w.parents.verify(w.ctx, w.tx); err != nil {
			return err
		}
	}
	return w.bumpGeoVersion()
}

// bumpGeoVersion marks the map data changed, once per transaction that
// inserted alerts; updates and deletes are counted by triggers.
func (w *Writer) bumpGeoVersion() error {
	if !w.addedAlerts {
		return nil
	}
	if _, err := w.tx.ExecContext(w.ctx, `UPDATE geo_version SET n = n + 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("mark map data changed: %w", err)
	}
	w.addedAlerts = false
	return nil
}

// Tx exposes the transaction for packages that keep their own tables in it.
func (w *Writer) Tx() *sql.Tx { return w.tx }

func (w *Writer) prepare() error {
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = w.tx.PrepareContext(w.ctx, q)
		return st
	}
	w.alert = prep(w.store.returningID(`INSERT INTO alerts(arc, arc_ref, type, trigger, worker_id, device_id, team_id, raised_at,
		answered_at, closed_at, validity, escalation, police_ref, operator, memo, lat, lon, accuracy_m, media_count, import_id)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`))
	w.pos = prep(`INSERT INTO positions(alert_id, fix_at, lat, lon, accuracy_m, source) VALUES (?,?,?,?,?,?)`)
	w.log = prep(`INSERT INTO operator_log(alert_id, at, operator, action, contact, result, note) VALUES (?,?,?,?,?,?,?)`)
	w.media = prep(w.store.returningID(`INSERT INTO media(alert_id, kind, original_name, sha256, size, codec, sample_rate, channels,
		duration_ms, vault_path, recorded_at, derived_from, import_id, arc_word) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`))
	return err
}

func (w *Writer) close() {
	for _, st := range []*sql.Stmt{w.alert, w.pos, w.log, w.media} {
		if st != nil {
			st.Close()
		}
	}
	for _, st := range w.cached {
		st.Close()
	}
}

// stmt prepares q once per transaction: an import names thousands of
// workers and devices, and preparing costs more than running.
func (w *Writer) stmt(q string) (*sql.Stmt, error) {
	if st, ok := w.cached[q]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, q)
	if err != nil {
		return nil, err
	}
	if w.cached == nil {
		w.cached = map[string]*sql.Stmt{}
	}
	w.cached[q] = st
	return st, nil
}

func (w *Writer) upsertID(insert, lookup string, args ...any) (int64, error) {
	ins, err := w.stmt(insert)
	if err != nil {
		return 0, err
	}
	look, err := w.stmt(lookup)
	if err != nil {
		return 0, err
	}
	// Look before inserting: PostgreSQL spends an identity value on every
	// insert, even one ON CONFLICT does nothing with, so inserting first
	// would number a team's staff groups, teams and workers with gaps a
	// laptop's have not. The insert still says DO NOTHING, for a colleague's
	// import adding the same name between the look and the insert.
	var id int64
	if err = look.QueryRowContext(w.ctx, args[0]).Scan(&id); !errors.Is(err, sql.ErrNoRows) {
		return id, err
	}
	if _, err := ins.ExecContext(w.ctx, args...); err != nil {
		return 0, err
	}
	err = look.QueryRowContext(w.ctx, args[0]).Scan(&id)
	return id, err
}

// StaffGroup returns the id of the named staff group, creating it if new.
func (w *Writer) StaffGroup(name string) (int64, error) {
	return w.upsertID(`INSERT INTO staff_groups(name) VALUES (?) ON CONFLICT(name) DO NOTHING`,
		`SELECT id FROM staff_groups WHERE name = ?`, name)
}

// Team returns the id of the named team, creating it if new.
func (w *Writer) Team(name string, staffGroupID int64, base string) (int64, error) {
	return w.upsertID(`INSERT INTO teams(name, staff_group_id, base) VALUES (?, nullif(?, 0), ?) ON CONFLICT(name) DO NOTHING`,
		`SELECT id FROM teams WHERE name = ?`, name, staffGroupID, base)
}

// Worker describes a lone worker as an ARC or HR list names them.
type Worker struct {
	Ref          string `json:"ref"`
	Name         string `json:"name"`
	TeamID       int64  `json:"teamId"`
	StaffGroupID int64  `json:"staffGroupId"`
	Role         string `json:"role"`
	LineManager  string `json:"lineManager"`
}

// Worker returns the id of the worker with wk.Ref, creating them if new.
func (w *Writer) Worker(wk Worker) (int64, error) {
	return w.upsertID(`INSERT INTO workers(ref, name, team_id, staff_group_id, role, line_manager)
		VALUES (?, ?, nullif(?, 0), nullif(?, 0), ?, ?) ON CONFLICT(ref) DO NOTHING`,
		`SELECT id FROM workers WHERE ref = ?`, wk.Ref, wk.Name, wk.TeamID, wk.StaffGroupID, wk.Role, wk.LineManager)
}

// Device returns the id of the device with serial, creating it if new.
func (w *Writer) Device(serial, vendor, model string, workerID int64) (int64, error) {
	return w.upsertID(`INSERT INTO devices(serial, vendor, model, worker_id) VALUES (?, ?, ?, nullif(?, 0))
		ON CONFLICT(serial) DO NOTHING`, `SELECT id FROM devices WHERE serial = ?`, serial, vendor, model, workerID)
}

// ImportRecord is the provenance of one import.
type ImportRecord struct {
	ID         int64  `json:"id"`
	StartedAt  int64  `json:"startedAt"`
	FinishedAt int64  `json:"finishedAt"`
	Source     string `json:"source"`
	Profile    string `json:"profile"`
	ImportedBy string `json:"importedBy"`
	Status     string `json:"status"`
	Summary    string `json:"summary"`
}

// Import records an import and returns its id.
func (w *Writer) Import(r ImportRecord) (int64, error) {
	id, err := w.store.insertID(w.ctx, w.tx, `INSERT INTO imports(started_at, finished_at, source, profile, imported_by, status, summary)
		VALUES (?, nullif(?, 0), ?, ?, ?, ?, ?)`, r.StartedAt, r.FinishedAt, r.Source, r.Profile, r.ImportedBy, r.Status, r.Summary)
	if err != nil {
		return 0, fmt.Errorf("record import: %w", err)
	}
	return id, nil
}

// NewAlert is an alert about to be stored.
type NewAlert struct {
	ARC, ARCRef, Type, Trigger      string
	WorkerID, DeviceID, TeamID      int64
	RaisedAt                        int64
	AnsweredAt, ClosedAt            *int64
	Validity, Escalation, PoliceRef string
	Operator, Memo                  string
	Lat, Lon, AccuracyM             *float64
	MediaCount                      int
	ImportID                        int64
	ImportLine                      int // line of the import's alarms file; 0 when not imported
}

func zeroNull(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// Alert inserts a new alert and counts it in the monthly rollup.
func (w *Writer) Alert(a NewAlert) (int64, error) {
	esc := a.Escalation
	if esc == "" {
		esc = "none"
	}
	id, err := w.store.stmtID(w.ctx, w.alert, a.ARC, a.ARCRef, a.Type, a.Trigger, zeroNull(a.WorkerID), zeroNull(a.DeviceID),
		zeroNull(a.TeamID), a.RaisedAt, nullInt(a.AnsweredAt), nullInt(a.ClosedAt), a.Validity, esc, a.PoliceRef,
		a.Operator, a.Memo, nullFloat(a.Lat), nullFloat(a.Lon), nullFloat(a.AccuracyM), a.MediaCount, zeroNull(a.ImportID))
	if err != nil {
		return 0, fmt.Errorf("alert %s/%s: %w", a.ARC, a.ARCRef, err)
	}
	w.addedAlerts = true
	w.parents.referAlert(&a)
	w.CountRollup(a.RaisedAt, a.Type, a.Validity, a.TeamID, 1)
	return id, nil
}

// CountRollup adds delta to the monthly rollup cell of an alert; callers that
// re-categorise or delete an alert move its count with -1 and +1.
func (w *Writer) CountRollup(raisedAt int64, typ, validity string, teamID int64, delta int) {
	w.rollups[MonthCount{Month: w.month.key(raisedAt), Type: typ, Validity: validity, TeamID: teamID}] += delta
}

// monthCache remembers the London month of the last time asked about: an
// import's alerts come mostly in time order, and working out a month's name
// costs more than storing the alert's count.
type monthCache struct {
	from, to int64 // [from, to) in Unix seconds
	name     string
}

func (c *monthCache) key(unix int64) string {
	if c.name == "" || unix < c.from || unix >= c.to {
		t := time.Unix(unix, 0).In(London)
		start := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, London)
		c.from, c.to, c.name = start.Unix(), start.AddDate(0, 1, 0).Unix(), start.Format("2006-01")
	}
	return c.name
}

func (w *Writer) flushRollups() error {
	for k, n := range w.rollups {
		if n == 0 {
			continue
		}
		if _, err := w.tx.ExecContext(w.ctx, `INSERT INTO alert_month_counts(month, type, validity, team_id, n)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT(month, type, validity, team_id) DO UPDATE SET n = alert_month_counts.n + excluded.n`,
			k.Month, k.Type, k.Validity, k.TeamID, n); err != nil {
			return fmt.Errorf("update monthly counts: %w", err)
		}
	}
	w.rollups = map[MonthCount]int{}
	return nil
}

// Position adds a location fix.
func (w *Writer) Position(p Position) error {
	w.parents.refer("alerts", p.AlertID)
	_, err := w.pos.ExecContext(w.ctx, p.AlertID, p.FixAt, p.Lat, p.Lon, p.AccuracyM, p.Source)
	return err
}

// LogEntry adds an operator log entry.
func (w *Writer) LogEntry(e LogEntry) error {
	w.parents.refer("alerts", e.AlertID)
	_, err := w.log.ExecContext(w.ctx, e.AlertID, e.At, e.Operator, e.Action, e.Contact, e.Result, e.Note)
	return err
}

// Media records a recording already copied into the vault.
func (w *Writer) Media(m Media, importID int64) (int64, error) {
	id, err := w.store.stmtID(w.ctx, w.media, m.AlertID, m.Kind, m.OriginalName, m.SHA256, m.Size, m.Codec, m.SampleRate,
		m.Channels, m.DurationMS, m.VaultPath, nullInt(m.RecordedAt), nullInt(m.DerivedFrom), zeroNull(importID), m.KindWord)
	if err != nil {
		return 0, fmt.Errorf("recording %s: %w", m.OriginalName, err)
	}
	return id, nil
}
