package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store/teamtest"
)

// A team of five on a fresh team database: an LSMS, an investigator assigned
// to case 1, two line managers with a review each, and a director. Case 2 is
// no one's but the LSMS's. Logins are per test: roles belong to the server.
type teamFixture struct {
	admin                   *Store
	url                     string
	lsms, inv, lm, lm2, dir string
	password                string
	reviewLM, reviewLM2     int64
}

func newTeamFixture(t *testing.T) teamFixture {
	t.Helper()
	teamtest.Skip(t)
	u := initTeamTest(t)
	f := teamFixture{admin: openTeamURL(t, u), url: u, password: "correct horse battery"}
	b := make([]byte, 4)
	rand.Read(b)
	suffix := hex.EncodeToString(b)
	ctx := context.Background()
	add := func(name string, role Role) string {
		login := name + "_" + suffix
		if err := f.admin.AddMember(ctx, Member{Login: login, DisplayName: name, Role: role}, f.password, 1000); err != nil {
			t.Fatalf("add %s: %v", role, err)
		}
		t.Cleanup(func() { teamtest.Exec(t, teamtest.Server(), "DROP ROLE IF EXISTS "+login) })
		return login
	}
	// The database goes before the roles (its grants name them): cleanups run last first.
	f.lsms, f.inv, f.lm, f.lm2, f.dir = add("lsms", RoleLSMS), add("inv", RoleInvestigator),
		add("lm", RoleLineManager), add("lm2", RoleLineManager), add("dir", RoleDirector)
	teamtest.Exec(t, u,
		`INSERT INTO workers(id, ref, name) VALUES (1, 'W1', 'Ann Lone')`,
		`INSERT INTO alerts(id, arc, arc_ref, type, raised_at, worker_id) VALUES (1, 'a', 'R1', 'red', 1, 1), (2, 'a', 'R2', 'red', 2, 1)`,
		`INSERT INTO media(id, alert_id, original_name, sha256, size, vault_path) VALUES (1, 1, 'r1.wav', 'aa', 1, 'x'), (2, 2, 'r2.wav', 'bb', 1, 'y')`,
		`INSERT INTO cases(id, ref, title, origin, incident_at, opened_at, opened_by, updated_at, summary)
			VALUES (1, 'C-1', 'Assault', 'alert', 1, 1, 'x', 1, 'Kicked at the door'), (2, 'C-2', 'Threat', 'alert', 2, 2, 'x', 2, 'Shouted')`,
		`INSERT INTO case_alerts(case_id, alert_id, linked_at, linked_by) VALUES (1, 1, 1, 'x'), (2, 2, 1, 'x')`,
		`INSERT INTO case_assignments(case_id, login, assigned_at, assigned_by) VALUES (1, '`+f.inv+`', 1, 'x')`,
		`INSERT INTO reviews(id, case_id, line_manager, line_manager_login, assigned_at, assigned_by, updated_at, updated_by)
			VALUES (1, 1, 'LM', '`+f.lm+`', 1, 'x', 1, 'x'), (2, 2, 'LM2', '`+f.lm2+`', 1, 'x', 1, 'x')`,
		`INSERT INTO alert_month_counts(month, type, validity, team_id, n) VALUES ('2026-11', 'red', 'genuine', 0, 2)`,
		`INSERT INTO vault_files(sha256, size, chunks, stored_at) VALUES ('`+strings.Repeat("a", 64)+`', 1, 1, 1), ('`+strings.Repeat("b", 64)+`', 1, 1, 1)`,
		`INSERT INTO vault_chunks(sha256, n, data) VALUES ('`+strings.Repeat("a", 64)+`', 0, '\x01'), ('`+strings.Repeat("b", 64)+`', 0, '\x02')`,
		`UPDATE media SET sha256 = '`+strings.Repeat("a", 64)+`' WHERE id = 1`,
		`UPDATE media SET sha256 = '`+strings.Repeat("b", 64)+`' WHERE id = 2`,
	)
	f.reviewLM, f.reviewLM2 = 1, 2
	return f
}

