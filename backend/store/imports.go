package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// ImportTx adds what an ARC import needs to a Writer's transaction: finding an
// alert by its natural key, updating it with its field history, and keeping
// quarantined rows and file hashes. Statements are prepared once per import.
type ImportTx struct {
	w                                                 *Writer
	insert, insertBatch                               *sql.Stmt
	posBatch, logBatch                                *sql.Stmt
	args                                              []any
	find, update, history, quarantine, file           *sql.Stmt
	hasPos, hasLog, hasMedia, bumpMedia, arcHasAlerts *sql.Stmt
}

// Importer prepares the import statements on w's transaction.
func (w *Writer) Importer() (*ImportTx, error) {
	t := &ImportTx{w: w}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = w.tx.PrepareContext(w.ctx, q)
		return st
	}
	// OR FAIL: an import aborts its whole transaction on any error, so the
	// statement needs no statement journal; with the triggers on alerts, that
	// journal would copy every page each insert touches (about half its cost).
	t.insert = prep(`INSERT OR FAIL INTO alerts(arc, arc_ref, type, trigger, worker_id, device_id, team_id, raised_at,
		answered_at, closed_at, validity, escalation, police_ref, operator, memo, lat, lon, accuracy_m, media_count, import_id)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	t.find = prep(`SELECT id, type, trigger, coalesce(worker_id, 0), coalesce(device_id, 0), coalesce(team_id, 0),
		raised_at, answered_at, closed_at, validity, escalation, police_ref, operator, memo, lat, lon, accuracy_m
		FROM alerts WHERE arc = ? AND arc_ref = ?`)
	t.update = prep(`UPDATE alerts SET type = ?, trigger = ?, worker_id = ?, device_id = ?, team_id = ?, raised_at = ?,
		answered_at = ?, closed_at = ?, validity = ?, escalation = ?, police_ref = ?, operator = ?, memo = ?,
		lat = ?, lon = ?, accuracy_m = ? WHERE id = ?`)
	t.history = prep(`INSERT INTO alert_history(alert_id, import_id, at, field, old_value, new_value) VALUES (?,?,?,?,?,?)`)
	t.quarantine = prep(`INSERT INTO import_quarantine(import_id, file, kind, line, arc_ref, header, cells, problems)
		VALUES (?,?,?,?,?,?,?,?)`)
	t.file = prep(`INSERT INTO import_files(import_id, name, kind, size, sha256) VALUES (?,?,?,?,?)`)
	t.hasPos = prep(`SELECT count(*) FROM positions WHERE alert_id = ? AND fix_at = ? AND lat = ? AND lon = ?
		AND accuracy_m = ? AND source = ?`)
	t.hasLog = prep(`SELECT count(*) FROM operator_log WHERE alert_id = ? AND at = ? AND operator = ? AND action = ?
		AND contact = ? AND result = ? AND note = ?`)
	t.hasMedia = prep(`SELECT count(*) FROM media WHERE alert_id = ? AND sha256 = ?`)
	t.bumpMedia = prep(`UPDATE alerts SET media_count = media_count + ? WHERE id = ?`)
	t.arcHasAlerts = prep(`SELECT EXISTS (SELECT 1 FROM alerts WHERE arc = ?)`)
	if err != nil {
		t.Close()
		return nil, fmt.Errorf("prepare import: %w", err)
	}
	return t, nil
}

// Close releases the prepared statements.
func (t *ImportTx) Close() {
	for _, st := range []*sql.Stmt{t.insert, t.insertBatch, t.posBatch, t.logBatch, t.find, t.update, t.history, t.quarantine, t.file, t.hasPos, t.hasLog,
		t.hasMedia, t.bumpMedia, t.arcHasAlerts} {
		if st != nil {
			st.Close()
		}
	}
}

// InsertAlert adds a new alert and counts it in the monthly rollup, like
// Writer.Alert. A failure leaves part of the statement applied: callers must
// roll the transaction back, as an import does.
func (t *ImportTx) InsertAlert(a NewAlert) (int64, error) {
	esc := a.Escalation
	if esc == "" {
		esc = "none"
	}
	res, err := t.insert.ExecContext(t.w.ctx, a.ARC, a.ARCRef, a.Type, a.Trigger, zeroNull(a.WorkerID), zeroNull(a.DeviceID),
		zeroNull(a.TeamID), a.RaisedAt, nullInt(a.AnsweredAt), nullInt(a.ClosedAt), a.Validity, esc, a.PoliceRef,
		a.Operator, a.Memo, nullFloat(a.Lat), nullFloat(a.Lon), nullFloat(a.AccuracyM), a.MediaCount, zeroNull(a.ImportID))
	if err != nil {
		return 0, fmt.Errorf("alert %s/%s: %w", a.ARC, a.ARCRef, err)
	}
	t.w.addedAlerts = true
	t.w.CountRollup(a.RaisedAt, a.Type, a.Validity, a.TeamID, 1)
	return res.LastInsertId()
}

// AlertBatch is how many alerts InsertAlerts writes per statement.
const AlertBatch = 64

const alertInsertCols = `INSERT OR FAIL INTO alerts(arc, arc_ref, type, trigger, worker_id, device_id, team_id, raised_at,
	answered_at, closed_at, validity, escalation, police_ref, operator, memo, lat, lon, accuracy_m, media_count, import_id) VALUES `

// InsertAlerts adds up to AlertBatch new alerts in one statement and returns
// their ids in order. One statement per batch rather than per row saves most
// of the per-statement cost of the driver; SQLite gives the rows of one
// INSERT consecutive rowids when none is given.
func (t *ImportTx) InsertAlerts(batch []NewAlert) ([]int64, error) {
	if len(batch) != AlertBatch {
		ids := make([]int64, len(batch))
		for i, a := range batch {
			id, err := t.InsertAlert(a)
			if err != nil {
				return nil, err
			}
			ids[i] = id
		}
		return ids, nil
	}
	if _, err := t.multiRow(&t.insertBatch, alertInsertCols, 20); err != nil {
		return nil, err
	}
	args := t.args[:0]
	for _, a := range batch {
		esc := a.Escalation
		if esc == "" {
			esc = "none"
		}
		args = append(args, a.ARC, a.ARCRef, a.Type, a.Trigger, zeroNull(a.WorkerID), zeroNull(a.DeviceID),
			zeroNull(a.TeamID), a.RaisedAt, nullInt(a.AnsweredAt), nullInt(a.ClosedAt), a.Validity, esc, a.PoliceRef,
			a.Operator, a.Memo, nullFloat(a.Lat), nullFloat(a.Lon), nullFloat(a.AccuracyM), a.MediaCount, zeroNull(a.ImportID))
	}
	t.args = args
	res, err := t.insertBatch.ExecContext(t.w.ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("alerts %s/%s to %s: %w", batch[0].ARC, batch[0].ARCRef, batch[len(batch)-1].ARCRef, err)
	}
	last, err := res.LastInsertId()
	if err != nil {
		return nil, err
	}
	t.w.addedAlerts = true
	ids := make([]int64, len(batch))
	for i, a := range batch {
		ids[i] = last - int64(len(batch)-1-i)
		t.w.CountRollup(a.RaisedAt, a.Type, a.Validity, a.TeamID, 1)
	}
	return ids, nil
}

// multiRow prepares (once) an INSERT of AlertBatch rows of ncols values.
// OR FAIL keeps the CHECK constraints from needing a statement journal.
func (t *ImportTx) multiRow(st **sql.Stmt, head string, ncols int) (*sql.Stmt, error) {
	if *st != nil {
		return *st, nil
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", ncols), ",") + "),"
	q, err := t.w.tx.PrepareContext(t.w.ctx, head+strings.TrimSuffix(strings.Repeat(row, AlertBatch), ","))
	if err != nil {
		return nil, err
	}
	*st = q
	return q, nil
}

// InsertPositions adds fixes, AlertBatch to a statement when it can.
func (t *ImportTx) InsertPositions(ps []Position) error {
	if len(ps) != AlertBatch {
		for _, p := range ps {
			if err := t.w.Position(p); err != nil {
				return err
			}
		}
		return nil
	}
	st, err := t.multiRow(&t.posBatch, `INSERT OR FAIL INTO positions(alert_id, fix_at, lat, lon, accuracy_m, source) VALUES `, 6)
	if err != nil {
		return err
	}
	args := t.args[:0]
	for _, p := range ps {
		args = append(args, p.AlertID, p.FixAt, p.Lat, p.Lon, p.AccuracyM, p.Source)
	}
	t.args = args
	_, err = st.ExecContext(t.w.ctx, args...)
	return err
}

// InsertLogEntries adds operator log entries, AlertBatch to a statement when it can.
func (t *ImportTx) InsertLogEntries(es []LogEntry) error {
	if len(es) != AlertBatch {
		for _, e := range es {
			if err := t.w.LogEntry(e); err != nil {
				return err
			}
		}
		return nil
	}
	st, err := t.multiRow(&t.logBatch, `INSERT OR FAIL INTO operator_log(alert_id, at, operator, action, contact, result, note) VALUES `, 7)
	if err != nil {
		return err
	}
	args := t.args[:0]
	for _, e := range es {
		args = append(args, e.AlertID, e.At, e.Operator, e.Action, e.Contact, e.Result, e.Note)
	}
	t.args = args
	_, err = st.ExecContext(t.w.ctx, args...)
	return err
}

// ExistingAlert is an alert as stored, for comparing with an incoming row.
type ExistingAlert struct {
	ID int64
	NewAlert
}

// FindAlert looks an alert up by its natural key (ARC, reference).
func (t *ImportTx) FindAlert(arc, ref string) (ExistingAlert, bool, error) {
	var e ExistingAlert
	var ans, clo sql.NullInt64
	var lat, lon, acc sql.NullFloat64
	err := t.find.QueryRowContext(t.w.ctx, arc, ref).Scan(&e.ID, &e.Type, &e.Trigger, &e.WorkerID, &e.DeviceID,
		&e.TeamID, &e.RaisedAt, &ans, &clo, &e.Validity, &e.Escalation, &e.PoliceRef, &e.Operator, &e.Memo, &lat, &lon, &acc)
	if err == sql.ErrNoRows {
		return e, false, nil
	}
	if err != nil {
		return e, false, fmt.Errorf("look up alert %s/%s: %w", arc, ref, err)
	}
	e.ARC, e.ARCRef = arc, ref
	e.AnsweredAt, e.ClosedAt = ptrInt(ans), ptrInt(clo)
	e.Lat, e.Lon, e.AccuracyM = ptrFloat(lat), ptrFloat(lon), ptrFloat(acc)
	return e, true, nil
}

// ARCHasAlerts reports whether any alert of this ARC is stored, so a first
// import can skip looking up every reference.
func (t *ImportTx) ARCHasAlerts(arc string) (bool, error) {
	var b bool
	err := t.arcHasAlerts.QueryRowContext(t.w.ctx, arc).Scan(&b)
	return b, err
}

// UpdateAlert overwrites an alert's fields and moves its monthly rollup count
// when the type, validity, team or month changed.
func (t *ImportTx) UpdateAlert(old ExistingAlert, a NewAlert) error {
	esc := a.Escalation
	if esc == "" {
		esc = "none"
	}
	_, err := t.update.ExecContext(t.w.ctx, a.Type, a.Trigger, zeroNull(a.WorkerID), zeroNull(a.DeviceID), zeroNull(a.TeamID),
		a.RaisedAt, nullInt(a.AnsweredAt), nullInt(a.ClosedAt), a.Validity, esc, a.PoliceRef, a.Operator, a.Memo,
		nullFloat(a.Lat), nullFloat(a.Lon), nullFloat(a.AccuracyM), old.ID)
	if err != nil {
		return fmt.Errorf("update alert %s/%s: %w", old.ARC, old.ARCRef, err)
	}
	if old.Type != a.Type || old.Validity != a.Validity || old.TeamID != a.TeamID || MonthKey(old.RaisedAt) != MonthKey(a.RaisedAt) {
		t.w.CountRollup(old.RaisedAt, old.Type, old.Validity, old.TeamID, -1)
		t.w.CountRollup(a.RaisedAt, a.Type, a.Validity, a.TeamID, 1)
	}
	return nil
}

// FieldChange is one field of an alert changed by an import.
type FieldChange struct {
	ID       int64  `json:"id"`
	AlertID  int64  `json:"alertId"`
	ImportID int64  `json:"importId"`
	At       int64  `json:"at"`
	Field    string `json:"field"`
	Old      string `json:"old"`
	New      string `json:"new"`
}

// History records one changed field.
func (t *ImportTx) History(c FieldChange) error {
	_, err := t.history.ExecContext(t.w.ctx, c.AlertID, c.ImportID, c.At, c.Field, c.Old, c.New)
	return err
}

// HasPosition reports whether an identical fix is already stored.
func (t *ImportTx) HasPosition(p Position) (bool, error) {
	var n int
	err := t.hasPos.QueryRowContext(t.w.ctx, p.AlertID, p.FixAt, p.Lat, p.Lon, p.AccuracyM, p.Source).Scan(&n)
	return n > 0, err
}

// HasLogEntry reports whether an identical operator log entry is already stored.
func (t *ImportTx) HasLogEntry(e LogEntry) (bool, error) {
	var n int
	err := t.hasLog.QueryRowContext(t.w.ctx, e.AlertID, e.At, e.Operator, e.Action, e.Contact, e.Result, e.Note).Scan(&n)
	return n > 0, err
}

// HasMedia reports whether the alert already holds a recording with this hash.
func (t *ImportTx) HasMedia(alertID int64, sha string) (bool, error) {
	var n int
	err := t.hasMedia.QueryRowContext(t.w.ctx, alertID, sha).Scan(&n)
	return n > 0, err
}

// AddMediaCount adds n to an alert's recording count.
func (t *ImportTx) AddMediaCount(alertID int64, n int) error {
	_, err := t.bumpMedia.ExecContext(t.w.ctx, n, alertID)
	return err
}

// QuarantineRow is a row an import kept aside because it failed validation.
type QuarantineRow struct {
	ID       int64  `json:"id"`
	ImportID int64  `json:"importId"`
	File     string `json:"file"`
	Kind     string `json:"kind"`
	Line     int    `json:"line"`
	ARCRef   string `json:"arcRef"`
	Header   string `json:"header"`   // JSON array
	Cells    string `json:"cells"`    // JSON array
	Problems string `json:"problems"` // JSON array
}

// Quarantine keeps a rejected row.
func (t *ImportTx) Quarantine(q QuarantineRow) error {
	_, err := t.quarantine.ExecContext(t.w.ctx, q.ImportID, q.File, q.Kind, q.Line, q.ARCRef, q.Header, q.Cells, q.Problems)
	return err
}

// ImportFile is one file received in an import, hashed on receipt.
type ImportFile struct {
	ImportID int64  `json:"importId"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Size     int64  `json:"size"`
	SHA256   string `json:"sha256"`
}

