package store

import (
	"strings"
	"testing"
)

// FuzzRebind: whatever text it is given, rebind never panics, never adds or
// removes a quote (so it cannot move a string's end), leaves text with
// nothing to rewrite as it is, and leaves no bare ? behind outside quotes.
func FuzzRebind(f *testing.F) {
	for _, s := range []string{
		`SELECT a FROM t WHERE x = ? AND y IN (?,?)`,
		`WHERE sha256 = ?1 OR pdf = ?1 THEN ?2`,
		`WHERE s = '?' AND "we?ird" = ? -- why?` + "\n" + `AND z = ?`,
		`/* ? like */ name LIKE ? ESCAPE '\'`,
		`SELECT group_concat(ref, ', ') FROM c WHERE instr(detail, ?) > 0`,
		" INSERT OR IGNORE INTO f(a) VALUES (?);\n",
		`SELECT 'unterminated ?`, `/* open comment ?`, `?99999999999`, `INSERT OR IGNORE INTO`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		out := rebind(q)
		if strings.Count(out, "'") != strings.Count(q, "'") || strings.Count(out, `"`) != strings.Count(q, `"`) {
			t.Fatalf("rebind(%q) = %q: quotes changed", q, out)
		}
		if !strings.ContainsAny(q, "?LlGgIi") && out != q {
			t.Fatalf("rebind(%q) = %q: nothing to rewrite, yet it changed", q, out)
		}
		if !strings.ContainsAny(q, `'"-/`) && strings.Contains(out, "?") {
			t.Fatalf("rebind(%q) = %q: a ? left behind", q, out)
		}
	})
}
