package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// Provenance records how a working copy of a recording was made.
type Provenance struct {
	MediaID      int64  `json:"mediaId"`
	SourceID     int64  `json:"sourceId"`
	SourceSHA256 string `json:"sourceSha256"`
	Command      string `json:"command"`
	ToolVersion  string `json:"toolVersion"`
	Actor        string `json:"actor"`
	At           int64  `json:"at"`
}

// AddWorkingCopy records a converted copy already in the vault as a new media row of kind
// working_copy derived from its source, with its provenance and an audit entry, in one
// transaction. Adding the same copy twice returns the existing row.
func (s *Store) AddWorkingCopy(ctx context.Context, m Media, p Provenance) (int64, error) {
	if m.DerivedFrom == nil {
		return 0, fmt.Errorf("working copy %s: no source recording given", m.OriginalName)
	}
	var id int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT id FROM media WHERE alert_id = ? AND sha256 = ?`, m.AlertID, m.SHA256).Scan(&id)
		if err == nil {
			return nil
		}
		if err != sql.ErrNoRows {
			return err
		}
		newID, err := insertRowID(ctx, tx, `INSERT INTO media(alert_id, kind, original_name, sha256, size, codec, sample_rate,
			channels, duration_ms, vault_path, recorded_at, derived_from) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
			m.AlertID, "working_copy", m.OriginalName, m.SHA256, m.Size, m.Codec, m.SampleRate, m.Channels,
			m.DurationMS, m.VaultPath, nullInt(m.RecordedAt), *m.DerivedFrom)
		if err != nil {
			return fmt.Errorf("working copy %s: %w", m.OriginalName, err)
		}
		id = newID
		if _, err := tx.ExecContext(ctx, `INSERT INTO media_provenance(media_id, source_id, source_sha256, command,
			tool_version, actor, at) VALUES (?,?,?,?,?,?,?)`, id, *m.DerivedFrom, p.SourceSHA256, p.Command,
			p.ToolVersion, p.Actor, p.At); err != nil {
			return fmt.Errorf("working copy %s: provenance: %w", m.OriginalName, err)
		}
		detail, _ := json.Marshal(map[string]any{"source": *m.DerivedFrom, "sourceSha256": p.SourceSHA256,
			"sha256": m.SHA256, "command": p.Command, "toolVersion": p.ToolVersion})
		_, err = s.AppendAudit(ctx, tx, AuditEntry{At: p.At, Actor: p.Actor, Action: "recording.working_copy",
			ObjectType: "media", ObjectID: fmt.Sprint(id), Detail: string(detail)})
		return err
	})
	return id, err
}

// MediaProvenance returns how a working copy was made, or ErrNotFound for an original.
func (s *Store) MediaProvenance(ctx context.Context, mediaID int64) (Provenance, error) {
	var p Provenance
	err := s.db.QueryRowContext(ctx, `SELECT media_id, source_id, source_sha256, command, tool_version, actor, at
		FROM media_provenance WHERE media_id = ?`, mediaID).Scan(&p.MediaID, &p.SourceID, &p.SourceSHA256,
		&p.Command, &p.ToolVersion, &p.Actor, &p.At)
	if err == sql.ErrNoRows {
		return p, fmt.Errorf("provenance of recording %d: %w", mediaID, ErrNotFound)
	}
	return p, err
}

// AlertByRef finds an alert by the ARC's reference (the first if two providers share one).
func (s *Store) AlertByRef(ctx context.Context, ref string) (Alert, error) {
	a, err := scanAlert(s.db.QueryRowContext(ctx, "SELECT "+alertColumns+alertFrom+" WHERE a.arc_ref = ? ORDER BY a.id LIMIT 1", ref))
	if err == sql.ErrNoRows {
		return a, fmt.Errorf("alert %s: %w", ref, ErrNotFound)
	}
	return a, err
}
