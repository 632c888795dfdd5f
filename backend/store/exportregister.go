package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// An ExportRecord is one row of the export register: an export, the audit
// head the exported document carries (the newest entry when the export
// began) and the file it made. It is written in the same transaction as the
// export's own audit entry, and CheckAuditLog checks the log against every
// head in it, so a log rewritten or cut back after a document left Redline
// no longer holds the head that document shows.
type ExportRecord struct {
	Seq       int64       `json:"seq"`       // the export's own audit entry
	EntryHash string      `json:"entryHash"` // and its hash
	Head      AuditAnchor `json:"head"`      // the head the document carries; zero when the log was empty
	// InDocument says the document prints Head (in a footer, its properties or
	// a closing line). A binary evidence copy (a WAV) cannot: only the register keeps it.
	InDocument bool   `json:"inDocument"`
	File       string `json:"file"` // the file's base name, or "standard output"
	Format     string `json:"format"`
	SHA256     string `json:"sha256"` // of the bytes written
	At         int64  `json:"at"`
	Actor      string `json:"actor"`
}

// ExportHeadField is the field of an export's audit entry detail (JSON)
// naming the head its document carries, as AuditAnchor.String writes it.
// The entry must also name the file's SHA-256 as "sha256": the register row
// is checked against both, so the keyed chain vouches for the register.
const ExportHeadField = "auditHead"

// AuditExport appends an export's audit entry and its register row in one
// transaction: an export is recorded in both or in neither. r's Seq,
// EntryHash, At and Actor are taken from the entry.
func (s *Store) AuditExport(ctx context.Context, e AuditEntry, r ExportRecord) (ExportRecord, error) {
	if !exportEntryNames(e.Detail, r) {
		return r, fmt.Errorf("audit: the entry for the export of %s must name its file's SHA-256 and the head it carries (%s)", r.File, r.Head)
	}
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		out, err := s.AppendAudit(ctx, tx, e)
		if err != nil {
			return err
		}
		r.Seq, r.EntryHash, r.At, r.Actor = out.Seq, out.Hash, out.At, out.Actor
		_, err = tx.ExecContext(ctx, `INSERT INTO export_register(seq, entry_hash, head_seq, head_hash, in_document, file, format, sha256, at, actor)
			VALUES (?,?,?,?,?,?,?,?,?,?)`, r.Seq, r.EntryHash, r.Head.Seq, r.Head.Hash, r.InDocument, r.File, r.Format, r.SHA256, r.At, r.Actor)
		if err != nil {
			return fmt.Errorf("export register: record %s: %w", r.File, err)
		}
		return nil
	})
	return r, err
}

// ExportRegister lists every registered export, oldest first.
func (s *Store) ExportRegister(ctx context.Context) ([]ExportRecord, error) {
	return queryList(ctx, s.db, `SELECT seq, entry_hash, head_seq, head_hash, in_document, file, format, sha256, at, actor
		FROM export_register ORDER BY seq`, nil, func(sc interface{ Scan(...any) error }) (ExportRecord, error) {
		var r ExportRecord
		return r, sc.Scan(&r.Seq, &r.EntryHash, &r.Head.Seq, &r.Head.Hash, &r.InDocument, &r.File, &r.Format, &r.SHA256, &r.At, &r.Actor)
	})
}

// exportEntryNames reports whether an export's audit detail names the
// register row's file hash and head, as JSON fields.
func exportEntryNames(detail string, r ExportRecord) bool {
	return strings.Contains(detail, `"sha256":"`+r.SHA256+`"`) && strings.Contains(detail, `"`+ExportHeadField+`":"`+r.Head.String()+`"`)
}

// describe names the export for a person reading verify's verdict.
func (r ExportRecord) describe() string {
	return fmt.Sprintf("%s (exported %s UK time by %s, audit entry %d)", r.File,
		time.Unix(r.At, 0).In(London).Format("02/01/2006 15:04"), r.Actor, r.Seq)
}
