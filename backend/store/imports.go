package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"strings"
)

// ImportTx adds what an ARC import needs to a Writer's transaction: finding an
// alert by its natural key, updating it with its field history, and keeping
// quarantined rows and file hashes. Statements are prepared once per import.
type ImportTx struct {
	w                                                 *Writer
	alerts, positions, log                            *bulk
	find, update, history, quarantine, file           *sql.Stmt
	hasPos, hasLog, hasMedia, bumpMedia, arcHasAlerts *sql.Stmt
	remember, remembered                              *sql.Stmt
	seen                                              string // the import_seen table as this engine names it
}

// importSeen is where an import notes the alarms it read but did not
// create (rejected rows, alerts already stored), on disk rather than in
// memory: a temporary table of the import's own connection, gone with it.
const importSeen = `CREATE TEMP TABLE IF NOT EXISTS import_seen (
	arc      TEXT NOT NULL,
	arc_ref  TEXT NOT NULL,
	file     TEXT NOT NULL,
	line     INTEGER NOT NULL,
	rejected INTEGER NOT NULL,
	PRIMARY KEY (arc, arc_ref)
) WITHOUT ROWID`

// Importer prepares the import statements on w's transaction.
func (w *Writer) Importer() (*ImportTx, error) {
	create, seen := importSeenFor(w.store.Engine())
	t := &ImportTx{w: w, seen: seen}
	if _, err := w.tx.ExecContext(w.ctx, create); err != nil {
		return nil, fmt.Errorf("prepare import: %w", err)
	}
	if _, err := w.tx.ExecContext(w.ctx, `DELETE FROM `+seen); err != nil {
		return nil, fmt.Errorf("prepare import: %w", err)
	}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = w.tx.PrepareContext(w.ctx, q)
		return st
	}
	t.find = prep(`SELECT id, type, trigger, coalesce(worker_id, 0), coalesce(device_id, 0), coalesce(team_id, 0),
		raised_at, answered_at, closed_at, validity, escalation, police_ref, operator, memo, lat, lon, accuracy_m,
		coalesce(import_id, 0), coalesce(import_line, 0)
		FROM alerts WHERE arc = ? AND arc_ref = ?`)
	t.remember = prep(`INSERT OR IGNORE INTO ` + seen + `(arc, arc_ref, file, line, rejected) VALUES (?,?,?,?,?)`)
	t.remembered = prep(`SELECT file, line, rejected FROM ` + seen + ` WHERE arc = ? AND arc_ref = ?`)
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
	for _, b := range []*bulk{t.alerts, t.positions, t.log} {
		if b != nil {
			b.close(t)
		}
	}
	for _, st := range []*sql.Stmt{t.find, t.update, t.history, t.quarantine, t.file, t.hasPos, t.hasLog,
		t.hasMedia, t.bumpMedia, t.arcHasAlerts, t.remember, t.remembered} {
		if st != nil {
			st.Close()
		}
	}
	t.w.tx.ExecContext(context.Background(), `DROP TABLE IF EXISTS `+t.seen)
}

// SeenAlarm is where an import first read an alarm it did not create.
type SeenAlarm struct {
	File     string
	Line     int
	Rejected bool // the row failed validation; otherwise the alert was already stored
}

// RememberAlarm notes that this import read alarm (arc, ref) at line of
// file without creating it: the row was rejected, or the alert was already
// stored. The first note of a reference stands.
func (t *ImportTx) RememberAlarm(arc, ref string, at SeenAlarm) error {
	_, err := t.remember.ExecContext(t.w.ctx, arc, ref, at.File, at.Line, at.Rejected)
	return err
}

// RememberedAlarm is what RememberAlarm noted of (arc, ref), if anything.
func (t *ImportTx) RememberedAlarm(arc, ref string) (SeenAlarm, bool, error) {
	var s SeenAlarm
	err := t.remembered.QueryRowContext(t.w.ctx, arc, ref).Scan(&s.File, &s.Line, &s.Rejected)
	if err == sql.ErrNoRows {
		return s, false, nil
	}
	return s, err == nil, err
}

// AlertBatch is how many rows an import gathers before writing them.
const AlertBatch = 4096

var (
	alertCols = []string{"arc", "arc_ref", "type", "trigger", "worker_id", "device_id", "team_id", "raised_at",
		"answered_at", "closed_at", "validity", "escalation", "police_ref", "operator", "memo", "lat", "lon",
		"accuracy_m", "media_count", "import_id", "import_line"}
	positionCols = []string{"alert_id", "fix_at", "lat", "lon", "accuracy_m", "source", "arc_word", "arc_extra"}
	logCols      = []string{"alert_id", "at", "operator", "action", "contact", "result", "note", "arc_extra"}
)

