package arc

import (
	"encoding/csv"
	"os"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

func appendLine(t testing.TB, name, line string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(line); err != nil {
		t.Fatal(err)
	}
}

// editCSV rewrites a canonical CSV through fn, which gets the header and each row.
func editCSV(t testing.TB, name string, fn func(header []string, row []string) []string) {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(out)
	w.Write(recs[0])
	for _, r := range recs[1:] {
		if r = fn(recs[0], r); r != nil {
			w.Write(r)
		}
	}
	w.Flush()
	out.Close()
}

func col(header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i
		}
	}
	panic("no column " + name)
}

// rewriteFirstRedValidity re-categorises the first red alert that is not
// already validity, as an ARC does after review.
func rewriteFirstRedValidity(t testing.TB, name, validity string) (ref, old string) {
	editCSV(t, name, func(h, r []string) []string {
		if ref == "" && r[col(h, "type")] == "red" && r[col(h, "validity")] != validity {
			ref, old = r[col(h, "arc_ref")], r[col(h, "validity")]
			r[col(h, "validity")] = validity
		}
		return r
	})
	if ref == "" {
		t.Fatal("no red alert to re-categorise")
	}
	return ref, old
}

type storeWriter = store.Writer
