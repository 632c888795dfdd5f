package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// AlertARC is what an ARC sent about an alert beyond Redline's own fields
// (migration 0077): nothing in an export is dropped.
type AlertARC struct {
	AlertID        int64             `json:"alertId"`
	Address        string            `json:"address"`
	LocationSource string            `json:"locationSource"` // gps, cell, wifi, manual or ""
	Words          map[string]string `json:"words"`          // field -> the ARC's own word for its value
	Extra          [][2]string       `json:"extra"`          // columns no profile field reads: header, value
}

// Empty reports whether there is nothing to keep.
func (a AlertARC) Empty() bool {
	return a.Address == "" && a.LocationSource == "" && len(a.Words) == 0 && len(a.Extra) == 0
}

// Document is an ARC document about an alert (a post-incident report),
// kept unchanged in the vault.
type Document struct {
	ID           int64  `json:"id"`
	AlertID      int64  `json:"alertId"`
	OriginalName string `json:"originalName"`
	SHA256       string `json:"sha256"`
	Size         int64  `json:"size"`
	VaultPath    string `json:"-"`
	ImportID     int64  `json:"importId"`
}

// PutAlertARC stores, or replaces, what the ARC sent beyond an alert's own
// fields. An empty a removes any earlier row: the ARC no longer sends it.
func (t *ImportTx) PutAlertARC(a AlertARC) error {
	if a.Empty() {
		_, err := t.w.tx.ExecContext(t.w.ctx, `DELETE FROM alert_arc WHERE alert_id = ?`, a.AlertID)
		return err
	}
	words, extra := "{}", "[]"
	if len(a.Words) > 0 {
		b, _ := json.Marshal(a.Words)
		words = string(b)
	}
	if len(a.Extra) > 0 {
		b, _ := json.Marshal(a.Extra)
		extra = string(b)
	}
	_, err := t.w.tx.ExecContext(t.w.ctx, `INSERT INTO alert_arc(alert_id, address, location_source, words, extra)
		VALUES (?,?,?,?,?) ON CONFLICT(alert_id) DO UPDATE SET address = excluded.address,
		location_source = excluded.location_source, words = excluded.words, extra = excluded.extra`,
		a.AlertID, a.Address, a.LocationSource, words, extra)
	if err != nil {
		return fmt.Errorf("ARC fields of alert %d: %w", a.AlertID, err)
	}
	return nil
}

// FindAlertARC reads what PutAlertARC stored inside the import's transaction.
func (t *ImportTx) FindAlertARC(alertID int64) (AlertARC, error) {
	return scanAlertARC(t.w.tx.QueryRowContext(t.w.ctx, alertARCQuery, alertID), alertID)
}

const alertARCQuery = `SELECT address, location_source, words, extra FROM alert_arc WHERE alert_id = ?`

func scanAlertARC(row *sql.Row, alertID int64) (AlertARC, error) {
	a := AlertARC{AlertID: alertID, Words: map[string]string{}, Extra: [][2]string{}}
	var words, extra string
	err := row.Scan(&a.Address, &a.LocationSource, &words, &extra)
	if err == sql.ErrNoRows {
		return a, nil
	}
	if err != nil {
		return a, fmt.Errorf("ARC fields of alert %d: %w", alertID, err)
	}
	if err := json.Unmarshal([]byte(words), &a.Words); err != nil {
		return a, fmt.Errorf("ARC words of alert %d: %w", alertID, err)
	}
	if err := json.Unmarshal([]byte(extra), &a.Extra); err != nil {
		return a, fmt.Errorf("ARC extra fields of alert %d: %w", alertID, err)
	}
	return a, nil
}

// AlertARC reads what the ARC sent about alert id beyond its own fields;
// an alert with none has an empty one.
func (s *Store) AlertARC(ctx context.Context, id int64) (AlertARC, error) {
	return scanAlertARC(s.db.QueryRowContext(ctx, alertARCQuery, id), id)
}

// EachAlertARC calls fn for every alert that has ARC fields, by alert id.
func (s *Store) EachAlertARC(ctx context.Context, fn func(AlertARC) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT alert_id FROM alert_arc ORDER BY alert_id`)
	if err != nil {
		return fmt.Errorf("ARC fields: %w", err)
	}
	ids, err := func() ([]int64, error) {
		defer rows.Close()
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}()
	if err != nil {
		return err
	}
	for _, id := range ids {
		a, err := s.AlertARC(ctx, id)
		if err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// AddDocument records an ARC document against its alert, once per alert and
// hash; added is false when it was already there.
func (t *ImportTx) AddDocument(d Document) (added bool, err error) {
	res, err := t.w.tx.ExecContext(t.w.ctx, `INSERT OR IGNORE INTO alert_documents(alert_id, original_name, sha256, size,
		vault_path, import_id) VALUES (?,?,?,?,?,?)`, d.AlertID, d.OriginalName, d.SHA256, d.Size, d.VaultPath, zeroNull(d.ImportID))
	if err != nil {
		return false, fmt.Errorf("document %s: %w", d.OriginalName, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// Documents lists the ARC documents of an alert in the order received;
// those retention destroyed are left out (arc_destruction_records has them).
func (s *Store) Documents(ctx context.Context, alertID int64) ([]Document, error) {
	out, err := queryList(ctx, s.db, `SELECT id, alert_id, original_name, sha256, size, vault_path, coalesce(import_id, 0)
		FROM alert_documents WHERE alert_id = ? AND destroyed_at IS NULL ORDER BY id`, []any{alertID},
		func(sc interface{ Scan(...any) error }) (Document, error) {
			var d Document
			return d, sc.Scan(&d.ID, &d.AlertID, &d.OriginalName, &d.SHA256, &d.Size, &d.VaultPath, &d.ImportID)
		})
	if err != nil {
		return nil, fmt.Errorf("documents of alert %d: %w", alertID, err)
	}
	return out, nil
}
