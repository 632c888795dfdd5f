package arc

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"sort"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

const utf8BOM = "\xef\xbb\xbf"

// decoded wraps raw bytes in the profile's character decoding, dropping a
// UTF-8 byte-order mark, which spreadsheet programs add and CSV readers choke on.
func decoded(raw io.Reader, p *Profile) io.Reader {
	br := bufio.NewReaderSize(raw, 64<<10)
	if b, err := br.Peek(3); err == nil && string(b) == utf8BOM {
		br.Discard(3)
		return br // a BOM means UTF-8, whatever the profile expected
	}
	if p.Encoding == "windows-1252" {
		return charmap.Windows1252.NewDecoder().Reader(br)
	}
	return br
}

// maxHeaderCells bounds the header row: real exports have a few dozen columns.
const maxHeaderCells = 1024

func newCSV(r io.Reader, p *Profile, maxCells int) *csvReader {
	return newCSVReader(r, p.Delimiter, p.maxCell(), maxCells)
}

// readHeaderRow reads the first row as column names, refusing a header no
// export would have (a cut cell, too many columns).
func readHeaderRow(c *csvReader, p *Profile) ([]string, error) {
	rec, err := c.Read()
	if err != nil {
		return nil, err
	}
	if cut := c.Cut(); len(cut) > 0 {
		return nil, fmt.Errorf("column %d of the header row is %s bytes long, more than the %s the import profile allows", cut[0].index+1, thousands(cut[0].size), thousands(int64(p.maxCell())))
	}
	if c.Cells() > maxHeaderCells {
		return nil, fmt.Errorf("the header row has %s columns, more than the %d an export may have", thousands(int64(c.Cells())), maxHeaderCells)
	}
	return append([]string(nil), rec...), nil
}

// readHeader reads just the header row of an entry as p would decode it.
func readHeader(e *Entry, p *Profile) ([]string, error) {
	rc, err := e.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return readHeaderRow(newCSV(io.LimitReader(decoded(rc, p), 1<<20), p, maxHeaderCells+1), p)
}

// layout is where each field of one kind sits in a file's header.
type layout struct {
	ix      []int     // per field of Fields[kind]: its (first) column, or -1
	more    [][]int   // per field: further columns joined after the first, nil for one
	missing []missing // optional headers the profile names that the file lacks
}

// missing is a header a profile names for an optional field that a file does
// not have, with the header present that is closest to it.
type missing struct {
	field, header, closest string
}

// classify finds which of p's files a header belongs to, and where each field
// sits. ok is false when no kind has all its required columns. A field read
// from several columns is found only when all of them are.
func classify(p *Profile, header []string, fileName string) (kind string, lay layout, score int, ok bool) {
	return classifyAs(p, header, fileName, Kinds)
}

