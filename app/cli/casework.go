package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/audit"
	"github.com/nhs-redline/redline/backend/retention"
	"github.com/nhs-redline/redline/backend/store"
)

func init() {
	register("purge", "destroy recordings whose retention period has ended (--dry-run to preview)", cmdPurge)
	register("audit", "check the audit log: `audit verify`", cmdAudit)
}

// exitError carries an exit code other than 1 or 2 to main, or 1 with a message.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }
func (e exitError) ExitCode() int { return e.code }

// now is the purge's clock; tests move it.
var now = time.Now

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
	pol, err := retention.Load(ctx, ws.Store)
	if err != nil {
		return err
	}
	rep, err := retention.Purge(ctx, ws.Store, ws.Vault, pol, now(), audit.Actor(), *dry)
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
	if rep.NextDueAt != nil {
		fmt.Fprintf(e.stdout, "Next red alert recording falls due %s.\n", rep.NextDueAt.In(store.London).Format("02/01/2006 15:04"))
	}
}

func cmdAudit(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return badInput("audit: the only subcommand is `verify` (redline-cli audit verify [--json] [--anchor N:HASH]...)")
	}
	fs := flags("audit verify", e)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	var anchors anchorList
	fs.Var(&anchors, "anchor", "an entry noted earlier outside this laptop, as N:HASH (repeatable): shows whether newer entries were cut off")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	problem, n, err := ws.Store.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("audit verify: could not read the audit log: %w", err)
	}
	for _, a := range anchors {
		if problem != nil {
			break
		}
		if problem, err = ws.Store.CheckAuditAnchor(ctx, a); err != nil {
			return fmt.Errorf("audit verify: could not read the audit log: %w", err)
		}
	}
	head, err := ws.Store.AuditHead(ctx)
	if err != nil {
		return fmt.Errorf("audit verify: could not read the audit log: %w", err)
	}
	if *asJSON {
		json.NewEncoder(e.stdout).Encode(map[string]any{"entries": n, "intact": problem == nil, "problem": problem,
			"head": head, "anchorsChecked": len(anchors)})
	} else if problem == nil {
		fmt.Fprintf(e.stdout, "Audit log intact: %d entries, each chained to the one before.\n", n)
		if len(anchors) > 0 {
			fmt.Fprintf(e.stdout, "It still holds the entries noted elsewhere (%d), unchanged.\n", len(anchors))
		}
		if head.Seq > 0 {
			fmt.Fprintf(e.stdout, "Newest entry: %s\nNote it somewhere other than this laptop; checking later with --anchor %d:%s shows whether entries were cut off.\n",
				head, head.Seq, head.Hash[:16])
		}
	}
	if problem != nil {
		return exitError{exitFailure, fmt.Sprintf("audit log broken at entry %d: %s. Entries from %d on cannot be trusted; restore the database from a backup and investigate.",
			problem.Seq, problem.Reason, problem.Seq)}
	}
	return nil
}

// anchorList collects --anchor flags.
type anchorList []store.AuditAnchor

func (l *anchorList) String() string { return fmt.Sprint(*l) }

func (l *anchorList) Set(s string) error {
	a, err := store.ParseAuditAnchor(s)
	if err != nil {
		return err
	}
	*l = append(*l, a)
	return nil
}
