package store

import (
	"context"
	"database/sql"
	"fmt"
)

// VaultFileInUse reports whether a live recording or a letter names the vault
// file sum. Such a file must stay; the vault asks this, under its lock, just
// before it removes anything.
func (s *Store) VaultFileInUse(ctx context.Context, sum string) (bool, error) {
	var used bool
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM media WHERE sha256 = ?1 AND destroyed_at IS NULL)
		OR EXISTS(SELECT 1 FROM letters WHERE docx_sha256 = ?1 OR pdf_sha256 = ?1)
		OR EXISTS(SELECT 1 FROM alert_documents WHERE sha256 = ?1 AND destroyed_at IS NULL)`, sum).Scan(&used)
	return used, err
}

// Why the database has a vault file, as the evidence check sees it.
const (
	VaultInUse               = "in_use"               // a live recording, a letter or an ARC document names it
	VaultAwaitingDestruction = "awaiting_destruction" // destroyed by retention; the next purge removes it
	VaultSupersededLetter    = "superseded_letter"    // an earlier draft of a letter, named in the audit log
	VaultUnreferenced        = "unreferenced"         // nothing names it
)

// VaultFileState says why the database has the vault file sum, if it does.
func (s *Store) VaultFileState(ctx context.Context, sum string) (string, error) {
	var state string
	err := s.db.QueryRowContext(ctx, `SELECT CASE
		WHEN EXISTS(SELECT 1 FROM media WHERE sha256 = ?1 AND destroyed_at IS NULL)
		  OR EXISTS(SELECT 1 FROM letters WHERE docx_sha256 = ?1 OR pdf_sha256 = ?1)
		  OR EXISTS(SELECT 1 FROM alert_documents WHERE sha256 = ?1 AND destroyed_at IS NULL) THEN ?2
		WHEN EXISTS(SELECT 1 FROM destruction_records WHERE sha256 = ?1 AND file_action = ?3)
		  OR EXISTS(SELECT 1 FROM arc_destruction_records WHERE sha256 = ?1 AND file_action = ?3) THEN ?4
		WHEN EXISTS(SELECT 1 FROM audit_log WHERE object_type = 'letter' AND action IN ('letter.draft', 'letter.redraft')
		  AND detail LIKE '%"' || ?1 || '"%') THEN ?5
		ELSE ?6 END`, sum, VaultInUse, FileRemoved, VaultAwaitingDestruction, VaultSupersededLetter, VaultUnreferenced).Scan(&state)
	return state, err
}

// EvidenceItem is a live recording as the evidence check reports it.
type EvidenceItem struct {
	MediaID   int64  `json:"mediaId"`
	AlertID   int64  `json:"alertId"`
	ARCRef    string `json:"arcRef"`
	Item      string `json:"item"` // the recording's original name
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
	Cases     string `json:"cases"`     // references of the cases its alert is on, comma-separated; filled by LiveEvidenceItem
	LegalHold bool   `json:"legalHold"` // one of those cases is under legal hold
}

// LiveMediaAfter lists up to limit live recordings with ids above afterID, in
// id order, so a caller can walk them all a page at a time without holding a
// read transaction open while it hashes files.
func (s *Store) LiveMediaAfter(ctx context.Context, afterID int64, limit int) ([]EvidenceItem, error) {
	return queryList(ctx, s.db, `SELECT m.id, m.alert_id, a.arc_ref, m.original_name, m.sha256, m.size
		FROM media m JOIN alerts a ON a.id = m.alert_id
		WHERE m.destroyed_at IS NULL AND m.id > ? ORDER BY m.id LIMIT ?`, []any{afterID, limit},
		func(sc interface{ Scan(...any) error }) (EvidenceItem, error) {
			var it EvidenceItem
			return it, sc.Scan(&it.MediaID, &it.AlertID, &it.ARCRef, &it.Item, &it.SHA256, &it.Size)
		})
}

// LiveMediaTotals counts the live recordings and their bytes.
func (s *Store) LiveMediaTotals(ctx context.Context) (n, bytes int64, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(size), 0) FROM media WHERE destroyed_at IS NULL`).Scan(&n, &bytes)
	return n, bytes, err
}

// LiveEvidenceItem returns a recording with its cases and legal hold, or
// ErrNotFound once it has been destroyed.
func (s *Store) LiveEvidenceItem(ctx context.Context, mediaID int64) (EvidenceItem, error) {
	var it EvidenceItem
	err := s.db.QueryRowContext(ctx, `SELECT m.id, m.alert_id, a.arc_ref, m.original_name, m.sha256, m.size,
		coalesce((SELECT group_concat(ref, ', ') FROM (SELECT c.ref FROM case_alerts ca JOIN cases c ON c.id = ca.case_id
		          WHERE ca.alert_id = a.id ORDER BY c.id) AS refs), ''),
		EXISTS(SELECT 1 FROM case_alerts ca JOIN cases c ON c.id = ca.case_id WHERE ca.alert_id = a.id AND c.legal_hold = 1)
		FROM media m JOIN alerts a ON a.id = m.alert_id WHERE m.id = ? AND m.destroyed_at IS NULL`, mediaID).Scan(
		&it.MediaID, &it.AlertID, &it.ARCRef, &it.Item, &it.SHA256, &it.Size, &it.Cases, &it.LegalHold)
	if err == sql.ErrNoRows {
		return it, fmt.Errorf("recording %d: %w", mediaID, ErrNotFound)
	}
	return it, err
}
