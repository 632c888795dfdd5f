package arc

import (
	"encoding/csv"
	"fmt"
	"github.com/nhs-redline/redline/backend/formula"
	"io"
	"strconv"
	"strings"
)

// Severities of a problem: an error rejects the row; a warning is noted and
// the row is kept (for example a clock-change time read as the profile says).
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Problem is one finding of validation, precise enough to fix the file.
type Problem struct {
	File     string `json:"file"`
	Kind     string `json:"kind"` // alarms, positions, log, recordings, audio, export
	Line     int    `json:"line"` // 0 when the problem is about a whole file
	Column   string `json:"column"`
	Value    string `json:"value"`
	Ref      string `json:"ref"` // the alarm reference, when known
	Severity string `json:"severity"`
	Reason   string `json:"reason"`
}

// String reads as a sentence: "Line 214 of alarms.csv, column raised_at ("...")": reason.
func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "Line %d of %s", p.Line, p.File)
	} else if p.Kind == "audio" {
		b.WriteString("Recording " + p.File) // "Recording audio/R-123.wav: The file ends ..."
	} else {
		b.WriteString(p.File)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, ", column %q", p.Column)
	}
	if p.Value != "" {
		fmt.Fprintf(&b, " (%q)", clip(p.Value, 80))
	}
	b.WriteString(": ")
	b.WriteString(p.Reason)
	return b.String()
}

// Detail is String without the file and line, for a list that shows those
// in their own columns: `Column "lat" ("91"): reason`, or the reason alone.
func (p Problem) Detail() string {
	var b strings.Builder
	if p.Column != "" {
		fmt.Fprintf(&b, "Column %q", p.Column)
		if p.Value != "" {
			fmt.Fprintf(&b, " (%q)", clip(p.Value, 80))
		}
		b.WriteString(": ")
	} else if p.Value != "" {
		fmt.Fprintf(&b, "%q: ", clip(p.Value, 80))
	}
	b.WriteString(p.Reason)
	return b.String()
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// WriteReportCSV writes problems as a CSV a spreadsheet can open safely: any
// cell a spreadsheet would run as a formula is prefixed with an apostrophe.
func WriteReportCSV(w io.Writer, problems []Problem) error {
	c := csv.NewWriter(w)
	c.Write([]string{"severity", "file", "line", "column", "value", "alarm reference", "reason"})
	for _, p := range problems {
		line := ""
		if p.Line > 0 {
			line = strconv.Itoa(p.Line)
		}
		rec := []string{p.Severity, p.File, line, p.Column, p.Value, p.Ref, p.Reason}
		for i := range rec {
			rec[i] = formula.Neutralise(rec[i])
		}
		if err := c.Write(rec); err != nil {
			return err
		}
	}
	c.Flush()
	return c.Error()
}
