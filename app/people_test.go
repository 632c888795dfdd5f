package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
	"github.com/nhs-redline/redline/backend/trends"
	"github.com/nhs-redline/redline/backend/vault"
	"github.com/nhs-redline/redline/backend/workspace"
	"github.com/nhs-redline/redline/reports/exports"
)

// roleTeam is the demo's team database with one person per role (and a
// second line manager), an investigator given case A, case A's review
// assigned to the line manager and case B's to the other.
type roleTeam struct {
	db                 string
	admin              *store.Store
	adminDB            *sql.DB
	lsms, inv, lm, lm2 string
	dir                string
	password           string
	caseA, caseB       int64
	mediaA, mediaB     int64
	reviewA, reviewB   int64
}

func newRoleTeam(t *testing.T) roleTeam {
	t.Helper()
	db := roleDemo(t)
	admin, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	adminDB, err := sql.Open("pgx", db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { adminDB.Close() })
	ctx := context.Background()
	b := make([]byte, 3)
	rand.Read(b)
	sfx := hex.EncodeToString(b) // logins belong to the whole server: one set per test
	f := roleTeam{db: db, admin: admin, adminDB: adminDB, password: "correct horse battery staple",
		lsms: "ann" + sfx, inv: "ian" + sfx, lm: "lee" + sfx, lm2: "liz" + sfx, dir: "dee" + sfx}
	for _, p := range []store.Member{{Login: f.lsms, DisplayName: "Ann Lsms", Role: store.RoleLSMS},
		{Login: f.inv, DisplayName: "Ian Vestigator", Role: store.RoleInvestigator},
		{Login: f.lm, DisplayName: "Jo Smith", Role: store.RoleLineManager},
		{Login: f.lm2, DisplayName: "Liz Other", Role: store.RoleLineManager},
		{Login: f.dir, DisplayName: "Dee Rector", Role: store.RoleDirector}} {
		if err := admin.AddMember(ctx, p, f.password, teamNow.Unix()); err != nil {
			t.Fatalf("add %s: %v", p.Login, err)
		}
	}
	// Two cases with a recording each and no signed-off review.
	rows, err := adminDB.QueryContext(ctx, `SELECT c.id, min(m.id) FROM cases c JOIN case_alerts ca ON ca.case_id = c.id
		JOIN media m ON m.alert_id = ca.alert_id
		WHERE NOT EXISTS (SELECT 1 FROM reviews r WHERE r.case_id = c.id AND r.signed_off_at IS NOT NULL)
		GROUP BY c.id ORDER BY c.id LIMIT 2`)
	if err != nil {
		t.Fatal(err)
	}
	var ids [][2]int64
	for rows.Next() {
		var c, m int64
		rows.Scan(&c, &m)
		ids = append(ids, [2]int64{c, m})
	}
	rows.Close()
	if len(ids) != 2 {
		t.Fatalf("the demo has %d cases with a recording and an open review, want 2", len(ids))
	}
	f.caseA, f.mediaA, f.caseB, f.mediaB = ids[0][0], ids[0][1], ids[1][0], ids[1][1]

	// The LSMS sets the work out through the window's own services.
	_, lsms := roleSession(t, f, f.lsms)
	if _, err := lsms.people.AssignInvestigator(f.caseA, f.inv); err != nil {
		t.Fatalf("assign the investigator: %v", err)
	}
	va, err := lsms.reviews.AssignLineManager(f.caseA, f.lm, "")
	if err != nil {
		t.Fatalf("assign review A: %v", err)
	}
	vb, err := lsms.reviews.AssignLineManager(f.caseB, f.lm2, "")
	if err != nil {
		t.Fatalf("assign review B: %v", err)
	}
	f.reviewA, f.reviewB = va.Review.ID, vb.Review.ID
	if va.Review.LineManager != "Jo Smith" || va.Review.LineManagerLogin != f.lm {
		t.Errorf("review A assigned to %q (%q), want Jo Smith under %s", va.Review.LineManager, va.Review.LineManagerLogin, f.lm)
	}
	return f
}

