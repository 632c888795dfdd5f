package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Alert is one ARC alarm as the tables show it.
type Alert struct {
	ID         int64    `json:"id"`
	ARC        string   `json:"arc"`
	ARCRef     string   `json:"arcRef"`
	Type       string   `json:"type"`
	Trigger    string   `json:"trigger"`
	WorkerID   int64    `json:"workerId"`
	WorkerRef  string   `json:"workerRef"`
	WorkerName string   `json:"workerName"`
	TeamID     int64    `json:"teamId"`
	TeamName   string   `json:"teamName"`
	RaisedAt   int64    `json:"raisedAt"`
	AnsweredAt *int64   `json:"answeredAt"`
	ClosedAt   *int64   `json:"closedAt"`
	Validity   string   `json:"validity"`
	Escalation string   `json:"escalation"`
	PoliceRef  string   `json:"policeRef"`
	Operator   string   `json:"operator"`
	Memo       string   `json:"memo"`
	Lat        *float64 `json:"lat"`
	Lon        *float64 `json:"lon"`
	AccuracyM  *float64 `json:"accuracyM"`
	MediaCount int      `json:"mediaCount"`
	// Words is the ARC's own word for each field its profile's vocabulary
	// normalised (field -> word, e.g. "validity" -> "Planned Alarm"), so every
	// place that shows the value can show it as the ARC named it.
	Words map[string]string `json:"words,omitempty"`
}

// AlertFilter narrows the alerts list. Zero values mean "any".
type AlertFilter struct {
	From      int64    `json:"from"` // Unix seconds, inclusive
	To        int64    `json:"to"`   // Unix seconds, exclusive
	Types     []string `json:"types"`
	Validity  []string `json:"validity"`
	Escalated []string `json:"escalation"`
	TeamIDs   []int64  `json:"teamIds"`
	WorkerID  int64    `json:"workerId"`
	Text      string   `json:"text"`
}

// AlertSort names a sortable column; anything else sorts by time.
type AlertSort struct {
	Column string `json:"column"`
	Desc   bool   `json:"desc"`
}

var sortColumns = map[string]string{
	"raisedAt":   "a.raised_at",
	"type":       "a.type",
	"validity":   "a.validity",
	"escalation": "a.escalation",
	"arcRef":     "a.arc_ref COLLATE NOCASE",
	"accuracyM":  "a.accuracy_m",
	"workerName": "w.name",
	"teamName":   "t.name",
	"mediaCount": "a.media_count",
}

// IndexedSort reports whether sorting by column reads an index in order.
// Other columns need a full sort of the matching rows, which takes seconds
// over a million alerts, so the UI offers them only on narrower filters.
func IndexedSort(column string) bool {
	switch column {
	case "raisedAt", "type", "validity", "escalation", "arcRef":
		return true
	}
	return false
}

const alertColumns = `a.id, a.arc, a.arc_ref, a.type, a.trigger, coalesce(a.worker_id, 0), coalesce(w.ref, ''),
	coalesce(w.name, ''), coalesce(a.team_id, 0), coalesce(t.name, ''), a.raised_at, a.answered_at, a.closed_at,
	a.validity, a.escalation, a.police_ref, a.operator, a.memo, a.lat, a.lon, a.accuracy_m, a.media_count,
	coalesce(x.words, '{}')`

// alertFrom joins the ARC's words by primary key in the same query as the
// alert, so a page of the table costs no extra query per row.
const alertFrom = ` FROM alerts a LEFT JOIN workers w ON w.id = a.worker_id LEFT JOIN teams t ON t.id = a.team_id
	LEFT JOIN alert_arc x ON x.alert_id = a.id`

func scanAlert(sc interface{ Scan(...any) error }) (Alert, error) {
	var a Alert
	var ans, clo sql.NullInt64
	var lat, lon, acc sql.NullFloat64
	var words string
	err := sc.Scan(&a.ID, &a.ARC, &a.ARCRef, &a.Type, &a.Trigger, &a.WorkerID, &a.WorkerRef, &a.WorkerName,
		&a.TeamID, &a.TeamName, &a.RaisedAt, &ans, &clo, &a.Validity, &a.Escalation, &a.PoliceRef,
		&a.Operator, &a.Memo, &lat, &lon, &acc, &a.MediaCount, &words)
	a.AnsweredAt, a.ClosedAt = ptrInt(ans), ptrInt(clo)
	a.Lat, a.Lon, a.AccuracyM = ptrFloat(lat), ptrFloat(lon), ptrFloat(acc)
	if err == nil {
		err = a.setWords(words)
	}
	return a, err
}

