package risk

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/store"
)

var t0 = time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func who(min int) store.Who {
	return store.Who{Actor: "lsms", At: t0.Add(time.Duration(min) * time.Minute).Unix()}
}

func TestRescore_KeepsHistoryWithReasonAndBandSet(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	r, err := Create(ctx, st, NewRisk{
		Fields: store.RiskFields{Title: "Verbal abuse on evening visits", Owner: "Head of Community Nursing"},
		Scores: []NewScore{{"inherent", Score{4, 4}}, {"current", Score{3, 4}}, {"target", Score{3, 1}}},
	}, who(0))
	if err != nil {
		t.Fatal(err)
	}
	if r.Ref != "RR-0001" || r.Current.Rating != 12 || r.Current.Band != "High" || r.Target.Band != "Low" || r.Inherent.Band != "Extreme" {
		t.Fatalf("created %+v cur %+v", r, r.Current)
	}
	if _, err := Rescore(ctx, st, r.ID, NewScore{"current", Score{3, 2}}, "  ", 0, who(1)); err == nil {
		t.Fatal("re-score without a reason was accepted")
	}
	// The trust changes its bands: 6 becomes "Significant"; the old score keeps "High".
	trust := BandSet{{"Low", 1, 3, ""}, {"Significant", 4, 6, ""}, {"Serious", 8, 12, ""}, {"Extreme", 15, 25, ""}}
	if err := SetBands(ctx, st, trust, who(2)); err != nil {
		t.Fatal(err)
	}
	r, err = Rescore(ctx, st, r.ID, NewScore{"current", Score{3, 2}}, "door entry system fitted at the flats", 0, who(3))
	if err != nil {
		t.Fatal(err)
	}
	if r.Current.Rating != 6 || r.Current.Band != "Significant" {
		t.Fatalf("current %+v", r.Current)
	}
	hist, err := st.RiskHistory(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var currents []store.RiskScore
	for _, h := range hist {
		if h.Kind == "current" {
			currents = append(currents, h)
		}
	}
	if len(currents) != 2 || currents[0].Band != "High" || currents[1].Reason != "door entry system fitted at the flats" {
		t.Fatalf("history %+v", currents)
	}
	var old, now BandSet
	json.Unmarshal([]byte(currents[0].BandSet), &old)
	json.Unmarshal([]byte(currents[1].BandSet), &now)
	if old[2].Label != "High" || now[2].Label != "Serious" {
		t.Fatalf("band sets stored with scores: %v / %v", old, now)
	}
	entries, _ := st.AuditFor(ctx, "risk", "1")
	if len(entries) != 5 { // create + 3 first scores + re-score
		t.Fatalf("audit entries %d, want 5", len(entries))
	}
}

func TestSetBands_RefusesAnIncompleteSet(t *testing.T) {
	st := openStore(t)
	err := SetBands(context.Background(), st, BandSet{{"Low", 1, 6, ""}, {"High", 15, 25, ""}}, who(0))
	if err == nil || !strings.Contains(err.Error(), "rating of 8") {
		t.Fatalf("got %v", err)
	}
	bs, _ := Bands(context.Background(), st)
	if bs[0].Label != "Low" || len(bs) != 4 {
		t.Fatalf("defaults replaced: %v", bs)
	}
}

func TestCreate_NeedsCurrentScoreAndTitle(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	if _, err := Create(ctx, st, NewRisk{Fields: store.RiskFields{Title: "x"}}, who(0)); err == nil || !strings.Contains(err.Error(), "current") {
		t.Fatalf("no current score: %v", err)
	}
	if _, err := Create(ctx, st, NewRisk{Scores: []NewScore{{"current", Score{1, 1}}}}, who(0)); err == nil || !strings.Contains(err.Error(), "title") {
		t.Fatalf("no title: %v", err)
	}
	if _, err := Create(ctx, st, NewRisk{Fields: store.RiskFields{Title: "x"}, Scores: []NewScore{{"current", Score{6, 1}}}}, who(0)); err == nil {
		t.Fatal("off-matrix score accepted")
	}
	r, err := Create(ctx, st, NewRisk{Fields: store.RiskFields{Title: "x"}, Scores: []NewScore{{"current", Score{2, 2}}}}, who(0))
	if err != nil || r.ReviewOn != "2025-06-14" {
		t.Fatalf("default review date %q (%v)", r.ReviewOn, err)
	}
}

func TestRescoreFromCase_MarksCaseRiskUpdated(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c, err := st.OpenCase(ctx, store.NewCase{Title: "Threats on home visit", Origin: "manual", IncidentAt: t0.Unix()}, who(0))
	if err != nil {
		t.Fatal(err)
	}
	r, _ := Create(ctx, st, NewRisk{Fields: store.RiskFields{Title: "Visits to Elm Court"}, Scores: []NewScore{{"current", Score{3, 3}}}}, who(1))
	if _, err := Rescore(ctx, st, r.ID, NewScore{"current", Score{3, 4}}, "second incident this quarter", c.ID, who(2)); err != nil {
		t.Fatal(err)
	}
	c, _ = st.Case(ctx, c.ID)
	if c.RiskOutcome != "updated" {
		t.Fatalf("case risk outcome %q", c.RiskOutcome)
	}
	links, _ := st.RiskLinks(ctx, r.ID)
	if len(links) != 1 || links[0].Label != c.Ref {
		t.Fatalf("links %+v", links)
	}
	hist, _ := st.RiskHistory(ctx, r.ID)
	if hist[len(hist)-1].CaseRef != c.Ref {
		t.Fatalf("score not tied to the case: %+v", hist[len(hist)-1])
	}
	c2, _ := st.OpenCase(ctx, store.NewCase{Title: "Another", Origin: "manual", IncidentAt: t0.Unix()}, who(3))
	if err := NoChange(ctx, st, c2.ID, " ", who(4)); err == nil {
		t.Fatal("no change without a reason accepted")
	}
	if err := NoChange(ctx, st, c2.ID, "isolated incident, controls worked", who(4)); err != nil {
		t.Fatal(err)
	}
	c2, _ = st.Case(ctx, c2.ID)
	if c2.RiskOutcome != "no_change" || c2.RiskNoChangeReason == "" {
		t.Fatalf("no change not recorded: %+v", c2)
	}
}

func TestFromHotspot_CreatesOnceThenReturnsTheLinkedRisk(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	h := geo.Hotspot{Key: "hotspot:42", Lat: 53.7996, Lon: -1.5491, RadiusM: 180, Count: 5, First: t0.Unix(), Last: t0.Add(48 * time.Hour).Unix(),
		Teams: []geo.TeamCount{{Name: "Leeds North District Nursing", Count: 4}}}
	r, created, err := FromHotspot(ctx, st, h, Score{3, 4}, who(0))
	if err != nil || !created {
		t.Fatal(err, created)
	}
	if !strings.Contains(r.Description, "5 red alerts") || !strings.Contains(r.Affected, "Leeds North District Nursing (4)") {
		t.Fatalf("risk %+v", r)
	}
	again, created, err := FromHotspot(ctx, st, h, Score{1, 1}, who(1))
	if err != nil || created || again.ID != r.ID {
		t.Fatalf("second call: %+v %v %v", again, created, err)
	}
}

func TestHeatGrid_CountsOpenRisksInTheirCells(t *testing.T) {
	mk := func(ref string, c, l int, status string) store.Risk {
		return store.Risk{Ref: ref, RiskFields: store.RiskFields{Status: status}, Current: &store.RiskScore{Consequence: c, Likelihood: l}}
	}
	g := HeatGrid([]store.Risk{mk("RR-1", 4, 3, "open"), mk("RR-2", 4, 3, "open"), mk("RR-3", 5, 5, "open"), mk("RR-4", 1, 1, "closed")}, "current", DefaultBands)
	if g.Total != 3 {
		t.Fatalf("total %d", g.Total)
	}
	if c := g.Rows[5-3][4-1]; c.Count != 2 || c.Band != "High" || c.Rating != 12 || strings.Join(c.Refs, ",") != "RR-1,RR-2" {
		t.Fatalf("cell 4x3 %+v", c)
	}
	if c := g.Rows[0][4]; c.Count != 1 || c.Band != "Extreme" {
		t.Fatalf("cell 5x5 %+v", c)
	}
	if c := g.Rows[4][0]; c.Count != 0 || c.Band != "Low" {
		t.Fatalf("closed risk counted: %+v", c)
	}
}
