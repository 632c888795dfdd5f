package casework

import (
	"strings"

	"github.com/nhs-redline/redline/backend/store"
)

// Case states, in the order a case normally moves through them.
const (
	Open            = "open"
	Investigating   = "investigating"
	DecisionPending = "decision_pending"
	Decided         = "decided"
	Review          = "review"
	RiskUpdated     = "risk_updated"
	Closed          = "closed"
)

// States lists every state in order.
var States = []string{Open, Investigating, DecisionPending, Decided, Review, RiskUpdated, Closed}

// StateLabels are the names the screens show.
var StateLabels = map[string]string{Open: "Open", Investigating: "Investigating", DecisionPending: "Decision pending",
	Decided: "Decided", Review: "Review", RiskUpdated: "Risk updated", Closed: "Closed"}

// transitions lists where each state may go next. Decided is normally reached
// by recording a decision; Closed can only be left by reopening.
var transitions = map[string][]string{
	Open:            {Investigating, DecisionPending},
	Investigating:   {DecisionPending},
	DecisionPending: {Investigating, Decided},
	Decided:         {Review},
	Review:          {RiskUpdated, Closed},
	RiskUpdated:     {Closed},
	Closed:          {Investigating},
}

// Next lists the states a case in state may move to.
func Next(state string) []string { return transitions[state] }

// CheckMove is the state machine's guard: the move must be allowed from the
// current state, and the case must hold what the next state promises.
func CheckMove(f store.CaseFacts, to, reason string) error {
	c := f.Case
	if !known(transitions[c.State], to) {
		return problem("case %s is %s: it cannot move to %s from there", c.Ref, StateLabels[c.State], label(to))
	}
	riskDone := c.RiskOutcome == "updated" || (c.RiskOutcome == "no_change" && strings.TrimSpace(c.RiskNoChangeReason) != "")
	switch {
	case c.State == Closed && strings.TrimSpace(reason) == "":
		return problem("case %s is closed: say why you are reopening it", c.Ref)
	case to == Decided && !f.HasDecision:
		return problem("case %s has no decision yet: record one of the five decisions first", c.Ref)
	case to == RiskUpdated && !riskDone:
		return problem("case %s: record the risk register update, or that no change is needed and why, first", c.Ref)
	case to == Closed && c.ReviewSignedOffAt == nil:
		return problem("case %s cannot close: the post-incident review has not been signed off", c.Ref)
	case to == Closed && !riskDone:
		return problem("case %s cannot close: the risk register has not been updated, and no one has recorded that no change is needed and why", c.Ref)
	}
	return nil
}

func label(state string) string {
	if l, ok := StateLabels[state]; ok {
		return l
	}
	return "“" + state + "”"
}
