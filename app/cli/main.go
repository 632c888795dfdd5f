// Command redline-cli is Redline without the window: demo data, queries,
// imports and housekeeping for scripts and support staff.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit codes promised to scripts.
const (
	exitOK       = 0
	exitFailure  = 1
	exitBadInput = 2
)

// usageError marks a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func badInput(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// env is what every command gets: where the data lives and where to write.
type env struct {
	dataDir string
	stdout  io.Writer
	stderr  io.Writer
}

type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

var commands = map[string]command{}

func register(name, summary string, run func(ctx context.Context, e *env, args []string) error) {
	commands[name] = command{summary: summary, run: run}
}

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	global := flag.NewFlagSet("redline-cli", flag.ContinueOnError)
	global.SetOutput(stderr)
	dataDir := global.String("data-dir", "", "data directory (default: per-user; REDLINE_DATA_DIR overrides)")
	global.Usage = func() { usage(stderr) }
	if err := global.Parse(args); err != nil {
		return exitBadInput
	}
	rest := global.Args()
	if len(rest) == 0 {
		usage(stderr)
		return exitBadInput
	}
	cmd, ok := commands[rest[0]]
	if !ok {
		fmt.Fprintf(stderr, "redline-cli: unknown command %q. Run redline-cli without arguments to list the commands.\n", rest[0])
		return exitBadInput
	}
	err := cmd.run(ctx, &env{dataDir: *dataDir, stdout: stdout, stderr: stderr}, rest[1:])
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "redline-cli:", err)
		return exitBadInput
	default:
		var ec interface{ ExitCode() int }
		fmt.Fprintln(stderr, "redline-cli:", err)
		if errors.As(err, &ec) {
			return ec.ExitCode()
		}
		return exitFailure
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: redline-cli [--data-dir DIR] COMMAND [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
}

// flags makes a FlagSet whose errors count as bad input.
func flags(name string, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet("redline-cli "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{strings.TrimSpace(err.Error())}
	}
	return nil
}
