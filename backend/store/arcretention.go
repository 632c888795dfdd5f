package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Retention of what the ARC sent beyond an alert's recordings (migration
// 0078): its documents (a post-incident report in the vault) and its
// address, words and extra columns (alert_arc) are personal data about the
// alarm, destroyed under the same rule as the alert's recordings, with the
// same legal hold, re-check inside the transaction and destruction record.

// ARCFieldsItem is how a destruction record names the ARC's address and
// extra fields of an alert.
const ARCFieldsItem = "The ARC's address, location source, own words and extra fields"

// ARCRetentionItem is one ARC document, or an alert's ARC fields
// (DocumentID 0), with the facts the retention rules need. The embedded
// item's MediaID is always 0; OriginalName, SHA256 and Size describe the
// document ("" and 0 for the fields).
type ARCRetentionItem struct {
	RetentionItem
	DocumentID int64 `json:"documentId"`
}

const arcRetentionFacts = `a.id, a.arc_ref, a.type, coalesce(a.worker_id, 0), a.raised_at,
	coalesce(k.category, ''), coalesce(k.categorised_at, 0),
	coalesce((SELECT c.ref FROM case_alerts ca JOIN cases c ON c.id = ca.case_id
	          WHERE ca.alert_id = a.id AND c.legal_hold = 1 ORDER BY c.id LIMIT 1), '')`

const arcDocumentSelect = `SELECT ` + arcRetentionFacts + `, d.id, d.original_name, d.sha256, d.size
	FROM alert_documents d JOIN alerts a ON a.id = d.alert_id LEFT JOIN alert_category k ON k.alert_id = a.id
	WHERE d.destroyed_at IS NULL`

const arcFieldsSelect = `SELECT ` + arcRetentionFacts + `, 0, '', '', 0
	FROM alert_arc x JOIN alerts a ON a.id = x.alert_id LEFT JOIN alert_category k ON k.alert_id = a.id
	WHERE 1 = 1`

// reachable is the condition of RetentionCandidates: a triaged red alert,
// or an amber one raised before the bound.
const reachable = ` AND ((a.type = 'red' AND k.category IS NOT NULL) OR (a.type = 'amber' AND a.raised_at < ?))`

func scanARCRetention(sc interface{ Scan(...any) error }) (ARCRetentionItem, error) {
	var it ARCRetentionItem
	err := sc.Scan(&it.AlertID, &it.ARCRef, &it.AlertType, &it.WorkerID, &it.RaisedAt, &it.Category, &it.CategorisedAt,
		&it.HoldCase, &it.DocumentID, &it.OriginalName, &it.SHA256, &it.Size)
	it.OnHold = it.HoldCase != ""
	if it.DocumentID == 0 {
		it.OriginalName = ARCFieldsItem
	}
	return it, err
}

// ARCRetentionCandidates lists the live ARC documents and ARC fields a rule
// could reach, on the same terms as RetentionCandidates.
func (s *Store) ARCRetentionCandidates(ctx context.Context, amberBefore int64) ([]ARCRetentionItem, error) {
	return queryList(ctx, s.db, arcDocumentSelect+reachable+` UNION ALL `+arcFieldsSelect+reachable+` ORDER BY 5, 9`,
		[]any{amberBefore, amberBefore}, scanARCRetention)
}

// ARCDestruction is an ARC document or an alert's ARC fields about to be
// destroyed, and the rule that requires it.
type ARCDestruction struct {
	Item     ARCRetentionItem `json:"item"`
	Rule     string           `json:"rule"`
	RuleText string           `json:"ruleText"`
	DueAt    int64            `json:"dueAt"`
}