// setWords reads the ARC's words as alert_arc stores them (JSON); most
// alerts have none, and they are not decoded.
func (a *Alert) setWords(words string) error {
	if words == "" || words == "{}" {
		return nil
	}
	if err := json.Unmarshal([]byte(words), &a.Words); err != nil {
		return fmt.Errorf("ARC words of alert %d: %w", a.ID, err)
	}
	return nil
}

// where builds the WHERE clause for f. Free text matches worker and team names
// through the small people tables, and references by prefix, so it never scans alerts.
func (f AlertFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.From != 0 {
		conds, args = append(conds, "a.raised_at >= ?"), append(args, f.From)
	}
	if f.To != 0 {
		conds, args = append(conds, "a.raised_at < ?"), append(args, f.To)
	}
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		conds = append(conds, col+" IN ("+placeholders(len(vals))+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	in("a.type", f.Types)
	in("a.validity", f.Validity)
	in("a.escalation", f.Escalated)
	if len(f.TeamIDs) > 0 {
		conds = append(conds, "a.team_id IN ("+placeholders(len(f.TeamIDs))+")")
		for _, v := range f.TeamIDs {
			args = append(args, v)
		}
	}
	if f.WorkerID != 0 {
		conds, args = append(conds, "a.worker_id = ?"), append(args, f.WorkerID)
	}
	if q := strings.TrimSpace(f.Text); q != "" {
		// Each branch of the OR is answered by an index; references match by
		// prefix as a range, which SQLite's LIKE optimisation would not give us.
		like := "%" + escapeLike(q) + "%"
		prefix := escapeLike(q) + "%"
		hi := q + "\U0010FFFF"
		conds = append(conds, `(a.worker_id IN (SELECT id FROM workers WHERE name LIKE ? ESCAPE '\' OR ref LIKE ? ESCAPE '\')
			OR a.team_id IN (SELECT id FROM teams WHERE name LIKE ? ESCAPE '\')
			OR (a.arc_ref COLLATE NOCASE >= ? AND a.arc_ref COLLATE NOCASE < ?)
			OR (a.police_ref COLLATE NOCASE >= ? AND a.police_ref COLLATE NOCASE < ?))`)
		args = append(args, like, prefix, like, q, hi, q, hi)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// ListAlerts returns one page of alerts matching f, ordered by sort.
func (s *Store) ListAlerts(ctx context.Context, f AlertFilter, sort AlertSort, offset, limit int) ([]Alert, error) {
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	if offset < 0 {
		offset = 0
	}
	col, ok := sortColumns[sort.Column]
	if !ok {
		col = "a.raised_at"
	}
	dir := " ASC"
	if sort.Desc {
		dir = " DESC"
	}
	where, args := f.where()
	// Ties break on time then id, in the same direction, so an index on
	// (column, raised_at) serves the whole ORDER BY.
	order := col + dir + ", a.id" + dir
	if col != "a.raised_at" {
		order = col + dir + ", a.raised_at" + dir + ", a.id" + dir
	}
	// The page's ids are found first, from alerts alone, and only those 200
	// rows are joined to their worker and team: an OFFSET steps over every
	// skipped row, and joining each of them made page 2,500 of a million
	// take 0.6 s.
	from := " FROM alerts a"
	if strings.HasPrefix(col, "w.") || strings.HasPrefix(col, "t.") {
		from = alertFrom
	}
	q := "SELECT " + alertColumns + alertFrom + " WHERE a.id IN (SELECT a.id" + from + where + " ORDER BY " + order +
		" LIMIT ? OFFSET ?) ORDER BY " + order
	out, err := queryList(ctx, s.db, q, append(args, limit, offset), scanAlert)
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	return out, nil
}

// alertPage is how many alerts EachAlert reads per query: enough that the
// cost of a query vanishes beside its rows, few enough that memory stays flat.
const alertPage = 500

// EachAlert calls fn with each alert matching f, newest first (ties newest
// id first, as ListAlerts orders them), up to limit alerts or every match
// when limit is 0. It stops at fn's first error and returns it.
//
// It reads a page at a time and calls fn between queries, so memory stays
// flat however many alerts match and no read is held open while fn writes
// to a slow pipe. Each page resumes after the last alert seen rather than at
// an OFFSET, which would step over every earlier row again. An alert written
// while the listing runs appears if it sorts after the point reached.
func (s *Store) EachAlert(ctx context.Context, f AlertFilter, limit int, fn func(Alert) error) error {
	var last *Alert
	for seen := 0; limit == 0 || seen < limit; {
		size := alertPage
		if limit > 0 {
			size = min(size, limit-seen)
		}
		page, err := s.alertsAfter(ctx, f, last, size)
		if err != nil {
			return fmt.Errorf("list alerts: %w", err)
		}
		for _, a := range page {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(page) < size {
			return nil
		}
		seen += len(page)
		last = &page[len(page)-1]
	}
	return nil
}

// alertsAfter reads up to size alerts matching f that sort after last (from
// the newest when last is nil). The row-value comparison is answered by the
// (raised_at, id) order of the raised_at indexes.
func (s *Store) alertsAfter(ctx context.Context, f AlertFilter, last *Alert, size int) ([]Alert, error) {
	where, args := f.where()
	if last != nil {
		cond := "(a.raised_at, a.id) < (?, ?)"
		if where == "" {
			where = " WHERE " + cond
		} else {
			where += " AND " + cond
		}
		args = append(args, last.RaisedAt, last.ID)
	}
	q := "SELECT " + alertColumns + alertFrom + where + " ORDER BY a.raised_at DESC, a.id DESC LIMIT ?"
	return queryList(ctx, s.db, q, append(args, size), scanAlert)
}

// CountAlerts counts the alerts matching f.
func (s *Store) CountAlerts(ctx context.Context, f AlertFilter) (int, error) {
	where, args := f.where()
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM alerts a"+where, args...).Scan(&n)
	return n, err
}

// Alert returns one alert by id.
func (s *Store) Alert(ctx context.Context, id int64) (Alert, error) {
	a, err := scanAlert(s.db.QueryRowContext(ctx, "SELECT "+alertColumns+alertFrom+" WHERE a.id = ?", id))
	if err == sql.ErrNoRows {
		return a, fmt.Errorf("alert %d: %w", id, ErrNotFound)
	}
	return a, err
}

// Position is one location fix of an alert.
type Position struct {
	ID        int64   `json:"id"`
	AlertID   int64   `json:"alertId"`
	FixAt     int64   `json:"fixAt"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	AccuracyM float64 `json:"accuracyM"`
	Source    string  `json:"source"`
	// What the ARC sent with the fix beyond these fields (migration 0078):
	// its own word for the source, and every column the profile does not map.
	SourceWord string      `json:"sourceWord"`
	Extra      [][2]string `json:"extra"`
}

// LogEntry is one action in the ARC operator log.
type LogEntry struct {
	ID       int64  `json:"id"`
	AlertID  int64  `json:"alertId"`
	At       int64  `json:"at"`
	Operator string `json:"operator"`
	Action   string `json:"action"`
	Contact  string `json:"contact"`
	Result   string `json:"result"`
	Note     string `json:"note"`
	// Every column of the ARC's log file the profile does not map (migration 0078).
	Extra [][2]string `json:"extra"`
}

// Media is one recording held in the evidence vault.
type Media struct {
	ID           int64  `json:"id"`
	AlertID      int64  `json:"alertId"`
	Kind         string `json:"kind"`
	OriginalName string `json:"originalName"`
	SHA256       string `json:"sha256"`
	Size         int64  `json:"size"`
	Codec        string `json:"codec"`
	SampleRate   int    `json:"sampleRate"`
	Channels     int    `json:"channels"`
	DurationMS   int64  `json:"durationMs"`
	VaultPath    string `json:"-"`
	RecordedAt   *int64 `json:"recordedAt"`
	DerivedFrom  *int64 `json:"derivedFrom"`
	DestroyedAt  *int64 `json:"destroyedAt"`
	// KindWord is the ARC's own word for the kind ("Live Audio") where its
	// profile's vocabulary normalised it (migration 0083); '' otherwise.
	KindWord string `json:"kindWord"`
}

// Positions returns an alert's fixes in time order.
func (s *Store) Positions(ctx context.Context, alertID int64) ([]Position, error) {
	return queryList(ctx, s.db, `SELECT id, alert_id, fix_at, lat, lon, accuracy_m, source, arc_word, arc_extra
		FROM positions WHERE alert_id = ? ORDER BY fix_at, id`, []any{alertID},
		func(sc interface{ Scan(...any) error }) (Position, error) {
			var p Position
			var extra string
			if err := sc.Scan(&p.ID, &p.AlertID, &p.FixAt, &p.Lat, &p.Lon, &p.AccuracyM, &p.Source, &p.SourceWord, &extra); err != nil {
				return p, err
			}
			var err error
			p.Extra, err = readRowExtra(extra)
			return p, err
		})
}

// OperatorLog returns an alert's operator log in time order.
func (s *Store) OperatorLog(ctx context.Context, alertID int64) ([]LogEntry, error) {
	return queryList(ctx, s.db, `SELECT id, alert_id, at, operator, action, contact, result, note, arc_extra
		FROM operator_log WHERE alert_id = ? ORDER BY at, id`, []any{alertID},
		func(sc interface{ Scan(...any) error }) (LogEntry, error) {
			var e LogEntry
			var extra string
			if err := sc.Scan(&e.ID, &e.AlertID, &e.At, &e.Operator, &e.Action, &e.Contact, &e.Result, &e.Note, &extra); err != nil {
				return e, err
			}
			var err error
			e.Extra, err = readRowExtra(extra)
			return e, err
		})
}

const mediaColumns = `id, alert_id, kind, original_name, sha256, size, codec, sample_rate, channels,
	duration_ms, vault_path, recorded_at, derived_from, destroyed_at, arc_word`

func scanMedia(sc interface{ Scan(...any) error }) (Media, error) {
	var m Media
	var rec, der, des sql.NullInt64
	err := sc.Scan(&m.ID, &m.AlertID, &m.Kind, &m.OriginalName, &m.SHA256, &m.Size, &m.Codec, &m.SampleRate,
		&m.Channels, &m.DurationMS, &m.VaultPath, &rec, &der, &des, &m.KindWord)
	m.RecordedAt, m.DerivedFrom, m.DestroyedAt = ptrInt(rec), ptrInt(der), ptrInt(des)
	return m, err
}

// MediaForAlert lists an alert's recordings, originals first.
func (s *Store) MediaForAlert(ctx context.Context, alertID int64) ([]Media, error) {
	return queryList(ctx, s.db, `SELECT `+mediaColumns+` FROM media WHERE alert_id = ?
		ORDER BY derived_from IS NOT NULL, recorded_at, id`, []any{alertID}, scanMedia)
}

// MediaByID returns one recording.
func (s *Store) MediaByID(ctx context.Context, id int64) (Media, error) {
	m, err := scanMedia(s.db.QueryRowContext(ctx, `SELECT `+mediaColumns+` FROM media WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return m, fmt.Errorf("recording %d: %w", id, ErrNotFound)
	}
	return m, err
}

// Team is a team of lone workers.
type Team struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	StaffGroup string `json:"staffGroup"`
	Base       string `json:"base"`
	Workers    int    `json:"workers"`
}

// Teams lists teams by name.
func (s *Store) Teams(ctx context.Context) ([]Team, error) {
	return queryList(ctx, s.db, `SELECT t.id, t.name, coalesce(g.name, ''), t.base,
		(SELECT count(*) FROM workers w WHERE w.team_id = t.id)
		FROM teams t LEFT JOIN staff_groups g ON g.id = t.staff_group_id ORDER BY t.name`, nil,
		func(sc interface{ Scan(...any) error }) (Team, error) {
			var t Team
			err := sc.Scan(&t.ID, &t.Name, &t.StaffGroup, &t.Base, &t.Workers)
			return t, err
		})
}

// MonthCount is one cell of the monthly rollup.
type MonthCount struct {
	Month    string `json:"month"`
	Type     string `json:"type"`
	Validity string `json:"validity"`
	TeamID   int64  `json:"teamId"`
	N        int    `json:"n"`
}

// MonthCounts reads the monthly rollup, never the alerts table.
func (s *Store) MonthCounts(ctx context.Context) ([]MonthCount, error) {
	return queryList(ctx, s.db, `SELECT month, type, validity, team_id, n FROM alert_month_counts
		ORDER BY month, type, validity, team_id`, nil,
		func(sc interface{ Scan(...any) error }) (MonthCount, error) {
			var m MonthCount
			err := sc.Scan(&m.Month, &m.Type, &m.Validity, &m.TeamID, &m.N)
			return m, err
		})
}

// MonthKey is the Europe/London month an instant falls in, as the rollup keys it.
func MonthKey(unix int64) string {
	return time.Unix(unix, 0).In(London).Format("2006-01")
}
