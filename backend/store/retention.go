package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// RetentionItem is one live recording with the facts retention rules need.
type RetentionItem struct {
	MediaID       int64  `json:"mediaId"`
	AlertID       int64  `json:"alertId"`
	ARCRef        string `json:"arcRef"`
	AlertType     string `json:"alertType"`
	WorkerID      int64  `json:"workerId"`
	RaisedAt      int64  `json:"raisedAt"`
	Category      string `json:"category"` // LSMS categorisation of a red alert; empty while untriaged
	CategorisedAt int64  `json:"categorisedAt"`
	OnHold        bool   `json:"onHold"` // linked to a case under legal hold
	HoldCase      string `json:"holdCase"`
	SHA256        string `json:"sha256"`
	Size          int64  `json:"size"`
	OriginalName  string `json:"originalName"`
	DerivedFrom   *int64 `json:"derivedFrom"`
}

const retentionSelect = `SELECT m.id, m.alert_id, a.arc_ref, a.type, coalesce(a.worker_id, 0), a.raised_at,
	coalesce(k.category, ''), coalesce(k.categorised_at, 0),
	coalesce((SELECT c.ref FROM case_alerts ca JOIN cases c ON c.id = ca.case_id
	          WHERE ca.alert_id = a.id AND c.legal_hold = 1 ORDER BY c.id LIMIT 1), ''),
	m.sha256, m.size, m.original_name, m.derived_from
	FROM media m JOIN alerts a ON a.id = m.alert_id LEFT JOIN alert_category k ON k.alert_id = a.id
	WHERE m.destroyed_at IS NULL`

func scanRetention(sc interface{ Scan(...any) error }) (RetentionItem, error) {
	var it RetentionItem
	var der sql.NullInt64
	err := sc.Scan(&it.MediaID, &it.AlertID, &it.ARCRef, &it.AlertType, &it.WorkerID, &it.RaisedAt, &it.Category,
		&it.CategorisedAt, &it.HoldCase, &it.SHA256, &it.Size, &it.OriginalName, &der)
	it.DerivedFrom, it.OnHold = ptrInt(der), it.HoldCase != ""
	return it, err
}

// RetentionCandidates lists live recordings that a rule could reach: every
// one of a triaged red alert, and those of amber alerts raised before
// amberBefore (a safe bound the caller works out from the shortest amber period).
func (s *Store) RetentionCandidates(ctx context.Context, amberBefore int64) ([]RetentionItem, error) {
	return queryList(ctx, s.db, retentionSelect+` AND ((a.type = 'red' AND k.category IS NOT NULL)
		OR (a.type = 'amber' AND a.raised_at < ?)) ORDER BY a.raised_at, m.id`, []any{amberBefore}, scanRetention)
}

// RetentionItemsForAlert lists an alert's live recordings with their retention facts.
func (s *Store) RetentionItemsForAlert(ctx context.Context, alertID int64) ([]RetentionItem, error) {
	return queryList(ctx, s.db, retentionSelect+` AND a.id = ? ORDER BY m.id`, []any{alertID}, scanRetention)
}

// RedDay is a red alert as the amber same-day rule sees it.
type RedDay struct {
	AlertID  int64  `json:"alertId"`
	WorkerID int64  `json:"workerId"`
	RaisedAt int64  `json:"raisedAt"`
	Category string `json:"category"` // empty while untriaged
}

// RedAlertsBetween lists red alerts raised in [from, to) by workers, oldest
// first, for the rule that keeps a worker's amber memos from the day of a
// genuine red. The order is stated because the demo's history numbers its
// triage by it: PostgreSQL promises no order without ORDER BY, and SQLite's
// (the alerts_type_raised index) is this one, at no cost.
func (s *Store) RedAlertsBetween(ctx context.Context, from, to int64) ([]RedDay, error) {
	return queryList(ctx, s.db, `SELECT a.id, coalesce(a.worker_id, 0), a.raised_at, coalesce(k.category, '')
		FROM alerts a LEFT JOIN alert_category k ON k.alert_id = a.id
		WHERE a.type = 'red' AND a.raised_at >= ? AND a.raised_at < ? AND a.worker_id IS NOT NULL
		ORDER BY a.raised_at, a.id`, []any{from, to},
		func(sc interface{ Scan(...any) error }) (RedDay, error) {
			var r RedDay
			return r, sc.Scan(&r.AlertID, &r.WorkerID, &r.RaisedAt, &r.Category)
		})
}

