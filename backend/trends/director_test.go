package trends

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
)

// The personal details in the director fixture: none may ever reach the
// director, in any row of any function or in the report built from them.
var (
	workerSurname = "Quixby"
	offenderName  = "Xavier Offendington"
	personalText  = []string{workerSurname, offenderName, "Offendington", "Quarry Street", "kicked the door", "QREF", "Rang the police"}
)

// directorTeam is a team database with an LSMS and a security director
// signed in as themselves, and a trust's worth of figures some of which are
// small (1 to 7) and some not.
type directorTeam struct {
	url, password string
	admin         *store.Store
	lsms, dir     *store.Store
	lsmsLogin     string
	dirLogin      string
}

func newDirectorTeam(t *testing.T) directorTeam {
	t.Helper()
	return newDirectorTeamWith(t, func(st *store.Store, u string) { fillDirectorTrust(t, st, u) })
}

// newDirectorTeamWith is a team database with an LSMS and a director, filled by fill as its owner.
func newDirectorTeamWith(t testing.TB, fill func(st *store.Store, u string)) directorTeam {
	t.Helper()
	teamtest.Skip(t)
	ctx := context.Background()
	u := teamtest.NewDatabase(t)
	if _, err := store.InitTeam(ctx, u); err != nil {
		t.Fatalf("team init: %v", err)
	}
	d := directorTeam{url: u, password: "correct horse battery"}
	d.admin = openURL(t, u)
	b := make([]byte, 4)
	rand.Read(b)
	suffix := hex.EncodeToString(b)
	add := func(name string, role store.Role) string {
		login := name + "_" + suffix
		if err := d.admin.AddMember(ctx, store.Member{Login: login, DisplayName: name, Role: role}, d.password, 1000); err != nil {
			t.Fatalf("add %s: %v", role, err)
		}
		t.Cleanup(func() { teamtest.Exec(t, teamtest.Server(), "DROP ROLE IF EXISTS "+login) })
		return login
	}
	d.lsmsLogin, d.dirLogin = add("lsms", store.RoleLSMS), add("dir", store.RoleDirector)
	fill(d.admin, u)
	d.lsms, d.dir = openURL(t, d.as(t, d.lsmsLogin)), openURL(t, d.as(t, d.dirLogin))
	return d
}