// File records a received file.
func (t *ImportTx) File(f ImportFile) error {
	_, err := t.file.ExecContext(t.w.ctx, f.ImportID, f.Name, f.Kind, f.Size, f.SHA256)
	return err
}

// FinishImport stores the outcome of an import.
func (t *ImportTx) FinishImport(id, finishedAt int64, status, summary string) error {
	_, err := t.w.tx.ExecContext(t.w.ctx, `UPDATE imports SET finished_at = ?, status = ?, summary = ? WHERE id = ?`,
		finishedAt, status, summary, id)
	return err
}

// FillBestFix gives the alerts of an import that arrived without a location
// the most accurate of their fixes, so maps and tables can show them.
func (t *ImportTx) FillBestFix(importID int64) error {
	_, err := t.w.tx.ExecContext(t.w.ctx, `UPDATE alerts SET
		lat = (SELECT p.lat FROM positions p WHERE p.alert_id = alerts.id ORDER BY p.accuracy_m, p.fix_at DESC LIMIT 1),
		lon = (SELECT p.lon FROM positions p WHERE p.alert_id = alerts.id ORDER BY p.accuracy_m, p.fix_at DESC LIMIT 1),
		accuracy_m = (SELECT p.accuracy_m FROM positions p WHERE p.alert_id = alerts.id ORDER BY p.accuracy_m, p.fix_at DESC LIMIT 1)
		WHERE import_id = ? AND lat IS NULL AND EXISTS (SELECT 1 FROM positions p WHERE p.alert_id = alerts.id)`, importID)
	return err
}

