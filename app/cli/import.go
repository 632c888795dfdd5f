package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/arc"
	"github.com/nhs-redline/redline/backend/recording"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/workspace"
)

// userProfileDir is where the import wizard saves profiles.
func userProfileDir(dataDir string) string { return filepath.Join(dataDir, "profiles") }

// rejected carries exit code 2 for an export refused by validation or safety checks.
type rejected struct{ error }

func (rejected) ExitCode() int { return exitBadInput }

func cmdImport(ctx context.Context, e *env, args []string) error {
	fs := flags("import", e)
	profile := fs.String("profile", "", "use this import profile instead of detecting one")
	profileFile := fs.String("profile-file", "", "use the import profile in this JSON file")
	partial := fs.Bool("partial", false, "import the valid rows and keep rejected ones in quarantine")
	asJSON := fs.Bool("json", false, "print the summary and every problem as JSON")
	qOut := fs.String("quarantine-out", "", "with --partial: write the rejected rows to this folder, in the export's layout, to fix and import again")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return badInput("import: give exactly one export: a folder, a .zip or a CSV file")
	}
	if *qOut != "" && !*partial {
		return badInput("import: --quarantine-out needs --partial")
	}
	if *profile != "" && *profileFile != "" {
		return badInput("import: use --profile or --profile-file, not both")
	}
	dir, err := e.localDir() // saved profiles are this computer's, in team mode too
	if err != nil {
		return err
	}
	user, perrs := arc.LoadUserProfiles(userProfileDir(dir))
	for _, err := range perrs {
		fmt.Fprintln(e.stderr, "redline-cli: warning: saved profile ignored:", err)
	}
	opt := arc.Options{Partial: *partial, UserProfiles: user}
	switch {
	case *profile != "":
		if opt.Profile, err = arc.ProfileByName(*profile, user); err != nil {
			return badInput("import: %v", err)
		}
	case *profileFile != "":
		if opt.Profile, err = arc.LoadProfileFile(*profileFile); err != nil {
			return badInput("import: %v", err)
		}
	}
	if _, err := os.Stat(fs.Arg(0)); err != nil {
		return badInput("import: %s cannot be read: %v", fs.Arg(0), err)
	}
	ws, err := e.importWorkspace()
	if err != nil {
		return err
	}
	defer ws.Close()
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	res, err := arc.Import(ctx, ws.Store, ws.Vault, fs.Arg(0), opt)
	var rej *arc.RejectedError
	var src *arc.SourceError
	var npe *arc.NoProfileError
	switch {
	case errors.As(err, &rej):
		printImport(e, res, *asJSON)
		return rejected{err}
	case errors.As(err, &src), errors.As(err, &npe):
		if *asJSON {
			json.NewEncoder(e.stdout).Encode(map[string]any{"status": arc.StatusRejected, "message": err.Error()})
		}
		return rejected{err}
	case err != nil:
		return err
	}
	buildIndexes(ctx, e, ws, res)
	wf := prepareWaveforms(ctx, e, ws, res, !*asJSON)
	var written []string
	if *asJSON {
		// One document, printed once the rejected rows are written: their
		// files are part of the outcome.
		defer func() { printImportJSON(e, res, written, wf) }()
	} else {
		printImport(e, res, false)
		printWaveforms(e, wf)
	}
	if *qOut != "" && res.Errors > 0 {
		p, err := arc.ProfileByName(res.Profile, user)
		if err != nil && opt.Profile != nil {
			p = opt.Profile
		} else if err != nil {
			return err
		}
		names, err := arc.ExportQuarantine(ctx, ws.Store, who(ctx, ws.Store), res.ImportID, *qOut, p)
		if err != nil {
			return fmt.Errorf("write rejected rows: %w", err)
		}
		written = names
		if len(names) > 0 {
			again := fmt.Sprintf("--profile %q", p.Name)
			if *profileFile != "" {
				again = fmt.Sprintf("--profile-file %q", *profileFile)
			}
			fmt.Fprintf(e.stderr, "Rejected rows written to %s; fix them and import that folder with %s.\n", strings.Join(names, ", "), again)
		}
	}
	return nil
}

// importWorkspace is where an import goes: the team database with its
// evidence files in team mode (one transaction, through COPY), otherwise the
// data folder, made if new.
func (e *env) importWorkspace() (*workspace.Workspace, error) {
	if e.teamMode() {
		return e.openTeam()
	}
	dir, err := e.dir()
	if err != nil {
		return nil, err
	}
	return workspace.Open(dir)
}

// buildIndexes rebuilds the alert indexes a large import left for after its
// commit, so the database the command leaves is complete. The import is
// already stored: if this is stopped, Redline finishes it when it next opens.
func buildIndexes(ctx context.Context, e *env, ws *workspace.Workspace, r *arc.Result) {
	if waiting, err := ws.Store.DeferredIndexes(ctx); err != nil || len(waiting) == 0 {
		return
	}
	// Hand the import's garbage back to the system first, so the import's
	// heap and the index sorts do not add up to the peak (under 200 MB).
	debug.FreeOSMemory()
	start := time.Now()
	err := ws.Store.BuildDeferredIndexes(ctx, func(p store.IndexProgress) {
		if p.Name != "" {
			fmt.Fprintf(e.stderr, "Imported and saved; rebuilding index %d of %d (%s) for sorting and filtering...\n", p.Done+1, p.Total, p.Name)
		}
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "redline-cli: warning: the import is saved, but rebuilding its indexes stopped (%v); Redline finishes them when it next opens\n", err)
		return
	}
	r.IndexSeconds = time.Since(start).Seconds()
}

