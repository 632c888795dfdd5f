package risk

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/store"
)

// Kinds of score a risk carries.
var Kinds = []string{"inherent", "current", "target"}

// DefaultReviewMonths is how far ahead a new risk's review date falls when
// none is given.
const DefaultReviewMonths = 3

// Bands reads the trust's band set, or the defaults when none is saved.
func Bands(ctx context.Context, st *store.Store) (BandSet, error) {
	s, err := st.Setting(ctx, SettingKey, "")
	if err != nil {
		return nil, err
	}
	if s == "" {
		return DefaultBands, nil
	}
	return ParseBands(s)
}

// SetBands saves a new band set after checking it. Earlier scores keep the
// band set they were given.
func SetBands(ctx context.Context, st *store.Store, bs BandSet, who store.Who) error {
	for i := range bs {
		bs[i].Label = strings.TrimSpace(bs[i].Label)
	}
	if err := bs.Validate(); err != nil {
		return err
	}
	old, _ := st.Setting(ctx, SettingKey, DefaultBands.JSON())
	if err := st.SetSetting(ctx, SettingKey, bs.JSON()); err != nil {
		return err
	}
	_, err := st.Audit(ctx, store.AuditEntry{At: who.At, Actor: who.Actor, Action: "settings.risk_bands",
		ObjectType: "settings", ObjectID: SettingKey, Detail: fmt.Sprintf(`{"from":%s,"to":%s}`, old, bs.JSON())})
	return err
}

// NewScore is a score to record, before classification.
type NewScore struct {
	Kind string `json:"kind"`
	Score
}

func classify(bs BandSet, n NewScore, reason string, caseID int64) (store.RiskScore, error) {
	if !isKind(n.Kind) {
		return store.RiskScore{}, fmt.Errorf("score kind %q: use inherent, current or target", n.Kind)
	}
	if err := n.Check(); err != nil {
		return store.RiskScore{}, fmt.Errorf("%s score: %w", n.Kind, err)
	}
	b, ok := bs.Classify(n.Rating())
	if !ok {
		return store.RiskScore{}, fmt.Errorf("a rating of %d is in no risk band: fix the bands in Settings", n.Rating())
	}
	return store.RiskScore{Kind: n.Kind, Consequence: n.Consequence, Likelihood: n.Likelihood, Rating: n.Rating(),
		Band: b.Label, BandSet: bs.JSON(), Reason: reason, CaseID: caseID}, nil
}

func isKind(k string) bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

// NewRisk is a register entry about to be added.
type NewRisk struct {
	Fields store.RiskFields `json:"fields"`
	Scores []NewScore       `json:"scores"`
	Reason string           `json:"reason"` // why it is being added; kept with the first scores
	CaseID int64            `json:"caseId"` // the incident that prompted it, if any
	Links  []store.RiskLink `json:"links"`
}

// CheckFields tidies and checks the text fields.
func CheckFields(f store.RiskFields, now time.Time) (store.RiskFields, error) {
	trim := func(p *string) { *p = strings.TrimSpace(*p) }
	for _, p := range []*string{&f.Title, &f.Description, &f.Cause, &f.Consequence, &f.Affected, &f.Controls, &f.Gaps,
		&f.Actions, &f.Owner, &f.ReviewOn, &f.Status} {
		trim(p)
	}
	if f.Title == "" {
		return f, errors.New("give the risk a title")
	}
	if f.Status == "" {
		f.Status = "open"
	}
	if f.Status != "open" && f.Status != "closed" {
		return f, fmt.Errorf("risk status %q: use open or closed", f.Status)
	}
	if f.ReviewOn == "" {
		f.ReviewOn = now.In(store.London).AddDate(0, DefaultReviewMonths, 0).Format(time.DateOnly)
	}
	if _, err := time.ParseInLocation(time.DateOnly, f.ReviewOn, store.London); err != nil {
		return f, fmt.Errorf("review date %q is not a date", f.ReviewOn)
	}
	return f, nil
}

