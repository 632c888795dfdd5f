package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/evidence"
	"github.com/nhs-redline/redline/backend/store"
)

// cmdVault checks the evidence vault against the database and keeps the
// report, so the app's My work shows what it found.
func cmdVault(ctx context.Context, e *env, args []string) error {
	fs := flags("vault verify", e)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return badInput("vault verify: unexpected argument %q", fs.Arg(0))
	}
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	rep, err := evidence.Run(ctx, ws.Store, ws.Vault, now(), nil)
	if err != nil {
		return fmt.Errorf("vault verify: %w", err)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printEvidence(e, rep)
	}
	if !rep.OK() {
		return exitError{exitFailure, fmt.Sprintf("the evidence check found %d problem(s); deal with each as its message says, then run `redline-cli vault verify` again",
			len(rep.Problems)+rep.More)}
	}
	return nil
}

func printEvidence(e *env, rep evidence.Report) {
	fmt.Fprintf(e.stdout, "Evidence check at %s (UK time): %d recording(s) hashed, %d file(s) in the vault, %d awaiting destruction.\n",
		time.Unix(rep.At, 0).In(store.London).Format("02/01/2006 15:04:05"), rep.Recordings, rep.Files, rep.Awaiting)
	if rep.Unconfirmed > 0 {
		fmt.Fprintf(e.stdout, "%d file(s) looked unreferenced while an import was running; the next check looks at them again.\n", rep.Unconfirmed)
	}
	if rep.OK() {
		fmt.Fprintln(e.stdout, "All well: every recording's file is present and unchanged, and every file is accounted for.")
		return
	}
	for _, p := range rep.Problems {
		where := []string{strings.ToUpper(p.Kind)}
		if p.ARCRef != "" {
			where = append(where, "alert "+p.ARCRef)
		}
		if p.Cases != "" {
			c := "case " + p.Cases
			if p.LegalHold {
				c += " (legal hold)"
			}
			where = append(where, c)
		}
		fmt.Fprintf(e.stdout, "  %s  %s\n    %s\n", strings.Join(where, "  "), p.Item, p.Message)
	}
	if rep.More > 0 {
		fmt.Fprintf(e.stdout, "  ... and %d more.\n", rep.More)
	}
}