// waveformsDone is how the import's waveforms were prepared, for the summary.
type waveformsDone struct {
	recording.Preparation
	Seconds float64 `json:"seconds"`
}

// prepareWaveforms computes the waveforms of the recordings the import
// brought, the same way the window's import does, so the app never waits for
// them. The import is already stored: if this is stopped, Redline prepares
// the rest when it next starts. Progress goes to stderr when talk is set.
func prepareWaveforms(ctx context.Context, e *env, ws *workspace.Workspace, r *arc.Result, talk bool) *waveformsDone {
	lib := recording.New(ws.Store, ws.Vault, recording.CacheDir(ws.Dir), func() string { return ws.Store.Actor(ctx) })
	start := time.Now()
	st, err := lib.PrepareImported(ctx, r.Files, func(p recording.Preparation) {
		if talk && p.Current != "" {
			fmt.Fprintf(e.stderr, "Imported and saved; preparing waveforms %d of %d (%s)...\n", p.Done+1, p.Total, p.Current)
		}
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "redline-cli: warning: the import is saved, but preparing its waveforms stopped (%v); Redline prepares the rest when it next starts\n", err)
	}
	if st.Total == 0 {
		return nil
	}
	return &waveformsDone{Preparation: st, Seconds: time.Since(start).Seconds()}
}

func printWaveforms(e *env, w *waveformsDone) {
	if w == nil {
		return
	}
	fmt.Fprintf(e.stdout, "Waveforms prepared for %d of %d recordings in %.1f s\n", w.Done-w.Failed, w.Total, w.Seconds)
}

// printImportJSON prints the outcome as one JSON document, with the files
// the rejected rows were written to (--quarantine-out) and the waveforms
// prepared, if any.
func printImportJSON(e *env, r *arc.Result, quarantine []string, wf *waveformsDone) {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.Encode(struct {
		*arc.Result
		QuarantineFiles []string       `json:"quarantineFiles,omitempty"`
		Waveforms       *waveformsDone `json:"waveforms,omitempty"`
	}{r, quarantine, wf})
}

func printImport(e *env, r *arc.Result, asJSON bool) {
	if asJSON {
		printImportJSON(e, r, nil, nil)
		return
	}
	fmt.Fprintln(e.stdout, r.Message)
	fmt.Fprintf(e.stdout, "Profile: %s\n", r.Profile)
	// A rejected import stored nothing: its table says what it would have
	// stored without the rejected rows, under headings that say so.
	sum, heads := r.Summary, []string{"new", "updated", "unchanged", "rejected"}
	if r.WouldImport != nil {
		sum, heads = *r.WouldImport, []string{"would add", "would update", "unchanged", "rejected"}
	}
	fmt.Fprintf(e.stdout, "%-12s %10s %12s %10s %9s\n", "", heads[0], heads[1], heads[2], heads[3])
	for _, row := range []struct {
		name string
		c    arc.Counts
	}{{"alerts", sum.Alerts}, {"positions", sum.Positions}, {"log entries", sum.Log}, {"recordings", sum.Media}, {"documents", sum.Documents}} {
		fmt.Fprintf(e.stdout, "%-12s %10d %12d %10d %9d\n", row.name, row.c.New, row.c.Updated, row.c.Unchanged, row.c.Rejected)
	}
	shown := 0
	for _, p := range r.Problems {
		if shown == 50 {
			fmt.Fprintf(e.stdout, "... and %d more problem(s); use --json for all\n", r.Errors+r.Warnings-shown)
			break
		}
		fmt.Fprintf(e.stdout, "%s: %s\n", p.Severity, p)
		shown++
	}
	if r.Seconds > 0 && r.Rows > 0 {
		fmt.Fprintf(e.stdout, "%d rows in %.1f s (%.0f rows/s)\n", r.Rows, r.Seconds, float64(r.Rows)/r.Seconds)
	}
	if r.IndexSeconds > 0 {
		fmt.Fprintf(e.stdout, "Indexes for sorting and filtering rebuilt in %.1f s\n", r.IndexSeconds)
	}
}

func cmdProfiles(_ context.Context, e *env, args []string) error {
	fs := flags("profiles", e)
	if err := parse(fs, args); err != nil {
		return err
	}
	dir, err := e.localDir() // saved profiles are this computer's, in team mode too
	if err != nil {
		return err
	}
	user, _ := arc.LoadUserProfiles(userProfileDir(dir))
	for _, p := range append(arc.Builtin(), user...) {
		fmt.Fprintf(e.stdout, "%-16s %s\n", p.Name, p.Description)
	}
	return nil
}