// Create adds a register entry. Every new risk needs at least a current
// score; when a case prompted it, the case is linked and its risk outcome
// becomes "updated".
func Create(ctx context.Context, st *store.Store, n NewRisk, who store.Who) (store.Risk, error) {
	f, err := CheckFields(n.Fields, time.Unix(who.At, 0))
	if err != nil {
		return store.Risk{}, err
	}
	reason := strings.TrimSpace(n.Reason)
	if reason == "" {
		reason = "first assessment"
	}
	bs, err := Bands(ctx, st)
	if err != nil {
		return store.Risk{}, err
	}
	var scores []store.RiskScore
	seen := map[string]bool{}
	for _, ns := range n.Scores {
		if seen[ns.Kind] {
			return store.Risk{}, fmt.Errorf("two %s scores given: give one of each kind", ns.Kind)
		}
		seen[ns.Kind] = true
		sc, err := classify(bs, ns, reason, n.CaseID)
		if err != nil {
			return store.Risk{}, err
		}
		scores = append(scores, sc)
	}
	if !seen["current"] {
		return store.Risk{}, errors.New("score the risk as it is now (current consequence and likelihood) before adding it")
	}
	links := n.Links
	if n.CaseID != 0 {
		links = append(links, store.RiskLink{Kind: "case", Target: strconv.FormatInt(n.CaseID, 10), Note: "prompted this risk"})
	}
	for _, l := range links {
		if err := checkLink(l); err != nil {
			return store.Risk{}, err
		}
	}
	id, err := st.CreateRisk(ctx, f, scores, links, who)
	if err != nil {
		return store.Risk{}, err
	}
	if n.CaseID != 0 {
		if err := st.SetRiskOutcome(ctx, n.CaseID, "updated", "", who); err != nil {
			return store.Risk{}, fmt.Errorf("risk added, but the case could not be marked as risk updated: %w", err)
		}
	}
	return st.Risk(ctx, id)
}

func checkLink(l store.RiskLink) error {
	switch l.Kind {
	case "case", "alert":
		if n, err := strconv.ParseInt(l.Target, 10, 64); err != nil || n <= 0 {
			return fmt.Errorf("link to %s %q: not a record number", l.Kind, l.Target)
		}
	case "hotspot":
		if !strings.HasPrefix(l.Target, "hotspot:") {
			return fmt.Errorf("hotspot key %q: expected hotspot:<id>", l.Target)
		}
	default:
		return fmt.Errorf("link kind %q: use case, alert or hotspot", l.Kind)
	}
	return nil
}

// Update changes the text fields.
func Update(ctx context.Context, st *store.Store, id int64, f store.RiskFields, who store.Who) (store.Risk, error) {
	f, err := CheckFields(f, time.Unix(who.At, 0))
	if err != nil {
		return store.Risk{}, err
	}
	if err := st.UpdateRisk(ctx, id, f, who); err != nil {
		return store.Risk{}, err
	}
	return st.Risk(ctx, id)
}

// Rescore records a new score with its reason under the band set in force,
// over whatever score is current (RescoreSeen is the screen's).
// With a case, the case is linked and marked as risk updated.
func Rescore(ctx context.Context, st *store.Store, riskID int64, ns NewScore, reason string, caseID int64, who store.Who) (store.Risk, error) {
	return RescoreSeen(ctx, st, riskID, store.AsCurrent, ns, reason, caseID, who)
}

// NoChange records, for a case, that the register needs no change and why.
func NoChange(ctx context.Context, st *store.Store, caseID int64, reason string, who store.Who) error {
	if strings.TrimSpace(reason) == "" {
		return errors.New("say why the risk register needs no change after this incident")
	}
	return st.SetRiskOutcome(ctx, caseID, "no_change", reason, who)
}

