package casework

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/nhs-redline/redline/backend/retention"
	"github.com/nhs-redline/redline/backend/store"
)

// Item is one thing due in My work.
type Item struct {
	Kind    string `json:"kind"` // triage, destruction, riddor, task, letter, warning_review, review, risk_review, ...
	Title   string `json:"title"`
	Detail  string `json:"detail"`
	DueAt   int64  `json:"dueAt"` // Unix seconds; 0 when there is no deadline
	Overdue bool   `json:"overdue"`
	// Urgent marks an item without a deadline that must not wait behind routine
	// work: a red alert the police were called to, or the ARC closed as genuine,
	// that nobody has triaged yet. Why says so in a few words for the screen.
	Urgent bool   `json:"urgent"`
	Why    string `json:"why"`
	// Section is the part of the case the item is about (decision, letters,
	// review, risk, people, ...), so opening it lands there; empty for the top.
	Section string `json:"section"`
	AlertID int64  `json:"alertId"` // what to open
	CaseID  int64  `json:"caseId"`
}

// Source adds items of one kind. Other parts of Redline (letters, warnings,
// post-incident reviews, the risk register) register theirs with AddSource.
type Source func(ctx context.Context, st *store.Store, now time.Time) ([]Item, error)

var (
	sourcesMu sync.Mutex
	sources   = map[string]Source{}
)

// AddSource registers the items of one kind, replacing any of the same name.
func AddSource(name string, s Source) {
	sourcesMu.Lock()
	defer sourcesMu.Unlock()
	sources[name] = s
}

func init() {
	AddSource("triage", triageItems)
	AddSource("destruction", destructionItems)
	AddSource("riddor", riddorItems)
	AddSource("task", taskItems)
	AddSource("decision", decisionItems)
}

// MyWork lists what is due, most urgent first: overdue, then by deadline, then
// items without one (oldest first). A failing source is reported, not hidden.
func MyWork(ctx context.Context, st *store.Store, now time.Time) ([]Item, error) {
	sourcesMu.Lock()
	names := make([]string, 0, len(sources))
	for n := range sources {
		names = append(names, n)
	}
	sort.Strings(names)
	list := make([]Source, len(names))
	for i, n := range names {
		list[i] = sources[n]
	}
	sourcesMu.Unlock()
	out := []Item{}
	for i, src := range list {
		items, err := src(ctx, st, now)
		if err != nil {
			return out, fmt.Errorf("my work (%s): %w", names[i], err)
		}
		out = append(out, items...)
	}
	SortItems(out, now)
	return out, nil
}

// SortItems orders items most urgent first: what is overdue (oldest deadline
// first), then urgent items (a red alert with police involved or closed as
// genuine, not yet triaged: someone may be hurt, so it comes before routine
// deadlines), then by deadline, then items without one in the order given.
func SortItems(items []Item, now time.Time) {
	for i := range items {
		items[i].Overdue = items[i].DueAt != 0 && items[i].DueAt <= now.Unix()
	}
	tier := func(it Item) int {
		switch {
		case it.Overdue:
			return 0
		case it.Urgent:
			return 1
		case it.DueAt != 0:
			return 2
		}
		return 3
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if ta, tb := tier(a), tier(b); ta != tb {
			return ta < tb
		}
		return a.DueAt < b.DueAt
	})
}

// policeEscalations are the ARC's escalations that brought in the police.
var policeEscalations = map[string]string{"101": "police called on 101", "999": "police called on 999", "urn": "police reference (URN) given"}

// urgency says whether an untriaged red alert must come before routine work, and why.
func urgency(a store.Alert) (bool, string) {
	if why, ok := policeEscalations[a.Escalation]; ok {
		return true, "Urgent: " + why
	}
	if a.PoliceRef != "" {
		return true, "Urgent: police reference " + a.PoliceRef
	}
	if a.Validity == "genuine" {
		return true, "Urgent: the ARC closed it as genuine"
	}
	return false, ""
}

