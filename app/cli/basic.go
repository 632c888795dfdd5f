package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/version"
	"github.com/nhs-redline/redline/backend/workspace"
)

func init() {
	register("version", "print the version", cmdVersion)
	register("demo", "create the demo database in the data directory", cmdDemo)
	register("alerts", "list alerts as JSON", cmdAlerts)
}

func cmdVersion(_ context.Context, e *env, args []string) error {
	fmt.Fprintf(e.stdout, "redline-cli %s (%s)\n", version.Version, version.Commit)
	return nil
}

func (e *env) dir() (string, error) { return workspace.DataDir(e.dataDir) }

// open opens an existing workspace; commands that read never create one.
func (e *env) open() (*workspace.Workspace, error) {
	dir, err := e.dir()
	if err != nil {
		return nil, err
	}
	if !workspace.Exists(dir) {
		return nil, fmt.Errorf("no Redline database in %s: run `redline-cli demo` or import an export first", dir)
	}
	return workspace.Open(dir)
}

// printJSON opens the workspace, runs one read and prints its answer as JSON.
func (e *env) printJSON(read func(ws *workspace.Workspace) (any, error)) error {
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	v, err := read(ws)
	if err != nil {
		return err
	}
	return json.NewEncoder(e.stdout).Encode(v)
}

func cmdDemo(ctx context.Context, e *env, args []string) error {
	fs := flags("demo", e)
	force := fs.Bool("force", false, "replace an existing database")
	bare := fs.Bool("bare", false, "only the ARC's alerts, without the demo's casework, letters and risks")
	asOf := fs.String("as-of", "", "the instant the demo ends, RFC 3339 (e.g. 2026-03-29T12:00:00Z); default now")
	if err := parse(fs, args); err != nil {
		return err
	}
	end, err := demoEnd(*asOf, time.Now)
	if err != nil {
		return err
	}
	dir, err := e.dir()
	if err != nil {
		return err
	}
	ws, sum, err := workspace.CreateDemo(ctx, dir, end, workspace.DemoOptions{Force: *force, Bare: *bare})
	if errors.Is(err, workspace.ErrExists) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	defer ws.Close()
	fmt.Fprintf(e.stdout, "Demo data created in %s: %d teams, %d lone workers, %d amber and %d red alerts, %d recordings.\n",
		dir, sum.Teams, sum.Workers, sum.Amber, sum.Red, sum.Media)
	return nil
}

// demoEnd reads --as-of. The same instant always gives the same demo, which
// is what lets tests pin it; without the flag the demo ends now.
func demoEnd(asOf string, now func() time.Time) (time.Time, error) {
	if asOf == "" {
		return now(), nil
	}
	t, err := time.Parse(time.RFC3339, asOf)
	if err != nil {
		return time.Time{}, badInput("demo: --as-of %q is not an RFC 3339 instant: write it like 2026-03-29T12:00:00Z", asOf)
	}
	return t.UTC(), nil
}

// listFlag collects a repeatable or comma-separated flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

var knownTypes = map[string]bool{"amber": true, "red": true}
var knownValidity = map[string]bool{"genuine": true, "precautionary": true, "false": true, "test": true, "duplicate": true, "auto_closed": true, "": true}

// parseDay reads a UK (dd/mm/yyyy) or ISO (yyyy-mm-dd) date as the start of that London day.
func parseDay(s string) (time.Time, error) {
	for _, layout := range []string{"02/01/2006", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, store.London); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date: use dd/mm/yyyy or yyyy-mm-dd", s)
}

func cmdAlerts(ctx context.Context, e *env, args []string) error {
	fs := flags("alerts", e)
	asJSON := fs.Bool("json", false, "print JSON (the only format for now)")
	var types, validity listFlag
	fs.Var(&types, "type", "amber or red (repeat or comma-separate for several)")
	fs.Var(&validity, "validity", "genuine, precautionary, false, test, duplicate, auto_closed")
	from := fs.String("from", "", "first day, dd/mm/yyyy (UK time)")
	to := fs.String("to", "", "last day, inclusive, dd/mm/yyyy (UK time)")
	limit := fs.Int("limit", 100, "most alerts to print (1 to 1000)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !*asJSON {
		return badInput("alerts: add --json (other formats are not available yet)")
	}
	f := store.AlertFilter{Types: types, Validity: validity}
	for _, t := range types {
		if !knownTypes[t] {
			return badInput("alerts: unknown --type %q: use amber or red", t)
		}
	}
	for _, v := range validity {
		if !knownValidity[v] {
			return badInput("alerts: unknown --validity %q", v)
		}
	}
	if *limit < 1 || *limit > 1000 {
		return badInput("alerts: --limit must be between 1 and 1000")
	}
	if *from != "" {
		t, err := parseDay(*from)
		if err != nil {
			return badInput("alerts: --from: %v", err)
		}
		f.From = t.Unix()
	}
	if *to != "" {
		t, err := parseDay(*to)
		if err != nil {
			return badInput("alerts: --to: %v", err)
		}
		f.To = t.AddDate(0, 0, 1).Unix()
	}
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	rows, err := ws.Store.ListAlerts(ctx, f, store.AlertSort{Column: "raisedAt", Desc: true}, 0, *limit)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}
