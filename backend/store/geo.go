package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// MapBox is a latitude/longitude rectangle in WGS84 degrees, edges inclusive.
type MapBox struct {
	South float64 `json:"south"`
	West  float64 `json:"west"`
	North float64 `json:"north"`
	East  float64 `json:"east"`
}

// Valid reports whether the box has its edges the right way round and on the globe.
func (b MapBox) Valid() bool {
	return b.South <= b.North && b.West <= b.East &&
		b.South >= -90 && b.North <= 90 && b.West >= -180 && b.East <= 180
}

// ValidityNames lists the closure codes the map shows, in code order: MapPoints
// carries the index into this list rather than a string per alert, because a
// million strings cost more to scan than the query itself. Unknown values map to
// the last entry.
var ValidityNames = []string{"", "genuine", "precautionary", "false", "test", "duplicate", "auto_closed", "other"}

// validityCase turns a.validity into its index in ValidityNames inside SQL.
const validityCase = `CASE a.validity WHEN '' THEN 0 WHEN 'genuine' THEN 1 WHEN 'precautionary' THEN 2
	WHEN 'false' THEN 3 WHEN 'test' THEN 4 WHEN 'duplicate' THEN 5 WHEN 'auto_closed' THEN 6 ELSE 7 END`

// MapPoints holds the located alerts of one map view as parallel arrays, so a
// busy view does not become a million structs: element i of each slice is one alert.
type MapPoints struct {
	IDs      []int64   `json:"ids"`
	Lat      []float64 `json:"lat"`
	Lon      []float64 `json:"lon"`
	Red      []bool    `json:"red"`      // false means amber
	Validity []uint8   `json:"validity"` // index into ValidityNames
}

// Len is the number of alerts held.
func (m *MapPoints) Len() int { return len(m.IDs) }

// AlertsInBox returns the located alerts inside box that match f. The
// alerts_latlon index answers the box; only what is in view is read.
func (s *Store) AlertsInBox(ctx context.Context, box MapBox, f AlertFilter) (MapPoints, error) {
	var out MapPoints
	if !box.Valid() {
		return out, fmt.Errorf("map view %+v is not a valid latitude/longitude box", box)
	}
	where, args := f.where()
	if where == "" {
		where = " WHERE "
	} else {
		where += " AND "
	}
	q := `SELECT a.id, a.lat, a.lon, a.type = 'red', ` + validityCase + ` FROM alerts a` +
		where + `a.lat BETWEEN ? AND ? AND a.lon BETWEEN ? AND ?`
	args = append(args, box.South, box.North, box.West, box.East)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return out, fmt.Errorf("alerts in map view: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var lat, lon float64
		var red bool
		var v uint8
		if err := rows.Scan(&id, &lat, &lon, &red, &v); err != nil {
			return out, fmt.Errorf("alerts in map view: %w", err)
		}
		out.IDs = append(out.IDs, id)
		out.Lat = append(out.Lat, lat)
		out.Lon = append(out.Lon, lon)
		out.Red = append(out.Red, red)
		out.Validity = append(out.Validity, v)
	}
	return out, rows.Err()
}

// EscalationNames lists the escalation codes MapRow carries, in code order;
// unknown values map to the last entry.
var EscalationNames = []string{"none", "contact", "101", "999", "urn", "other"}

const escalationCase = `CASE a.escalation WHEN 'none' THEN 0 WHEN '' THEN 0 WHEN 'contact' THEN 1 WHEN '101' THEN 2
	WHEN '999' THEN 3 WHEN 'urn' THEN 4 ELSE 5 END`

// MapRow is one located alert as the in-memory map index keeps it.
type MapRow struct {
	ID         int64
	Lat, Lon   float64
	RaisedAt   int64
	TeamID     int64
	Red        bool
	Validity   uint8 // index into ValidityNames
	Escalation uint8 // index into EscalationNames
}

