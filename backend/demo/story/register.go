package story

import (
	"fmt"
	"strconv"
	"time"

	"github.com/nhs-redline/redline/backend/demo"
	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/risk"
	"github.com/nhs-redline/redline/backend/store"
)

// standingRisk is a register entry the trust had before the demo's alerts begin.
type standingRisk struct {
	key               string
	fields            store.RiskFields
	reviewIn          int // days from now; negative is overdue
	inherent, current risk.Score
	target            risk.Score
}

var standingRisks = []standingRisk{
	{key: "lone_visits", reviewIn: 62, fields: store.RiskFields{
		Title:       "Verbal abuse and assault during lone home visits to known addresses",
		Description: "Staff visiting alone are abused or threatened at addresses where aggression has happened before.",
		Cause:       "Visits alone to patients or relatives with a history of aggression; warning markers not always seen before a visit.",
		Consequence: "Injury and distress to staff, absence, visits cancelled.",
		Affected:    "District nurses; community midwives; health visitors",
		Controls:    "Lone worker devices with ARC escalation; warning markers on the patient record; conflict resolution training.",
		Gaps:        "Markers not shared between teams; no joint-visit rule for flagged addresses.",
		Actions:     "Share warning markers across teams; joint visits for flagged addresses.",
		Owner:       "Head of Community Nursing"},
		inherent: risk.Score{Consequence: 4, Likelihood: 4}, current: risk.Score{Consequence: 3, Likelihood: 4},
		target: risk.Score{Consequence: 3, Likelihood: 2}},
	{key: "dogs", reviewIn: 41, fields: store.RiskFields{
		Title:       "Dogs loose at properties during home visits",
		Description: "Dogs not shut away before staff arrive; two bites reported last year.",
		Cause:       "Households not asked to secure dogs before visits.",
		Consequence: "Bites, falls, visits abandoned.",
		Affected:    "District nurses; health visitors; community therapists",
		Controls:    "Appointment letters ask for dogs to be secured; staff may leave and rebook.",
		Gaps:        "Same-day visits get no letter.",
		Actions:     "Add a question about dogs to the booking script.",
		Owner:       "Community Services Manager"},
		inherent: risk.Score{Consequence: 3, Likelihood: 4}, current: risk.Score{Consequence: 2, Likelihood: 3},
		target: risk.Score{Consequence: 2, Likelihood: 2}},
	{key: "hostels", reviewIn: -2, fields: store.RiskFields{
		Title:       "Visits to hostels and supported housing",
		Description: "Visits to shared hostels where other residents may be intoxicated or hostile.",
		Cause:       "Communal areas without staff; visitors let in by residents.",
		Consequence: "Threats, theft of equipment, injury.",
		Affected:    "Mental-health outreach; crisis team",
		Controls:    "Visits booked with hostel staff; device worn on the lanyard; amber memo before entering.",
		Gaps:        "Out-of-hours visits when hostel staff are not on site.",
		Actions:     "Agree out-of-hours arrangements with the two largest hostels.",
		Owner:       "Service Manager, Mental Health Outreach"},
		inherent: risk.Score{Consequence: 5, Likelihood: 4}, current: risk.Score{Consequence: 4, Likelihood: 4},
		target: risk.Score{Consequence: 4, Likelihood: 2}},
	{key: "signal", reviewIn: 88, fields: store.RiskFields{
		Title:       "Poor mobile signal: devices cannot reach the ARC",
		Description: "In parts of Calderdale and the Kirklees valleys the device may not connect or give a position.",
		Cause:       "Weak mobile coverage in rural valleys and some tower-block stairwells.",
		Consequence: "An alarm not received, or received without a location.",
		Affected:    "Community therapists; crisis team",
		Controls:    "Dual-network SIMs (which fixed most of it); check in by phone before and after visits in known areas.",
		Gaps:        "The list of poor-signal areas is not kept up to date.",
		Actions:     "Collect the ARC's no-location alerts each quarter and map them.",
		Owner:       "Lone Worker Device Lead"},
		inherent: risk.Score{Consequence: 5, Likelihood: 3}, current: risk.Score{Consequence: 3, Likelihood: 1},
		target: risk.Score{Consequence: 3, Likelihood: 1}},
	{key: "not_worn", reviewIn: 27, fields: store.RiskFields{
		Title:       "Lone worker device not worn, not charged or not logged on",
		Description: "About a third of issued devices show no use in the ARC's monthly report.",
		Cause:       "Devices left in cars or bags; staff unsure how to use the amber memo.",
		Consequence: "No alarm can be raised when it is needed.",
		Affected:    "All community staff issued a device",
		Controls:    "Monthly usage report to team leads; refresher sessions.",
		Gaps:        "Usage is not discussed in supervision.",
		Actions:     "Add device use to the supervision checklist.",
		Owner:       "Local Security Management Specialist"},
		inherent: risk.Score{Consequence: 4, Likelihood: 4}, current: risk.Score{Consequence: 3, Likelihood: 3},
		target: risk.Score{Consequence: 3, Likelihood: 1}},
}