// as opens a raw connection pool with login's own credentials, as psql would.
func (f teamFixture) as(t *testing.T, login string) *sql.DB {
	t.Helper()
	p, err := url.Parse(f.url)
	if err != nil {
		t.Fatal(err)
	}
	p.User = url.UserPassword(login, f.password)
	db, err := sql.Open("pgx", p.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestRoles_EnforcedByTheDatabase runs, for each role, what it may and may
// not do as raw SQL with its own login: the same refusals psql would meet.
func TestRoles_EnforcedByTheDatabase(t *testing.T) {
	f := newTeamFixture(t)
	const denied = -1 // permission denied for the table
	type check struct {
		query string
		rows  int // rows seen or changed, or denied
	}
	table := map[string][]check{
		f.lsms: {
			{`SELECT * FROM cases`, 2}, {`SELECT * FROM media`, 2}, {`SELECT * FROM reviews`, 2}, {`SELECT * FROM vault_chunks`, 2},
			{`SELECT * FROM review_case_facts`, 2}, {`UPDATE cases SET title = 'T' WHERE id = 2`, 1},
		},
		f.inv: {
			{`SELECT * FROM cases`, 1}, {`SELECT * FROM media`, 1}, {`SELECT * FROM alerts`, 1},
			{`SELECT * FROM workers`, 1}, {`SELECT * FROM reviews`, 1}, {`SELECT * FROM case_alerts`, 1},
			{`SELECT * FROM media WHERE id = 2`, 0}, {`UPDATE cases SET title = 'T'`, denied},
			{`SELECT * FROM vault_chunks`, 1}, {`SELECT * FROM vault_files`, 1},
			{`SELECT * FROM review_case_facts`, denied}, {`DELETE FROM media`, denied},
		},
		f.lm: {
			{`SELECT * FROM reviews`, 1}, {`SELECT * FROM review_case_facts`, 1},
			{`UPDATE reviews SET aar_learn = 'Go in pairs'`, 1}, {`UPDATE reviews SET aar_learn = 'x' WHERE id = 2`, 0},
			{`SELECT * FROM media`, denied}, {`SELECT * FROM cases`, denied}, {`SELECT * FROM alerts`, denied},
			{`SELECT * FROM workers`, denied}, {`SELECT * FROM audit_log`, denied}, {`SELECT * FROM transcripts`, denied},
			{`SELECT * FROM vault_chunks`, denied},
		},
		f.lm2: {{`SELECT * FROM reviews`, 1}, {`SELECT * FROM review_case_facts WHERE review_id = 1`, 0}},
		f.dir: {
			{`SELECT * FROM alert_month_counts`, denied}, {`SELECT * FROM alerts`, denied}, {`SELECT * FROM media`, denied},
			{`SELECT * FROM cases`, denied}, {`SELECT * FROM reviews`, denied}, {`SELECT * FROM workers`, denied},
			{`SELECT * FROM vault_chunks`, denied},
		},
	}
	for login, checks := range table {
		db := f.as(t, login)
		for _, c := range checks {
			n, err := rowsOf(db, c.query)
			switch {
			case c.rows == denied && (err == nil || !strings.Contains(err.Error(), "permission denied")):
				t.Errorf("%s: %s: got %d rows, %v; want permission denied", login, c.query, n, err)
			case c.rows != denied && err != nil:
				t.Errorf("%s: %s: %v", login, c.query, err)
			case c.rows != denied && n != c.rows:
				t.Errorf("%s: %s: %d rows, want %d", login, c.query, n, c.rows)
			}
		}
	}
	// A line manager cannot hand their review to someone else.
	if _, err := f.as(t, f.lm).Exec(`UPDATE reviews SET line_manager_login = '` + f.lm2 + `' WHERE id = 1`); err == nil ||
		!strings.Contains(err.Error(), "row-level security") {
		t.Errorf("line manager moved their review to another: %v", err)
	}
}

func rowsOf(db *sql.DB, q string) (int, error) {
	if strings.HasPrefix(q, "SELECT") {
		rows, err := db.Query(q)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			n++
		}
		return n, rows.Err()
	}
	res, err := db.Exec(q)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// TestRoles_OnlyTheLSMSManagesPeople: adding, disabling and re-roling people
// is refused to every other role, by the database; a disabled login cannot
// sign in, stays in the list, and cannot be deleted.
func TestRoles_OnlyTheLSMSManagesPeople(t *testing.T) {
	f := newTeamFixture(t)
	ctx := context.Background()
	for _, login := range []string{f.inv, f.lm, f.dir} {
		_, err := f.as(t, login).Exec(`SELECT redline_set_role($1, 'lsms')`, login)
		if err == nil || !strings.Contains(err.Error(), "only the LSMS changes roles") {
			t.Errorf("%s made themselves LSMS: %v", login, err)
		}
		_, err = f.as(t, login).Exec(`SELECT redline_disable_person($1, 1)`, f.lsms)
		if err == nil || !strings.Contains(err.Error(), "only the LSMS") {
			t.Errorf("%s disabled the LSMS: %v", login, err)
		}
	}
	lsms := openMemberStore(t, f, f.lsms)
	if err := lsms.DisableMember(ctx, f.lm2, 2000); err != nil {
		t.Fatalf("LSMS disables a line manager: %v", err)
	}
	if err := f.as(t, f.lm2).Ping(); err == nil || !strings.Contains(err.Error(), "not permitted to log in") {
		t.Errorf("a disabled login signed in: %v", err)
	}
	if _, err := f.admin.db.Exec(`DELETE FROM people WHERE login = $1`, f.lm2); err == nil ||
		!strings.Contains(err.Error(), "never deleted") {
		t.Errorf("deleting a person: %v", err)
	}
	members, err := lsms.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, m := range members {
		if m.Login == f.lm2 {
			found = m.DisabledAt == 2000 && m.DisabledBy == f.lsms && m.Role == RoleLineManager
		}
	}
	if !found || len(members) != 5 {
		t.Errorf("members after disabling: %+v", members)
	}
	if err := lsms.SetMemberRole(ctx, f.inv, RoleDirector, 2001); err != nil {
		t.Fatalf("LSMS re-roles: %v", err)
	}
	if _, err := rowsOf(f.as(t, f.inv), `SELECT * FROM cases`); err == nil {
		t.Error("an investigator made director still reads cases")
	}
	invStore := openMemberStore(t, f, f.inv)
	err = invStore.AddMember(ctx, Member{Login: "x" + f.inv, Role: RoleLSMS}, f.password, 1)
	var me *problem.Problem
	if !errors.As(err, &me) || !strings.Contains(me.Message, "Only the LSMS adds people") {
		t.Errorf("a director added an LSMS: %v", err)
	}
}

// TestRoles_AuditActorIsTheLogin: every entry a person's login writes names
// that login; naming anyone else is refused by the database, and appenders
// who may not read the log still chain to its true head.
func TestRoles_AuditActorIsTheLogin(t *testing.T) {
	f := newTeamFixture(t)
	ctx := context.Background()
	f.admin.Audit(ctx, AuditEntry{At: 1, Actor: "importer", Action: "import", ObjectType: "import", ObjectID: "1"})
	lm := openMemberStore(t, f, f.lm)
	if _, err := lm.Audit(ctx, AuditEntry{At: 2, Actor: f.lsms, Action: "review.sign_off", ObjectType: "review", ObjectID: "1"}); err == nil ||
		!strings.Contains(err.Error(), "names the person signed in") {
		t.Errorf("a line manager wrote an entry as the LSMS: %v", err)
	}
	e, err := lm.Audit(ctx, AuditEntry{At: 2, Actor: f.lm, Action: "review.sign_off", ObjectType: "review", ObjectID: "1"})
	if err != nil {
		t.Fatalf("a line manager's own entry: %v", err)
	}
	var wantPrev string
	// The admin's entries came first: person.add x5 and the import.
	if err := f.admin.db.QueryRow(`SELECT hash FROM audit_log WHERE seq = $1`, e.Seq-1).Scan(&wantPrev); err != nil {
		t.Fatal(err)
	}
	if e.PrevHash != wantPrev || e.Seq != 7 {
		t.Errorf("line manager's entry seq %d prev %s; want seq 7 chained to %s", e.Seq, e.PrevHash, wantPrev)
	}
	login, role, err := lm.SignedIn(ctx)
	if err != nil || login != f.lm || role != RoleLineManager {
		t.Errorf("SignedIn = %q %q %v", login, role, err)
	}
}

func openMemberStore(t *testing.T, f teamFixture, login string) *Store {
	t.Helper()
	p, _ := url.Parse(f.url)
	p.User = url.UserPassword(login, f.password)
	return openTeamURL(t, p.String())
}

// TestMembers_RefusedOnALaptop: a laptop has one person, the LSMS.
func TestMembers_RefusedOnALaptop(t *testing.T) {
	st := openSQLite(t)
	if err := st.AddMember(context.Background(), Member{Login: "ann", Role: RoleLSMS}, "long enough password", 1); err != ErrNotTeam {
		t.Errorf("AddMember on SQLite: %v", err)
	}
	if _, role, _ := st.SignedIn(context.Background()); role != RoleLSMS {
		t.Errorf("SignedIn on SQLite: %s", role)
	}
}

func TestCheckNewMember(t *testing.T) {
	for login, ok := range map[string]bool{"ann.smith": true, "a": true, "Ann": false, "1ann": false, "redline_lsms": false,
		"pg_read": false, "ann smith": false, "ann;drop": false, strings.Repeat("a", 64): false} {
		if err := CheckNewMember(login, "long enough password"); (err == nil) != ok {
			t.Errorf("login %q: %v", login, err)
		}
	}
	if err := CheckNewMember("ann", "short"); err == nil || !strings.Contains(err.Error(), "12 characters") {
		t.Errorf("short password: %v", err)
	}
}

// TestAssignedReviews_EachLineManagerTheirOwn: the list a line manager's
// login gets is theirs alone, with the case facts the review needs; the LSMS
// sees every review.
func TestAssignedReviews_EachLineManagerTheirOwn(t *testing.T) {
	f := newTeamFixture(t)
	ctx := context.Background()
	got, err := openMemberStore(t, f, f.lm).AssignedReviews(ctx)
	if err != nil || len(got) != 1 || got[0].ReviewID != f.reviewLM || got[0].CaseRef != "C-1" || got[0].CaseTitle != "Assault" {
		t.Errorf("line manager's reviews: %+v %v", got, err)
	}
	got, err = openMemberStore(t, f, f.lm2).AssignedReviews(ctx)
	if err != nil || len(got) != 1 || got[0].ReviewID != f.reviewLM2 {
		t.Errorf("second line manager's reviews: %+v %v", got, err)
	}
	if got, err = openMemberStore(t, f, f.lsms).AssignedReviews(ctx); err != nil || len(got) != 2 {
		t.Errorf("LSMS's reviews: %+v %v", got, err)
	}
	if _, err = openMemberStore(t, f, f.dir).AssignedReviews(ctx); err == nil {
		t.Error("a director listed reviews")
	}
}
