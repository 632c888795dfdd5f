package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"unicode/utf8"
)

// ImportProblem is one line of an import's validation report, as stored.
// It mirrors arc.Problem (store cannot import arc).
type ImportProblem struct {
	File     string `json:"file"`
	Kind     string `json:"kind"`
	Line     int    `json:"line"`
	Column   string `json:"column"`
	Value    string `json:"value"`
	Ref      string `json:"ref"`
	Severity string `json:"severity"`
	Reason   string `json:"reason"`
}

// maxProblemValue bounds a stored value: a report names the cell, it need
// not hold a megabyte of it.
const maxProblemValue = 2000

func clipValue(s string) string {
	if len(s) <= maxProblemValue {
		return s
	}
	cut := maxProblemValue
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

const insertProblem = `INSERT INTO import_problems(import_id, file, kind, line, column_name, value, arc_ref, severity, reason)
	VALUES (?,?,?,?,?,?,?,?,?)`

func addProblems(ctx context.Context, tx *sql.Tx, importID int64, ps []ImportProblem) error {
	if len(ps) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, insertProblem)
	if err != nil {
		return fmt.Errorf("keep the validation report: %w", err)
	}
	defer st.Close()
	for _, p := range ps {
		if _, err := st.ExecContext(ctx, importID, p.File, p.Kind, p.Line, p.Column, clipValue(p.Value), p.Ref,
			p.Severity, p.Reason); err != nil {
			return fmt.Errorf("keep the validation report: %w", err)
		}
	}
	return nil
}

// AddProblems keeps an import's validation report in the import's own
// transaction, so the report and the rows it describes commit together.
func (t *ImportTx) AddProblems(importID int64, ps []ImportProblem) error {
	return addProblems(t.w.ctx, t.w.tx, importID, ps)
}

// RecordRejectedImport keeps the record of an import that validation
// rejected, after its own transaction was rolled back: the imports row
// (status as given, normally "rejected"), its problems and the audit entry,
// all in one small transaction. It touches no alert, fix, log entry or
// recording, so it cannot leave part of an import behind: either the whole
// record is kept or none of it. It returns the new import's id.
func (s *Store) RecordRejectedImport(ctx context.Context, rec ImportRecord, ps []ImportProblem, a AuditEntry) (int64, error) {
	var id int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		newID, err := insertRowID(ctx, tx, `INSERT INTO imports(started_at, finished_at, source, profile, imported_by, status, summary)
			VALUES (?, nullif(?, 0), ?, ?, ?, ?, ?)`, rec.StartedAt, rec.FinishedAt, rec.Source, rec.Profile, rec.ImportedBy,
			rec.Status, rec.Summary)
		if err != nil {
			return fmt.Errorf("record rejected import: %w", err)
		}
		id = newID
		if err := addProblems(ctx, tx, id, ps); err != nil {
			return err
		}
		a.ObjectType, a.ObjectID = "import", fmt.Sprint(id)
		_, err = s.AppendAudit(ctx, tx, a)
		return err
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// ErrNoImport is returned for an import id that is not in the database.
var ErrNoImport = errors.New("no such import")

// ImportByID reads one import record.
func (s *Store) ImportByID(ctx context.Context, id int64) (ImportRecord, error) {
	var r ImportRecord
	err := s.db.QueryRowContext(ctx, `SELECT id, started_at, coalesce(finished_at, 0), source, profile, imported_by,
		status, summary FROM imports WHERE id = ?`, id).
		Scan(&r.ID, &r.StartedAt, &r.FinishedAt, &r.Source, &r.Profile, &r.ImportedBy, &r.Status, &r.Summary)
	if err == sql.ErrNoRows {
		return r, fmt.Errorf("import %d: %w", id, ErrNoImport)
	}
	if err != nil {
		return r, fmt.Errorf("import %d: %w", id, err)
	}
	return r, nil
}

// ImportProblems reads an import's stored validation report, in the order found.
func (s *Store) ImportProblems(ctx context.Context, importID int64) ([]ImportProblem, error) {
	out, err := queryList(ctx, s.db, `SELECT file, kind, line, column_name, value, arc_ref, severity, reason
		FROM import_problems WHERE import_id = ? ORDER BY id`, []any{importID},
		func(sc interface{ Scan(...any) error }) (ImportProblem, error) {
			var p ImportProblem
			return p, sc.Scan(&p.File, &p.Kind, &p.Line, &p.Column, &p.Value, &p.Ref, &p.Severity, &p.Reason)
		})
	if err != nil {
		return nil, fmt.Errorf("import %d report: %w", importID, err)
	}
	return out, nil
}

// ImportCounts is how much of an import's report and quarantine is stored.
type ImportCounts struct {
	Problems    int `json:"problems"`
	Quarantined int `json:"quarantined"`
}

// ImportCounts counts an import's stored problems and quarantined rows.
func (s *Store) ImportCounts(ctx context.Context, importID int64) (ImportCounts, error) {
	var c ImportCounts
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM import_problems WHERE import_id = ?),
		(SELECT count(*) FROM import_quarantine WHERE import_id = ?)`, importID, importID).Scan(&c.Problems, &c.Quarantined)
	if err != nil {
		return c, fmt.Errorf("import %d: %w", importID, err)
	}
	return c, nil
}
