package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
	"github.com/nhs-redline/redline/backend/transcript"
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
	info := func(id int64) func(a *app) error {
		return func(a *app) error { _, err := a.recordings.Info(id); return err }
	}
	alertDetail := func(id int64) func(a *app) error {
		return func(a *app) error { _, err := a.alerts.Detail(id); return err }
	}
	transcribe := func(id int64) func(a *app) error {
		return func(a *app) error {
			doc, err := a.transcripts.New(id)
			if err == nil {
				_, err = a.transcripts.List(id)
				if doc.MediaID != id {
					t.Errorf("transcript made for recording %d, want %d", doc.MediaID, id)
				}
			}
			return err
		}
	}
	// saveAndSign types a line into a new transcript of the recording and
	// signs it as its transcriber: an investigator prepares the transcript
	// exhibits of their own cases.
	saveAndSign := func(id int64) func(a *app) error {
		return func(a *app) error {
			doc, err := a.transcripts.New(id)
			if err != nil {
				return err
			}
			segs := append(doc.Segments, transcript.Segment{StartMs: 0, EndMs: 1000, Speaker: "Lone worker", Text: "Help, he is at the door."})
			doc, err = a.transcripts.Save(transcript.Edit{ID: doc.ID, Base: doc.Revision, Segments: segs})
			if err != nil {
				return err
			}
			_, err = a.transcripts.Sign(doc.ID, doc.Revision, "transcribed", "Ian Vestigator")
			return err
		}
	}
	listens := func(id int64) func(a *app) error {
		return func(a *app) error { _, err := a.bundles.Listens(id); return err }
	}
	exhibits := func(id int64) func(a *app) error {
		return func(a *app) error { _, err := a.bundles.Exhibits(id); return err }
	}
	build := func(id int64) func(a *app) error { return func(a *app) error { return buildBundle(t, f, a, id) } }
	table := map[string]struct {
		login, role string
		actions     []action
	}{
		"line manager": {f.lm, "line_manager", []action{
			{"list their reviews", true, mine(f.reviewA)},
			{"open their review", true, getReview(f.reviewA)},
			{"save their review", true, func(a *app) error {
				_, err := a.reviews.Save(f.reviewA, completeForm(), store.ReviewSeen{At: store.AsCurrent})
				return ok(err)
			}},
			{"add an action to their review", true, func(a *app) error {
				_, err := a.reviews.AddAction(store.ReviewAction{ReviewID: f.reviewA, Description: "Brief the team", Owner: "Jo Smith", DueOn: "2026-12-20"})
				return err
			}},
			{"open another's review", false, getReview(f.reviewB)},
			{"save another's review", false, func(a *app) error {
				_, err := a.reviews.Save(f.reviewB, completeForm(), store.ReviewSeen{At: store.AsCurrent})
				return err
			}},
			{"sign off another's review", false, func(a *app) error { _, err := a.reviews.SignOffMine(f.reviewB); return err }},
			{"list alerts", false, listAlerts},
			{"open a case", false, getCase(f.caseA)},
			{"play a recording", false, play(f.mediaA)},
			{"assign an investigator", false, func(a *app) error { _, err := a.people.AssignInvestigator(f.caseA, f.inv); return err }},
		}},
		"investigator": {f.inv, "investigator", []action{
			{"list cases: only the assigned one", true, cases(f.caseA)},
			{"open the assigned case", true, getCase(f.caseA)},
			{"see the assigned case's recordings", true, alertDetail(f.alertOf(t, f.mediaA))},
			{"show the player of the assigned case's recording", true, info(f.mediaA)},
			{"play the assigned case's recording", true, play(f.mediaA)},
			{"make a transcript of it", true, transcribe(f.mediaA)},
			{"type and sign its transcript", true, saveAndSign(f.mediaA)},
			{"read its listen log", true, listens(f.mediaA)},
			{"list the assigned case's exhibits", true, exhibits(f.caseA)},
			{"build the assigned case's court bundle", true, build(f.caseA)},
			{"see the known risks near the assigned case, as the LSMS does", true, sameCaseMap(t, f, f.redOf(t, f.caseA), f.redOf(t, f.caseB))},
			{"open another case", false, getCase(f.caseB)},
			{"see another case's recordings", false, alertDetail(f.alertOf(t, f.mediaB))},
			{"show the player of another case's recording", false, info(f.mediaB)},
			{"play another case's recording", false, play(f.mediaB)},
			{"make a transcript of another case's recording", false, transcribe(f.mediaB)},
			{"read another recording's listen log", false, listens(f.mediaB)},
			{"list another case's exhibits", false, exhibits(f.caseB)},
			{"build another case's court bundle", false, build(f.caseB)},
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

// alertOf is the alert a recording belongs to, read by the administrator.
func (f roleTeam) alertOf(t *testing.T, media int64) int64 {
	t.Helper()
	var id int64
	if err := f.adminDB.QueryRowContext(context.Background(), `SELECT alert_id FROM media WHERE id = $1`, media).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// sameCaseMap: the case map of a red alert (drawn into the court bundle)
// lists the same known-risk locations under the window's login as under the
// administrator's, although an investigator may not read the register: a
// location by the other case's alarm never reaches them.
func sameCaseMap(t *testing.T, f roleTeam, mine, other int64) func(a *app) error {
	return func(a *app) error {
		ctx := context.Background()
		ws, err := a.s.workspace()
		if err != nil {
			return err
		}
		ms, err := geo.LoadMapSettings(ctx, f.admin)
		if err != nil {
			return err
		}
		for label, alert := range map[string]int64{"By the assigned case": mine, "By another case": other} {
			cm, err := geo.BuildCaseMap(ctx, f.admin, alert, ms.CaseRiskRadiusM)
			if err != nil || cm.RedLat == nil {
				return fmt.Errorf("alert %d has no place on its case map: %v", alert, err)
			}
			if _, err := f.adminDB.ExecContext(ctx, `INSERT INTO known_risk_locations(label, lat, lon, radius_m, reason, added_at, updated_at)
				VALUES ($1, $2, $3, 50, 'Dog', 1, 1)`, label, *cm.RedLat+0.0005, *cm.RedLon); err != nil {
				return err
			}
		}
		want, err := geo.BuildCaseMap(ctx, f.admin, mine, ms.CaseRiskRadiusM)
		if err != nil {
			return err
		}
		got, err := geo.BuildCaseMap(ctx, ws.Store, mine, ms.CaseRiskRadiusM)
		if err != nil {
			return err
		}
		if len(want.KnownRisks) == 0 {
			t.Errorf("no known-risk location near alert %d: the check would prove nothing", mine)
		}
		if !reflect.DeepEqual(got.KnownRisks, want.KnownRisks) {
			t.Errorf("known risks on the case map: %+v, want the LSMS's %+v", got.KnownRisks, want.KnownRisks)
		}
		all, err := ws.Store.KnownRisks(ctx, true)
		for _, k := range all {
			if k.Label == "By another case" {
				t.Errorf("the window reads the known-risk location by another case's alarm")
			}
		}
		return err
	}
}

// redOf is a red alert of a case, read by the administrator.
func (f roleTeam) redOf(t *testing.T, caseID int64) int64 {
	t.Helper()
	var id int64
	if err := f.adminDB.QueryRowContext(context.Background(), `SELECT min(a.id) FROM case_alerts ca JOIN alerts a ON a.id = ca.alert_id
		WHERE ca.case_id = $1 AND a.type = 'red'`, caseID).Scan(&id); err != nil {
		t.Fatalf("case %d has no red alert: %v", caseID, err)
	}
	return id
}

// buildBundle builds a case's evidence package through the window's Bundles
// service, as the case page does, into a folder the dialog gives. Built, it
// must be the login's own export: the audit entry and the export register
// name that login, never the Windows account.
func buildBundle(t *testing.T, f roleTeam, a *app, caseID int64) error {
	bp := &bundlePlatform{dir: t.TempDir()}
	plat := func() platform { return bp }
	b := newBundles(a.s, plat, newJobs(plat))
	id, err := b.Build("", caseID, PackageChoice{})
	if err != nil {
		return err
	}
	done := bp.done(t, id)
	if done.Error != "" {
		return errors.New(done.Error)
	}
	if !done.Chosen || done.Result == nil || len(done.Result.Files) == 0 {
		t.Errorf("bundle of case %d: %+v", caseID, done)
		return nil
	}
	login := actorOf(a.s)
	var n int
	if err := f.adminDB.QueryRowContext(context.Background(), `SELECT count(*) FROM audit_log
		WHERE actor = $1 AND action = 'bundle.package' AND object_id = $2`, login, fmt.Sprint(caseID)).Scan(&n); err != nil || n == 0 {
		t.Errorf("no export audit entry names %s (%d, %v)", login, n, err)
	}
	if err := f.adminDB.QueryRowContext(context.Background(), `SELECT count(*) FROM export_register WHERE actor = $1 AND format = 'bagit'`,
		login).Scan(&n); err != nil || n == 0 {
		t.Errorf("the export register does not name %s (%d, %v)", login, n, err)
	}
	return nil
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
