package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Past work written in bulk, for a generated trust's history (the demo's
// months before its own): what the LSMS and the retention purge would have
// recorded at the time, each list in one transaction with one audit entry,
// because replaying thousands of single-item transactions would make the
// demo slow to build.

// PastTriage is an LSMS categorisation made at At.
type PastTriage struct {
	AlertID  int64
	Category string
	Reason   string
	By       string
	At       int64
}

// RecordPastTriage writes categorisations of alerts not yet triaged, as
// Categorise would have, and one audit entry saying how many and why.
func (s *Store) RecordPastTriage(ctx context.Context, items []PastTriage, who Who, why string) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		for _, t := range items {
			id, err := insertRowID(ctx, tx, `INSERT INTO alert_triage(alert_id, category, reason, categorised_by, categorised_at, supersedes)
				VALUES (?,?,?,?,?,NULL)`, t.AlertID, t.Category, t.Reason, t.By, t.At)
			if err != nil {
				return fmt.Errorf("categorise alert %d: %w", t.AlertID, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO alert_category(alert_id, triage_id, category, categorised_at) VALUES (?,?,?,?)`,
				t.AlertID, id, t.Category, t.At); err != nil {
				return fmt.Errorf("categorise alert %d: %w", t.AlertID, err)
			}
		}
		return s.audit(ctx, tx, who, "alert.categorise_past", "alert", 0, map[string]any{"categorised": len(items), "why": why})
	})
}

// PastDestruction is a recording destroyed at DestroyedAt by the scheduled
// purge, whose bytes still back another recording (so the file stays).
type PastDestruction struct {
	Item        RetentionItem
	Rule        string
	RuleText    string
	DueAt       int64
	DestroyedAt int64
}

// RecordPastDestructions marks recordings destroyed with their destruction
// records, and one audit entry saying how many and why.
func (s *Store) RecordPastDestructions(ctx context.Context, items []PastDestruction, who Who, why string) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		for _, d := range items {
			it := d.Item
			if _, err := tx.ExecContext(ctx, `UPDATE media SET destroyed_at = ? WHERE id = ? AND destroyed_at IS NULL`, d.DestroyedAt, it.MediaID); err != nil {
				return fmt.Errorf("destroy recording %d: %w", it.MediaID, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO destruction_records(media_id, alert_id, item, sha256, size, rule, rule_text,
				due_at, destroyed_at, destroyed_by, file_action) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, it.MediaID, it.AlertID, it.OriginalName,
				it.SHA256, it.Size, d.Rule, d.RuleText, d.DueAt, d.DestroyedAt, "system", FileShared); err != nil {
				return fmt.Errorf("record destruction of recording %d: %w", it.MediaID, err)
			}
		}
		return s.audit(ctx, tx, who, "retention.purge_past", "retention", 0, map[string]any{"destroyed": len(items), "why": why})
	})
}