// ARCDestructionRecord is what retention leaves behind of an ARC document
// or an alert's ARC fields.
type ARCDestructionRecord struct {
	ID          int64  `json:"id"`
	AlertID     int64  `json:"alertId"`
	ARCRef      string `json:"arcRef"`
	DocumentID  int64  `json:"documentId"` // 0 for the ARC fields
	Item        string `json:"item"`
	SHA256      string `json:"sha256"`
	Size        int64  `json:"size"`
	Rule        string `json:"rule"`
	RuleText    string `json:"ruleText"`
	DueAt       int64  `json:"dueAt"`
	DestroyedAt int64  `json:"destroyedAt"`
	DestroyedBy string `json:"destroyedBy"`
	FileAction  string `json:"fileAction"` // "" for the fields
}

// DestroyARC destroys ARC documents and ARC fields in one transaction, each
// checked again inside it so a legal hold or re-categorisation made since
// planning wins: a document is marked destroyed (its row stays as the
// record that it existed), the fields are deleted with the field history
// imports wrote of them, and each leaves a destruction record and an audit
// entry. It returns the records and the vault hashes nothing live names any
// more, for the caller to remove after the commit.
func (s *Store) DestroyARC(ctx context.Context, ds []ARCDestruction, who Who) ([]ARCDestructionRecord, []string, error) {
	var recs []ARCDestructionRecord
	var files []string
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		recs, files = nil, nil
		for _, d := range ds {
			r, file, done, err := destroyARCItem(ctx, tx, d, who)
			if err != nil {
				return err
			}
			if !done {
				continue
			}
			if err := s.audit(ctx, tx, who, "arc.destroy", "alert", r.AlertID, map[string]any{"arcRef": r.ARCRef,
				"item": r.Item, "document": r.DocumentID, "sha256": r.SHA256, "rule": r.Rule, "file": r.FileAction, "record": r.ID}); err != nil {
				return err
			}
			if file != "" {
				files = append(files, file)
			}
			recs = append(recs, r)
		}
		return nil
	})
	return recs, files, err
}

// destroyARCItem destroys one item inside tx; done is false when it is
// gone already or no longer due (a hold, a new category).
func destroyARCItem(ctx context.Context, tx *sql.Tx, d ARCDestruction, who Who) (r ARCDestructionRecord, file string, done bool, err error) {
	var cur ARCRetentionItem
	if d.Item.DocumentID != 0 {
		cur, err = scanARCRetention(tx.QueryRowContext(ctx, arcDocumentSelect+` AND d.id = ?`, d.Item.DocumentID))
	} else {
		cur, err = scanARCRetention(tx.QueryRowContext(ctx, arcFieldsSelect+` AND a.id = ?`, d.Item.AlertID))
	}
	if err == sql.ErrNoRows {
		return r, "", false, nil
	}
	if err != nil {
		return r, "", false, err
	}
	if cur.OnHold || cur.Category != d.Item.Category || cur.CategorisedAt != d.Item.CategorisedAt {
		return r, "", false, nil
	}
	r = ARCDestructionRecord{AlertID: cur.AlertID, ARCRef: cur.ARCRef, DocumentID: cur.DocumentID, Item: cur.OriginalName,
		SHA256: cur.SHA256, Size: cur.Size, Rule: d.Rule, RuleText: d.RuleText, DueAt: d.DueAt, DestroyedAt: who.At, DestroyedBy: who.Actor}
	if cur.DocumentID != 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE alert_documents SET destroyed_at = ? WHERE id = ?`, who.At, cur.DocumentID); err != nil {
			return r, "", false, fmt.Errorf("mark document %d destroyed: %w", cur.DocumentID, err)
		}
		var live bool
		if err := tx.QueryRowContext(ctx, liveVaultReference, cur.SHA256).Scan(&live); err != nil {
			return r, "", false, err
		}
		r.FileAction = FileRemoved
		if live {
			r.FileAction = FileShared
		} else {
			file = cur.SHA256
		}
	} else {
		if _, err := tx.ExecContext(ctx, `DELETE FROM alert_arc WHERE alert_id = ?`, cur.AlertID); err != nil {
			return r, "", false, fmt.Errorf("destroy the ARC fields of alert %d: %w", cur.AlertID, err)
		}
		// The field history holds the same values as they were and became.
		if _, err := tx.ExecContext(ctx, `UPDATE alert_history SET old_value = '', new_value = ''
			WHERE alert_id = ? AND field IN ('address', 'location_source', 'arc_words', 'arc_extra')`, cur.AlertID); err != nil {
			return r, "", false, fmt.Errorf("destroy the ARC fields' history of alert %d: %w", cur.AlertID, err)
		}
	}
	r.ID, err = insertRowID(ctx, tx, `INSERT INTO arc_destruction_records(alert_id, document_id, item, sha256, size, rule, rule_text,
		due_at, destroyed_at, destroyed_by, file_action) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, r.AlertID, zeroNull(r.DocumentID),
		r.Item, r.SHA256, r.Size, r.Rule, r.RuleText, r.DueAt, r.DestroyedAt, r.DestroyedBy, r.FileAction)
	if err != nil {
		return r, "", false, fmt.Errorf("record destruction of %s of alert %d: %w", r.Item, r.AlertID, err)
	}
	return r, file, true, nil
}