// roleDemo is a team database holding the demo laptop, its evidence files
// included, as `team migrate` copies one.
func roleDemo(t *testing.T) string {
	t.Helper()
	db := teamtest.NewDatabase(t)
	ctx := context.Background()
	laptop, _, err := workspace.CreateDemo(ctx, t.TempDir(), teamNow, workspace.DemoOptions{Letters: exports.LetterDocs})
	if err != nil {
		t.Fatal(err)
	}
	defer laptop.Close()
	if _, err := store.InitTeam(ctx, db); err != nil {
		t.Fatal(err)
	}
	dst, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if _, err := vault.CopyToTeam(ctx, laptop.Vault, dst.VaultBlobs()); err != nil {
		t.Fatal(err)
	}
	if _, err := store.CopyToTeam(ctx, laptop.Store, dst); err != nil {
		t.Fatal(err)
	}
	return db
}

// roleSession is the window started with REDLINE_DB naming the team
// database under login's own login and password.
func roleSession(t *testing.T, f roleTeam, login string) (*session, *app) {
	t.Helper()
	u, err := url.Parse(f.db)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(login, f.password)
	s, a, _ := teamSession(t, u.String())
	if _, err := s.workspace(); err != nil {
		t.Fatalf("%s's window did not open the team database: %v", login, err)
	}
	return s, a
}

// completeForm is a review form with every question answered and no action
// needed, so it may be signed off.
func completeForm() store.ReviewForm {
	return store.ReviewForm{IncidentType: "Verbal abuse", Severity: 2, Recurrence: 3, CostHuman: "Distress", Individuals: "Community nurse",
		WeaknessProcedural: "No pre-visit check", TrainingNeeds: "Conflict resolution", MeasuresReview: "Working", SupportRating: "effective",
		Technology: "Device worked", AARExpected: "Routine visit", AARHappened: "Abuse", AARDifference: "No warning", AARLearn: "Flag address",
		NoActionNeeded: true, NoActionReason: "Measures already in place"}
}

// TestRoles_ThroughTheAppsServices runs the window's own services under each
// role's login against one team database (made once: it is the slow part).
func TestRoles_ThroughTheAppsServices(t *testing.T) {
	f := newRoleTeam(t)
	t.Run("allowed and refused per role", func(t *testing.T) { eachRolesActions(t, f) })
	t.Run("review signed off by the line manager's own login", func(t *testing.T) { signedOffByOwnLogin(t, f) })
}