// FromHotspot returns the risk already linked to a hotspot, or adds one
// describing it (scored by the LSMS: likelihood from how often alerts
// recur there is a judgement, not a formula).
func FromHotspot(ctx context.Context, st *store.Store, h geo.Hotspot, current Score, who store.Who) (store.Risk, bool, error) {
	linked, err := st.RisksLinkedTo(ctx, "hotspot", h.Key)
	if err != nil {
		return store.Risk{}, false, err
	}
	if len(linked) > 0 {
		return linked[0], false, nil
	}
	var teams []string
	for _, t := range h.Teams {
		teams = append(teams, fmt.Sprintf("%s (%d)", t.Name, t.Count))
	}
	first := time.Unix(h.First, 0).In(store.London).Format("02/01/2006")
	last := time.Unix(h.Last, 0).In(store.London).Format("02/01/2006")
	n := NewRisk{
		Fields: store.RiskFields{
			Title: fmt.Sprintf("Repeated red alerts within %.0f m of %.5f, %.5f", h.RadiusM, h.Lat, h.Lon),
			Description: fmt.Sprintf("%d red alerts between %s and %s clustered within %.0f m of %.5f, %.5f (map hotspot %s).",
				h.Count, first, last, h.RadiusM, h.Lat, h.Lon, h.Key),
			Affected: strings.Join(teams, "; "),
		},
		Scores: []NewScore{{Kind: "current", Score: current}},
		Reason: fmt.Sprintf("added from map hotspot %s (%d alerts)", h.Key, h.Count),
		Links:  []store.RiskLink{{Kind: "hotspot", Target: h.Key, Note: fmt.Sprintf("%d alerts, %s to %s", h.Count, first, last)}},
	}
	r, err := Create(ctx, st, n, who)
	return r, err == nil, err
}

// Cell is one square of the heat grid.
type Cell struct {
	Consequence int      `json:"consequence"`
	Likelihood  int      `json:"likelihood"`
	Rating      int      `json:"rating"`
	Band        string   `json:"band"`
	Colour      string   `json:"colour"`
	Count       int      `json:"count"`
	Refs        []string `json:"refs"`
}

// Grid is the 5x5 heat grid: Rows[0] is likelihood 5 (drawn at the top),
// columns run consequence 1 to 5.
type Grid struct {
	Kind  string   `json:"kind"`
	Rows  [][]Cell `json:"rows"`
	Bands BandSet  `json:"bands"`
	Total int      `json:"total"`
}

// HeatGrid counts open risks by their score of the given kind, coloured by
// the band set in force.
func HeatGrid(risks []store.Risk, kind string, bs BandSet) Grid {
	g := Grid{Kind: kind, Bands: bs}
	for l := 5; l >= 1; l-- {
		row := make([]Cell, 5)
		for c := 1; c <= 5; c++ {
			b, _ := bs.Classify(c * l)
			row[c-1] = Cell{Consequence: c, Likelihood: l, Rating: c * l, Band: b.Label, Colour: b.Colour, Refs: []string{}}
		}
		g.Rows = append(g.Rows, row)
	}
	for _, r := range risks {
		if r.Status != "open" {
			continue
		}
		sc := map[string]*store.RiskScore{"inherent": r.Inherent, "current": r.Current, "target": r.Target}[kind]
		if sc == nil {
			continue
		}
		cell := &g.Rows[5-sc.Likelihood][sc.Consequence-1]
		cell.Count++
		cell.Refs = append(cell.Refs, r.Ref)
		g.Total++
	}
	return g
}

// Register is the whole register as an export holds it: every risk, every
// re-score with its reason, every link and the band set in force.
type Register struct {
	Risks   []store.Risk
	History []store.RiskScore
	Links   []store.RiskLink
	Bands   BandSet
}

// LoadRegister reads the whole register for an export.
func LoadRegister(ctx context.Context, st *store.Store) (Register, error) {
	var r Register
	var err error
	if r.Risks, err = st.Risks(ctx, store.RiskFilter{}); err != nil {
		return r, err
	}
	if r.History, err = st.AllRiskHistory(ctx); err != nil {
		return r, err
	}
	if r.Links, err = st.AllRiskLinks(ctx); err != nil {
		return r, err
	}
	r.Bands, err = Bands(ctx, st)
	return r, err
}
