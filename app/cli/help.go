package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
)

func cmdHelp(_ context.Context, e *env, args []string) error {
	fs := flags("help", e)
	if err := parse(fs, args); err != nil {
		return err
	}
	switch fs.NArg() {
	case 0:
		listCommands(e.stdout)
		return nil
	case 1:
		c, ok := lookup(fs.Arg(0))
		if !ok {
			return usageErr("help: there is no command %q. Run `redline-cli help` to list the commands.", fs.Arg(0))
		}
		return describe(e.stdout, c)
	}
	return usageErr("help: name one command, as in `redline-cli help alerts`")
}

// listCommands prints every command with its summary, in the table's order.
func listCommands(w io.Writer) {
	fmt.Fprintln(w, "Usage: redline-cli [--data-dir DIR | --db URL] COMMAND [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `redline-cli help COMMAND` (or COMMAND -h) for its usage and flags.\n\nFlags for every command, given before it:")
	global, _, _ := globalFlags()
	global.SetOutput(w)
	global.PrintDefaults()
}

// describe prints a command's summary, then each form's usage and flags.
func describe(w io.Writer, c command) error {
	fmt.Fprintf(w, "redline-cli %s: %s\n", c.name, c.summary)
	for _, f := range formsOf(c) {
		fs := flagsOf(c, f)
		fmt.Fprintf(w, "\nUsage: %s\n", usageLine(c, f, fs))
		if fs != nil {
			fs.SetOutput(w)
			fs.PrintDefaults()
		}
	}
	return nil
}

func usageLine(c command, f form, fs *flag.FlagSet) string {
	line := "redline-cli " + c.name
	if f.sub != "" {
		line += " " + f.sub
	}
	if fs != nil && hasFlags(fs) {
		line += " [flags]"
	}
	if f.args != "" {
		line += " " + f.args
	}
	return line
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// flagsOf reads a form's flags from the command itself, so help can never
// disagree with what the command accepts: the command runs with -h, which
// every command parses before doing anything, and hands back its flag set.
// The env refuses the data directory and the context is already cancelled,
// so a command that forgot to parse first still touches nothing. It returns
// nil if the command never reached its flags (the help test catches that).
func flagsOf(c command, f form) *flag.FlagSet {
	e := &env{stdout: io.Discard, stderr: io.Discard, helpOnly: true}
	args := []string{"-h"}
	if f.sub != "" {
		args = append([]string{f.sub}, args...)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.run(ctx, e, args); !errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return e.fs
}