// GeoVersion is a counter that moves whenever alerts are added (once per
// Writer transaction, migration 0071), removed, or change anything the map
// filters on (triggers of migration 0070).
func (s *Store) GeoVersion(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT n FROM geo_version WHERE id = 1`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("read map version: %w", err)
	}
	return n, nil
}

// ScanMapRows calls fn for every alert that has a location, in id order, and
// returns the GeoVersion read before the scan. One statement reads one WAL
// snapshot, so the rows are consistent; if a write lands meanwhile the version
// returned is older than the data and the caller simply reloads once more.
func (s *Store) ScanMapRows(ctx context.Context, fn func(MapRow) error) (int64, error) {
	v, err := s.GeoVersion(ctx)
	if err != nil {
		return 0, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.lat, a.lon, a.raised_at, coalesce(a.team_id, 0), a.type = 'red', `+
		validityCase+`, `+escalationCase+` FROM alerts a WHERE a.lat IS NOT NULL AND a.lon IS NOT NULL`)
	if err != nil {
		return 0, fmt.Errorf("read alert locations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r MapRow
		if err := rows.Scan(&r.ID, &r.Lat, &r.Lon, &r.RaisedAt, &r.TeamID, &r.Red, &r.Validity, &r.Escalation); err != nil {
			return 0, fmt.Errorf("read alert locations: %w", err)
		}
		if err := fn(r); err != nil {
			return 0, err
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("read alert locations: %w", err)
	}
	return v, nil
}

// HotspotAlert is a red alert as hotspot analysis needs it.
type HotspotAlert struct {
	ID       int64   `json:"id"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	RaisedAt int64   `json:"raisedAt"`
	TeamID   int64   `json:"teamId"`
	TeamName string  `json:"teamName"`
}

// RedAlertsWithValidity returns located red alerts raised in [from, to) (zero
// means open) whose validity is one of validity, for hotspot analysis.
func (s *Store) RedAlertsWithValidity(ctx context.Context, from, to int64, validity []string) ([]HotspotAlert, error) {
	if len(validity) == 0 {
		return nil, fmt.Errorf("hotspots: choose at least one validity (for example genuine)")
	}
	f := AlertFilter{From: from, To: to, Types: []string{"red"}, Validity: validity}
	where, args := f.where()
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.lat, a.lon, a.raised_at, coalesce(a.team_id, 0), coalesce(t.name, '')
		FROM alerts a LEFT JOIN teams t ON t.id = a.team_id`+where+` AND a.lat IS NOT NULL AND a.lon IS NOT NULL ORDER BY a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("hotspots: read red alerts: %w", err)
	}
	defer rows.Close()
	out := []HotspotAlert{}
	for rows.Next() {
		var h HotspotAlert
		if err := rows.Scan(&h.ID, &h.Lat, &h.Lon, &h.RaisedAt, &h.TeamID, &h.TeamName); err != nil {
			return nil, fmt.Errorf("hotspots: read red alerts: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// KnownRiskLocation is one entry in the log of known risks (NG 6.9.1): a place
// where a risk to lone workers may be present.
type KnownRiskLocation struct {
	ID         int64   `json:"id"`
	Label      string  `json:"label"` // address or short description
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	RadiusM    float64 `json:"radiusM"`
	Reason     string  `json:"reason"`
	AddedBy    string  `json:"addedBy"`
	AddedAt    int64   `json:"addedAt"`
	ReviewDate *int64  `json:"reviewDate"`
	Active     bool    `json:"active"`
	UpdatedAt  int64   `json:"updatedAt"`
}

// Check says in plain English what is wrong with an entry, or returns nil.
func (k KnownRiskLocation) Check() error {
	name := k.Label
	if name == "" {
		name = "the new known-risk location"
	}
	switch {
	case strings.TrimSpace(k.Label) == "":
		return fmt.Errorf("known-risk location: give an address or a short label")
	case k.Lat < -90 || k.Lat > 90 || k.Lon < -180 || k.Lon > 180 || (k.Lat == 0 && k.Lon == 0):
		return fmt.Errorf("known-risk location %q: latitude %g, longitude %g is not a place on the map", name, k.Lat, k.Lon)
	case !(k.RadiusM > 0 && k.RadiusM <= 50_000):
		return fmt.Errorf("known-risk location %q: radius must be between 1 m and 50 km, not %g m", name, k.RadiusM)
	}
	return nil
}

const knownRiskColumns = `id, label, lat, lon, radius_m, reason, added_by, added_at, review_date, active, updated_at`

func scanKnownRisk(sc interface{ Scan(...any) error }) (KnownRiskLocation, error) {
	var k KnownRiskLocation
	var review sql.NullInt64
	err := sc.Scan(&k.ID, &k.Label, &k.Lat, &k.Lon, &k.RadiusM, &k.Reason, &k.AddedBy, &k.AddedAt, &review, &k.Active, &k.UpdatedAt)
	k.ReviewDate = ptrInt(review)
	return k, err
}

// AddKnownRisk stores a new entry and returns its id. AddedAt defaults to now.
func (s *Store) AddKnownRisk(ctx context.Context, k KnownRiskLocation) (int64, error) {
	if err := k.Check(); err != nil {
		return 0, err
	}
	if k.AddedAt == 0 {
		k.AddedAt = time.Now().Unix()
	}
	// A new entry was last changed when it was added: the caller's clock
	// (injected, as the demo's and the window's are), not this computer's.
	id, err := insertRowID(ctx, s.db, `INSERT INTO known_risk_locations(label, lat, lon, radius_m, reason, added_by,
		added_at, review_date, active, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)`, strings.TrimSpace(k.Label), k.Lat, k.Lon,
		k.RadiusM, k.Reason, k.AddedBy, k.AddedAt, nullInt(k.ReviewDate), k.Active, k.AddedAt)
	if err != nil {
		return 0, fmt.Errorf("save known-risk location %q: %w", k.Label, err)
	}
	return id, nil
}

// UpdateKnownRisk replaces an entry's fields (all but AddedAt and AddedBy).
func (s *Store) UpdateKnownRisk(ctx context.Context, k KnownRiskLocation) error {
	if err := k.Check(); err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `UPDATE known_risk_locations SET label = ?, lat = ?, lon = ?, radius_m = ?,
		reason = ?, review_date = ?, active = ?, updated_at = ? WHERE id = ?`, strings.TrimSpace(k.Label), k.Lat, k.Lon,
		k.RadiusM, k.Reason, nullInt(k.ReviewDate), k.Active, time.Now().Unix(), k.ID)
	if err != nil {
		return fmt.Errorf("update known-risk location %d: %w", k.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("known-risk location %d: %w", k.ID, ErrNotFound)
	}
	return nil
}

// DeleteKnownRisk removes an entry. Prefer setting Active false, which keeps
// the history of why a place was once on the log.
func (s *Store) DeleteKnownRisk(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM known_risk_locations WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete known-risk location %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("known-risk location %d: %w", id, ErrNotFound)
	}
	return nil
}

// KnownRisk returns one entry.
func (s *Store) KnownRisk(ctx context.Context, id int64) (KnownRiskLocation, error) {
	k, err := scanKnownRisk(s.db.QueryRowContext(ctx, `SELECT `+knownRiskColumns+` FROM known_risk_locations WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return k, fmt.Errorf("known-risk location %d: %w", id, ErrNotFound)
	}
	return k, err
}

