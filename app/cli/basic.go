package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/demo"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/version"
	"github.com/nhs-redline/redline/backend/workspace"
	"github.com/nhs-redline/redline/reports/exports"
)

func cmdVersion(_ context.Context, e *env, args []string) error {
	fs := flags("version", e)
	asJSON := fs.Bool("json", false, "print the version and commit as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(map[string]string{"version": version.Version, "commit": version.Commit})
	}
	fmt.Fprintf(e.stdout, "redline-cli %s (%s)\n", version.Version, version.Commit)
	return nil
}

// dir is the data directory of a command that works on its database or
// evidence files, which team mode refuses; while help reads a command's
// flags there is none, so nothing can be read or made there.
func (e *env) dir() (string, error) {
	if e.teamMode() {
		return "", e.refuseTeam()
	}
	return e.localDir()
}

// localDir is the data directory for what stays on this computer in team
// mode too (saved import profiles).
func (e *env) localDir() (string, error) {
	if e.helpOnly {
		return "", errors.New("help does not open the data directory")
	}
	return workspace.DataDir(e.dataDir)
}

// open opens an existing workspace; commands that read never create one.
// In team mode it is the team database with its evidence files, for the
// commands that work there (e.openTeam).
func (e *env) open() (*workspace.Workspace, error) {
	if e.teamMode() {
		return e.openTeam()
	}
	dir, err := e.dir()
	if err != nil {
		return nil, err
	}
	if !workspace.Exists(dir) {
		return nil, notFound("no Redline database in %s: run `redline-cli demo` or import an export first", dir)
	}
	return workspace.Open(dir)
}

// printJSON opens the database (a team database in team mode), runs one read and prints its answer as JSON.
func (e *env) printJSON(read func(st *store.Store) (any, error)) error {
	st, done, err := e.openStore()
	if err != nil {
		return err
	}
	defer done()
	v, err := read(st)
	if err != nil {
		return err
	}
	return json.NewEncoder(e.stdout).Encode(v)
}

func cmdDemo(ctx context.Context, e *env, args []string) error {
	fs := flags("demo", e)
	force := fs.Bool("force", false, "replace an existing database")
	bare := fs.Bool("bare", false, "only the ARC's alerts, without the demo's casework, letters and risks")
	history := fs.Bool("history", false, "add two years of alert history before the three months, with past triage and retention, for the director's trends")
	asOf := fs.String("as-of", "", "the instant the demo ends, RFC 3339 (e.g. 2026-03-29T12:00:00Z); default now")
	if err := parse(fs, args); err != nil {
		return err
	}
	end, err := demoEnd(*asOf, time.Now)
	if err != nil {
		return err
	}
	ws, sum, dir, err := e.createDemo(ctx, end, workspace.DemoOptions{Force: *force, Bare: *bare, History: *history, Letters: exports.LetterDocs})
	if errors.Is(err, workspace.ErrExists) {
		return badInput("%v", err)
	}
	if err != nil {
		return err
	}
	defer ws.Close()
	fmt.Fprintf(e.stdout, "Demo data created in %s: %d teams, %d lone workers, %d amber and %d red alerts, %d recordings.\n",
		dir, sum.Teams, sum.Workers, sum.Amber, sum.Red, sum.Media)
	if *history {
		fmt.Fprintf(e.stdout, "Before them: %d months of alert history, triaged, with the recordings retention destroyed recorded as destroyed.\n", demo.HistoryMonths)
	}
	return nil
}

// createDemo builds the demo in the data folder, or in team mode in the
// team database, which must be empty; dir says where, for the summary.
func (e *env) createDemo(ctx context.Context, end time.Time, o workspace.DemoOptions) (*workspace.Workspace, demo.Summary, string, error) {
	if !e.teamMode() {
		dir, err := e.dir()
		if err != nil {
			return nil, demo.Summary{}, "", err
		}
		ws, sum, err := workspace.CreateDemo(ctx, dir, end, o)
		return ws, sum, dir, err
	}
	if !store.IsDatabaseURL(e.db) {
		return nil, demo.Summary{}, "", badInput("--db (or %s) is not a PostgreSQL address; it should start postgres://.", dbEnv)
	}
	local, err := e.localDir()
	if err != nil {
		return nil, demo.Summary{}, "", err
	}
	fmt.Fprintln(e.stderr, "Note: team mode has no shared audit key yet, so the demo's audit entries are chained with plain "+
		"SHA-256, not sealed with a key (docs/team-mode.md).")
	ws, sum, err := workspace.CreateTeamDemo(ctx, e.db, local, end, o)
	if errors.Is(err, workspace.ErrPersonLogin) {
		return nil, sum, "", badInput("%v", err)
	}
	return ws, sum, "the team database " + store.RedactURL(e.db), teamProblem(err)
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
	limit := fs.Int("limit", 100, "most alerts to print, newest first; 0 prints every match")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !*asJSON {
		return usageErr("alerts: add --json (other formats are not available yet)")
	}
	if *limit < 0 {
		return badInput("alerts: --limit must be 0 (every match) or a positive number, not %d", *limit)
	}
	f, err := alertFilter("alerts", types, validity, *from, *to)
	if err != nil {
		return err
	}
	st, done, err := e.openStore()
	if err != nil {
		return err
	}
	defer done()
	return writeAlerts(ctx, e.stdout, st, f, *limit)
}

// writeAlerts prints each alert as the store reads it, so a listing of every
// alert takes no more memory than a page. Output is buffered and the array
// closed only once the last alert is written: if reading fails part way, what
// reached stdout is not valid JSON, so no script can take part of a listing
// for the whole of it, and a failure before the first flush leaves stdout
// empty for run's JSON error.
func writeAlerts(ctx context.Context, w io.Writer, st *store.Store, f store.AlertFilter, limit int) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	arr := &jsonArray[store.Alert]{w: bw}
	if err := st.EachAlert(ctx, f, limit, arr.add); err != nil {
		return err
	}
	if err := arr.close(); err != nil {
		return err
	}
	return bw.Flush()
}

// jsonArray writes a JSON array an element at a time, laid out byte for byte
// as json.Encoder with SetIndent("", "  ") lays out a whole slice, so a
// streamed listing reads like the buffered ones other commands print.
type jsonArray[T any] struct {
	w io.Writer
	n int
}

func (a *jsonArray[T]) add(v T) error {
	b, err := json.MarshalIndent(v, "  ", "  ")
	if err != nil {
		return err
	}
	sep := ",\n  "
	if a.n == 0 {
		sep = "[\n  "
	}
	a.n++
	if _, err := io.WriteString(a.w, sep); err != nil {
		return err
	}
	_, err = a.w.Write(b)
	return err
}

func (a *jsonArray[T]) close() error {
	end := "\n]\n"
	if a.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(a.w, end)
	return err
}