func openURL(t testing.TB, u string) *store.Store {
	t.Helper()
	st, err := store.Open(u)
	if err != nil {
		t.Fatalf("open team database: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// as is the database's URL with login's own credentials, as psql would use.
func (d directorTeam) as(t testing.TB, login string) string {
	t.Helper()
	p, err := url.Parse(d.url)
	if err != nil {
		t.Fatal(err)
	}
	p.User = url.UserPassword(login, d.password)
	return p.String()
}

// fillDirectorTrust: October has 20 red alerts in one team (12 genuine, 5
// false, 3 test; 9 to 999, 3 to 101), 2 in another, and 11 ambers from 10
// workers; November 9 red in a third team (one with an escalation the ARC
// typed). Ten October alerts are triaged and have cases, with an offender
// named, decisions (8 police, 2 letters), RIDDOR reports and reviews; nine
// risks are re-scored and nine recordings destroyed.
func fillDirectorTrust(t *testing.T, st *store.Store, u string) {
	t.Helper()
	err := st.Write(context.Background(), func(w *store.Writer) error {
		g1, _ := w.StaffGroup("District nurses")
		g2, _ := w.StaffGroup("Mental health")
		a, _ := w.Team("Harehills nurses", g1, "")
		b, _ := w.Team("Crisis team", g2, "")
		c, _ := w.Team("Night sitters", g1, "")
		mk := func(team int64, n int, tag string) []int64 {
			var ids []int64
			for i := 0; i < n; i++ {
				id, err := w.Worker(store.Worker{Ref: fmt.Sprintf("%s%d", tag, i), Name: fmt.Sprintf("Wilma %s%s %d", workerSurname, tag, i), TeamID: team})
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}
			return ids
		}
		wa, wb, wc := mk(a, 12, "A"), mk(b, 3, "B"), mk(c, 9, "C")
		alert := func(ref, typ string, worker, team, raised int64, validity, esc string, answerSecs int64) {
			ans := raised + answerSecs
			if _, err := w.Alert(store.NewAlert{ARC: "X", ARCRef: ref, Type: typ, WorkerID: worker, TeamID: team, RaisedAt: raised,
				AnsweredAt: &ans, Validity: validity, Escalation: esc}); err != nil {
				t.Fatal(err)
			}
		}
		for i := 0; i < 20; i++ {
			v, e, s := "genuine", "none", int64(5)
			switch {
			case i >= 17:
				v = "test"
			case i >= 12:
				v = "false"
			}
			switch {
			case i < 9:
				e = "999"
			case i < 12:
				e = "101"
			}
			if i >= 15 {
				s = 30
			}
			alert(fmt.Sprintf("QREF-O%02d", i), "red", wa[i%12], a, at(2026, 10, 1+i, 10), v, e, s)
		}
		alert("QREF-C1", "red", wc[0], c, at(2026, 10, 3, 11), "precautionary", "contact", 8)
		alert("QREF-C2", "red", wc[1], c, at(2026, 10, 4, 11), "precautionary", "contact", 8)
		for i := 0; i < 9; i++ {
			alert(fmt.Sprintf("QREF-AM%d", i), "amber", wa[i], a, at(2026, 10, 5+i, 9), "", "", 1)
		}
		alert("QREF-AMB1", "amber", wb[0], b, at(2026, 10, 20, 9), "", "", 1)
		alert("QREF-AMB2", "amber", wb[1], b, at(2026, 10, 21, 9), "", "", 1)
		for i := 0; i < 9; i++ {
			esc := "contact"
			if i == 8 {
				esc = "Rang the police? (operator typed)"
			}
			alert(fmt.Sprintf("QREF-N%d", i), "red", wb[i%3], b, at(2026, 11, 2+i, 10), "precautionary", esc, 12)
		}
		alert("QREF-NA", "amber", wc[2], c, at(2026, 11, 20, 9), "", "", 1)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	oct := `(SELECT id, raised_at, row_number() OVER (ORDER BY raised_at) AS k FROM alerts WHERE arc_ref LIKE 'QREF-O%' ORDER BY raised_at LIMIT 10)`
	day := func(y int, m time.Month, d int) int64 { return at(y, m, d, 12) }
	teamtest.Exec(t, u,
		`INSERT INTO alert_triage(alert_id, category, reason, categorised_by, categorised_at)
			SELECT id, 'genuine', 'seen', 'x', raised_at + 3600 * k FROM `+oct+` o`,
		`INSERT INTO alert_triage(alert_id, category, reason, categorised_by, categorised_at)
			SELECT id, 'precautionary', 'seen', 'x', raised_at + 600 FROM alerts WHERE arc_ref IN ('QREF-N0', 'QREF-N1')`,
		`INSERT INTO cases(id, ref, title, origin, incident_at, summary, opened_at, opened_by, updated_at, riddor_reported_on, legal_hold)
			SELECT k, 'RL-2026-' || k, 'Assault on Wilma `+workerSurname+`', 'alert', raised_at, '`+offenderName+` kicked the door',
				raised_at, 'x', raised_at,
				CASE WHEN k <= 2 THEN to_char(to_timestamp(raised_at) AT TIME ZONE 'Europe/London' + interval '5 days', 'YYYY-MM-DD')
				     WHEN k = 3 THEN '2026-12-01' ELSE '' END,
				CASE WHEN k <= 2 THEN 1 ELSE 0 END
			FROM `+oct+` o`,
		`INSERT INTO case_alerts(case_id, alert_id, linked_at, linked_by) SELECT k, id, raised_at, 'x' FROM `+oct+` o`,
		`INSERT INTO case_people(case_id, role, name, address, added_at, added_by)
			SELECT id, 'alleged_offender', '`+offenderName+`', '12 Quarry Street', 1, 'x' FROM cases`,
		`INSERT INTO case_decisions(case_id, route, reasons, decided_at, decided_by)
			SELECT id, CASE WHEN id <= 8 THEN 'police' ELSE 'sanction_letter' END, 'Offendington again', incident_at + 2 * 86400, 'x' FROM cases`,
		`INSERT INTO letters(ref, case_id, kind, status, recipient, letter_date, template_sha256, docx_sha256, pdf_sha256,
			created_at, created_by, updated_at, issued_on)
			SELECT 'RL-L' || id, id, 'sanction', 'in_force', '`+offenderName+`', '2026-10-20', 'a', 'b', 'c', 1, 'x', 1, '2026-10-20'
			FROM cases WHERE id IN (9, 10)`,
		fmt.Sprintf(`INSERT INTO reviews(case_id, line_manager, due_on, assigned_at, assigned_by, updated_at, updated_by, signed_off_at, individuals)
			SELECT id, 'LM', CASE WHEN id = 1 THEN '2026-11-05' ELSE '2026-11-15' END, 1, 'x', 1, 'x', %d, '`+offenderName+`'
			FROM cases WHERE id <= 9`, day(2026, 11, 10)),
		fmt.Sprintf(`INSERT INTO review_actions(review_id, description, owner, due_on, status, created_at, created_by, updated_at, updated_by)
			SELECT id, 'Talk to `+offenderName+`', 'x', '2026-11-12', 'open', %d, 'x', %d, 'x' FROM reviews WHERE case_id <= 2`,
			day(2026, 11, 1), day(2026, 11, 1)),
		`INSERT INTO risks(ref, title, created_at, created_by, updated_at, updated_by)
			SELECT 'RR-' || g, 'Lone visits to `+offenderName+`', 1, 'x', 1, 'x' FROM generate_series(1, 9) g`,
		fmt.Sprintf(`INSERT INTO risk_scores(risk_id, kind, consequence, likelihood, rating, band, band_set, reason, scored_at, scored_by)
			SELECT id, 'current', 4, 3, 12, 'High', '[]', 'first', %d, 'x' FROM risks`, day(2026, 9, 1)),
		fmt.Sprintf(`INSERT INTO risk_scores(risk_id, kind, consequence, likelihood, rating, band, band_set, reason, scored_at, scored_by)
			SELECT id, 'current', CASE WHEN ref = 'RR-9' THEN 5 ELSE 3 END, CASE WHEN ref = 'RR-9' THEN 4 ELSE 2 END,
				CASE WHEN ref = 'RR-9' THEN 20 ELSE 6 END, CASE WHEN ref = 'RR-9' THEN 'Extreme' ELSE 'Moderate' END, '[]',
				'rescored', %d, 'x' FROM risks`, day(2026, 10, 15)),
		`INSERT INTO media(alert_id, original_name, sha256, size, vault_path)
			SELECT id, 'QREF-' || id || '.wav', md5(id::text), 1, 'x' FROM alerts WHERE type = 'red' ORDER BY id LIMIT 11`,
		fmt.Sprintf(`INSERT INTO destruction_records(media_id, alert_id, item, sha256, size, rule, rule_text, due_at, destroyed_at, destroyed_by, file_action)
			SELECT id, alert_id, original_name, sha256, 1, 'false_red', 'x', %d, %d + CASE WHEN row_number() OVER (ORDER BY id) = 1 THEN 5 * 86400 ELSE 0 END,
				'system', 'overwritten_and_removed' FROM media WHERE alert_id NOT IN (SELECT alert_id FROM case_alerts WHERE case_id <= 2)
			ORDER BY id LIMIT 9`, day(2026, 11, 3), day(2026, 11, 3)),
		`UPDATE media SET destroyed_at = 1 WHERE id IN (SELECT media_id FROM destruction_records)`,
	)
}

func directorWindow() Options {
	return Options{From: time.Date(2026, 9, 1, 0, 0, 0, 0, store.London), To: time.Date(2026, 12, 1, 0, 0, 0, 0, store.London),
		Now: time.Date(2026, 12, 5, 12, 0, 0, 0, store.London), Rules: DefaultRules()}
}

// cellCheck compares one figure the director sees with the LSMS's: a count
// from 1 to 7 is hidden, any other count the same; a rate or median is the
// same or, resting on a hidden count, hidden.
type cellCheck struct {
	t              *testing.T
	same, hidden   int
	hiddenCounts   int
	secondary      []string // larger counts hidden so a total cannot give a small one away
	exactlyOnRates int
}

func (c *cellCheck) count(where string, lsms, dir Value) {
	c.t.Helper()
	small := lsms.Known && lsms.V >= 1 && lsms.V <= hideUpTo
	switch {
	case small && !dir.Suppressed:
		c.t.Errorf("%s: the LSMS's %v reached the director as %+v; want it hidden", where, lsms.V, dir)
	case small:
		c.hidden++
		c.hiddenCounts++
	case dir.Suppressed && lsms.Known && lsms.V > hideUpTo:
		c.hidden++
		c.secondary = append(c.secondary, where)
	case dir != lsms:
		c.t.Errorf("%s: the director sees %+v, the LSMS %+v", where, dir, lsms)
	default:
		c.same++
	}
}

func (c *cellCheck) derived(where string, lsms, dir Value) {
	c.t.Helper()
	switch {
	case dir.Suppressed:
		c.hidden++
	case dir.Known != lsms.Known || dir.Known && abs(dir.V-lsms.V) > 1e-9:
		c.t.Errorf("%s: the director sees %+v, the LSMS %+v", where, dir, lsms)
	default:
		c.same++
		if dir.Known {
			c.exactlyOnRates++
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func compareReports(t *testing.T, lsms, dir Report) *cellCheck {
	t.Helper()
	c := &cellCheck{t: t}
	if len(lsms.Measures) != len(dir.Measures) {
		t.Fatalf("%d measures for the director, %d for the LSMS", len(dir.Measures), len(lsms.Measures))
	}
	for i, lm := range lsms.Measures {
		dm := dir.Measures[i]
		if len(lm.Points) != len(dm.Points) || len(lm.Columns) != len(dm.Columns) {
			t.Fatalf("%s: %d points and %d columns for the director, %d and %d for the LSMS",
				lm.ID, len(dm.Points), len(dm.Columns), len(lm.Points), len(lm.Columns))
		}
		for j, p := range lm.Points {
			where := fmt.Sprintf("%s %s", lm.ID, p.Period)
			if lm.Unit == "count" {
				c.count(where, p.Value, dm.Points[j].Value)
			} else {
				c.derived(where, p.Value, dm.Points[j].Value)
			}
			for k, col := range lm.Columns {
				c.count(where+" "+col.Name, col.Values[j], dm.Columns[k].Values[j])
			}
		}
	}
	if len(lsms.Teams) != len(dir.Teams) || len(lsms.StaffGroups) != len(dir.StaffGroups) {
		t.Fatalf("teams %d/%d, staff groups %d/%d (director/LSMS)", len(dir.Teams), len(lsms.Teams), len(dir.StaffGroups), len(lsms.StaffGroups))
	}
	byTeam := map[string]TeamRow{}
	for _, r := range dir.Teams {
		byTeam[r.Team] = r
	}
	for _, r := range append(lsms.Teams, lsms.TeamsTotal) {
		d, ok := byTeam[r.Team]
		if r.Team == lsms.TeamsTotal.Team {
			d, ok = dir.TeamsTotal, true
		}
		if !ok {
			t.Fatalf("team %s is missing for the director", r.Team)
		}
		c.count(r.Team+" workers", r.Workers, d.Workers)
		c.count(r.Team+" red", r.Red, d.Red)
		c.count(r.Team+" incidents", r.Incidents, d.Incidents)
		c.count(r.Team+" no amber", r.NoAmber, d.NoAmber)
		c.derived(r.Team+" per 1,000", r.PerThousand, d.PerThousand)
	}
	byGroup := map[string]GroupRow{}
	for _, r := range append(dir.StaffGroups, dir.StaffGroupsTotal) {
		byGroup[r.StaffGroup] = r
	}
	for _, r := range append(lsms.StaffGroups, lsms.StaffGroupsTotal) {
		d := byGroup[r.StaffGroup]
		c.count(r.StaffGroup+" workers", r.Workers, d.Workers)
		c.count(r.StaffGroup+" red", r.Red, d.Red)
		c.count(r.StaffGroup+" incidents", r.Incidents, d.Incidents)
		c.derived(r.StaffGroup+" per 1,000", r.PerThousand, d.PerThousand)
	}
	if len(lsms.Snapshot) != len(dir.Snapshot) {
		t.Fatalf("snapshot %v for the director, %v for the LSMS", dir.Snapshot, lsms.Snapshot)
	}
	for i, col := range lsms.Snapshot {
		c.count(col.Name, col.Values[0], dir.Snapshot[i].Values[0])
	}
	moves := map[string]Value{}
	for _, m := range dir.RiskMovement.Moves {
		moves[m.From+">"+m.To] = m.N
	}
	for _, m := range lsms.RiskMovement.Moves {
		c.count("risk "+m.From+" to "+m.To, m.N, moves[m.From+">"+m.To])
	}
	if fmt.Sprint(lsms.RiskMovement.Bands) != fmt.Sprint(dir.RiskMovement.Bands) || lsms.Denominator != dir.Denominator {
		t.Errorf("bands %v / %v, denominator %q / %q (LSMS/director)", lsms.RiskMovement.Bands, dir.RiskMovement.Bands, lsms.Denominator, dir.Denominator)
	}
	return c
}

// TestDirector_SameFiguresAsTheLSMSWithSmallCountsHidden: the director's
// login builds the Reports from the database's aggregates alone, and sees
// every figure the LSMS sees but those resting on counts from 1 to 7.
func TestDirector_SameFiguresAsTheLSMSWithSmallCountsHidden(t *testing.T) {
	d := newDirectorTeam(t)
	ctx := context.Background()
	for _, by := range []string{"month", "week"} {
		for _, shared := range []bool{false, true} {
			o := directorWindow()
			o.By, o.Shared = by, shared
			lsms, err := Build(ctx, d.lsms, o)
			if err != nil {
				t.Fatalf("LSMS: %v", err)
			}
			dir, err := Build(ctx, d.dir, o)
			if err != nil {
				t.Fatalf("director (%s): %v", by, err)
			}
			if shared {
				// Both publish through the same rounding and secondary
				// suppression; the director's hidden cells come from the database.
				lj, _ := json.Marshal(lsms)
				dj, _ := json.Marshal(dir)
				if string(lj) != string(dj) {
					t.Errorf("shared by month: the director's report differs from the LSMS's\nLSMS %s\ndirector %s", lj, dj)
				}
				continue
			}
			if dir.Notice != DirectorNotice || lsms.Notice != "" {
				t.Errorf("by %s: notices %q (director) and %q (LSMS)", by, dir.Notice, lsms.Notice)
			}
			c := compareReports(t, lsms, dir)
			t.Logf("by %s: %d figures the same (%d rates or medians known), %d hidden (%d small counts, secondary: %v)",
				by, c.same, c.exactlyOnRates, c.hidden, c.hiddenCounts, c.secondary)
			if c.hiddenCounts < 10 || c.same < 50 || c.exactlyOnRates < 5 || len(c.secondary) == 0 || len(c.secondary) > c.hiddenCounts {
				t.Errorf("by %s: %d figures the same (%d rates or medians), %d hidden (%d counts): the fixture no longer tests both",
					by, c.same, c.exactlyOnRates, c.hidden, c.hiddenCounts)
			}
		}
	}
	// Spot checks against the fixture, so the comparison cannot pass by both being wrong.
	o := directorWindow()
	dir, err := Build(ctx, d.dir, o)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"red_alerts 2026-10": "22", "red_alerts 2026-11": "9", "false_alarm_rate 2026-10": `{"suppressed":true}`,
		"answered_10s 2026-10": "77.273", "hours_to_triage 2026-10": "5.5", "sanction_rate 2026-10": "100",
		"reviews_in_time 2026-11": "88.889", "destroyed_on_time 2026-11": "88.889", "escalated_police 2026-10": "12",
		"risks_reduced 2026-10": "8", "riddor_in_time 2026-10": `{"suppressed":true}`,
	}
	for _, m := range dir.Measures {
		for _, p := range m.Points {
			k := m.ID + " " + p.Period
			if w, ok := want[k]; ok {
				got, _ := json.Marshal(p.Value)
				if string(got) != w {
					t.Errorf("%s: the director sees %s, want %s", k, got, w)
				}
				delete(want, k)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("figures not in the director's report: %v", want)
	}
	// October's police escalations are 12: 9 to 999 and 3 to 101. With the
	// 3 hidden, 12 - 9 would give it away, so the 9 is hidden too.
	for _, m := range dir.Measures {
		if m.ID != "escalated_police" {
			continue
		}
		for _, c := range m.Columns {
			if (c.Name == "Police (999)" || c.Name == "Police (101)") && !c.Values[0].Suppressed {
				t.Errorf("October's %s reached the director as %+v; want it hidden", c.Name, c.Values[0])
			}
		}
	}
}

// TestDirector_RawSQL: the director's own login, as psql would use it, may
// call the aggregate functions and no table of records; the database's
// threshold is the trends code's.
func TestDirector_RawSQL(t *testing.T) {
	d := newDirectorTeam(t)
	db, err := sql.Open("pgx", d.as(t, d.dirLogin))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	from, to := at(2026, 9, 1, 0), at(2026, 12, 1, 0)
	oct, nov := at(2026, 10, 1, 0), at(2026, 11, 1, 0)
	for _, q := range []string{
		`SELECT redline_trend_first_month()`,
		fmt.Sprintf(`SELECT * FROM redline_trend_period(%d, %d, %d)`, oct, nov, nov),
		fmt.Sprintf(`SELECT * FROM redline_trend_delays(%d, %d)`, oct, nov),
		fmt.Sprintf(`SELECT * FROM redline_trend_range(%d, %d)`, from, to),
		fmt.Sprintf(`SELECT * FROM redline_trend_band_moves(%d, %d)`, from, to),
		`SELECT * FROM teams`, `SELECT * FROM staff_groups`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Errorf("director: %s: %v", q, err)
		}
	}
	// The exact figures behind the functions are no one's to call.
	for _, q := range []string{
		fmt.Sprintf(`SELECT * FROM redline_trend_period_exact(%d, %d, %d)`, oct, nov, nov),
		fmt.Sprintf(`SELECT * FROM redline_trend_range_exact(%d, %d)`, from, to),
		`SELECT * FROM redline_trend_group_sizes()`,
	} {
		if _, err := db.Exec(q); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("director: %s: %v, want permission denied", q, err)
		}
	}
	// Whole London months or weeks alone: two windows a second apart would
	// give single alerts away by subtraction.
	week := at(2026, 10, 5, 0) // a Monday
	for _, q := range []string{
		fmt.Sprintf(`SELECT * FROM redline_trend_period(%d, %d, %d)`, oct, nov-1, nov-1),
		fmt.Sprintf(`SELECT * FROM redline_trend_period(%d, %d, %d)`, oct+1, nov, nov),
		fmt.Sprintf(`SELECT * FROM redline_trend_period(%d, %d, %d)`, from, to, to),
		fmt.Sprintf(`SELECT * FROM redline_trend_period(%d, %d, %d)`, week, week+86400, week+86400),
		fmt.Sprintf(`SELECT * FROM redline_trend_period(%d, %d, %d)`, oct, nov, nov+1),
		fmt.Sprintf(`SELECT * FROM redline_trend_delays(%d, %d)`, oct, oct+3600),
		fmt.Sprintf(`SELECT * FROM redline_trend_range(%d, %d)`, oct, at(2026, 10, 20, 0)),
		fmt.Sprintf(`SELECT * FROM redline_trend_band_moves(%d, %d)`, nov, oct),
	} {
		if _, err := db.Exec(q); err == nil || !strings.Contains(err.Error(), "whole London months or weeks") && !strings.Contains(err.Error(), "instant of the period") {
			t.Errorf("director: %s: %v, want it refused", q, err)
		}
	}
	if _, err := db.Exec(`SELECT * FROM redline_trend_period($1, $2, $2)`, week, week+7*86400); err != nil {
		t.Errorf("director: a whole week: %v", err)
	}
	// Across the clocks going back: 26 October 2026 is the Monday after.
	if _, err := db.Exec(`SELECT * FROM redline_trend_period($1, $2, $2)`, at(2026, 10, 19, 0), at(2026, 10, 26, 0)); err != nil {
		t.Errorf("director: the week the clocks go back: %v", err)
	}
	for _, table := range []string{"cases", "alerts", "alert_triage", "workers", "case_people", "case_decisions", "letters",
		"reviews", "review_actions", "risks", "risk_scores", "media", "destruction_records", "audit_log"} {
		_, err := db.Exec(`SELECT * FROM ` + table)
		if err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("director: SELECT * FROM %s: %v, want permission denied", table, err)
		}
	}
	var n int
	if err := db.QueryRow(`SELECT redline_trend_hide_up_to()`).Scan(&n); err != nil || n != hideUpTo {
		t.Errorf("the database hides counts up to %d (%v); the trends code up to %d", n, err, hideUpTo)
	}
	// A small count arrives as NULL with its flag, never with its number.
	var hidden sql.NullInt64
	var flag bool
	err = db.QueryRow(`SELECT n, suppressed FROM redline_trend_period($1, $2, $2) WHERE figure = 'validity:false'`,
		at(2026, 10, 1, 0), at(2026, 11, 1, 0)).Scan(&hidden, &flag)
	if err != nil || hidden.Valid || !flag {
		t.Errorf("5 false alarms reached the director as %v, suppressed %v (%v)", hidden, flag, err)
	}
}

// TestDirector_NoNamesInAnyRow: nothing personal in the fixture (workers'
// and offenders' names, case text, the ARC's references and typing) appears
// in any row the functions return, or in the report built from them.
func TestDirector_NoNamesInAnyRow(t *testing.T) {
	d := newDirectorTeam(t)
	db, err := sql.Open("pgx", d.as(t, d.dirLogin))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	from, to := at(2026, 1, 1, 0), at(2027, 1, 1, 0)
	rows := 0
	queries := []string{
		`SELECT redline_trend_first_month()`,
		fmt.Sprintf(`SELECT * FROM redline_trend_range(%d, %d)`, from, to),
		fmt.Sprintf(`SELECT * FROM redline_trend_band_moves(%d, %d)`, from, to),
	}
	for m := time.September; m <= time.December; m++ {
		f, t := at(2026, m, 1, 0), time.Date(2026, m+1, 1, 0, 0, 0, 0, store.London).Unix()
		queries = append(queries, fmt.Sprintf(`SELECT * FROM redline_trend_period(%d, %d, %d)`, f, t, t),
			fmt.Sprintf(`SELECT * FROM redline_trend_delays(%d, %d)`, f, t))
	}
	for _, q := range queries {
		text := allText(t, db, q)
		rows += strings.Count(text, "\n")
		for _, s := range personalText {
			if strings.Contains(strings.ToLower(text), strings.ToLower(s)) {
				t.Errorf("%s returned %q to the director", q, s)
			}
		}
	}
	if rows < 40 {
		t.Errorf("only %d rows: the check saw too little", rows)
	}
	r, err := Build(context.Background(), d.dir, directorWindow())
	if err != nil {
		t.Fatal(err)
	}
	j, _ := json.Marshal(r)
	for _, s := range personalText {
		if strings.Contains(strings.ToLower(string(j)), strings.ToLower(s)) {
			t.Errorf("the director's report names %q", s)
		}
	}
}

// allText is every row of q, each column written as text, a row a line.
func allText(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			fmt.Fprintf(&b, "%v\t", v)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestDirector_NoListsBehindFigures: the director is refused the alerts and
// cases behind a figure with a sentence, shared or not; the LSMS is not.
func TestDirector_NoListsBehindFigures(t *testing.T) {
	d := newDirectorTeam(t)
	ctx := context.Background()
	for _, shared := range []bool{false, true} {
		o := directorWindow()
		o.Shared = shared
		_, err := BehindOf(ctx, d.dir, o, "red_alerts", "2026-10", "", 0, 50)
		var p *problem.Problem
		if !errors.As(err, &p) || !strings.Contains(p.Message, "counts only") {
			t.Errorf("director's list (shared %v): %v, want the counts-only problem", shared, err)
		}
	}
	b, err := BehindOf(ctx, d.lsms, directorWindow(), "red_alerts", "2026-10", "", 0, 50)
	if err != nil || b.Total != 22 {
		t.Errorf("LSMS's list: %d alerts, %v; want 22", b.Total, err)
	}
	if ok, err := DrillDown(ctx, d.dir); ok || err != nil {
		t.Errorf("DrillDown for the director: %v, %v", ok, err)
	}
	if ok, err := DrillDown(ctx, d.lsms); !ok || err != nil {
		t.Errorf("DrillDown for the LSMS: %v, %v", ok, err)
	}
}
