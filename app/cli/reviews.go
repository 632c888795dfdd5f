package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// cmdReviews lists the post-incident reviews the person signed in may see:
// in a team database a line manager's own (the database decides), the
// LSMS's all; on a laptop, all of them.
func cmdReviews(ctx context.Context, e *env, args []string) error {
	fs := flags("reviews", e)
	asJSON := fs.Bool("json", false, "print the reviews as JSON")
	if err := parse(fs, args); err != nil || e.helpOnly {
		return err
	}
	st, done, err := e.openStore()
	if err != nil {
		return err
	}
	defer done()
	reviews, err := st.AssignedReviews(ctx)
	if err != nil {
		return teamProblem(err)
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(reviews)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Case\tTitle\tLine manager\tDue\tSigned off")
	for _, r := range reviews {
		due, signed := "not set", "no"
		if d, err := time.Parse(time.DateOnly, r.DueOn); err == nil {
			due = d.Format("2 Jan 2006")
		}
		if r.SignedOffAt != 0 {
			signed = time.Unix(r.SignedOffAt, 0).In(store.London).Format("2 Jan 2006")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.CaseRef, r.CaseTitle, r.LineManager, due, signed)
	}
	return tw.Flush()
}