// InsertAlerts adds new alerts, counts them in the monthly rollup like
// Writer.Alert, and returns their ids in order. A failure leaves part of the
// batch applied: callers must roll the transaction back, as an import does.
func (t *ImportTx) InsertAlerts(batch []NewAlert) ([]int64, error) {
	if len(batch) == 0 {
		return nil, nil
	}
	insert := t.storeAlerts
	if t.w.conn != nil {
		insert = t.copyAlerts // PostgreSQL: teamimport.go
	}
	ids, err := insert(batch)
	if err != nil {
		return nil, fmt.Errorf("alerts %s/%s to %s: %w", batch[0].ARC, batch[0].ARCRef, batch[len(batch)-1].ARCRef, err)
	}
	t.w.addedAlerts = true
	for i := range batch {
		a := &batch[i]
		t.w.parents.referAlert(a)
		t.w.CountRollup(a.RaisedAt, a.Type, a.Validity, a.TeamID, 1)
	}
	return ids, nil
}

// storeAlerts is SQLite's InsertAlerts: the rows of one INSERT get
// consecutive rowids when none is given.
func (t *ImportTx) storeAlerts(batch []NewAlert) ([]int64, error) {
	res, err := t.bulkInsert(&t.alerts, "alerts", alertCols, len(batch), func(row, col int) driver.Value {
		return alertValue(&batch[row], col)
	})
	if err != nil {
		return nil, err
	}
	last, err := res.LastInsertId()
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(batch))
	for i := range ids {
		ids[i] = last - int64(len(batch)-1-i)
	}
	return ids, nil
}

// alertValue is column col of alertCols for a.
func alertValue(a *NewAlert, col int) driver.Value {
	switch col {
	case 0:
		return a.ARC
	case 1:
		return a.ARCRef
	case 2:
		return a.Type
	case 3:
		return a.Trigger
	case 4:
		return zeroNull(a.WorkerID)
	case 5:
		return zeroNull(a.DeviceID)
	case 6:
		return zeroNull(a.TeamID)
	case 7:
		return a.RaisedAt
	case 8:
		return nullInt(a.AnsweredAt)
	case 9:
		return nullInt(a.ClosedAt)
	case 10:
		return a.Validity
	case 11:
		if a.Escalation == "" {
			return "none"
		}
		return a.Escalation
	case 12:
		return a.PoliceRef
	case 13:
		return a.Operator
	case 14:
		return a.Memo
	case 15:
		return nullFloat(a.Lat)
	case 16:
		return nullFloat(a.Lon)
	case 17:
		return nullFloat(a.AccuracyM)
	case 18:
		return int64(a.MediaCount)
	case 19:
		return zeroNull(a.ImportID)
	default:
		return zeroNull(int64(a.ImportLine))
	}
}

// InsertPositions adds fixes.
func (t *ImportTx) InsertPositions(ps []Position) error {
	for i := range ps {
		t.w.parents.refer("alerts", ps[i].AlertID)
	}
	_, err := t.bulkInsert(&t.positions, "positions", positionCols, len(ps), func(row, col int) driver.Value {
		p := &ps[row]
		switch col {
		case 0:
			return p.AlertID
		case 1:
			return p.FixAt
		case 2:
			return p.Lat
		case 3:
			return p.Lon
		case 4:
			return p.AccuracyM
		case 5:
			return p.Source
		case 6:
			return p.SourceWord
		default:
			return rowExtraText(p.Extra)
		}
	})
	return err
}

// InsertLogEntries adds operator log entries.
func (t *ImportTx) InsertLogEntries(es []LogEntry) error {
	for i := range es {
		t.w.parents.refer("alerts", es[i].AlertID)
	}
	_, err := t.bulkInsert(&t.log, "operator_log", logCols, len(es), func(row, col int) driver.Value {
		e := &es[row]
		switch col {
		case 0:
			return e.AlertID
		case 1:
			return e.At
		case 7:
			return rowExtraText(e.Extra)
		default:
			return [...]string{e.Operator, e.Action, e.Contact, e.Result, e.Note}[col-2]
		}
	})
	return err
}

// bulk is a virtual table over rows held in Go and the INSERT that reads it.
type bulk struct {
	token string
	src   *rowSource
	ins   *sql.Stmt
}

