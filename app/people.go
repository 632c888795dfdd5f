package main

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/nhs-redline/redline/backend/audit"
	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
)

// People is the bound service that says who is signed in, and lets the LSMS
// give cases to investigators (issue 16, docs/people-and-roles.md). What
// each role may see is decided by the team database; the window only mirrors it.
type People struct {
	s *session
}

// SignedInPerson is who the window works for: in a team database the
// person the login names, on a laptop the one person, the LSMS.
type SignedInPerson struct {
	Login     string `json:"login"`
	Name      string `json:"name"`
	Role      string `json:"role"`      // lsms, investigator, line_manager or director
	RoleLabel string `json:"roleLabel"` // the role as people say it
	Team      bool   `json:"team"`      // signed in to a team database
}

func (p *People) store() (*store.Store, error) {
	ws, err := p.s.workspace()
	if err != nil {
		return nil, err
	}
	return ws.Store, nil
}

// Me says who is signed in and in which role.
func (p *People) Me() (SignedInPerson, error) {
	st, err := p.store()
	if err != nil {
		return SignedInPerson{}, err
	}
	return signedIn(context.Background(), st)
}

// signedIn reads the person behind st's login. The administrator, who is no
// person, owns every table and so is shown as the LSMS.
func signedIn(ctx context.Context, st *store.Store) (SignedInPerson, error) {
	if st.Engine() != store.Postgres {
		me := audit.Actor()
		return SignedInPerson{Login: me, Name: me, Role: string(store.RoleLSMS), RoleLabel: store.RoleLSMS.Label()}, nil
	}
	login, role, err := st.SignedIn(ctx)
	if err != nil {
		return SignedInPerson{}, err
	}
	me := SignedInPerson{Login: login, Name: login, Role: string(role), Team: true}
	if role == "" {
		me.Role = string(store.RoleLSMS)
	} else if m, err := st.Member(ctx, login); err == nil && m.DisplayName != "" {
		me.Name = m.DisplayName
	}
	me.RoleLabel = store.Role(me.Role).Label()
	return me, nil
}

// List lists the people who may sign in, by login, for the LSMS's pickers;
// on a laptop, no one (the one person is the LSMS).
func (p *People) List() ([]store.Member, error) {
	st, err := p.store()
	if err != nil {
		return nil, err
	}
	out := []store.Member{}
	if st.Engine() != store.Postgres {
		return out, nil
	}
	all, err := st.Members(context.Background())
	if err != nil {
		return nil, err
	}
	for _, m := range all {
		if m.DisabledAt == 0 {
			out = append(out, m)
		}
	}
	return out, nil
}

// CaseInvestigators lists the investigators assigned to a case.
func (p *People) CaseInvestigators(caseID int64) ([]store.Member, error) {
	st, err := p.store()
	if err != nil {
		return nil, err
	}
	return st.CaseInvestigators(context.Background(), caseID)
}

// AssignInvestigator gives an investigator the case; it answers with the
// case's investigators as they now are.
func (p *People) AssignInvestigator(caseID int64, login string) ([]store.Member, error) {
	st, err := p.store()
	if err != nil {
		return nil, err
	}
	if err := st.AssignInvestigator(context.Background(), caseID, login, who(p.s)); err != nil {
		return nil, err
	}
	return st.CaseInvestigators(context.Background(), caseID)
}

// UnassignInvestigator takes the case from an investigator.
func (p *People) UnassignInvestigator(caseID int64, login string) ([]store.Member, error) {
	st, err := p.store()
	if err != nil {
		return nil, err
	}
	if err := st.UnassignInvestigator(context.Background(), caseID, login, who(p.s)); err != nil {
		return nil, err
	}
	return st.CaseInvestigators(context.Background(), caseID)
}

// actorOf is who the audit log and the rows a change writes name: in a team
// database the person's login (the database refuses any other name in the
// log), on a laptop this computer's account.
func actorOf(s *session) string {
	if ws, err := s.workspace(); err == nil {
		return ws.Store.Actor(context.Background())
	}
	return audit.Actor()
}

// explainForPage is the window's ErrorFormatter: problem.Explain, except that
// the team database's refusal of something a role may not do is said in
// words, never as "permission denied for table alerts".
func explainForPage(err error, log *slog.Logger) problem.Public {
	return problem.Explain(refusal(err), log)
}

// refusal turns PostgreSQL's insufficient_privilege into a problem; the
// database's own words from Redline's functions (0081) are kept, the raw
// "permission denied for table" is not.
func refusal(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "42501" {
		return err
	}
	if pe.Routine == "exec_stmt_raise" { // raised by Redline's own functions, already in words
		return problem.New("%s.", capitaliseFirst(pe.Message))
	}
	return problem.New("Your role does not give access to this. If you need it, ask your LSMS.")
}

func capitaliseFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
