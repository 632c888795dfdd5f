// Command redline-cli is Redline without the window: demo data, queries,
// imports and housekeeping for scripts and support staff.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/nhs-redline/redline/backend/store"
)

// Exit codes promised to scripts.
const (
	exitOK       = 0
	exitFailure  = 1
	exitBadInput = 2
)

// command is one row of the table that dispatch and help both read, so a
// command cannot run without help or be described without running.
type command struct {
	name    string
	summary string // one line for `redline-cli help`
	forms   []form // nil means the bare command, with no arguments
	run     func(ctx context.Context, e *env, args []string) error
}

// form is one way to call a command: its subcommand ("" for none) and what
// follows the flags. Each form has flags of its own.
type form struct{ sub, args string }

var commands []command

// The table is filled in init because cmdHelp reads it: a package-level
// initialiser that reaches itself through cmdHelp is an initialisation cycle.
func init() {
	commands = []command{
		{name: "help", summary: "list the commands, or show one command's usage and flags", forms: []form{{"", "[COMMAND]"}}, run: cmdHelp},
		{name: "version", summary: "print the version", run: cmdVersion},
		{name: "demo", summary: "create the demo database in the data directory", run: cmdDemo},
		{name: "import", summary: "import an ARC export (folder, .zip or CSV)", forms: []form{{"", "PATH"}}, run: cmdImport},
		{name: "profiles", summary: "list the import profiles (shipped and saved)", run: cmdProfiles},
		{name: "alerts", summary: "list alerts as JSON, newest first", run: cmdAlerts},
		{name: "hotspots", summary: "list areas of repeated red alerts as JSON", run: cmdHotspots},
		{name: "export", summary: "export alerts for GIS tools and the police", forms: []form{{"geojson", ""}}, run: cmdExport},
		{name: "trends", summary: "the director's trends as XmR series (JSON), or a board pack as PDF or XLSX", forms: []form{{"", ""}}, run: cmdTrends},
		{name: "risks", summary: "list the risk register as JSON, or export it to a spreadsheet", forms: []form{{"", ""}, {"export", ""}}, run: cmdRisks},
		{name: "letters", summary: "list the letter register as JSON, or draft and save a case's letter", forms: []form{{"", ""}, {"render", ""}}, run: cmdLetters},
		{name: "audio", summary: "describe a recording (codec, rate, channels, duration, SHA-256), or decode it to a WAV listening copy", forms: []form{{"probe", "FILE"}, {"decode", "FILE"}}, run: cmdAudio},
		{name: "transcribe", summary: "print a draft transcript of an alert's recording", forms: []form{{"", "ALERT_REF"}}, run: cmdTranscribe},
		{name: "purge", summary: "destroy recordings whose retention period has ended (--dry-run to preview)", run: cmdPurge},
		{name: "audit", summary: "check that the audit log is intact", forms: []form{{"verify", ""}}, run: cmdAudit},
		{name: "vault", summary: "check every evidence file is present, unchanged and accounted for", forms: []form{{"verify", ""}}, run: cmdVault},
		{name: "recordings", summary: "list who listened to an alert's recordings, when and which stretch", forms: []form{{"listens", "ALERT_REF"}}, run: cmdRecordings},
		{name: "bundle", summary: "build a case's court bundle and evidence package, or verify a package", forms: []form{{"build", ""}, {"verify", "PATH"}}, run: cmdBundle},
		{name: "reviews", summary: "list the post-incident reviews you may see (in team mode, a line manager's own)", run: cmdReviews},
		{name: "team", summary: "set up or upgrade the security team's shared PostgreSQL database (team mode), and say who may use it",
			forms: []form{{"init", ""}, {"migrate", ""}, {"add-user", "NAME"}, {"disable", "NAME"}, {"role", "NAME"}, {"users", ""}, {"assign", "CASE LOGIN"}}, run: cmdTeam},
	}
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// formsOf returns how c is called; most commands have the one bare form.
func formsOf(c command) []form {
	if len(c.forms) == 0 {
		return []form{{}}
	}
	return c.forms
}

// env is what every command gets: where the data lives and where to write.
type env struct {
	dataDir string
	db      string // the team database (--db or REDLINE_DB); "" is the data directory's own
	stdout  io.Writer
	stderr  io.Writer

	fs       *flag.FlagSet // the last flag set the command made, which help prints
	helpOnly bool          // help is reading the flags: touch no data
}

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run is the one place an outcome becomes an exit code, so every command
// reports its errors the same way, and as JSON when --json was asked for.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	out := &countingWriter{w: stdout}
	err := dispatch(ctx, args, out, stderr)
	if err == nil {
		return exitOK
	}
	p := explain(err)
	fmt.Fprintln(stderr, "redline-cli:", p.msg)
	// A command that already printed its JSON report (a rejected import, a
	// broken audit log) has said what happened; a second document would
	// make the output something no JSON reader accepts.
	if wantsJSON(args) && out.n == 0 {
		writeJSONError(stdout, p)
	}
	return p.code
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	global, dataDir, db := globalFlags()
	if err := global.Parse(args); errors.Is(err, flag.ErrHelp) {
		listCommands(stdout)
		return nil
	} else if err != nil {
		return usageErr("%v. Run `redline-cli help` to list the commands.", err)
	}
	rest := global.Args()
	if len(rest) == 0 {
		listCommands(stderr)
		return usageErr("say which command to run. Run `redline-cli help` to list the commands.")
	}
	c, ok := lookup(rest[0])
	if !ok {
		return usageErr("unknown command %q. Run `redline-cli help` to list the commands.", rest[0])
	}
	if askedForHelp(rest[1:]) {
		return describe(stdout, c)
	}
	if err := checkSub(c, rest[1:]); err != nil {
		return err
	}
	if *db == "" { // read after parsing, so help never prints an address that may hold a password
		*db = os.Getenv(dbEnv)
	}
	err := c.run(ctx, &env{dataDir: *dataDir, db: *db, stdout: stdout, stderr: stderr}, rest[1:])
	if errors.Is(err, flag.ErrHelp) { // -h=true and the like, which askedForHelp lets by
		return describe(stdout, c)
	}
	return err
}