// bulkInsert writes n rows, column values from value, into table with one
// statement. OR FAIL: an import aborts its whole transaction on any error,
// so the statement needs no statement journal; with the triggers on alerts
// that journal would copy every page each insert touches.
func (t *ImportTx) bulkInsert(b **bulk, table string, cols []string, n int, value func(row, col int) driver.Value) (sql.Result, error) {
	if n == 0 {
		return driver.RowsAffected(0), nil
	}
	if t.w.conn != nil {
		return t.copyRows(table, cols, n, value) // PostgreSQL: teamimport.go
	}
	if *b == nil {
		nb, err := t.newBulk(table, cols)
		if err != nil {
			return nil, err
		}
		*b = nb
	}
	src := (*b).src
	src.n, src.value = n, value
	defer func() { src.n, src.value = 0, nil }()
	res, err := (*b).ins.ExecContext(t.w.ctx)
	if err != nil {
		return nil, err
	}
	if got, err := res.RowsAffected(); err != nil || got != int64(n) {
		return nil, fmt.Errorf("stored %d of %d rows in %s (%v)", got, n, table, err)
	}
	return res, nil
}

// newBulk creates the virtual table for table's columns cols and prepares
// the INSERT that reads it.
func (t *ImportTx) newBulk(table string, cols []string) (*bulk, error) {
	b := &bulk{}
	b.token, b.src = newRowSource(cols)
	if _, err := t.w.tx.ExecContext(t.w.ctx, `CREATE VIRTUAL TABLE temp.`+b.token+` USING `+sourceModule+`(`+b.token+`)`); err != nil {
		dropRowSource(b.token)
		return nil, err
	}
	list := strings.Join(cols, ", ")
	ins, err := t.w.tx.PrepareContext(t.w.ctx, `INSERT OR FAIL INTO `+table+`(`+list+`) SELECT `+list+` FROM temp.`+b.token)
	if err != nil {
		b.close(t)
		return nil, err
	}
	b.ins = ins
	return b, nil
}

// close drops the virtual table; it must run inside the import's transaction.
func (b *bulk) close(t *ImportTx) {
	if b.ins != nil {
		b.ins.Close()
	}
	t.w.tx.ExecContext(context.Background(), `DROP TABLE IF EXISTS temp.`+b.token)
	dropRowSource(b.token)
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
		&e.TeamID, &e.RaisedAt, &ans, &clo, &e.Validity, &e.Escalation, &e.PoliceRef, &e.Operator, &e.Memo, &lat, &lon, &acc,
		&e.ImportID, &e.ImportLine)
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
	t.w.parents.referAlert(&a)
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
	out, err := queryList(ctx, s.db, `SELECT id, started_at, coalesce(finished_at, 0), source, profile, imported_by,
		status, summary FROM imports ORDER BY id DESC LIMIT ?`, []any{limit},
		func(sc interface{ Scan(...any) error }) (ImportRecord, error) {
			var r ImportRecord
			return r, sc.Scan(&r.ID, &r.StartedAt, &r.FinishedAt, &r.Source, &r.Profile, &r.ImportedBy, &r.Status, &r.Summary)
		})
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	return out, nil
}

// ImportFiles lists the files an import received.
func (s *Store) ImportFiles(ctx context.Context, importID int64) ([]ImportFile, error) {
	out, err := queryList(ctx, s.db, `SELECT import_id, name, kind, size, sha256 FROM import_files
		WHERE import_id = ? ORDER BY id`, []any{importID},
		func(sc interface{ Scan(...any) error }) (ImportFile, error) {
			var f ImportFile
			return f, sc.Scan(&f.ImportID, &f.Name, &f.Kind, &f.Size, &f.SHA256)
		})
	if err != nil {
		return nil, fmt.Errorf("list import files: %w", err)
	}
	return out, nil
}

// AlertHistory lists the field changes imports made to an alert, oldest first.
func (s *Store) AlertHistory(ctx context.Context, alertID int64) ([]FieldChange, error) {
	out, err := queryList(ctx, s.db, `SELECT id, alert_id, import_id, at, field, old_value, new_value
		FROM alert_history WHERE alert_id = ? ORDER BY id`, []any{alertID},
		func(sc interface{ Scan(...any) error }) (FieldChange, error) {
			var c FieldChange
			return c, sc.Scan(&c.ID, &c.AlertID, &c.ImportID, &c.At, &c.Field, &c.Old, &c.New)
		})
	if err != nil {
		return nil, fmt.Errorf("alert history: %w", err)
	}
	return out, nil
}

