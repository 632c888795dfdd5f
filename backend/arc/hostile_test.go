package arc

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

// Hostile inputs shared by the tests and the fuzz seeds.
var (
	// A worker name far longer than any profile allows (small enough for a test).
	longCellCSV = canonHeader + withCell(good, 12, strings.Repeat("x", DefaultMaxCellBytes+1))
	// A NUL inside a reference: the same alarm would arrive twice under two names.
	nulCSV = canonHeader + withCell(good, 1, "R\x001")
	// A byte-order mark at the start of a later line, inside the ARC's name.
	lateBOMCSV = canonHeader + good + utf8BOM + withCell(good, 1, "R2")
	// A C1 control character (U+0085) and a DEL in a memo.
	c1CSV = canonHeader + withCell(good, 16, "memo\u0085x\x7f")
)

// TestCSVReader_MatchesEncodingCSV: the bounded reader reads what
// encoding/csv reads, record for record and line for line, errors included.
func TestCSVReader_MatchesEncodingCSV(t *testing.T) {
	for _, in := range csvSeeds() {
		compareCSV(t, in, ",")
		compareCSV(t, strings.ReplaceAll(in, ",", "§"), "§")
	}
}

func csvSeeds() []string {
	return []string{
		canonHeader + good,
		"a,b\r\nc,d\r\n",
		"a,b\n\n\r\n\nc,d",
		"a,\"b\r\nc\",d\r\ne,f\r",
		"a,\"b\"\"c\"\n",
		"a,\"b\"c\nd,e\n",
		"a,b\"c\nd,e\n",
		"a,\"unterminated\nmore\n",
		"\r",
		"\r\r\n",
		"a\rb,c\r\n",
		"\"a\"\r",
		"\"a\"\rx\nb\n",
		"a,b,\n,\n",
		"x,\"\"\n\"\",y",
		"\"a\nb\nc\"\nd\n",
		"a,\"b\r\r\n\"\n",
		"  \n a ,b\n",
		"\xef\xbb\xbfa,b\n",
		"a,\"x\",\"\"\"\"\n",
	}
}

func compareCSV(t *testing.T, in, delim string) {
	t.Helper()
	want := csv.NewReader(strings.NewReader(in))
	want.Comma = []rune(delim)[0]
	want.FieldsPerRecord = -1
	got := newCSVReader(strings.NewReader(in), delim, 1<<20, 1<<10)
	got.buf = make([]byte, 7) // small windows: every boundary case at once
	for i := 0; ; i++ {
		wr, werr := want.Read()
		gr, gerr := got.Read()
		var wpe, gpe *csv.ParseError
		switch {
		case errors.As(werr, &wpe):
			if !errors.As(gerr, &gpe) || gpe.StartLine != wpe.StartLine || gpe.Err != wpe.Err {
				t.Fatalf("%q record %d: error %v, encoding/csv says %v", in, i, gerr, werr)
			}
			continue
		case werr != nil || gerr != nil:
			if werr != gerr {
				t.Fatalf("%q record %d: error %v, encoding/csv says %v", in, i, gerr, werr)
			}
			return
		}
		if !reflect.DeepEqual(wr, gr) {
			t.Fatalf("%q record %d: %q, encoding/csv says %q", in, i, gr, wr)
		}
		for c := range wr {
			if line, _ := want.FieldPos(c); line != got.CellLine(c) {
				t.Fatalf("%q record %d cell %d: line %d, encoding/csv says %d", in, i, c, got.CellLine(c), line)
			}
		}
	}
}

// FuzzCSVReader compares the bounded reader with encoding/csv on any input.
func FuzzCSVReader(f *testing.F) {
	for _, s := range csvSeeds() {
		f.Add(s)
	}
	for _, s := range []string{nulCSV, lateBOMCSV, c1CSV, "a,\"" + strings.Repeat("y\r\n", 50) + "\"\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		compareCSV(t, in, ",")
	})
}