func globalFlags() (*flag.FlagSet, *string, *string) {
	global := flag.NewFlagSet("redline-cli", flag.ContinueOnError)
	global.SetOutput(io.Discard) // run reports the error once; help prints the flags
	dataDir := global.String("data-dir", "", "data directory (default: per-user; REDLINE_DATA_DIR overrides)")
	db := global.String("db", "", "use the team database postgres://USER@HOST:5432/DATABASE?sslmode=verify-full instead of "+
		"the data directory's (default $"+dbEnv+"); every command works in team mode")
	return global, dataDir, db
}

// askedForHelp reports whether -h or --help appears among a command's
// arguments, anywhere before "--", so that it works even before a command's
// subcommand and on commands that are otherwise refused without one.
func askedForHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--h", "--help":
			return true
		}
	}
	return false
}

// checkSub refuses a command that needs a subcommand and was given none, or
// one it does not have, naming the ones it has.
func checkSub(c command, args []string) error {
	var subs []string
	for _, f := range formsOf(c) {
		if f.sub == "" {
			return nil
		}
		if len(args) > 0 && args[0] == f.sub {
			return nil
		}
		subs = append(subs, "`redline-cli "+c.name+" "+f.sub+"`")
	}
	what := "needs a subcommand"
	if len(args) > 0 {
		what = fmt.Sprintf("has no subcommand %q", args[0])
	}
	return usageErr("%s %s: use %s. Run `redline-cli help %s` for its flags.", c.name, what, strings.Join(subs, " or "), c.name)
}

// flags makes a command's FlagSet. Its errors are reported by run and its
// flags printed by help, so the flag package itself prints nothing.
func flags(name string, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet("redline-cli "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	e.fs = fs
	return fs
}

// parse reads a command's flags. A value the flag refuses is bad input; an
// unknown flag or a missing value is a mistake in the call.
func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	name := strings.TrimPrefix(fs.Name(), "redline-cli ")
	kind := kindUsage
	if strings.HasPrefix(err.Error(), "invalid ") {
		kind = kindBadInput
	}
	return problem{kind, exitBadInput, fmt.Sprintf("%s: %v. Run `redline-cli help %s` for its flags.", name, err, strings.Fields(name)[0])}
}

// Kinds of error, for scripts to branch on without reading the message.
const (
	kindUsage    = "usage"     // the command was called wrongly: see its help
	kindBadInput = "bad_input" // a value given was refused
	kindNotFound = "not_found" // the database, file or record named is not there
	kindInternal = "internal"  // anything else
)

// problem is an error explained: its kind, the exit code it ends with and a
// message a person can act on.
type problem struct {
	kind string
	code int
	msg  string
}

func (p problem) Error() string { return p.msg }

func usageErr(format string, args ...any) error {
	return problem{kindUsage, exitBadInput, fmt.Sprintf(format, args...)}
}

func badInput(format string, args ...any) error {
	return problem{kindBadInput, exitBadInput, fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) error {
	return problem{kindNotFound, exitFailure, fmt.Sprintf(format, args...)}
}

// explain gives any error a kind and an exit code. Errors from the backend
// carry no kind of their own, so it is read from what they wrap.
func explain(err error) problem {
	var p problem
	if errors.As(err, &p) {
		return p
	}
	p = problem{kindInternal, exitFailure, err.Error()}
	var ec interface{ ExitCode() int }
	if errors.As(err, &ec) {
		p.code = ec.ExitCode()
	}
	switch {
	case p.code == exitBadInput: // an export refused by its checks
		p.kind = kindBadInput
	case errors.Is(err, store.ErrNotFound), errors.Is(err, fs.ErrNotExist):
		p.kind = kindNotFound
	}
	return p
}

// jsonError is the one shape of every error printed with --json.
type jsonError struct {
	Error struct {
		Kind     string `json:"kind"`
		Message  string `json:"message"`
		ExitCode int    `json:"exitCode"`
	} `json:"error"`
}

func writeJSONError(w io.Writer, p problem) {
	var j jsonError
	j.Error.Kind, j.Error.Message, j.Error.ExitCode = p.kind, p.msg, p.code
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(j)
}

// wantsJSON reports whether --json was given, read from the raw arguments
// because an error can stop a command before it parses its flags. As in the
// flag package, the last --json=BOOL wins.
func wantsJSON(args []string) bool {
	want := false
	for _, a := range args {
		if a == "--" {
			break
		}
		name, val, hasVal := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "json" {
			continue
		}
		b, err := strconv.ParseBool(val)
		want = !hasVal || (err == nil && b)
	}
	return want
}

// countingWriter counts what a command wrote, so run knows whether a JSON
// error would be the whole of the output.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}
