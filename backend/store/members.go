package store

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/nhs-redline/redline/backend/audit"
	"github.com/nhs-redline/redline/backend/problem"
)

// People and roles in a team database (migrations_pg/0081_people.sql). The
// database enforces each role by grants and row-level security; this file
// only asks it to add, disable and re-role people, and reads who they are.
// On a laptop there is one person, the LSMS, and none of this applies.

// Role is what a person may see and do in a team database.
type Role string

const (
	RoleLSMS         Role = "lsms"
	RoleInvestigator Role = "investigator"
	RoleLineManager  Role = "line_manager"
	RoleDirector     Role = "director"
)

// Roles lists every role, in the order screens and help show them.
var Roles = []Role{RoleLSMS, RoleInvestigator, RoleLineManager, RoleDirector}

// Label is the role as people say it.
func (r Role) Label() string {
	switch r {
	case RoleLSMS:
		return "LSMS"
	case RoleInvestigator:
		return "Investigator"
	case RoleLineManager:
		return "Line manager"
	case RoleDirector:
		return "Security director"
	}
	return string(r)
}

// ParseRole reads a role as redline-cli takes it (lsms, investigator,
// line_manager or line-manager, director).
func ParseRole(s string) (Role, bool) {
	r := Role(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_"))
	for _, k := range Roles {
		if r == k {
			return r, true
		}
	}
	return "", false
}

// Member is someone who signs in to the team database as themselves.
type Member struct {
	Login       string `json:"login"`
	DisplayName string `json:"displayName"`
	Role        Role   `json:"role"`
	AddedAt     int64  `json:"addedAt"`
	AddedBy     string `json:"addedBy"`
	DisabledAt  int64  `json:"disabledAt,omitempty"` // 0 while they may sign in
	DisabledBy  string `json:"disabledBy,omitempty"`
}

// ErrNotTeam is asking a laptop's database about people: it has one, the LSMS.
var ErrNotTeam = problem.New("People and roles belong to a team database; on this computer the one person is the LSMS.")

// loginPattern is the database's own rule (redline_add_person), checked
// first so the message can name the field.
var loginPattern = regexp.MustCompile(`^[a-z][a-z0-9_.-]{0,62}$`)

// MinPasswordLength follows NCSC guidance: length over complexity rules.
const MinPasswordLength = 12

// CheckNewMember says what is wrong with a login or password before anything
// is sent to the database.
func CheckNewMember(login, password string) error {
	switch {
	case !loginPattern.MatchString(login) || strings.HasPrefix(login, "redline_") || strings.HasPrefix(login, "pg_"):
		return problem.InField("login", "The login must be lower-case letters, digits, dots, dashes and underscores, "+
			"start with a letter, and not start redline_ or pg_.")
	case len([]rune(password)) < MinPasswordLength:
		return problem.InField("password", "The password must be at least %d characters long.", MinPasswordLength)
	}
	return nil
}

// AddMember creates a login for someone in role, with their password, and
// records who added them, all in one transaction with its audit entry. Only
// an LSMS (or the administrator adding the first one) may; the database says
// no to anyone else. The password leaves this computer only as a SCRAM
// verifier, never as text a server log could keep.
func (s *Store) AddMember(ctx context.Context, p Member, password string, at int64) error {
	if s.engine != Postgres {
		return ErrNotTeam
	}
	if err := CheckNewMember(p.Login, password); err != nil {
		return err
	}
	verifier, err := scramVerifier(password)
	if err != nil {
		return err
	}
	return s.memberTx(ctx, "person.add", p.Login, fmt.Sprintf("role=%s", p.Role), at, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `SELECT redline_add_person(?, ?, ?, ?, ?)`, p.Login, p.DisplayName, string(p.Role), verifier, at)
		return err
	})
}

// DisableMember stops login signing in; they stay in the list and the audit
// log, never deleted.
func (s *Store) DisableMember(ctx context.Context, login string, at int64) error {
	if s.engine != Postgres {
		return ErrNotTeam
	}
	return s.memberTx(ctx, "person.disable", login, "", at, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `SELECT redline_disable_person(?, ?)`, login, at)
		return err
	})
}

// SetMemberRole moves login to another role. Only an LSMS may.
func (s *Store) SetMemberRole(ctx context.Context, login string, role Role, at int64) error {
	if s.engine != Postgres {
		return ErrNotTeam
	}
	return s.memberTx(ctx, "person.role", login, "role="+string(role), at, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `SELECT redline_set_role(?, ?)`, login, string(role))
		return err
	})
}

// memberTx runs one change to people with its audit entry, whose actor is the
// login the database knows, not a name this computer asserts.
func (s *Store) memberTx(ctx context.Context, action, login, detail string, at int64, change func(*sql.Tx) error) error {
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		if err := change(tx); err != nil {
			return err
		}
		var actor string
		if err := tx.QueryRowContext(ctx, `SELECT session_user`).Scan(&actor); err != nil {
			return err
		}
		_, err := s.AppendAudit(ctx, tx, AuditEntry{At: at, Actor: actor, Action: action, ObjectType: "person",
			ObjectID: login, Detail: detail})
		return err
	})
	return memberProblem(err)
}

