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

func newCSV(r io.Reader, p *Profile) *csv.Reader {
	c := csv.NewReader(r)
	c.Comma = []rune(p.Delimiter)[0]
	c.FieldsPerRecord = -1
	c.ReuseRecord = true
	return c
}

// readHeader reads just the header row of an entry as p would decode it.
func readHeader(e *Entry, p *Profile) ([]string, error) {
	rc, err := e.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	c := newCSV(io.LimitReader(decoded(rc, p), 1<<20), p)
	rec, err := c.Read()
	if err != nil {
		return nil, err
	}
	return append([]string(nil), rec...), nil
}

// classify finds which of p's files a header belongs to, and where each field
// sits. ok is false when no kind has all its required columns.
func classify(p *Profile, header []string, fileName string) (kind string, ix []int, score int, ok bool) {
	pos := map[string]int{}
	for i, h := range header {
		pos[fold(strings.TrimPrefix(h, utf8BOM))] = i
	}
	for _, k := range Kinds {
		spec, has := p.Files[k]
		if !has {
			continue
		}
		cand := make([]int, len(Fields[k]))
		complete, n := true, 0
		for i, f := range Fields[k] {
			cand[i] = -1
			if h, mapped := spec.Columns[f]; mapped {
				if at, found := pos[fold(h)]; found {
					cand[i] = at
					n++
				}
			}
		}
		for _, req := range Required[k] {
			if cand[indexOf(Fields[k], req)] < 0 {
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
			kind, ix, score, ok = k, cand, n, true
		}
	}
	return
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
	ix     []int // per field of Fields[kind]: column index or -1
	rc     io.ReadCloser
	hash   hash.Hash
	count  *counter
	csv    *csv.Reader
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

func openTable(e *Entry, p *Profile, kind string, ix []int) (*table, error) {
	rc, err := e.Open()
	if err != nil {
		return nil, err
	}
	t := &table{entry: e, kind: kind, ix: ix, rc: rc, hash: sha256.New()}
	t.count = &counter{r: io.TeeReader(rc, t.hash)}
	t.csv = newCSV(decoded(t.count, p), p)
	rec, err := t.csv.Read()
	if err != nil {
		rc.Close()
		return nil, fmt.Errorf("%s: cannot read the header row: %w", e.Name, err)
	}
	t.header = append([]string(nil), rec...)
	return t, nil
}

// next returns the next row, or io.EOF. A malformed row comes back as a
// problem with its line so the report can name it; reading continues.
func (t *table) next() ([]string, *Problem, error) {
	rec, err := t.csv.Read()
	if err == io.EOF {
		return nil, nil, io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		t.line = pe.StartLine
		return nil, &Problem{File: t.entry.Name, Kind: t.kind, Line: pe.StartLine, Severity: SeverityError,
			Reason: "the row is not valid CSV (" + pe.Err.Error() + ")"}, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", t.entry.Name, err)
	}
	t.line, _ = t.csv.FieldPos(0)
	if len(rec) != len(t.header) {
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			return t.next() // blank line
		}
		return rec, &Problem{File: t.entry.Name, Kind: t.kind, Line: t.line, Severity: SeverityError,
			Reason: fmt.Sprintf("the row has %d cells but the header has %d", len(rec), len(t.header))}, nil
	}
	for i, v := range rec {
		if !utf8.ValidString(v) {
			return rec, &Problem{File: t.entry.Name, Kind: t.kind, Line: t.line, Column: t.header[i], Severity: SeverityError,
				Reason: "the text is not valid UTF-8; the file may be Windows-1252: choose a profile with that encoding"}, nil
		}
	}
	return rec, nil, nil
}

// finish reads to the end so the hash covers the whole file, then closes it.
func (t *table) finish() (sum string, size int64, err error) {
	_, err = io.Copy(io.Discard, t.count)
	t.rc.Close()
	return hex.EncodeToString(t.hash.Sum(nil)), t.count.n.Load(), err
}

func (t *table) cell(rec []string, field int) string {
	if i := t.ix[field]; i >= 0 && i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

func (t *table) has(field int) bool { return t.ix[field] >= 0 }

func (t *table) column(field int) string {
	if i := t.ix[field]; i >= 0 {
		return t.header[i]
	}
	return Fields[t.kind][field]
}
