package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/bundle"
	"github.com/nhs-redline/redline/backend/exhibit"
	bproblem "github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/workspace"
	"github.com/nhs-redline/redline/reports/exports"
)

// cmdBundle builds a case's court bundle and evidence package, or checks one.
func cmdBundle(ctx context.Context, e *env, args []string) error {
	switch args[0] {
	case "build":
		return bundleBuild(ctx, e, args[1:])
	case "verify":
		return bundleVerify(ctx, e, args[1:])
	}
	return usageErr("bundle has no subcommand %q: use `redline-cli bundle build` or `redline-cli bundle verify`", args[0])
}

func bundleBuild(ctx context.Context, e *env, args []string) error {
	fs := flags("bundle build", e)
	caseRef := fs.String("case", "", "the case's reference, e.g. RL-2026-0001")
	out := fs.String("out", "", "the folder to build the package in")
	zip := fs.Bool("zip", false, "one .zip file instead of a folder")
	redacted := fs.Bool("redacted", false, "a disclosure copy: the lone worker's home address and telephone and third parties' details taken out")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return badInput("bundle build: unexpected argument %q", fs.Arg(0))
	case strings.TrimSpace(*caseRef) == "":
		return badInput("bundle build: say which case with --case, e.g. --case RL-2026-0001")
	case strings.TrimSpace(*out) == "":
		return badInput("bundle build: say where with --out DIR (an existing folder)")
	}
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	res, err := exports.BundlePackage(ctx, ws, who(ctx, ws.Store), *caseRef, *out, bundle.Options{Zip: *zip, Redacted: *redacted})
	if err != nil {
		return asProblem(err)
	}
	if *asJSON {
		return printIndented(e, res)
	}
	kind := "Evidence package"
	if res.Redacted {
		kind = "Disclosure copy (redacted)"
	}
	fmt.Fprintf(e.stdout, "%s of %s built: %s\n  %d exhibit(s): %s\n  %d file(s) in data/, bundle SHA-256 %s\n  audit head %s, recorded as audit entry %d\n",
		kind, res.CaseRef, res.Path, len(res.Exhibits), strings.Join(res.Exhibits, ", "), len(res.Files), res.BundleSHA256, res.Head, res.Seq)
	if len(res.Withheld) > 0 {
		fmt.Fprintf(e.stdout, "  listed but not carried (no text can be taken out of them; available from the producer on request): %s\n",
			strings.Join(res.Withheld, ", "))
	}
	return nil
}

func bundleVerify(ctx context.Context, e *env, args []string) error {
	fs := flags("bundle verify", e)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return badInput("bundle verify: give one package, a folder or a .zip: redline-cli bundle verify PATH")
	}
	var st *store.Store
	if e.teamMode() { // the team database the package was built from
		tst, done, err := e.openStore()
		if err != nil {
			return err
		}
		defer done()
		st = tst
	} else if dir, err := e.dir(); err == nil && workspace.Exists(dir) {
		ws, err := workspace.Open(dir)
		if err != nil {
			return err
		}
		defer ws.Close()
		st = ws.Store
	}
	rep, err := bundle.Verify(ctx, fs.Arg(0), st)
	if err != nil {
		return notFound("bundle verify: %v", err)
	}
	if *asJSON {
		if err := printIndented(e, rep); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "Package %s: %d file(s) checked against manifest-sha256.txt.\n", rep.Path, rep.Files)
		if rep.HeadNote != "" {
			fmt.Fprintln(e.stdout, rep.HeadNote)
		}
		for _, f := range rep.Findings {
			fmt.Fprintf(e.stdout, "  %s  %s\n    %s\n", strings.ToUpper(f.Kind), f.Path, f.Message)
		}
		if rep.OK() {
			fmt.Fprintln(e.stdout, "All well: every file is present, unchanged and listed.")
		}
	}
	if !rep.OK() {
		return exitError{exitFailure, fmt.Sprintf("the package %s failed %d check(s): do not rely on it; build it again from Redline", rep.Path, len(rep.Findings))}
	}
	return nil
}

// cmdRecordings prints a recording's listen log (`recordings listens --json ALERT_REF`).
func cmdRecordings(ctx context.Context, e *env, args []string) error {
	fs := flags("recordings listens", e)
	asJSON := fs.Bool("json", false, "print the log as JSON")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return badInput("recordings listens: give one alert reference: redline-cli recordings listens ALERT_REF")
	}
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	a, ls, err := exhibit.AlertListens(ctx, ws.Store, fs.Arg(0))
	if errors.Is(err, store.ErrNotFound) {
		return notFound("recordings listens: there is no alert %q", fs.Arg(0))
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return printIndented(e, map[string]any{"alert": a.ARCRef, "listens": ls})
	}
	fmt.Fprintf(e.stdout, "Listen log of alert %s: %d stretch(es) heard.\n", a.ARCRef, len(ls))
	for _, l := range ls {
		fmt.Fprintf(e.stdout, "  %s  %s  %s  %d ms to %d ms\n", ukStamp(l.At), l.Actor, l.Recording, l.FromMs, l.ToMs)
	}
	return nil
}

func ukStamp(unix int64) string {
	return time.Unix(unix, 0).In(store.London).Format("02/01/2006 15:04:05")
}

func printIndented(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// asProblem keeps a message written for people as a bad-input error.
func asProblem(err error) error {
	var p *bproblem.Problem
	if errors.As(err, &p) {
		return badInput("%s", p.Message)
	}
	return err
}