// TestCSVReader_BoundsCellsAndRows: a cell over the limit is cut and
// reported with its real size and line; reading goes on at the next row.
func TestCSVReader_BoundsCellsAndRows(t *testing.T) {
	in := "a,b\n1,\"" + strings.Repeat("z\n", 50) + "\"\n2,ok\n" + strings.Repeat("q", 300) + ",x\n"
	c := newCSVReader(strings.NewReader(in), ",", 64, 3)
	c.buf = make([]byte, 16)
	var rows [][]string
	var cuts [][]cutCell
	for {
		rec, err := c.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, append([]string(nil), rec...))
		cuts = append(cuts, append([]cutCell(nil), c.Cut()...))
	}
	if len(rows) != 4 || rows[2][1] != "ok" || c.line != 54 {
		t.Fatalf("rows %q, %d lines", rows, c.line)
	}
	if want := []cutCell{{index: 1, line: 2, size: 100}}; !reflect.DeepEqual(cuts[1], want) || len(rows[1][1]) != 64 {
		t.Errorf("multi-line cell: cut %+v, kept %d bytes", cuts[1], len(rows[1][1]))
	}
	if want := []cutCell{{index: 0, line: 54, size: 300}}; !reflect.DeepEqual(cuts[3], want) {
		t.Errorf("long first cell: cut %+v", cuts[3])
	}
}

// TestCSVReader_LongLineInBoundedMemory reads a 256 MiB single-cell line:
// the heap must stay near the reader's own buffers, not the line's size.
func TestCSVReader_LongLineInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 256 MiB")
	}
	const n = 256 << 20
	src := io.MultiReader(strings.NewReader("h\n\""), &repeatReader{b: 'w', n: n}, strings.NewReader("\"\nnext\n"))
	c := newCSVReader(src, ",", DefaultMaxCellBytes, 2)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var cut []cutCell
	for {
		_, err := c.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Cut()) > 0 {
			cut = append(cut, c.Cut()...)
		}
		runtime.ReadMemStats(&after)
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
			t.Fatalf("allocated %d MiB reading a long line", grew>>20)
		}
	}
	if len(cut) != 1 || cut[0].size != n || cut[0].line != 2 {
		t.Fatalf("cut %+v", cut)
	}
}

type repeatReader struct {
	b byte
	n int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n)
	for i := range p[:k] {
		p[i] = r.b
	}
	r.n -= k
	return k, nil
}

// TestValidation_HostileCellsNameFileLineAndColumn: a cell too long, a
// control character, a byte-order mark after the start: each is a problem
// at its file, line and column, and nothing of it is stored.
func TestValidation_HostileCellsNameFileLineAndColumn(t *testing.T) {
	cases := []struct {
		name, body, column, reason string
		line                       int
	}{
		{"cell over the limit", longCellCSV, "worker_name", "the cell is 65,537 bytes long, more than the 65,536", 2},
		{"NUL in a reference", nulCSV, "arc_ref", "control character U+0000 (NUL)", 2},
		{"byte-order mark on a later line", lateBOMCSV, "arc", "byte-order mark (U+FEFF)", 3},
		{"C1 control in a memo", c1CSV, "memo", "control character U+0085", 2},
		{"NUL on the second line of a quoted cell", canonHeader + withCell(good, 16, "\"first\nsecond\x00\""), "memo", "U+0000", 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sp := newSpace(t)
			res, err := Import(context.Background(), sp.st, sp.v, writeFiles(t, map[string]string{"alarms.csv": c.body}), Options{})
			var rej *RejectedError
			if !errors.As(err, &rej) {
				t.Fatalf("err = %v, want the export rejected", err)
			}
			found := false
			for _, p := range res.Problems {
				if p.File == "alarms.csv" && p.Line == c.line && p.Column == c.column && strings.Contains(p.Reason, c.reason) {
					found = true
					if len(p.Value) > 210 {
						t.Errorf("problem quotes %d bytes of the cell", len(p.Value))
					}
				}
			}
			if !found {
				t.Fatalf("no problem at line %d column %s with %q in %v", c.line, c.column, c.reason, res.Problems)
			}
			if n := count(t, sp.st, "alerts"); n != 0 {
				t.Errorf("%d alerts stored", n)
			}
		})
	}
}