// KnownRisks lists entries by label; activeOnly leaves out retired ones.
// An investigator, who may not read the register, gets the active entries
// near their own cases' alerts: all a case map of theirs can show.
func (s *Store) KnownRisks(ctx context.Context, activeOnly bool) ([]KnownRiskLocation, error) {
	if activeOnly && s.investigatorPath(ctx) {
		return s.queryKnownRisks(ctx, `SELECT `+knownRiskColumns+` FROM redline_known_risks_near_my_cases() ORDER BY label, id`)
	}
	q := `SELECT ` + knownRiskColumns + ` FROM known_risk_locations`
	if activeOnly {
		q += ` WHERE active = 1`
	}
	return s.queryKnownRisks(ctx, q+` ORDER BY label, id`)
}

// KnownRisksDueForReview lists active entries whose review date is before now,
// most overdue first.
func (s *Store) KnownRisksDueForReview(ctx context.Context, now int64) ([]KnownRiskLocation, error) {
	return s.queryKnownRisks(ctx, `SELECT `+knownRiskColumns+` FROM known_risk_locations
		WHERE active = 1 AND review_date IS NOT NULL AND review_date < ? ORDER BY review_date, id`, now)
}

func (s *Store) queryKnownRisks(ctx context.Context, q string, args ...any) ([]KnownRiskLocation, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read known-risk locations: %w", err)
	}
	defer rows.Close()
	out := []KnownRiskLocation{}
	for rows.Next() {
		k, err := scanKnownRisk(rows)
		if err != nil {
			return nil, fmt.Errorf("read known-risk locations: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}
