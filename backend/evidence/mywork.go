package evidence

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/casework"
	"github.com/nhs-redline/redline/backend/store"
)

func init() { casework.AddSource("evidence", myWork) }

// myWork turns the latest check's problems into My work items, due at once:
// one per file missing, altered or unreadable (recordings may share a file),
// and one for all the unreferenced files together.
func myWork(ctx context.Context, st *store.Store, now time.Time) ([]casework.Item, error) {
	rep, ok, err := Last(ctx, st)
	if err != nil || !ok {
		return nil, err
	}
	found := "Found by the evidence check on " + time.Unix(rep.At, 0).In(store.London).Format("02/01/2006 15:04") +
		"; check again from Settings, Evidence check, once it is dealt with."
	out := []casework.Item{}
	var stray []Problem
	groups, order := map[string][]Problem{}, []string{}
	for _, p := range rep.Problems {
		if p.Kind == Unreferenced {
			stray = append(stray, p)
			continue
		}
		k := p.Kind + " " + p.SHA256
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], p)
	}
	for _, k := range order {
		out = append(out, fileItem(groups[k], rep.At, found))
	}
	if len(stray) > 0 {
		out = append(out, casework.Item{Kind: "evidence",
			Title:  fmt.Sprintf("%d file(s) in the evidence vault belong to no recording or letter", len(stray)),
			Detail: fmt.Sprintf("For example %s. %s", stray[0].Item, found)})
	}
	if rep.More > 0 {
		out = append(out, casework.Item{Kind: "evidence", DueAt: rep.At,
			Title:  fmt.Sprintf("The evidence check found %d more problem(s) than it lists", rep.More),
			Detail: "Deal with the listed ones and check again to see the rest. " + found})
	}
	return out, nil
}

// fileItem is one item for the recordings whose shared file has one problem.
// It opens the first of them on a case under legal hold, if any.
func fileItem(ps []Problem, at int64, found string) casework.Item {
	first, held, refs := ps[0], 0, []string{}
	for _, p := range ps {
		if p.LegalHold {
			if held == 0 {
				first = p
			}
			held++
		}
		if len(refs) < 3 {
			refs = append(refs, p.ARCRef)
		}
	}
	title := fmt.Sprintf("Evidence file %s: %s of alert %s%s", first.Kind, first.Item, first.ARCRef, holdNote(first))
	if len(ps) > 1 {
		title = fmt.Sprintf("Evidence file %s for %d recordings (alerts %s%s)", first.Kind, len(ps), strings.Join(refs, ", "), more(len(ps)-len(refs)))
		if held > 0 {
			title += fmt.Sprintf(", %d of them under legal hold", held)
		}
	}
	return casework.Item{Kind: "evidence", AlertID: first.AlertID, DueAt: at, Title: title, Detail: first.Message + " " + found}
}

func more(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(" and %d more", n)
}

func holdNote(p Problem) string {
	switch {
	case p.LegalHold:
		return " (case " + p.Cases + ", under legal hold)"
	case p.Cases != "":
		return " (case " + p.Cases + ")"
	}
	return ""
}
