package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/nhs-redline/redline/backend/store"
)

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
	st, done, err := e.openStore()
	if err != nil {
		return err
	}
	defer done()
	rep, err := st.CheckAuditLog(ctx, anchors...)
	if err != nil {
		return fmt.Errorf("audit verify: could not read the audit log: %w", err)
	}
	if *asJSON {
		json.NewEncoder(e.stdout).Encode(map[string]any{"entries": rep.Entries, "intact": rep.Problem == nil,
			"authentic": rep.Authentic(), "problem": rep.Problem, "head": rep.Head, "anchorsChecked": rep.Anchors, "exportsChecked": rep.Exports,
			"keyed": rep.Keyed, "keyedFrom": rep.KeyedFrom, "plain": rep.Plain, "unverifiable": rep.Unverifiable, "note": rep.Note})
	} else if rep.Problem == nil {
		printAudit(e, rep)
	}
	if e.teamMode() && rep.Problem == nil && !rep.Keyed {
		elsewhere := ""
		if rep.Unverifiable > 0 {
			elsewhere = fmt.Sprintf(" %d of them were sealed with a laptop's own key before `team migrate` brought them here: "+
				"check those on that laptop, or against heads recorded in exported documents.", rep.Unverifiable)
		}
		return exitError{exitFailure, fmt.Sprintf("the team database's audit log was checked only as plain SHA-256: its %d entries "+
			"are in order and each linked to the one before, but team mode has no shared audit key yet (docs/team-mode.md). "+
			"No person's login can change an entry (the log is append-only and theirs to add to only), but the database's "+
			"owner could have rewritten it: check it against heads recorded in exported documents (--anchor).%s", rep.Entries, elsewhere)}
	}
	return auditVerdict(rep)
}

// printAudit says what was checked and how far it can be trusted.
func printAudit(e *env, rep store.AuditReport) {
	if rep.Note != "" {
		fmt.Fprintf(e.stdout, "Note: %s\n", rep.Note)
	}
	if rep.Authentic() {
		fmt.Fprintf(e.stdout, "Audit log intact: %d entries, each chained to the one before.\n", rep.Entries)
	} else {
		fmt.Fprintf(e.stdout, "Audit log not confirmed: %d entries, in order and each linked to the one before, but not all checked with a key (see below).\n", rep.Entries)
	}
	if rep.Plain > 0 && rep.Keyed {
		fmt.Fprintf(e.stdout, "%d of them predate this database's audit key and are plain SHA-256: they match the record kept with the key, so they have not changed since it was made, but nothing shows whether they were changed before.\n", rep.Plain)
	}
	if rep.Keyed && rep.Entries >= rep.KeyedFrom {
		fmt.Fprintf(e.stdout, "Entries %d to %d are sealed with this computer's key for the database, so nobody without it could have rewritten them.\n", rep.KeyedFrom, rep.Entries)
	}
	if rep.Anchors > 0 {
		fmt.Fprintf(e.stdout, "It still holds the entries noted elsewhere (%d), unchanged.\n", rep.Anchors)
	}
	if rep.Exports > 0 {
		fmt.Fprintf(e.stdout, "It still holds the audit head of every export in the register (%d), unchanged: no entry was cut off or rewritten after those documents left.\n", rep.Exports)
	}
	if rep.Head.Seq > 0 {
		fmt.Fprintf(e.stdout, "Newest entry: %s\nNote it somewhere other than this laptop; checking later with --anchor %d:%s shows whether entries were cut off.\n",
			rep.Head, rep.Head.Seq, rep.Head.Hash[:16])
	}
}

// auditVerdict is the exit: a break, or a log that could not be fully
// authenticated, fails; the latter is not the same as tampering, so it
// says what was and was not checked.
func auditVerdict(rep store.AuditReport) error {
	switch {
	case rep.Problem != nil:
		return exitError{exitFailure, fmt.Sprintf("audit log broken at entry %d: %s. Entries from %d on cannot be trusted; restore the database from a backup and investigate.",
			rep.Problem.Seq, rep.Problem.Reason, rep.Problem.Seq)}
	case !rep.Keyed:
		return exitError{exitFailure, "the audit log was checked without a key, only as plain SHA-256: anyone with the database file could have rewritten it. Open it with Redline so it is keyed."}
	case rep.Unverifiable > 0:
		return exitError{exitFailure, fmt.Sprintf("this computer does not hold the audit key that sealed entries 1 to %d (the database was made on another computer or under another Windows account, or its key was deleted), so whether they were rewritten cannot be checked here. Their order and links are intact; entries from %d on are sealed with this computer's own key. Check them on the computer that made them, or against heads recorded in exported documents.",
			rep.Unverifiable, rep.KeyedFrom)}
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