// classifyAs is classify among the given kinds only: those read with the
// encoding and delimiter the header was read with.
func classifyAs(p *Profile, header []string, fileName string, kinds []string) (kind string, lay layout, score int, ok bool) {
	pos := map[string]int{}
	for i, h := range header {
		if _, dup := pos[fold(strings.TrimPrefix(h, utf8BOM))]; !dup {
			pos[fold(strings.TrimPrefix(h, utf8BOM))] = i
		}
	}
	for _, k := range kinds {
		spec, has := p.Files[k]
		if !has {
			continue
		}
		cand := layout{ix: make([]int, len(Fields[k])), more: make([][]int, len(Fields[k]))}
		complete, n := true, 0
		for i, f := range Fields[k] {
			cand.ix[i] = -1
			hs, mapped := spec.Columns[f]
			if !mapped {
				continue
			}
			var at []int
			for _, h := range hs {
				if j, found := pos[fold(h)]; found {
					at = append(at, j)
				} else {
					cand.missing = append(cand.missing, missing{field: f, header: h})
				}
			}
			if len(at) != len(hs) {
				continue
			}
			cand.ix[i] = at[0]
			if len(at) > 1 {
				cand.more[i] = at[1:]
			}
			n += len(at)
		}
		for _, req := range Required[k] {
			if cand.ix[indexOf(Fields[k], req)] < 0 {
				complete = false
			}
		}
		if !complete {
			continue
		}
		if strings.EqualFold(baseName(fileName), spec.Name) {
			n += 100 // the vendor's own file name settles ties
		}
		if n > score {
			kind, lay, score, ok = k, cand, n, true
		}
	}
	if ok {
		// A header the profile names that the file lacks matters when the
		// file has a column nobody reads: most likely the same data under
		// another name ("Police URN" for "Police Ref"). A file that simply
		// does not send an optional field loses nothing and is not warned about.
		var spare []string
		for _, i := range unread(header, lay) {
			if strings.TrimSpace(strings.TrimPrefix(header[i], utf8BOM)) != "" { // a blank header is no one's typo
				spare = append(spare, header[i])
			}
		}
		kept := lay.missing[:0]
		for _, m := range lay.missing {
			if len(spare) > 0 {
				m.closest = closest(m.header, spare)
				kept = append(kept, m)
			}
		}
		lay.missing = kept
	}
	return
}

// lacking lists, for the kind of p whose required headers a file comes
// closest to having, the headers it does not have: what a person must fix
// when a profile they chose does not fit.
func lacking(p *Profile, header []string) (kind string, absent []string) {
	pos := map[string]bool{}
	for _, h := range header {
		pos[fold(strings.TrimPrefix(h, utf8BOM))] = true
	}
	best := 0
	for _, k := range Kinds {
		spec, has := p.Files[k]
		if !has {
			continue
		}
		var miss []string
		found := 0
		for _, req := range Required[k] {
			for _, h := range spec.Columns[req] {
				if pos[fold(h)] {
					found++
				} else {
					miss = append(miss, h)
				}
			}
		}
		if found > best {
			kind, absent, best = k, miss, found
		}
	}
	return kind, absent
}

