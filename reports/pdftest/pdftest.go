// Package pdftest reads generated PDFs back page by page (poppler's pdfinfo
// and pdftotext), for the tests of every package that writes one: each checks
// its documents never end on a page holding only a few stray lines.
package pdftest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Pages returns the text of each page of pdf, laid out as printed. It skips
// t when poppler-utils is not installed.
func Pages(t testing.TB, pdf []byte) []string {
	t.Helper()
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s (poppler-utils) not installed", tool)
		}
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", info)
	}
	n, _ := strconv.Atoi(string(m[1]))
	out := make([]string, n)
	for i := range out {
		p := strconv.Itoa(i + 1)
		b, err := exec.Command("pdftotext", "-f", p, "-l", p, "-layout", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		out[i] = string(b)
	}
	return out
}

// TextLines are a page's lines with words on them, less its running footer
// (the line carrying "Page N of M").
func TextLines(page string) []string {
	var out []string
	for _, l := range strings.Split(page, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.Contains(l, "Page ") {
			out = append(out, l)
		}
	}
	return out
}

// LastPageHoldsAtLeast fails t when pdf runs to more than one page and its
// last page holds fewer than min lines: a contact line or a signature cut
// from its document, which the reader takes for a page left out.
func LastPageHoldsAtLeast(t testing.TB, pdf []byte, min int) {
	t.Helper()
	ps := Pages(t, pdf)
	if len(ps) < 2 {
		return
	}
	if last := TextLines(ps[len(ps)-1]); len(last) < min {
		t.Errorf("the last of %d pages holds only %d lines:\n%s", len(ps), len(last), strings.Join(last, "\n"))
	}
}