// eachRolesActions: for each role, a table of what its login may and may not
// do through the window's services. A refusal reaches the page as plain
// words, never as "permission denied for table".
func eachRolesActions(t *testing.T, f roleTeam) {
	type action struct {
		what    string
		allowed bool
		do      func(a *app) error
	}
	ok := func(err error) error { return err }
	listAlerts := func(a *app) error { _, err := a.alerts.List(AlertQuery{Limit: 10}); return err }
	play := func(id int64) func(a *app) error {
		return func(a *app) error { _, err := a.recordings.Open(id); a.recordings.Close(); return err }
	}
	getCase := func(id int64) func(a *app) error { return func(a *app) error { _, err := a.cases.Get(id); return err } }
	getReview := func(id int64) func(a *app) error {
		return func(a *app) error { _, err := a.reviews.Get(id); return err }
	}
	director := func(a *app) error { _, err := a.trends.Report(trends.Query{}); return err }
	cases := func(want ...int64) func(a *app) error {
		return func(a *app) error {
			got, err := a.cases.List(store.CaseFilter{})
			if err != nil {
				return err
			}
			if want != nil {
				var ids []int64
				for _, c := range got {
					ids = append(ids, c.ID)
				}
				if !slices.Equal(ids, want) {
					t.Errorf("cases listed %v, want %v", ids, want)
				}
			} else if len(got) < 2 {
				t.Errorf("the LSMS sees %d cases", len(got))
			}
			return nil
		}
	}
	mine := func(want ...int64) func(a *app) error {
		return func(a *app) error {
			got, err := a.reviews.Mine()
			var ids []int64
			for _, r := range got {
				ids = append(ids, r.ReviewID)
			}
			if err == nil && want != nil && !slices.Equal(ids, want) {
				t.Errorf("My reviews %v, want %v", ids, want)
			}
			return err
		}
	}
	table := map[string]struct {
		login, role string
		actions     []action
	}{
		"line manager": {f.lm, "line_manager", []action{
			{"list their reviews", true, mine(f.reviewA)},
			{"open their review", true, getReview(f.reviewA)},
			{"save their review", true, func(a *app) error { _, err := a.reviews.Save(f.reviewA, completeForm(), store.ReviewSeen{At: store.AsCurrent}); return ok(err) }},
			{"add an action to their review", true, func(a *app) error {
				_, err := a.reviews.AddAction(store.ReviewAction{ReviewID: f.reviewA, Description: "Brief the team", Owner: "Jo Smith", DueOn: "2026-12-20"})
				return err
			}},
			{"open another's review", false, getReview(f.reviewB)},
			{"save another's review", false, func(a *app) error { _, err := a.reviews.Save(f.reviewB, completeForm(), store.ReviewSeen{At: store.AsCurrent}); return err }},
			{"sign off another's review", false, func(a *app) error { _, err := a.reviews.SignOffMine(f.reviewB); return err }},
			{"list alerts", false, listAlerts},
			{"open a case", false, getCase(f.caseA)},
			{"play a recording", false, play(f.mediaA)},
			{"assign an investigator", false, func(a *app) error { _, err := a.people.AssignInvestigator(f.caseA, f.inv); return err }},
		}},
		"investigator": {f.inv, "investigator", []action{
			{"list cases: only the assigned one", true, cases(f.caseA)},
			{"open the assigned case", true, getCase(f.caseA)},
			{"play the assigned case's recording", true, play(f.mediaA)},
			{"open another case", false, getCase(f.caseB)},
			{"play another case's recording", false, play(f.mediaB)},
			{"assign themselves a case", false, func(a *app) error { _, err := a.people.AssignInvestigator(f.caseB, f.inv); return err }},
		}},
		"director": {f.dir, "director", []action{
			{"read the trends", true, director},
			{"list alerts", false, listAlerts},
			{"open a case", false, getCase(f.caseA)},
			{"open a review", false, getReview(f.reviewA)},
			{"play a recording", false, play(f.mediaA)},
		}},
		"LSMS": {f.lsms, "lsms", []action{
			{"list alerts", true, listAlerts},
			{"list every case", true, cases()},
			{"open any case", true, getCase(f.caseB)},
			{"open any review", true, getReview(f.reviewB)},
			{"play any recording", true, play(f.mediaB)},
			{"read the trends", true, director},
			{"list people", true, func(a *app) error { _, err := a.people.List(); return err }},
		}},
	}
	for name, r := range table {
		t.Run(name, func(t *testing.T) {
			_, a := roleSession(t, f, r.login)
			me, err := a.people.Me()
			if err != nil || me.Login != r.login || me.Role != r.role || !me.Team {
				t.Errorf("Me = %+v, %v; want %s as %s", me, err, r.login, r.role)
			}
			for _, x := range r.actions {
				err := x.do(a)
				switch {
				case x.allowed && err != nil:
					t.Errorf("%s: refused: %v", x.what, err)
				case !x.allowed && err == nil:
					t.Errorf("%s: allowed; the role must not", x.what)
				case !x.allowed:
					said := explainForPage(err, nil)
					if said.Ref != "" || strings.Contains(strings.ToLower(said.Message), "permission denied") || strings.Contains(said.Message, "SQLSTATE") {
						t.Errorf("%s: refused as %q (ref %q); want plain words", x.what, said.Message, said.Ref)
					}
				}
			}
		})
	}
}