// memberProblem turns the database's refusals (raised by the 0081 functions
// with their own words) into problems; anything else stays an error.
func memberProblem(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	switch {
	case pe.Code == "42710": // duplicate_object: CREATE ROLE of a login that exists
		return problem.InField("login", "That login is already taken on this database server.")
	case pe.Routine != "exec_stmt_raise":
		// Not the 0081 functions' own words (RAISE) but PostgreSQL's, such as
		// "permission denied for table", which the window says in its own.
		return err
	case pe.Code == "42501", pe.Code == "22023", pe.Code == "P0002": // insufficient_privilege, invalid_parameter_value, no_data_found
		return problem.New("%s.", capitalise(pe.Message))
	}
	return err
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Members lists everyone the team database knows, disabled people included,
// by login.
func (s *Store) Members(ctx context.Context) ([]Member, error) {
	if s.engine != Postgres {
		return nil, ErrNotTeam
	}
	rows, err := s.db.QueryContext(ctx, `SELECT login, display_name, role, added_at, added_by,
		COALESCE(disabled_at, 0), disabled_by FROM people ORDER BY login`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var p Member
		if err := rows.Scan(&p.Login, &p.DisplayName, &p.Role, &p.AddedAt, &p.AddedBy, &p.DisabledAt, &p.DisabledBy); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SignedIn is the login this store's connections use and its role, or an
// empty role for the administrator (a login that is no person). On a laptop
// it is ("", RoleLSMS): the one person.
func (s *Store) SignedIn(ctx context.Context) (string, Role, error) {
	if s.engine != Postgres {
		return "", RoleLSMS, nil
	}
	var login string
	var role sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT session_user, (SELECT role FROM people WHERE login = session_user)`).
		Scan(&login, &role)
	return login, Role(role.String), err
}

// scramVerifier is what PostgreSQL stores for a SCRAM-SHA-256 password
// (RFC 5802, RFC 7677), made here as psql's \password does, so the server
// never sees the password itself.
func scramVerifier(password string) (string, error) {
	const iterations = 4096 // PostgreSQL's scram_iterations default
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	salted, err := pbkdf2.Key(sha256.New, password, salt, iterations, sha256.Size)
	if err != nil {
		return "", err
	}
	clientKey := hmacSHA256(salted, "Client Key")
	stored := sha256.Sum256(clientKey)
	serverKey := hmacSHA256(salted, "Server Key")
	b64 := base64.StdEncoding.EncodeToString
	return fmt.Sprintf("SCRAM-SHA-256$%d:%s$%s:%s", iterations, b64(salt), b64(stored[:]), b64(serverKey)), nil
}

func hmacSHA256(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// Member is one person of the team database, or ErrNotFound.
func (s *Store) Member(ctx context.Context, login string) (Member, error) {
	if s.engine != Postgres {
		return Member{}, ErrNotTeam
	}
	var p Member
	err := s.db.QueryRowContext(ctx, `SELECT login, display_name, role, added_at, added_by, COALESCE(disabled_at, 0), disabled_by
		FROM people WHERE login = ?`, login).Scan(&p.Login, &p.DisplayName, &p.Role, &p.AddedAt, &p.AddedBy, &p.DisabledAt, &p.DisabledBy)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("person %q: %w", login, ErrNotFound)
	}
	return p, err
}

// identity is who a team store's connections sign in as; it cannot change
// while the store is open (the URL names the login).
type identity struct {
	login string
	role  Role // "" for the administrator, who is no person
}

// whoAmI is the signed-in login and role, read once per store, so the query
// paths that depend on the role (reviewFrom) cost no round trip each time. A person
// re-roled while signed in keeps the old path until they sign in again; the
// database still enforces the new role, so at worst they are refused.
func (s *Store) whoAmI(ctx context.Context) (identity, error) {
	if id := s.who.Load(); id != nil {
		return *id, nil
	}
	login, role, err := s.SignedIn(ctx)
	if err != nil {
		return identity{}, err
	}
	id := identity{login, role}
	s.who.Store(&id)
	return id, nil
}

// PersonLogin is the signed-in person's login in a team database, or "" on a
// laptop and for the administrator: the name every audit entry must carry
// (the audit_log_actor trigger refuses any other).
func (s *Store) PersonLogin(ctx context.Context) (string, error) {
	if s.engine != Postgres {
		return "", nil
	}
	id, err := s.whoAmI(ctx)
	if err != nil || id.role == "" {
		return "", err
	}
	return id.login, nil
}

// Actor is who the audit log and the rows a change writes must name: in a
// team database the signed-in person's login (the audit_log_actor trigger
// refuses any other); on a laptop, and for the administrator, who is no
// person, the computer's signed-in account.
func (s *Store) Actor(ctx context.Context) string {
	if login, err := s.PersonLogin(ctx); err == nil && login != "" {
		return login
	}
	return audit.Actor()
}

// lineManagerPath says whether this store's queries must reach case facts
// through review_case_facts: a line manager may not read cases at all.
func (s *Store) lineManagerPath(ctx context.Context) bool {
	if s.engine != Postgres {
		return false
	}
	id, err := s.whoAmI(ctx)
	return err == nil && id.role == RoleLineManager
}

// investigatorPath says whether this store's queries must read what an
// investigator needs of a table they may not read whole (the known-risk
// register) through the function made for them (0088).
func (s *Store) investigatorPath(ctx context.Context) bool {
	if s.engine != Postgres {
		return false
	}
	id, err := s.whoAmI(ctx)
	return err == nil && id.role == RoleInvestigator
}