// TestValidation_LongCellAllowedByProfile: the limit is the profile's.
func TestValidation_LongCellAllowedByProfile(t *testing.T) {
	p := *mustProfile(t, "canonical")
	p.MaxCellBytes = 1 << 20
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, writeFiles(t, map[string]string{"alarms.csv": longCellCSV}), Options{Profile: &p})
	if err != nil || res.Summary.Alerts.New != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if _, err := ParseProfile(strings.NewReader(`{"name":"x","maxCellBytes":-1,"files":{"alarms":{"columns":{"arc_ref":"a","type":"b","raised_at":"c"}}}}`)); err == nil ||
		!strings.Contains(err.Error(), "maxCellBytes") {
		t.Errorf("negative limit: %v", err)
	}
}

// TestImport_DuplicateFoundAcrossBatches: the duplicate's first line is
// named even when thousands of rows and several batches lie between.
func TestImport_DuplicateFoundAcrossBatches(t *testing.T) {
	var b strings.Builder
	b.WriteString(canonHeader)
	n := store.AlertBatch*2 + 10
	for i := 0; i < n; i++ {
		b.WriteString(withCell(good, 1, "R"+fmtID(int64(i+1))))
	}
	b.WriteString(withCell(good, 1, "R7"))                // line n+2: stored in the first batch
	b.WriteString(withCell(good, 1, "R"+fmtID(int64(n)))) // waiting in the last batch
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, writeFiles(t, map[string]string{"alarms.csv": b.String()}), Options{Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{n + 2: "already on line 8 of alarms.csv", n + 3: "already on line " + fmtID(int64(n+1)) + " of alarms.csv"}
	for _, p := range res.Problems {
		if w, ok := want[p.Line]; ok && strings.Contains(p.Reason, w) {
			delete(want, p.Line)
		}
	}
	if len(want) > 0 || res.Summary.Alerts.New != n || res.Summary.Alerts.Rejected != 2 {
		t.Fatalf("missing %v; summary %+v problems %v", want, res.Summary, res.Problems)
	}
}

// TestImport_DuplicateOfStoredAlertInOneReimport: an alert already stored
// and named twice in a re-import is compared once; the second is a duplicate.
func TestImport_DuplicateOfStoredAlertInOneReimport(t *testing.T) {
	sp := newSpace(t)
	ctx := context.Background()
	if _, err := Import(ctx, sp.st, sp.v, writeFiles(t, map[string]string{"alarms.csv": canonHeader + good}), Options{}); err != nil {
		t.Fatal(err)
	}
	res, err := Import(ctx, sp.st, sp.v, writeFiles(t, map[string]string{"alarms.csv": canonHeader + good + withCell(good, 7, "false")}), Options{Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Alerts.Unchanged != 1 || res.Summary.Alerts.Rejected != 1 || res.Summary.Alerts.Updated != 0 {
		t.Fatalf("summary %+v", res.Summary)
	}
	if p := res.Problems[0]; p.Line != 3 || !strings.Contains(p.Reason, "already on line 2 of alarms.csv") {
		t.Errorf("problem %s", p)
	}
}

// TestImport_IndexRebuildFollowsRowsAdded: the indexes are rebuilt after an
// import that adds many alerts, never because a file is large.
func TestImport_IndexRebuildFollowsRowsAdded(t *testing.T) {
	ctx := context.Background()
	old := bulkRows
	t.Cleanup(func() { bulkRows = old })
	bulkRows = 50

	t.Run("unchanged re-import", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(canonHeader)
		for i := 0; i < 200; i++ {
			b.WriteString(withCell(good, 1, "R"+fmtID(int64(i+1))))
		}
		dir := writeFiles(t, map[string]string{"alarms.csv": b.String()})
		sp := newSpace(t)
		first, err := Import(ctx, sp.st, sp.v, dir, Options{})
		if err != nil || first.IndexesWaiting == 0 {
			t.Fatalf("first import of 200 alerts: %d indexes waiting, %v", first.IndexesWaiting, err)
		}
		if err := sp.st.BuildDeferredIndexes(ctx, nil); err != nil {
			t.Fatal(err)
		}
		again, err := Import(ctx, sp.st, sp.v, dir, Options{})
		if err != nil || again.Status != StatusUnchanged || again.IndexesWaiting != 0 {
			t.Fatalf("re-import: status %q, %d indexes waiting, %v", again.Status, again.IndexesWaiting, err)
		}
		if waiting, _ := sp.st.DeferredIndexes(ctx); len(waiting) != 0 {
			t.Errorf("indexes waiting after an unchanged re-import: %v", waiting)
		}
	})
	t.Run("one row with a long memo", func(t *testing.T) {
		bulkRows = old // the real threshold: the old rule (bytes / 160) would call this 65,536 rows
		p := *mustProfile(t, "canonical")
		p.MaxCellBytes = maxMaxCellBytes
		dir := writeFiles(t, map[string]string{"alarms.csv": canonHeader + withCell(good, 16, strings.Repeat("m", 10<<20))})
		sp := newSpace(t)
		res, err := Import(ctx, sp.st, sp.v, dir, Options{Profile: &p})
		if err != nil || res.Summary.Alerts.New != 1 || res.IndexesWaiting != 0 {
			t.Fatalf("%d new, %d indexes waiting, %v", res.Summary.Alerts.New, res.IndexesWaiting, err)
		}
	})
}

// TestImport_RecordingLengthMismatchIsWarned: a WAV whose header claims more
// audio than it holds is stored unchanged, and the report says so.
func TestImport_RecordingLengthMismatchIsWarned(t *testing.T) {
	wav := append([]byte(nil), wavBytes...)
	i := bytes.Index(wav, []byte("data"))
	if i < 0 {
		t.Fatal("fixture has no data chunk")
	}
	f := bytes.Index(wav, []byte("fmt "))
	byteRate := uint32(wav[f+16]) | uint32(wav[f+17])<<8 | uint32(wav[f+18])<<16 | uint32(wav[f+19])<<24
	claimed := uint32(len(wav)-i-8) + byteRate*114/10 // 11.4 s more than the file holds
	wav[i+4], wav[i+5], wav[i+6], wav[i+7] = byte(claimed), byte(claimed>>8), byte(claimed>>16), byte(claimed>>24)
	dir := writeFiles(t, map[string]string{"alarms.csv": canonHeader + good,
		"recordings.csv":  "arc,arc_ref,file,kind,recorded_at,sha256\nARC1,R1,audio/R-123.wav,red_live,,\n",
		"audio/R-123.wav": string(wav)})
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, dir, Options{})
	if err != nil || res.Summary.Media.New != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	for _, p := range res.Problems {
		if p.Severity == SeverityWarning && p.String() == "Recording audio/R-123.wav: The file ends 11.4 s before its header says." {
			return
		}
	}
	t.Fatalf("no warning about the recording's length in %v", res.Problems)
}

// TestImport_NoProfileMessageIsBounded: a header of one huge column does not
// become a message of the same size.
func TestImport_NoProfileMessageIsBounded(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "alarms.csv"), []byte("x,"+strings.Repeat("y", 200<<10)), 0o644); err != nil {
		t.Fatal(err)
	}
	sp := newSpace(t)
	_, err := Import(context.Background(), sp.st, sp.v, dir, Options{})
	var npe *NoProfileError
	if !errors.As(err, &npe) || len(err.Error()) > 2000 {
		t.Fatalf("err (%d bytes) = %.300v", len(err.Error()), err)
	}
}
