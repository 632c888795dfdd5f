package main

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

func TestHelp_ListsEveryCommandWithItsSummary(t *testing.T) {
	code, out, errs := runCLI(t, "help")
	if code != exitOK || errs != "" {
		t.Fatalf("help: exit %d, stderr %q", code, errs)
	}
	for _, c := range commands {
		if !strings.Contains(out, "  "+c.name+" ") || !strings.Contains(out, c.summary) {
			t.Errorf("help does not list %s with %q:\n%s", c.name, c.summary, out)
		}
	}
}

// TestHelp_EveryCommandDescribesItselfAndTakesH runs over the table dispatch
// reads, so a command cannot be added without help that works.
func TestHelp_EveryCommandDescribesItselfAndTakesH(t *testing.T) {
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			if c.summary == "" || strings.Contains(c.summary, "\n") {
				t.Fatalf("summary %q: want one line", c.summary)
			}
			for _, f := range formsOf(c) {
				if flagsOf(c, f) == nil {
					t.Fatalf("%s %s does not parse its flags before acting, so help cannot list them", c.name, f.sub)
				}
			}
			code, want, errs := runCLI(t, "help", c.name)
			if code != exitOK || errs != "" || !strings.Contains(want, "Usage: redline-cli "+c.name) {
				t.Fatalf("help %s: exit %d, stderr %q, out:\n%s", c.name, code, errs, want)
			}
			calls := [][]string{{c.name, "-h"}, {c.name, "--help"}}
			for _, f := range formsOf(c) {
				if f.sub != "" {
					calls = append(calls, []string{c.name, f.sub, "-h"})
				}
			}
			for _, args := range calls {
				code, out, errs := runCLI(t, args...)
				if code != exitOK || errs != "" || out != want {
					t.Errorf("%v: exit %d, stderr %q; want exit 0 and the text of `help %s`, got:\n%s", args, code, errs, c.name, out)
				}
			}
		})
	}
}

func TestHelp_NamesEachFlag(t *testing.T) {
	_, out, _ := runCLI(t, "help", "alerts")
	for _, flag := range []string{"-json", "-limit", "-type", "-validity", "-from", "-to"} {
		if !strings.Contains(out, "  "+flag) {
			t.Errorf("help alerts does not show %s:\n%s", flag, out)
		}
	}
}

func TestUnknownCommand_SuggestsHelp(t *testing.T) {
	code, out, errs := runCLI(t, "alrets")
	if code != exitBadInput || out != "" || !strings.Contains(errs, `unknown command "alrets"`) || !strings.Contains(errs, "redline-cli help") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 2 and a pointer to `redline-cli help`", code, out, errs)
	}
	if code, _, errs := runCLI(t, "help", "alrets"); code != exitBadInput || !strings.Contains(errs, "redline-cli help") {
		t.Fatalf("help alrets: exit %d, stderr %q", code, errs)
	}
}

// oneJSON decodes stdout, which must be exactly one JSON value.
func oneJSON(t *testing.T, stdout string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(stdout))
	if err := dec.Decode(v); err != nil {
		t.Fatalf("stdout is not JSON (%v):\n%s", err, stdout)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("stdout holds more than one JSON value:\n%s", stdout)
	}
}

func TestJSON_ErrorsAreJSONOnStdoutWithTheMessageOnStderr(t *testing.T) {
	dir := geoWorkspace(t)
	tests := []struct {
		name     string
		args     []string
		code     int
		kind     string
		inStderr string
	}{
		{"a refused value", []string{"--data-dir", dir, "alerts", "--json", "--type", "blue"}, exitBadInput, kindBadInput, `unknown --type "blue"`},
		{"a value the flag cannot read", []string{"--data-dir", dir, "alerts", "--json", "--limit", "lots"}, exitBadInput, kindBadInput, "-limit"},
		{"an unknown flag", []string{"--data-dir", dir, "alerts", "--json", "--colour"}, exitBadInput, kindUsage, "redline-cli help alerts"},
		{"a missing subcommand", []string{"--data-dir", dir, "audit", "--json"}, exitBadInput, kindUsage, "redline-cli audit verify"},
		{"an unknown command", []string{"--data-dir", dir, "alrets", "--json"}, exitBadInput, kindUsage, "redline-cli help"},
		{"no database", []string{"--data-dir", t.TempDir(), "alerts", "--json"}, exitFailure, kindNotFound, "run `redline-cli demo`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, tt.args...)
			var got jsonError
			oneJSON(t, out, &got)
			if code != tt.code || got.Error.Kind != tt.kind || got.Error.ExitCode != code {
				t.Fatalf("exit %d, %+v; want exit %d and kind %s", code, got.Error, tt.code, tt.kind)
			}
			if !strings.Contains(errs, tt.inStderr) || !strings.Contains(errs, got.Error.Message) {
				t.Fatalf("stderr %q: want the message %q, naming %q", errs, got.Error.Message, tt.inStderr)
			}
		})
	}
}

func TestJSON_WithoutJSONErrorsStayOffStdout(t *testing.T) {
	code, out, errs := runCLI(t, "--data-dir", t.TempDir(), "alerts", "--type", "blue")
	if code != exitBadInput || out != "" || errs == "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestJSON_SuccessIsJSONAlone(t *testing.T) {
	dir := geoWorkspace(t)
	for _, args := range [][]string{{"version", "--json"}, {"--data-dir", dir, "alerts", "--json"}} {
		code, out, errs := runCLI(t, args...)
		var v any
		oneJSON(t, out, &v)
		if code != exitOK || errs != "" || strings.Contains(out, `"error"`) {
			t.Fatalf("%v: exit %d, stderr %q, stdout %s", args, code, errs, out)
		}
	}
}

// A command that printed its own JSON report before failing (here an import
// refused for holding no CSV) is not followed by a second JSON document.
func TestJSON_AReportThenAnErrorStaysOneDocument(t *testing.T) {
	code, out, errs := runCLI(t, "--data-dir", t.TempDir(), "import", "--json", t.TempDir())
	var rep struct{ Status, Message string }
	oneJSON(t, out, &rep)
	if code != exitBadInput || rep.Status != "rejected" || !strings.Contains(errs, rep.Message) {
		t.Fatalf("exit %d, report %+v, stderr %q", code, rep, errs)
	}
}

func TestWantsJSON(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"alerts", "--json"}, true},
		{[]string{"alerts", "-json"}, true},
		{[]string{"alerts", "--json=true"}, true},
		{[]string{"alerts", "--json", "--json=false"}, false},
		{[]string{"alerts"}, false},
		{[]string{"import", "--", "--json"}, false},
		{[]string{"import", "json"}, false},
	}
	for _, tt := range tests {
		if got := wantsJSON(tt.args); got != tt.want {
			t.Errorf("wantsJSON(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

// The streamed array must read exactly as the encoder's, so scripts see no
// difference between a short listing and a complete one.
func TestJSONArray_LaysOutAsTheEncoderDoes(t *testing.T) {
	type row struct {
		ID   int      `json:"id"`
		Name string   `json:"name"`
		Tags []string `json:"tags"`
	}
	for _, rows := range [][]row{{}, {{1, "a <b>", nil}}, {{1, "a", []string{"x"}}, {2, "b", nil}, {3, "c", []string{}}}} {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.Encode(rows)
		arr := &jsonArray[row]{w: &got}
		for _, r := range rows {
			if err := arr.add(r); err != nil {
				t.Fatal(err)
			}
		}
		arr.close()
		if got.String() != want.String() {
			t.Fatalf("streamed:\n%s\nencoder:\n%s", got.String(), want.String())
		}
	}
}