// Imports lists past imports, newest first.
func (s *Store) Imports(ctx context.Context, limit int) ([]ImportRecord, error) {
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, started_at, coalesce(finished_at, 0), source, profile, imported_by,
		status, summary FROM imports ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	defer rows.Close()
	out := []ImportRecord{}
	for rows.Next() {
		var r ImportRecord
		if err := rows.Scan(&r.ID, &r.StartedAt, &r.FinishedAt, &r.Source, &r.Profile, &r.ImportedBy, &r.Status, &r.Summary); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ImportFiles lists the files an import received.
func (s *Store) ImportFiles(ctx context.Context, importID int64) ([]ImportFile, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT import_id, name, kind, size, sha256 FROM import_files
		WHERE import_id = ? ORDER BY id`, importID)
	if err != nil {
		return nil, fmt.Errorf("list import files: %w", err)
	}
	defer rows.Close()
	out := []ImportFile{}
	for rows.Next() {
		var f ImportFile
		if err := rows.Scan(&f.ImportID, &f.Name, &f.Kind, &f.Size, &f.SHA256); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// AlertHistory lists the field changes imports made to an alert, oldest first.
func (s *Store) AlertHistory(ctx context.Context, alertID int64) ([]FieldChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, alert_id, import_id, at, field, old_value, new_value
		FROM alert_history WHERE alert_id = ? ORDER BY id`, alertID)
	if err != nil {
		return nil, fmt.Errorf("alert history: %w", err)
	}
	defer rows.Close()
	out := []FieldChange{}
	for rows.Next() {
		var c FieldChange
		if err := rows.Scan(&c.ID, &c.AlertID, &c.ImportID, &c.At, &c.Field, &c.Old, &c.New); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Quarantined lists the rows an import kept aside.
func (s *Store) Quarantined(ctx context.Context, importID int64) ([]QuarantineRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, import_id, file, kind, line, arc_ref, header, cells, problems
		FROM import_quarantine WHERE import_id = ? ORDER BY id`, importID)
	if err != nil {
		return nil, fmt.Errorf("quarantine: %w", err)
	}
	defer rows.Close()
	out := []QuarantineRow{}
	for rows.Next() {
		var q QuarantineRow
		if err := rows.Scan(&q.ID, &q.ImportID, &q.File, &q.Kind, &q.Line, &q.ARCRef, &q.Header, &q.Cells, &q.Problems); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// MediaReferences counts the recordings that point at a vault file.
func (s *Store) MediaReferences(ctx context.Context, sha string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM media WHERE sha256 = ?`, sha).Scan(&n)
	return n, err
}

// ExportAlert is an alert with the people it belongs to, as an export lists it.
type ExportAlert struct {
	NewAlert
	ID                                              int64
	WorkerRef, WorkerName, Team, StaffGroup, Serial string
}

// EachExportAlert calls fn for every alert in (arc, reference) order.
func (s *Store) EachExportAlert(ctx context.Context, fn func(ExportAlert) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.arc, a.arc_ref, a.type, a.trigger, a.raised_at, a.answered_at,
		a.closed_at, a.validity, a.escalation, a.police_ref, a.operator, a.memo, a.lat, a.lon, a.accuracy_m,
		coalesce(w.ref, ''), coalesce(w.name, ''), coalesce(t.name, ''), coalesce(g.name, ''), coalesce(d.serial, '')
		FROM alerts a LEFT JOIN workers w ON w.id = a.worker_id LEFT JOIN teams t ON t.id = a.team_id
		LEFT JOIN staff_groups g ON g.id = coalesce(w.staff_group_id, t.staff_group_id) LEFT JOIN devices d ON d.id = a.device_id
		ORDER BY a.id`)
	if err != nil {
		return fmt.Errorf("export alerts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a ExportAlert
		var ans, clo sql.NullInt64
		var lat, lon, acc sql.NullFloat64
		if err := rows.Scan(&a.ID, &a.ARC, &a.ARCRef, &a.Type, &a.Trigger, &a.RaisedAt, &ans, &clo, &a.Validity,
			&a.Escalation, &a.PoliceRef, &a.Operator, &a.Memo, &lat, &lon, &acc, &a.WorkerRef, &a.WorkerName,
			&a.Team, &a.StaffGroup, &a.Serial); err != nil {
			return err
		}
		a.AnsweredAt, a.ClosedAt = ptrInt(ans), ptrInt(clo)
		a.Lat, a.Lon, a.AccuracyM = ptrFloat(lat), ptrFloat(lon), ptrFloat(acc)
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachExportPosition calls fn for every fix with its alert's natural key.
func (s *Store) EachExportPosition(ctx context.Context, fn func(arc, ref string, p Position) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT a.arc, a.arc_ref, p.fix_at, p.lat, p.lon, p.accuracy_m, p.source
		FROM positions p JOIN alerts a ON a.id = p.alert_id ORDER BY p.alert_id, p.fix_at, p.id`)
	if err != nil {
		return fmt.Errorf("export positions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var arc, ref string
		var p Position
		if err := rows.Scan(&arc, &ref, &p.FixAt, &p.Lat, &p.Lon, &p.AccuracyM, &p.Source); err != nil {
			return err
		}
		if err := fn(arc, ref, p); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachExportLogEntry calls fn for every operator log entry with its alert's natural key.
func (s *Store) EachExportLogEntry(ctx context.Context, fn func(arc, ref string, e LogEntry) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT a.arc, a.arc_ref, l.at, l.operator, l.action, l.contact, l.result, l.note
		FROM operator_log l JOIN alerts a ON a.id = l.alert_id ORDER BY l.alert_id, l.at, l.id`)
	if err != nil {
		return fmt.Errorf("export operator log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var arc, ref string
		var e LogEntry
		if err := rows.Scan(&arc, &ref, &e.At, &e.Operator, &e.Action, &e.Contact, &e.Result, &e.Note); err != nil {
			return err
		}
		if err := fn(arc, ref, e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachExportMedia calls fn for every original (not derived, not destroyed) recording.
func (s *Store) EachExportMedia(ctx context.Context, fn func(arc, ref string, m Media) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT a.arc, a.arc_ref, `+prefixed("m.", mediaColumns)+`
		FROM media m JOIN alerts a ON a.id = m.alert_id
		WHERE m.derived_from IS NULL AND m.destroyed_at IS NULL ORDER BY m.alert_id, m.id`)
	if err != nil {
		return fmt.Errorf("export recordings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var arc, ref string
		var m Media
		var rec, der, des sql.NullInt64
		if err := rows.Scan(&arc, &ref, &m.ID, &m.AlertID, &m.Kind, &m.OriginalName, &m.SHA256, &m.Size, &m.Codec,
			&m.SampleRate, &m.Channels, &m.DurationMS, &m.VaultPath, &rec, &der, &des); err != nil {
			return err
		}
		m.RecordedAt, m.DerivedFrom, m.DestroyedAt = ptrInt(rec), ptrInt(der), ptrInt(des)
		if err := fn(arc, ref, m); err != nil {
			return err
		}
	}
	return rows.Err()
}

func prefixed(p, cols string) string {
	out := ""
	for i, c := range splitCols(cols) {
		if i > 0 {
			out += ", "
		}
		out += p + c
	}
	return out
}

func splitCols(cols string) []string {
	var out []string
	cur := ""
	for _, r := range cols {
		switch r {
		case ',':
			out = append(out, cur)
			cur = ""
		case ' ', '\n', '\t':
		default:
			cur += string(r)
		}
	}
	return append(out, cur)
}

// WithUnreferencedMedia holds the write lock (so no import is running), finds
// which of shas no recording points at, and calls fn with them while the lock
// is still held. It cleans up evidence files left by an import that was killed.
func (s *Store) WithUnreferencedMedia(ctx context.Context, shas []string, fn func(unreferenced []string) error) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		var out []string
		for _, sha := range shas {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM media WHERE sha256 = ?`, sha).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				out = append(out, sha)
			}
		}
		return fn(out)
	})
}

// Context is the context the Writer's transaction runs under.
func (w *Writer) Context() context.Context { return w.ctx }

// WriteBulk is Write on a connection tuned for one large import: a larger
// page cache and foreign keys checked at COMMIT rather than row by row.
// Immediate foreign-key checks make every multi-row INSERT keep a
// statement journal that copies each page it touches, halving the speed;
// deferred ones are still all checked, and a violation fails the COMMIT, so
// nothing is stored. The connection is put back as it was afterwards.
func (s *Store) WriteBulk(ctx context.Context, cacheKiB int, fn func(*Writer) error) (err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var oldCache int
	if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&oldCache); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, -cacheKiB)); err != nil {
		return fmt.Errorf("prepare bulk import: %w", err)
	}
	defer conn.ExecContext(context.Background(), fmt.Sprintf(`PRAGMA cache_size = %d`, oldCache))
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	w := &Writer{tx: tx, ctx: ctx, rollups: map[MonthCount]int{}}
	err = func() error {
		defer w.close()
		// defer_foreign_keys resets itself at the end of every transaction.
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return fmt.Errorf("prepare bulk import: %w", err)
		}
		if err := w.prepare(); err != nil {
			return err
		}
		if err := fn(w); err != nil {
			return err
		}
		return w.finish()
	}()
	if err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit import: %w", err)
	}
	return nil
}

// SuspendAlertIndexes drops the secondary indexes of alerts inside the
// import's transaction and returns a function that rebuilds them. Building
// an index once from sorted rows is several times cheaper than keeping ten
// of them up to date row by row, which is what makes a million-row import
// take seconds rather than minutes. Everything is transactional: a killed
// import leaves the indexes as they were.
func (t *ImportTx) SuspendAlertIndexes() (rebuild func() error, err error) {
	rows, err := t.w.tx.QueryContext(t.w.ctx, `SELECT name, sql FROM sqlite_master
		WHERE type = 'index' AND tbl_name = 'alerts' AND sql IS NOT NULL ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names, defs []string
	for rows.Next() {
		var n, d string
		if err := rows.Scan(&n, &d); err != nil {
			rows.Close()
			return nil, err
		}
		names, defs = append(names, n), append(defs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, n := range names {
		if _, err := t.w.tx.ExecContext(t.w.ctx, `DROP INDEX "`+n+`"`); err != nil {
			return nil, fmt.Errorf("suspend index %s: %w", n, err)
		}
	}
	return func() error {
		for i, d := range defs {
			if _, err := t.w.tx.ExecContext(t.w.ctx, d); err != nil {
				return fmt.Errorf("rebuild index %s: %w", names[i], err)
			}
		}
		return nil
	}, nil
}

// CountAlerts counts every stored alert (through the smallest index).
func (t *ImportTx) CountAlerts() (int64, error) {
	var n int64
	err := t.w.tx.QueryRowContext(t.w.ctx, `SELECT count(*) FROM alerts`).Scan(&n)
	return n, err
}