// Quarantined lists the rows an import kept aside, the first limit of them
// (all when limit is 0), and how many there are.
func (s *Store) Quarantined(ctx context.Context, importID int64, limit int) ([]QuarantineRow, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM import_quarantine WHERE import_id = ?`, importID).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("quarantine: %w", err)
	}
	if limit <= 0 {
		limit = math.MaxInt // no limit on either engine (PostgreSQL refuses SQLite's -1)
	}
	out, err := queryList(ctx, s.db, `SELECT id, import_id, file, kind, line, arc_ref, header, cells, problems
		FROM import_quarantine WHERE import_id = ? ORDER BY id LIMIT ?`, []any{importID, limit},
		func(sc interface{ Scan(...any) error }) (QuarantineRow, error) {
			var q QuarantineRow
			return q, sc.Scan(&q.ID, &q.ImportID, &q.File, &q.Kind, &q.Line, &q.ARCRef, &q.Header, &q.Cells, &q.Problems)
		})
	if err != nil {
		return nil, 0, fmt.Errorf("quarantine: %w", err)
	}
	return out, total, nil
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
	rows, err := s.db.QueryContext(ctx, `SELECT a.arc, a.arc_ref, p.fix_at, p.lat, p.lon, p.accuracy_m, p.source,
		p.arc_word, p.arc_extra FROM positions p JOIN alerts a ON a.id = p.alert_id ORDER BY p.alert_id, p.fix_at, p.id`)
	if err != nil {
		return fmt.Errorf("export positions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var arc, ref string
		var p Position
		var extra string
		if err := rows.Scan(&arc, &ref, &p.FixAt, &p.Lat, &p.Lon, &p.AccuracyM, &p.Source, &p.SourceWord, &extra); err != nil {
			return err
		}
		if p.Extra, err = readRowExtra(extra); err != nil {
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
	rows, err := s.db.QueryContext(ctx, `SELECT a.arc, a.arc_ref, l.at, l.operator, l.action, l.contact, l.result, l.note,
		l.arc_extra FROM operator_log l JOIN alerts a ON a.id = l.alert_id ORDER BY l.alert_id, l.at, l.id`)
	if err != nil {
		return fmt.Errorf("export operator log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var arc, ref string
		var e LogEntry
		var extra string
		if err := rows.Scan(&arc, &ref, &e.At, &e.Operator, &e.Action, &e.Contact, &e.Result, &e.Note, &extra); err != nil {
			return err
		}
		if e.Extra, err = readRowExtra(extra); err != nil {
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
			&m.SampleRate, &m.Channels, &m.DurationMS, &m.VaultPath, &rec, &der, &des, &m.KindWord); err != nil {
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

// Context is the context the Writer's transaction runs under.
func (w *Writer) Context() context.Context { return w.ctx }

// WriteBulk is Write on a connection tuned for one large import: a larger
// page cache, and foreign keys checked before COMMIT once per distinct parent
// (parentCheck) rather than row by row. A broken reference fails the import
// and nothing is stored. The connection is put back as it was afterwards.
func (s *Store) WriteBulk(ctx context.Context, cacheKiB int, fn func(*Writer) error) (err error) {
	if s.Engine() == Postgres {
		return s.writeTeam(ctx, true, fn) // write.go
	}
	conn, err := s.connWithCache(ctx, cacheKiB)
	if err != nil {
		return err
	}
	defer conn.Close()
	// foreign_keys can only change outside a transaction.
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return fmt.Errorf("prepare bulk import: %w", err)
	}
	defer func() {
		if _, err := conn.ExecContext(context.Background(), `PRAGMA foreign_keys = ON`); err != nil {
			// Never hand the pool a connection that skips foreign keys.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	return runWriter(&Writer{store: s, tx: tx, ctx: ctx, rollups: map[MonthCount]int{}, parents: newParentCheck()}, fn)
}

// runWriter runs fn with w and commits w's transaction, or rolls it back and
// keeps nothing when anything fails.
func runWriter(w *Writer, fn func(*Writer) error) error {
	err := func() error {
		defer w.close()
		if err := w.prepare(); err != nil {
			return err
		}
		if err := fn(w); err != nil {
			return err
		}
		return w.finish()
	}()
	if err != nil {
		w.tx.Rollback()
		return err
	}
	if err := w.tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// CountAlerts counts every stored alert (through the smallest index).
func (t *ImportTx) CountAlerts() (int64, error) {
	var n int64
	err := t.w.tx.QueryRowContext(t.w.ctx, `SELECT count(*) FROM alerts`).Scan(&n)
	return n, err
}