// Destruction is a recording about to be destroyed and the rule that requires it.
type Destruction struct {
	Item     RetentionItem `json:"item"`
	Rule     string        `json:"rule"`
	RuleText string        `json:"ruleText"`
	DueAt    int64         `json:"dueAt"`
}

// DestructionRecord is what retention leaves behind.
type DestructionRecord struct {
	ID          int64  `json:"id"`
	MediaID     int64  `json:"mediaId"`
	AlertID     int64  `json:"alertId"`
	ARCRef      string `json:"arcRef"`
	Item        string `json:"item"`
	SHA256      string `json:"sha256"`
	Size        int64  `json:"size"`
	Rule        string `json:"rule"`
	RuleText    string `json:"ruleText"`
	DueAt       int64  `json:"dueAt"`
	DestroyedAt int64  `json:"destroyedAt"`
	DestroyedBy string `json:"destroyedBy"`
	FileAction  string `json:"fileAction"`
}

// File actions in a destruction record.
const (
	FileRemoved = "overwritten_and_removed"
	FileShared  = "kept_shared" // the same bytes back another recording still kept
)

// Destroy marks recordings destroyed and writes their destruction records and
// audit entries in one transaction. Each item is checked again inside it, so a
// legal hold or re-categorisation made since planning wins. It returns the
// records written and the vault hashes no kept recording uses any more: the
// caller overwrites and removes those files after the commit.
func (s *Store) Destroy(ctx context.Context, ds []Destruction, who Who) ([]DestructionRecord, []string, error) {
	var recs []DestructionRecord
	var files []string
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		recs, files = nil, nil
		for _, d := range ds {
			cur, err := scanRetention(tx.QueryRowContext(ctx, retentionSelect+` AND m.id = ?`, d.Item.MediaID))
			if err == sql.ErrNoRows {
				continue // already destroyed
			}
			if err != nil {
				return err
			}
			if cur.OnHold || cur.Category != d.Item.Category || cur.CategorisedAt != d.Item.CategorisedAt {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE media SET destroyed_at = ? WHERE id = ?`, who.At, cur.MediaID); err != nil {
				return fmt.Errorf("mark recording %d destroyed: %w", cur.MediaID, err)
			}
			transcripts, err := destroyTranscripts(ctx, tx, cur.MediaID)
			if err != nil {
				return fmt.Errorf("destroy the transcripts of recording %d: %w", cur.MediaID, err)
			}
			var live int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM media WHERE sha256 = ? AND destroyed_at IS NULL`, cur.SHA256).Scan(&live); err != nil {
				return err
			}
			r := DestructionRecord{MediaID: cur.MediaID, AlertID: cur.AlertID, ARCRef: cur.ARCRef, Item: cur.OriginalName,
				SHA256: cur.SHA256, Size: cur.Size, Rule: d.Rule, RuleText: d.RuleText, DueAt: d.DueAt, DestroyedAt: who.At,
				DestroyedBy: who.Actor, FileAction: FileRemoved}
			if live > 0 {
				r.FileAction = FileShared
			} else {
				files = append(files, cur.SHA256)
			}
			newID, err := insertRowID(ctx, tx, `INSERT INTO destruction_records(media_id, alert_id, item, sha256, size, rule, rule_text,
				due_at, destroyed_at, destroyed_by, file_action) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, r.MediaID, r.AlertID, r.Item,
				r.SHA256, r.Size, r.Rule, r.RuleText, r.DueAt, r.DestroyedAt, r.DestroyedBy, r.FileAction)
			if err != nil {
				return fmt.Errorf("record destruction of recording %d: %w", cur.MediaID, err)
			}
			r.ID = newID
			if err := s.audit(ctx, tx, who, "recording.destroy", "media", r.MediaID, map[string]any{"alertId": r.AlertID,
				"arcRef": r.ARCRef, "sha256": r.SHA256, "rule": r.Rule, "file": r.FileAction, "record": r.ID,
				"transcripts": transcripts}); err != nil {
				return err
			}
			recs = append(recs, r)
		}
		if len(recs) == 0 {
			return nil
		}
		return s.audit(ctx, tx, who, "retention.purge", "retention", 0, map[string]any{"destroyed": len(recs), "files": len(files)})
	})
	return recs, files, err
}

const destructionColumns = `d.id, d.media_id, d.alert_id, coalesce(a.arc_ref, ''), d.item, d.sha256, d.size, d.rule, d.rule_text,
	d.due_at, d.destroyed_at, d.destroyed_by, d.file_action`

func scanDestruction(sc interface{ Scan(...any) error }) (DestructionRecord, error) {
	var r DestructionRecord
	return r, sc.Scan(&r.ID, &r.MediaID, &r.AlertID, &r.ARCRef, &r.Item, &r.SHA256, &r.Size, &r.Rule, &r.RuleText,
		&r.DueAt, &r.DestroyedAt, &r.DestroyedBy, &r.FileAction)
}

// DestructionRecords lists destruction records, newest first; alertID 0 means all.
func (s *Store) DestructionRecords(ctx context.Context, alertID int64, limit int) ([]DestructionRecord, error) {
	if limit <= 0 || limit > 10000 {
		limit = 10000
	}
	q := `SELECT ` + destructionColumns + ` FROM destruction_records d LEFT JOIN alerts a ON a.id = d.alert_id`
	args := []any{}
	if alertID != 0 {
		q, args = q+` WHERE d.alert_id = ?`, append(args, alertID)
	}
	return queryList(ctx, s.db, q+` ORDER BY d.id DESC LIMIT `+strconv.Itoa(limit), args, scanDestruction)
}

// RemovedFiles lists the vault hashes destruction records say were removed
// and that no kept recording uses, so a purge can retry a removal that failed.
func (s *Store) RemovedFiles(ctx context.Context) ([]string, error) {
	// ARC documents destroyed with their alert's recordings count too; the
	// vault's own check (VaultFileInUse) has the last word on every file.
	return queryList(ctx, s.db, `SELECT DISTINCT d.sha256 FROM destruction_records d WHERE d.file_action = ?
		AND NOT EXISTS (SELECT 1 FROM media m WHERE m.sha256 = d.sha256 AND m.destroyed_at IS NULL)
		UNION SELECT DISTINCT x.sha256 FROM arc_destruction_records x WHERE x.file_action = ?
		AND NOT EXISTS (SELECT 1 FROM media m WHERE m.sha256 = x.sha256 AND m.destroyed_at IS NULL)`, []any{FileRemoved, FileRemoved},
		func(sc interface{ Scan(...any) error }) (string, error) {
			var s string
			return s, sc.Scan(&s)
		})
}

// destroyTranscripts removes the words of every transcript of a recording
// being destroyed: a transcript is the recording's content written down, so
// the retention rule that ends the recording ends it too. Every revision's
// text and the speakers' names go; the transcript row stays, empty, as the
// record that it existed (who made it, when, for which case and exhibit).
// It returns how many transcripts were emptied.
func destroyTranscripts(ctx context.Context, tx *sql.Tx, mediaID int64) (int, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM transcript_revisions
		WHERE transcript_id IN (SELECT id FROM transcripts WHERE media_id = ?)`, mediaID); err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `UPDATE transcripts SET speakers = '[]' WHERE media_id = ?`, mediaID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