// liveVaultReference is whether anything kept names a vault file: a live
// recording, a letter, or a live ARC document.
const liveVaultReference = `SELECT EXISTS(SELECT 1 FROM media WHERE sha256 = ?1 AND destroyed_at IS NULL)
	OR EXISTS(SELECT 1 FROM letters WHERE docx_sha256 = ?1 OR pdf_sha256 = ?1)
	OR EXISTS(SELECT 1 FROM alert_documents WHERE sha256 = ?1 AND destroyed_at IS NULL)`

// ARCDestructionRecords lists the destruction records of ARC documents and
// fields, newest first; alertID 0 means all.
func (s *Store) ARCDestructionRecords(ctx context.Context, alertID int64) ([]ARCDestructionRecord, error) {
	q := `SELECT d.id, d.alert_id, coalesce(a.arc_ref, ''), coalesce(d.document_id, 0), d.item, d.sha256, d.size, d.rule,
		d.rule_text, d.due_at, d.destroyed_at, d.destroyed_by, d.file_action
		FROM arc_destruction_records d LEFT JOIN alerts a ON a.id = d.alert_id`
	var args []any
	if alertID != 0 {
		q, args = q+` WHERE d.alert_id = ?`, append(args, alertID)
	}
	return queryList(ctx, s.db, q+` ORDER BY d.id DESC`, args, func(sc interface{ Scan(...any) error }) (ARCDestructionRecord, error) {
		var r ARCDestructionRecord
		return r, sc.Scan(&r.ID, &r.AlertID, &r.ARCRef, &r.DocumentID, &r.Item, &r.SHA256, &r.Size, &r.Rule, &r.RuleText,
			&r.DueAt, &r.DestroyedAt, &r.DestroyedBy, &r.FileAction)
	})
}

// DestroyedDocument reports whether retention destroyed the ARC document
// of this name about the alert: a later import of the same export must not
// bring it back.
func (t *ImportTx) DestroyedDocument(alertID int64, name string) (bool, error) {
	var n int
	err := t.w.tx.QueryRowContext(t.w.ctx, `SELECT count(*) FROM alert_documents
		WHERE alert_id = ? AND original_name = ? AND destroyed_at IS NOT NULL`, alertID, name).Scan(&n)
	return n > 0, err
}

// ARCFieldsDestroyed reports whether retention destroyed the ARC's fields
// of the alert: a later import of the same export must not bring them back.
func (t *ImportTx) ARCFieldsDestroyed(alertID int64) (bool, error) {
	var n int
	err := t.w.tx.QueryRowContext(t.w.ctx, `SELECT count(*) FROM arc_destruction_records
		WHERE alert_id = ? AND document_id IS NULL`, alertID).Scan(&n)
	return n > 0, err
}
