package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/nhs-redline/redline/backend/problem"
)

// Case assignments (team mode, issue 16): an investigator sees the cases the
// LSMS assigns them, and those cases' evidence alone. The rows live in
// case_assignments (migration 0081), which row-level security reads through
// redline_my_cases(); this file only adds, removes and lists them. Only the
// LSMS may change them: the database grants investigators SELECT alone.

// AssignInvestigator gives login the case. Assigning someone already on the
// case changes nothing and writes no audit entry.
func (s *Store) AssignInvestigator(ctx context.Context, caseID int64, login string, who Who) error {
	if s.engine != Postgres {
		return ErrNotTeam
	}
	return memberProblem(s.Tx(ctx, func(tx *sql.Tx) error {
		if err := checkInvestigator(ctx, tx, login); err != nil {
			return err
		}
		if err := caseExists(ctx, tx, caseID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO case_assignments(case_id, login, assigned_at, assigned_by) VALUES (?,?,?,?)
			ON CONFLICT DO NOTHING`, caseID, login, who.At, who.Actor)
		if err != nil {
			return fmt.Errorf("assign %s to case %d: %w", login, caseID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return s.logChange(ctx, tx, who, "case.assign", "case", caseID, map[string]string{"login": login})
	}))
}

// UnassignInvestigator takes the case from login; they no longer see it or
// its evidence.
func (s *Store) UnassignInvestigator(ctx context.Context, caseID int64, login string, who Who) error {
	if s.engine != Postgres {
		return ErrNotTeam
	}
	return memberProblem(s.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM case_assignments WHERE case_id = ? AND login = ?`, caseID, login)
		if err != nil {
			return fmt.Errorf("unassign %s from case %d: %w", login, caseID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return problem.InField("login", "%s is not assigned to this case.", login)
		}
		return s.logChange(ctx, tx, who, "case.unassign", "case", caseID, map[string]string{"login": login})
	}))
}

// CaseInvestigators lists the people assigned to a case, by login. On a
// laptop there are none: the one person, the LSMS, works every case.
func (s *Store) CaseInvestigators(ctx context.Context, caseID int64) ([]Member, error) {
	if s.engine != Postgres {
		return []Member{}, nil
	}
	out, err := queryList(ctx, s.db, `SELECT p.login, p.display_name, p.role, p.added_at, p.added_by, COALESCE(p.disabled_at, 0), p.disabled_by
		FROM case_assignments a JOIN people p ON p.login = a.login WHERE a.case_id = ? ORDER BY p.login`, []any{caseID},
		func(sc interface{ Scan(...any) error }) (Member, error) {
			var p Member
			return p, sc.Scan(&p.Login, &p.DisplayName, &p.Role, &p.AddedAt, &p.AddedBy, &p.DisabledAt, &p.DisabledBy)
		})
	if out == nil {
		out = []Member{}
	}
	return out, memberProblem(err)
}

// checkInvestigator refuses a login that is no enabled investigator, naming
// the field, before the database's foreign key would say it less plainly.
func checkInvestigator(ctx context.Context, tx *sql.Tx, login string) error {
	var role Role
	var disabled int64
	err := tx.QueryRowContext(ctx, `SELECT role, COALESCE(disabled_at, 0) FROM people WHERE login = ?`, login).Scan(&role, &disabled)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return problem.InField("login", "No one called %s uses this team database.", login)
	case err != nil:
		return err
	case disabled != 0:
		return problem.InField("login", "%s has been disabled and cannot be given cases.", login)
	case role != RoleInvestigator:
		return problem.InField("login", "%s is not an investigator (their role is %s); only investigators are assigned cases.", login, role.Label())
	}
	return nil
}

func caseExists(ctx context.Context, tx *sql.Tx, caseID int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM cases WHERE id = ?`, caseID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("case %d: %w", caseID, ErrNotFound)
	}
	return nil
}

// CaseIDByRef finds a case by its reference (RL-2026-0003), or by its number
// written as digits.
func (s *Store) CaseIDByRef(ctx context.Context, ref string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM cases WHERE ref = ? OR CAST(id AS TEXT) = ?`, ref, ref).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, problem.New("There is no case %s that you can see.", ref)
	}
	return id, err
}
