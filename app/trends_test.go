package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/teamtest"
	"github.com/nhs-redline/redline/backend/trends"
)

// TestTrends_DirectorsWindowOnTheDemoTrust: the demo trust copied to a team
// database, read through the window's Trends service under the LSMS's and
// the security director's own logins. The director sees every figure the
// LSMS sees but counts from 1 to 7 (hidden by the database), none of the
// demo's workers' or offenders' names, and no lists behind the figures.
func TestTrends_DirectorsWindowOnTheDemoTrust(t *testing.T) {
	db := roleDemo(t)
	admin, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	b := make([]byte, 3)
	rand.Read(b)
	sfx := hex.EncodeToString(b)
	const password = "correct horse battery staple"
	window := map[store.Role]*app{}
	for _, role := range []store.Role{store.RoleLSMS, store.RoleDirector} {
		login := "tr" + string(role[:3]) + sfx
		if err := admin.AddMember(context.Background(), store.Member{Login: login, Role: role}, password, teamNow.Unix()); err != nil {
			t.Fatalf("add %s: %v", role, err)
		}
		t.Cleanup(func() { teamtest.Exec(t, teamtest.Server(), "DROP ROLE IF EXISTS "+login) })
		u, _ := url.Parse(db)
		u.User = url.UserPassword(login, password)
		_, window[role], _ = teamSession(t, u.String())
	}
	lsmsApp, dirApp := window[store.RoleLSMS], window[store.RoleDirector]

	q := trends.Query{} // the two years to the demo's today
	lsms, err := lsmsApp.trends.Report(q)
	if err != nil {
		t.Fatalf("LSMS: %v", err)
	}
	dir, err := dirApp.trends.Report(q)
	if err != nil {
		t.Fatalf("director: %v", said(err))
	}
	same, hidden := compareForDirector(t, lsms, dir)
	t.Logf("the demo trust: %d figures the same for the director, %d hidden", same, hidden)
	if same < 100 || hidden < 5 {
		t.Errorf("%d figures the same, %d hidden: the demo no longer tests both", same, hidden)
	}

	// No name the demo holds reaches the director's report.
	raw, err := sql.Open("pgx", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT name FROM workers UNION SELECT name FROM case_people`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	j, _ := json.Marshal(dir)
	names := 0
	for rows.Next() {
		var name string
		rows.Scan(&name)
		names++
		if len(name) > 4 && strings.Contains(string(j), name) {
			t.Errorf("the director's report names %q", name)
		}
	}
	if names < 50 {
		t.Errorf("only %d names checked", names)
	}

	if acc, err := dirApp.trends.Capabilities(); err != nil || acc.DrillDown {
		t.Errorf("director's capabilities: %+v, %v; want no drill-down", acc, err)
	}
	if acc, err := lsmsApp.trends.Capabilities(); err != nil || !acc.DrillDown {
		t.Errorf("LSMS's capabilities: %+v, %v; want drill-down", acc, err)
	}
	_, err = dirApp.trends.Behind(q, "red_alerts", "", "", 0, 10)
	if p := explainForPage(err, nil); err == nil || p.Ref != "" || !strings.Contains(p.Message, "counts only") {
		t.Errorf("director's list behind a figure: %v, shown as %+v", err, p)
	}
	if b, err := lsmsApp.trends.Behind(q, "red_alerts", "", "", 0, 10); err != nil || b.Total == 0 {
		t.Errorf("LSMS's list behind a figure: %d alerts, %v", b.Total, err)
	}
}

func said(err error) string { return fmt.Sprintf("%v (%+v)", err, explainForPage(err, nil)) }

// compareForDirector: a count the LSMS sees from 1 to 7 is hidden from the
// director and any other the same or (secondary suppression) hidden; a rate
// or median is the same or hidden.
func compareForDirector(t *testing.T, lsms, dir trends.Report) (same, hidden int) {
	t.Helper()
	count := func(where string, l, d trends.Value) {
		small := l.Known && l.V >= 1 && l.V <= 7
		switch {
		case small && !d.Suppressed:
			t.Errorf("%s: the LSMS's %v reached the director as %+v", where, l.V, d)
		case small, d.Suppressed && l.Known && l.V > 7: // or hidden so a total cannot give a small one away
			hidden++
		case d != l:
			t.Errorf("%s: the director sees %+v, the LSMS %+v", where, d, l)
		default:
			same++
		}
	}
	if len(lsms.Measures) != len(dir.Measures) {
		t.Fatalf("%d measures for the director, %d for the LSMS", len(dir.Measures), len(lsms.Measures))
	}
	for i, lm := range lsms.Measures {
		dm := dir.Measures[i]
		if len(dm.Points) != len(lm.Points) {
			t.Fatalf("%s: %d periods for the director, %d for the LSMS", lm.ID, len(dm.Points), len(lm.Points))
		}
		for j, p := range lm.Points {
			where := lm.ID + " " + p.Period
			d := dm.Points[j].Value
			switch {
			case lm.Unit == "count":
				count(where, p.Value, d)
			case d.Suppressed:
				hidden++
			case d.Known != p.Value.Known || d.Known && (d.V-p.Value.V > 1e-9 || p.Value.V-d.V > 1e-9):
				t.Errorf("%s: the director sees %+v, the LSMS %+v", where, d, p.Value)
			default:
				same++
			}
			for k, c := range lm.Columns {
				count(where+" "+c.Name, c.Values[j], dm.Columns[k].Values[j])
			}
		}
	}
	teams := map[string]trends.TeamRow{}
	for _, r := range append(dir.Teams, dir.TeamsTotal) {
		teams[r.Team] = r
	}
	for _, r := range append(lsms.Teams, lsms.TeamsTotal) {
		d := teams[r.Team]
		count(r.Team+" workers", r.Workers, d.Workers)
		count(r.Team+" red", r.Red, d.Red)
		count(r.Team+" incidents", r.Incidents, d.Incidents)
		count(r.Team+" no amber", r.NoAmber, d.NoAmber)
	}
	return same, hidden
}