// closest is the header most like h (by edit distance, ignoring case), for
// a message that says what the profile probably meant.
func closest(h string, header []string) string {
	best, bestD := "", -1
	for _, c := range header {
		c = strings.TrimPrefix(c, utf8BOM)
		// Words in another order ("Raised Date", "Date Raised") are close too.
		d := min(editDistance(fold(h), fold(c)), editDistance(sortedWords(h), sortedWords(c)))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func sortedWords(s string) string {
	w := strings.Fields(fold(s))
	sort.Strings(w)
	return strings.Join(w, " ")
}

// editDistance is the Levenshtein distance between a and b, by character.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 200 || len(rb) > 200 {
		return max(len(ra), len(rb))
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func baseName(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// table streams the rows of one CSV entry, hashing its bytes as they arrive.
type table struct {
	entry  *Entry
	kind   string
	header []string
	ix     []int   // per field of Fields[kind]: column index or -1
	more   [][]int // per field: further columns joined after ix's, nil for one
	extra  []int   // columns no field reads: kept as the ARC's extra fields (rowExtra)
	rc     io.ReadCloser
	hash   hash.Hash
	count  *counter
	csv    *csvReader
	line   int // line of the current record's start
}

// counter counts bytes read; the parsing goroutine writes it while the
// writing one reads it for progress, hence the atomic.
type counter struct {
	r io.Reader
	n atomic.Int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func openTable(e *Entry, p *Profile, kind string, lay layout) (*table, error) {
	p = p.forKind(kind) // the file's own encoding and delimiter, if it has them
	rc, err := e.Open()
	if err != nil {
		return nil, err
	}
	t := &table{entry: e, kind: kind, ix: lay.ix, more: lay.more, rc: rc, hash: sha256.New()}
	t.count = &counter{r: io.TeeReader(rc, t.hash)}
	hc := newCSV(decoded(t.count, p), p, maxHeaderCells+1)
	header, err := readHeaderRow(hc, p)
	if err != nil {
		rc.Close()
		var se *SourceError
		if errors.As(err, &se) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: cannot read the header row: %w", e.Name, err)
	}
	t.header, t.csv = header, hc
	t.extra = unread(header, lay)
	// Rows keep one cell more than the header, so a ragged row is seen.
	hc.maxCells = len(header) + 1
	return t, nil
}

// next returns the next row, or io.EOF. A row that cannot be read as
// written (malformed CSV, a cell too long, a character no export should
// hold) comes back with its problems, naming its line and column, so the
// report can say where; reading continues.
func (t *table) next() ([]string, []Problem, error) {
	for {
		rec, err := t.csv.Read()
		if err == io.EOF {
			return nil, nil, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			t.line = pe.StartLine
			return nil, []Problem{{File: t.entry.Name, Kind: t.kind, Line: pe.StartLine, Severity: SeverityError,
				Reason: "the row is not valid CSV (" + pe.Err.Error() + ")"}}, nil
		}
		if err != nil {
			var se *SourceError
			if errors.As(err, &se) {
				return nil, nil, err
			}
			return nil, nil, fmt.Errorf("%s: %w", t.entry.Name, err)
		}
		t.line = t.csv.CellLine(0)
		cells := t.csv.Cells()
		if cells == 1 && len(t.csv.Cut()) == 0 && strings.TrimSpace(rec[0]) == "" && len(t.header) != 1 {
			continue // blank line
		}
		var probs []Problem
		prob := func(i, line int, value, reason string) {
			col := ""
			if i >= 0 && i < len(t.header) {
				col = t.header[i]
			}
			probs = append(probs, Problem{File: t.entry.Name, Kind: t.kind, Line: line, Column: col, Value: value,
				Severity: SeverityError, Reason: reason})
		}
		cut := map[int]bool{}
		for _, c := range t.csv.Cut() {
			cut[c.index] = true
			start := clipValid(rec[c.index], 40)
			if c.row {
				prob(c.index, c.line, start, fmt.Sprintf("the row is more than %s bytes long in all; it was not read. Check the export: a quote may be missing", thousands(int64(t.csv.maxRow))))
				continue
			}
			prob(c.index, c.line, start, fmt.Sprintf("the cell is %s bytes long, more than the %s the import profile allows; it was not read. "+
				"Check the export (a quote may be missing), or raise maxCellBytes in the import profile if such long values are real", thousands(c.size), thousands(int64(t.csv.maxCell))))
		}
		if cells != len(t.header) {
			probs = append(probs, Problem{File: t.entry.Name, Kind: t.kind, Line: t.line, Severity: SeverityError,
				Reason: fmt.Sprintf("the row has %d cells but the header has %d", cells, len(t.header))})
			return t.withRef(rec, probs), probs, nil
		}
		for i, v := range rec {
			if cut[i] {
				continue
			}
			if !utf8.ValidString(v) {
				prob(i, t.csv.CellLine(i), "", "the text is not valid UTF-8; the file may be Windows-1252: choose a profile with that encoding")
				continue
			}
			if at, r, ok := badChar(v); ok {
				prob(i, t.csv.CellLine(i)+strings.Count(v[:at], "\n"), clipValid(v, 40), badCharReason(r))
			}
		}
		if len(probs) > 0 {
			return t.withRef(rec, probs), probs, nil
		}
		return rec, nil, nil
	}
}

// withRef names the row's alarm reference in its problems, when the row
// has one, so a rejected row can still be found by it.
func (t *table) withRef(rec []string, probs []Problem) []string {
	if i := t.ix[0]; i >= 0 && i < len(rec) {
		ref := strings.TrimSpace(rec[i])
		if len(ref) <= 200 && utf8.ValidString(ref) {
			if _, _, bad := badChar(ref); !bad {
				for k := range probs {
					probs[k].Ref = ref
				}
			}
		}
	}
	return rec
}

// badChar finds the first character no export cell should hold: a control
// character other than tab, CR and LF (NUL among them), or a byte-order
// mark, which is allowed only at the very start of a file. It returns the
// byte offset and the character.
func badChar(s string) (int, rune, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20:
			if c != '\t' && c != '\n' && c != '\r' {
				return i, rune(c), true
			}
		case c == 0x7f:
			return i, 0x7f, true
		case c == 0xc2: // U+0080 to U+009F, the C1 controls
			if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
				return i, rune(s[i+1]), true
			}
		case c == 0xef:
			if i+2 < len(s) && s[i+1] == 0xbb && s[i+2] == 0xbf {
				return i, 0xfeff, true
			}
		}
	}
	return 0, 0, false
}

func badCharReason(r rune) string {
	if r == 0xfeff {
		return "the text holds a byte-order mark (U+FEFF), an invisible character allowed only at the very start of the file; " +
			"here it would become part of the value, which would then differ from the same value without it. Remove it from the file"
	}
	name := ""
	switch r {
	case 0:
		name = " (NUL)"
	case 0x7f:
		name = " (DEL)"
	}
	return fmt.Sprintf("the text holds the control character U+%04X%s, which no export should contain: the file may be damaged or not the export it seems. Ask the ARC for a clean copy", r, name)
}

// clipValid is the start of s, at most n bytes, cut on a character boundary.
func clipValid(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// thousands writes n with comma separators: 65,536.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// finish reads to the end so the hash covers the whole file, then closes it.
func (t *table) finish() (sum string, size int64, err error) {
	_, err = io.Copy(io.Discard, t.count)
	t.rc.Close()
	return hex.EncodeToString(t.hash.Sum(nil)), t.count.n.Load(), err
}

// unread lists the columns of header that no field of lay reads.
func unread(header []string, lay layout) []int {
	used := map[int]bool{}
	for f, i := range lay.ix {
		if i >= 0 {
			used[i] = true
			for _, j := range lay.more[f] {
				used[j] = true
			}
		}
	}
	var out []int
	for i := range header {
		// A column without a header is kept too: its cells are still what
		// the ARC sent (extraHeader names it by its place).
		if !used[i] {
			out = append(out, i)
		}
	}
	return out
}

// cell is a field's value: its column's cell trimmed, or the cells of its
// columns joined in order with one space.
func (t *table) cell(rec []string, field int) string {
	i := t.ix[field]
	if i < 0 || i >= len(rec) {
		return ""
	}
	if t.more[field] == nil {
		return strings.TrimSpace(rec[i])
	}
	return joinCells(t.parts(rec, field))
}

// parts are the trimmed cells a field is read from, in the profile's order.
func (t *table) parts(rec []string, field int) []string {
	i := t.ix[field]
	if i < 0 || i >= len(rec) {
		return nil
	}
	out := []string{strings.TrimSpace(rec[i])}
	for _, j := range t.more[field] {
		v := ""
		if j < len(rec) {
			v = strings.TrimSpace(rec[j])
		}
		out = append(out, v)
	}
	return out
}

// joinCells joins a field's cells with one space; all empty is empty.
func joinCells(parts []string) string {
	empty := true
	for _, p := range parts {
		empty = empty && p == ""
	}
	if empty {
		return ""
	}
	return strings.Join(parts, " ")
}

func (t *table) has(field int) bool { return t.ix[field] >= 0 }

// column names a field's column, or columns: "Date Raised + Time Raised".
func (t *table) column(field int) string {
	i := t.ix[field]
	if i < 0 {
		return Fields[t.kind][field]
	}
	if t.more[field] == nil {
		return t.header[i]
	}
	names := []string{t.header[i]}
	for _, j := range t.more[field] {
		names = append(names, t.header[j])
	}
	return strings.Join(names, " + ")
}
