package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/retention"
	"github.com/nhs-redline/redline/backend/store"
)

// exitError carries an exit code other than 1 or 2 to main, or 1 with a message.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }
func (e exitError) ExitCode() int { return e.code }

// now is the commands' clock (purges, exports, letters); tests move it.
var now = time.Now

// who is the person running the command, now.
// who is the person a command acts as: in a team database the signed-in
// login (the database refuses an audit entry naming anyone else).
func who(ctx context.Context, st *store.Store) store.Who {
	return store.Who{Actor: st.Actor(ctx), At: now().Unix()}
}

func cmdPurge(ctx context.Context, e *env, args []string) error {
	fs := flags("purge", e)
	dry := fs.Bool("dry-run", false, "list what would be destroyed without destroying it")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return badInput("purge: unexpected argument %q", fs.Arg(0))
	}
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	rep, err := retention.PurgeNow(ctx, ws.Store, ws.Vault, now(), ws.Store.Actor(ctx), *dry)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if jerr := enc.Encode(rep); jerr != nil {
			return jerr
		}
	} else {
		printPurge(e, rep)
	}
	return err
}

func printPurge(e *env, rep retention.Report) {
	verb := "Destroyed"
	if rep.DryRun {
		verb = "Would destroy"
	}
	fmt.Fprintf(e.stdout, "%s %d recording(s) at %s (UK time).\n", verb, len(rep.Due), rep.At.In(store.London).Format("02/01/2006 15:04:05"))
	for _, p := range rep.Due {
		fmt.Fprintf(e.stdout, "  %s  %s  SHA-256 %s  due %s  %s\n", p.Item.ARCRef, p.Item.OriginalName, p.Item.SHA256,
			p.Verdict.DueAt.In(store.London).Format("02/01/2006 15:04"), p.Verdict.RuleText)
	}
	if len(rep.Held) > 0 {
		fmt.Fprintf(e.stdout, "Kept under legal hold: %d recording(s).\n", len(rep.Held))
		for _, p := range rep.Held {
			fmt.Fprintf(e.stdout, "  %s  %s  %s\n", p.Item.ARCRef, p.Item.OriginalName, p.Verdict.Kept)
		}
	}
	// The ARC's documents and fields go under the same rules (issue 13).
	if len(rep.ARCDue) > 0 {
		fmt.Fprintf(e.stdout, "%s %d ARC document(s) and set(s) of ARC fields with them.\n", verb, len(rep.ARCDue))
		for _, p := range rep.ARCDue {
			fmt.Fprintf(e.stdout, "  %s  %s  %s\n", p.Item.ARCRef, p.Item.OriginalName, p.Verdict.RuleText)
		}
	}
	if len(rep.ARCHeld) > 0 {
		fmt.Fprintf(e.stdout, "Kept under legal hold: %d ARC document(s) and set(s) of ARC fields.\n", len(rep.ARCHeld))
	}
	if rep.NextDueAt != nil {
		fmt.Fprintf(e.stdout, "Next red alert recording falls due %s.\n", rep.NextDueAt.In(store.London).Format("02/01/2006 15:04"))
	}
}
