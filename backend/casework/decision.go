package casework

import (
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// The five decisions open to the LSMS after a genuine alarm closed safely without police (PT 10.8).
const (
	RouteSanctionLetter     = "sanction_letter"
	RoutePolice             = "police"
	RoutePrivateProsecution = "private_prosecution"
	RouteNoSanction         = "no_sanction"
	RouteNoNotification     = "no_notification"
)

// Route describes one decision for the wizard.
type Route struct {
	ID          string   `json:"id"`
	Label       string   `json:"label"`
	Description string   `json:"description"`
	Kinds       []string `json:"kinds"` // the sanction or referral kinds to choose from, if any
}

// Routes lists the five decisions, in the guidance's order.
var Routes = []Route{
	{RouteSanctionLetter, "Sanction letter",
		"Send the alleged offender a sanction (for example a warning letter), stating that a recording exists and how a transcript can be obtained.",
		[]string{"warning_letter", "yellow_card", "red_card", "acceptable_behaviour_agreement"}},
	{RoutePolice, "Refer to the police", "Refer the incident to the police, telling them that a recording exists.", nil},
	{RoutePrivateProsecution, "Refer for private prosecution or civil action",
		"Refer to the trust's legal services (formerly the NHS SMS Legal Protection Unit), telling them that a recording exists.",
		[]string{"private_prosecution", "civil_action", "civil_injunction"}},
	{RouteNoSanction, "No sanction",
		"Take no sanction, but write to the alleged offender to say that a recording exists and how to obtain a transcript.", nil},
	{RouteNoNotification, "No notification",
		"Take no formal action and do not tell the alleged offender. Only where the lone worker believes notification would harm the alleged offender's health, and the LSMS and an independent senior clinician agree; decided case by case.", nil},
}

func route(id string) (Route, bool) {
	for _, r := range Routes {
		if r.ID == id {
			return r, true
		}
	}
	return Route{}, false
}

// WarningReviewMonths is the default review or expiry of a warning (guidance: often 12 months).
const WarningReviewMonths = 12

// DecisionCheck returns the rule for recording d on a case: exactly one of
// the five routes, with what that route needs, and a reason for any change.
func DecisionCheck(d *store.Decision, now time.Time) store.DecisionCheck {
	return func(c store.CaseFile, people []store.Person, prev *store.Decision) error {
		trim(&d.Reasons, &d.ChangeReason, &d.Sanction, &d.ReferredTo, &d.ReviewOn,
			&d.ClinicianName, &d.ClinicianRole, &d.ClinicianDate, &d.ClinicianReasons)
		r, ok := route(d.Route)
		switch {
		case !ok:
			return problemIn("route", "choose one of the five decisions")
		case c.State == Closed:
			return problem("case %s is closed: reopen it before changing the decision", c.Ref)
		case d.Reasons == "":
			return problemIn("reasons", "say why you made this decision")
		case prev != nil && d.ChangeReason == "":
			return problemIn("changeReason", "case %s already has a decision (%s): a change is recorded as a new decision, so say why it changes",
				c.Ref, routeLabel(prev.Route))
		case len(r.Kinds) > 0 && !known(r.Kinds, d.Sanction):
			return problemIn("sanction", "%s: choose which kind (%s)", r.Label, strings.Join(r.Kinds, ", "))
		case len(r.Kinds) == 0:
			d.Sanction = ""
		}
		if prev == nil {
			d.ChangeReason = ""
		}
		if d.Route != RouteNoNotification {
			d.NoFormalAction, d.WorkerBelievesHarm, d.LSMSAgrees = false, false, false
			d.ClinicianName, d.ClinicianRole, d.ClinicianDate, d.ClinicianReasons = "", "", "", ""
		}
		switch d.Route {
		case RouteSanctionLetter:
			if err := needOffenderAddress(people, r); err != nil {
				return err
			}
			if d.ReviewOn == "" {
				d.ReviewOn = addMonthsDay(Today(now), WarningReviewMonths)
			}
			if _, err := ParseDay("review date", d.ReviewOn); err != nil {
				return err
			}
		case RoutePolice:
			if d.ReferredTo == "" {
				d.ReferredTo = c.PoliceForce
			}
			if d.ReferredTo == "" {
				return problemIn("referredTo", "Refer to the police: name the police force")
			}
		case RoutePrivateProsecution:
			if d.ReferredTo == "" {
				d.ReferredTo = "Trust legal services"
			}
		case RouteNoSanction:
			if err := needOffenderAddress(people, r); err != nil {
				return err
			}
		case RouteNoNotification:
			return checkNoNotification(d, c, people, now)
		}
		if d.Route != RoutePolice && d.Route != RoutePrivateProsecution {
			d.ReferredTo = ""
		}
		return nil
	}
}

func routeLabel(id string) string {
	if r, ok := route(id); ok {
		return r.Label
	}
	return id
}

func trim(ss ...*string) {
	for _, s := range ss {
		*s = strings.TrimSpace(*s)
	}
}

func needOffenderAddress(people []store.Person, r Route) error {
	for _, p := range people {
		if p.Role == "alleged_offender" && strings.TrimSpace(p.Name) != "" && strings.TrimSpace(p.Address) != "" {
			return nil
		}
	}
	return problem("%s: the letter needs an address: add the alleged offender with their name and address first", r.Label)
}

// checkNoNotification blocks the fifth route until every condition of PT 10.8 is recorded.
func checkNoNotification(d *store.Decision, c store.CaseFile, people []store.Person, now time.Time) error {
	var missing []string
	if !d.NoFormalAction {
		missing = append(missing, "confirm that no formal action is being taken")
	}
	if !d.WorkerBelievesHarm {
		missing = append(missing, "confirm that the lone worker believes notification would harm the alleged offender's health")
	}
	if !d.LSMSAgrees {
		missing = append(missing, "confirm that you, the LSMS, agree")
	}
	for _, f := range []struct{ v, name string }{{d.ClinicianName, "the independent senior clinician's name"},
		{d.ClinicianRole, "their role"}, {d.ClinicianDate, "the date they agreed"}, {d.ClinicianReasons, "their reasons"}} {
		if f.v == "" {
			missing = append(missing, "record "+f.name)
		}
	}
	if len(missing) > 0 {
		return problemIn("noFormalAction", "No notification is blocked until you %s.", strings.Join(missing, "; "))
	}
	if err := notFuture("date the clinician agreed", d.ClinicianDate, now); err != nil {
		return err
	}
	for _, p := range people {
		if p.Role == "lone_worker" && strings.EqualFold(strings.TrimSpace(p.Name), d.ClinicianName) {
			return problem("No notification: the senior clinician must be independent, not the lone worker (%s)", p.Name)
		}
	}
	return nil
}

// addMonthsDay adds calendar months to a yyyy-mm-dd date, keeping to the
// month's last day when the day does not exist (31 January + 1 month = 28 or 29 February).
func addMonthsDay(day string, months int) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return ""
	}
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	return time.Date(first.Year(), first.Month(), d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}