func triageItems(ctx context.Context, st *store.Store, now time.Time) ([]Item, error) {
	rows, err := st.TriageList(ctx, true, 500)
	if err != nil {
		return nil, err
	}
	out := make([]Item, 0, len(rows))
	for _, r := range rows {
		a := r.Alert
		urgent, why := urgency(a)
		out = append(out, Item{Kind: "triage", AlertID: a.ID, Urgent: urgent, Why: why,
			Title:  fmt.Sprintf("Triage red alert %s (%s)", a.ARCRef, a.WorkerName),
			Detail: fmt.Sprintf("Raised %s; the ARC closed it as %s", fmtTime(a.RaisedAt), categoryLabels[a.Validity])})
	}
	return out, nil
}

// destructionItems counts down to the destruction of false and test alarms,
// and warns a fortnight before any other red alert recording goes, while a
// legal hold can still be placed.
func destructionItems(ctx context.Context, st *store.Store, now time.Time) ([]Item, error) {
	pol, err := retention.Load(ctx, st)
	if err != nil {
		return nil, err
	}
	plan, err := retention.MakePlan(ctx, st, pol, now)
	if err != nil {
		return nil, err
	}
	out := []Item{}
	seen := map[int64]bool{}
	for _, p := range plan.Upcoming {
		v := p.Verdict
		short := v.Rule == retention.RuleFalseRed || v.Rule == retention.RuleTestRed
		if seen[p.Item.AlertID] || (!short && v.DueAt.Sub(now) > 14*24*time.Hour) {
			continue
		}
		seen[p.Item.AlertID] = true
		out = append(out, Item{Kind: "destruction", AlertID: p.Item.AlertID, DueAt: v.DueAt.Unix(),
			Title:  fmt.Sprintf("Recording of %s will be destroyed %s", p.Item.ARCRef, fmtTime(v.DueAt.Unix())),
			Detail: v.RuleText + ". Re-categorise it before then if it was closed under duress."})
	}
	return out, nil
}

func riddorItems(ctx context.Context, st *store.Store, now time.Time) ([]Item, error) {
	cases, err := st.OpenCasesWithRIDDOR(ctx)
	if err != nil {
		return nil, err
	}
	out := []Item{}
	for _, c := range cases {
		r, err := AssessRIDDOR(c, now)
		if err != nil || r.Deadline == "" {
			continue
		}
		due, _ := ParseDay("deadline", r.Deadline)
		out = append(out, Item{Kind: "riddor", CaseID: c.ID, Section: "police", DueAt: due.AddDate(0, 0, 1).Unix() - 1,
			Title: fmt.Sprintf("RIDDOR report for %s due by %s", c.Ref, due.Format("02/01/2006")), Detail: r.Explanation})
	}
	return out, nil
}

func taskItems(ctx context.Context, st *store.Store, now time.Time) ([]Item, error) {
	tasks, err := st.OpenTasksDueBy(ctx, Today(now.AddDate(0, 0, 7)))
	if err != nil {
		return nil, err
	}
	out := []Item{}
	for _, t := range tasks {
		due, _ := ParseDay("due", t.DueOn)
		out = append(out, Item{Kind: "task", CaseID: t.CaseID, Section: "tasks", DueAt: due.AddDate(0, 0, 1).Unix() - 1,
			Title: fmt.Sprintf("%s: %s", t.CaseRef, t.Title), Detail: fmt.Sprintf("Owner %s, due %s", t.Owner, due.Format("02/01/2006"))})
	}
	return out, nil
}

func decisionItems(ctx context.Context, st *store.Store, now time.Time) ([]Item, error) {
	cases, err := st.ListCases(ctx, store.CaseFilter{States: []string{DecisionPending}})
	if err != nil {
		return nil, err
	}
	out := []Item{}
	for _, c := range cases {
		out = append(out, Item{Kind: "decision", CaseID: c.ID, Section: "decision", Title: fmt.Sprintf("Decide case %s", c.Ref), Detail: c.Title})
	}
	return out, nil
}

func fmtTime(unix int64) string {
	return time.Unix(unix, 0).In(store.London).Format("02/01/2006 15:04")
}