// signedOffByOwnLogin: the assigned line manager completes and signs off
// their review in the window under their own login; the audit log names that
// login, the case is marked for its closing guard, and another line
// manager's login cannot sign it.
func signedOffByOwnLogin(t *testing.T, f roleTeam) {
	_, other := roleSession(t, f, f.lm2)
	if _, err := other.reviews.SignOffMine(f.reviewA); err == nil {
		t.Fatal("another line manager signed off the review")
	}
	_, a := roleSession(t, f, f.lm)
	if _, err := a.reviews.Save(f.reviewA, completeForm(), store.ReviewSeen{At: store.AsCurrent}); err != nil {
		t.Fatal(err)
	}
	v, err := a.reviews.SignOffMine(f.reviewA)
	if err != nil {
		t.Fatalf("sign off: %v", err)
	}
	if v.Review.SignedOffAt == nil || v.Review.SignedOffBy != "Jo Smith" || v.Review.SignedOffRecordedBy != f.lm {
		t.Errorf("signed off by %q recorded by %q at %v", v.Review.SignedOffBy, v.Review.SignedOffRecordedBy, v.Review.SignedOffAt)
	}
	ctx := context.Background()
	var actor string
	if err := f.adminDB.QueryRowContext(ctx, `SELECT actor FROM audit_log WHERE action = 'review.sign_off' AND object_id = $1`,
		fmt.Sprint(f.reviewA)).Scan(&actor); err != nil || actor != f.lm {
		t.Errorf("the sign-off's audit actor is %q (%v), want the line manager's login %s", actor, err, f.lm)
	}
	if err := f.adminDB.QueryRowContext(ctx, `SELECT actor FROM audit_log WHERE action = 'case.review_signed_off' AND object_id = $1`,
		fmt.Sprint(f.caseA)).Scan(&actor); err != nil || actor != f.lm {
		t.Errorf("the case's mark has actor %q (%v), want %s", actor, err, f.lm)
	}
	c, err := f.admin.Case(ctx, f.caseA)
	if err != nil || c.ReviewSignedOffAt == nil {
		t.Errorf("case A is not marked as reviewed: %v", err)
	}
	if _, err := a.reviews.Save(f.reviewA, completeForm(), store.ReviewSeen{At: store.AsCurrent}); err == nil {
		t.Error("a signed-off review was changed")
	}
}

// TestRefusal_InWords: PostgreSQL's own refusal never reaches the page;
// the words of Redline's functions do.
func TestRefusal_InWords(t *testing.T) {
	raw := &pgconn.PgError{Code: "42501", Message: "permission denied for table alerts", Routine: "aclcheck_error"}
	if got := explainForPage(fmt.Errorf("list alerts: %w", raw), nil); got.Ref != "" || !strings.Contains(got.Message, "Your role does not give access") {
		t.Errorf("raw refusal shown as %+v", got)
	}
	ours := &pgconn.PgError{Code: "42501", Message: "only the LSMS adds people", Routine: "exec_stmt_raise"}
	if got := explainForPage(ours, nil); got.Message != "Only the LSMS adds people." {
		t.Errorf("Redline's own refusal shown as %+v", got)
	}
	if got := refusal(errors.New("plain")); got.Error() != "plain" {
		t.Errorf("refusal changed a plain error: %v", got)
	}
}

// TestPeople_OnALaptopTheOnePersonIsTheLSMS: no team database, one person.
func TestPeople_OnALaptopTheOnePersonIsTheLSMS(t *testing.T) {
	s, _ := testSession(t, teamNow)
	p := &People{s: s}
	me, err := p.Me()
	if err != nil || me.Role != "lsms" || me.Team || me.Login == "" {
		t.Errorf("Me on a laptop = %+v, %v", me, err)
	}
	if list, err := p.List(); err != nil || len(list) != 0 {
		t.Errorf("List on a laptop = %v, %v", list, err)
	}
	if _, err := p.AssignInvestigator(1, "ian"); !errors.Is(err, store.ErrNotTeam) {
		t.Errorf("assigning on a laptop: %v", err)
	}
}
