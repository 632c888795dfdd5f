package casework

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/nhs-redline/redline/backend/store"
)

// TimelineEntry is one line of a case's timeline.
type TimelineEntry struct {
	At     int64  `json:"at"`
	Source string `json:"source"` // arc (operator log), alert, triage, case
	Actor  string `json:"actor"`
	Text   string `json:"text"`
}

// Timeline merges the ARC operator logs of the case's alerts with their
// triage and the case's own events, in time order (ARC first on a tie: it happened first).
func Timeline(ctx context.Context, st *store.Store, caseID int64) ([]TimelineEntry, error) {
	c, err := st.Case(ctx, caseID)
	if err != nil {
		return nil, err
	}
	out := []TimelineEntry{}
	for _, id := range c.AlertIDs {
		a, err := st.Alert(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, TimelineEntry{a.RaisedAt, "alert", a.ARC, fmt.Sprintf("%s alert %s raised by %s", map[string]string{"red": "Red", "amber": "Amber"}[a.Type], a.ARCRef, a.WorkerName)})
		log, err := st.OperatorLog(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, e := range log {
			text := strings.Join(nonEmpty(e.Action, e.Contact, e.Result, e.Note), " · ")
			out = append(out, TimelineEntry{e.At, "arc", e.Operator, fmt.Sprintf("%s: %s", a.ARCRef, text)})
		}
		tri, err := st.TriageHistory(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, t := range tri {
			out = append(out, TimelineEntry{t.CategorisedAt, "triage", t.CategorisedBy,
				fmt.Sprintf("%s categorised %s: %s", a.ARCRef, categoryLabels[t.Category], t.Reason)})
		}
	}
	events, err := st.CaseEvents(ctx, caseID)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		out = append(out, TimelineEntry{e.At, "case", e.Actor, eventText(e)})
	}
	rank := map[string]int{"alert": 0, "arc": 1, "triage": 2, "case": 3}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].At != out[j].At {
			return out[i].At < out[j].At
		}
		return rank[out[i].Source] < rank[out[j].Source]
	})
	return out, nil
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func eventText(e store.CaseEvent) string {
	switch e.Kind {
	case "opened":
		return "Case opened: " + e.Detail
	case "state":
		return fmt.Sprintf("Moved from %s to %s", StateLabels[e.From], StateLabels[e.To]) + suffix(e.Detail)
	case "reopened":
		return "Reopened" + suffix(e.Detail)
	case "decision":
		return "Decision recorded: " + routeLabel(e.Detail)
	case "decision_changed":
		return "Decision changed: " + routeLabel(e.Detail)
	}
	return e.Kind + suffix(e.Detail)
}

func suffix(s string) string {
	if s == "" {
		return ""
	}
	return ": " + s
}