// register adds the standing risks as the trust had them before the alerts
// begin, and a risk for the busiest map hotspot when there is one.
func (t *teller) register(reds []store.Alert) error {
	start := unix(reds[0].RaisedAt).Add(-7 * 24 * time.Hour)
	for i, s := range standingRisks {
		f := s.fields
		f.ReviewOn = t.now.In(store.London).AddDate(0, 0, s.reviewIn).Format(time.DateOnly)
		r, err := risk.Create(t.ctx, t.st, risk.NewRisk{Fields: f, Reason: "annual review of lone working risks",
			Scores: []risk.NewScore{{Kind: "inherent", Score: s.inherent}, {Kind: "current", Score: s.current},
				{Kind: "target", Score: s.target}}}, t.who(start.Add(time.Duration(i)*time.Hour)))
		if err != nil {
			return fmt.Errorf("risk %q: %w", f.Title, err)
		}
		t.risks[s.key] = r.ID
		t.sum.Risks++
	}
	return t.hotspotRisk()
}

// hotspotRisk adds a risk for the demo's biggest hotspot, found with the
// map's default settings, a few days after its latest alert.
func (t *teller) hotspotRisk() error {
	hs, err := geo.FindHotspots(t.ctx, t.st, geo.DefaultHotspotParams)
	if err != nil || len(hs) == 0 {
		return err // no hotspot: the closed case's risk link stands in for it
	}
	h := hs[0]
	for _, x := range hs[1:] {
		if x.Count > h.Count {
			h = x
		}
	}
	r, added, err := risk.FromHotspot(t.ctx, t.st, h, risk.Score{Consequence: 3, Likelihood: 4},
		t.who(unix(h.Last).Add(3*24*time.Hour)))
	if err != nil {
		return fmt.Errorf("hotspot %s: %w", h.Key, err)
	}
	if added {
		t.risks["hotspot"] = r.ID
		t.sum.Risks++
	}
	return nil
}

// knownRisk is an entry for the log of known-risk locations, placed near a demo hotspot.
type knownRisk struct {
	hotspot       int     // index into demo.Hotspots()
	dLat, dLon    float64 // offset from it, degrees
	label, reason string
	radiusM       float64
	reviewIn      int // days from now; negative is past its review date
}

var knownRiskLocations = []knownRisk{
	{0, 0.0004, -0.0006, "Flats off Harehills Lane, Leeds LS8 (block B)",
		"Occupant of flat 12 threatened two district nurses in 2025; visit in pairs, wait outside until the door is answered.", 120, 75},
	{0, -0.0031, 0.0042, "Terrace near Roundhay Road, Leeds LS8",
		"Two large dogs loose in the yard; ask for them to be shut away before going in.", 60, 150},
	{1, 0.0006, 0.0009, "Hostel on Manningham Lane, Bradford BD8",
		"Residents intoxicated in communal areas; book visits with hostel staff.", 150, -9},
	{2, -0.0005, 0.0004, "Eastmoor estate, Wakefield WF1 (Eastmoor Road shops)",
		"Mobile signal drops in the stairwells; raise an amber memo before going in.", 200, 40},
}

// knownRisks logs places where a risk to lone workers is known (NG 6.9.1),
// the way the map screen saves them, with an audit line each.
func (t *teller) knownRisks() error {
	places := demo.Hotspots()
	added := t.now.AddDate(0, -4, 0)
	for i, k := range knownRiskLocations {
		p := places[k.hotspot]
		review := t.now.In(store.London).AddDate(0, 0, k.reviewIn)
		review = time.Date(review.Year(), review.Month(), review.Day(), 0, 0, 0, 0, store.London)
		rev := review.Unix()
		loc := store.KnownRiskLocation{Label: k.label, Lat: round6(p.Lat + k.dLat), Lon: round6(p.Lon + k.dLon),
			RadiusM: k.radiusM, Reason: k.reason, AddedBy: LSMS, AddedAt: added.Add(time.Duration(i) * time.Hour).Unix(),
			ReviewDate: &rev, Active: true}
		id, err := t.st.AddKnownRisk(t.ctx, loc)
		if err != nil {
			return err
		}
		if _, err := t.st.Audit(t.ctx, store.AuditEntry{At: loc.AddedAt, Actor: LSMS, Action: "known_risk.add",
			ObjectType: "known_risk_location", ObjectID: strconv.FormatInt(id, 10),
			Detail: fmt.Sprintf("%s at %.5f, %.5f, radius %.0f m, active %v", loc.Label, loc.Lat, loc.Lon, loc.RadiusM, loc.Active)}); err != nil {
			return err
		}
		t.sum.KnownRisks++
	}
	return nil
}

func round6(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 6, 64), 64)
	return v
}
