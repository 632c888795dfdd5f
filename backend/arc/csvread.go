package arc

import (
	"bytes"
	"encoding/csv"
	"io"
)

// csvReader reads CSV records with the quoting rules of encoding/csv (RFC
// 4180 quotes, no lazy quotes, CRLF read as LF, empty lines skipped, lines
// counted from 1) in bounded memory, whatever the input. encoding/csv holds
// a whole record before it returns any of it, so one 300 MB cell costs
// gigabytes; this reader keeps at most maxCell bytes of a cell and maxRow
// bytes of a row, counts the rest, and says which cells it cut, so the row
// can be reported by file, line and column and reading goes on.
type csvReader struct {
	src   io.Reader
	buf   []byte
	r, w  int  // unread bytes are buf[r:w]
	eof   bool // src has nothing more
	rerr  error
	nl    int // absolute index of the next '\n' in buf at or after r, or -1
	nlTo  int // buf[r:nlTo] was searched and holds no '\n'
	comma []byte

	maxCell  int // bytes kept of one cell
	maxRow   int // bytes kept of one row, all cells together
	maxCells int // cells kept of one row; more are counted, not kept

	line int // physical lines read so far

	// The record being read.
	rec     []byte // kept bytes of every cell
	ends    []int  // end of each kept cell in rec
	lines   []int  // line each kept cell starts on
	cut     []cutCell
	cells   int   // cells in the row, kept or not
	cellLen int64 // bytes of the current cell, kept or not
	out     []string
}

// cutCell is a cell longer than the reader keeps.
type cutCell struct {
	index int   // which cell of the row
	line  int   // where it starts
	size  int64 // its whole length in bytes
	row   bool  // cut because the row as a whole is too long, not the cell
}

const csvBufSize = 64 << 10

func newCSVReader(r io.Reader, delim string, maxCell, maxCells int) *csvReader {
	if maxCell <= 0 {
		maxCell = DefaultMaxCellBytes
	}
	return &csvReader{src: r, buf: make([]byte, csvBufSize), nl: -1, comma: []byte(delim),
		maxCell: maxCell, maxRow: maxCell + 1<<20, maxCells: maxCells}
}

// fill makes at least n unread bytes available unless the input ends first.
func (c *csvReader) fill(n int) bool {
	for c.w-c.r < n && !c.eof {
		if c.r > 0 {
			shift := c.r
			copy(c.buf, c.buf[c.r:c.w])
			c.w -= shift
			c.r = 0
			if c.nl >= shift {
				c.nl -= shift
			} else {
				c.nl = -1
			}
			if c.nlTo -= shift; c.nlTo < 0 {
				c.nlTo = 0
			}
		}
		k, err := c.src.Read(c.buf[c.w:])
		c.w += k
		if err == io.EOF {
			c.eof = true
		} else if err != nil {
			c.eof, c.rerr = true, err
		}
	}
	return c.w-c.r >= n
}

// newline is the absolute index of the next '\n' in the unread window, or -1.
func (c *csvReader) newline() int {
	if c.nl >= c.r {
		return c.nl
	}
	from := max(c.r, c.nlTo)
	if i := bytes.IndexByte(c.buf[from:c.w], '\n'); i >= 0 {
		c.nl = from + i
		return c.nl
	}
	c.nlTo = c.w
	return -1
}

// add keeps what the limits allow of b as part of the current cell.
func (c *csvReader) add(b []byte) {
	if c.cells < c.maxCells {
		room := min(c.maxCell-int(min(c.cellLen, int64(c.maxCell))), c.maxRow-len(c.rec))
		if room > 0 {
			c.rec = append(c.rec, b[:min(len(b), room)]...)
		}
	}
	c.cellLen += int64(len(b))
}

func (c *csvReader) startCell() { c.cellLen = 0 }

func (c *csvReader) endCell(startLine int) {
	if c.cells < c.maxCells {
		start := 0
		if len(c.ends) > 0 {
			start = c.ends[len(c.ends)-1]
		}
		if kept := int64(len(c.rec) - start); kept < c.cellLen {
			c.cut = append(c.cut, cutCell{index: c.cells, line: startLine, size: c.cellLen, row: c.cellLen <= int64(c.maxCell)})
		}
		c.ends = append(c.ends, len(c.rec))
		c.lines = append(c.lines, startLine)
	}
	c.cells++
}

// skipLine drops the rest of the current physical line after a syntax error,
// as encoding/csv does.
func (c *csvReader) skipLine() {
	for c.fill(1) {
		if nl := c.newline(); nl >= 0 {
			c.r = nl + 1
			c.line++
			return
		}
		c.r = c.w
	}
}

func (c *csvReader) syntax(recLine int, err error) error {
	c.skipLine()
	return &csv.ParseError{StartLine: recLine, Line: c.line, Err: err}
}

// isComma says whether the delimiter starts off bytes after the read position.
func (c *csvReader) isComma(off int) bool {
	if !c.fill(off + len(c.comma)) {
		return false
	}
	return bytes.HasPrefix(c.buf[c.r+off:c.w], c.comma)
}

// Read returns the next record. Its strings share one allocation, like
// encoding/csv with ReuseRecord; the slice is reused by the next call.
// Cells beyond maxCells are counted in Cells, not returned.
func (c *csvReader) Read() ([]string, error) {
	c.rec, c.ends, c.lines, c.cut, c.cells = c.rec[:0], c.ends[:0], c.lines[:0], c.cut[:0], 0
	// Skip empty lines.
	for {
		if !c.fill(1) {
			if c.rerr != nil {
				return nil, c.rerr
			}
			return nil, io.EOF
		}
		b := c.buf[c.r]
		if b == '\n' {
			c.r++
			c.line++
			continue
		}
		if b == '\r' {
			if !c.fill(2) { // a lone CR before the end is dropped
				c.r++
				continue
			}
			if c.buf[c.r+1] == '\n' {
				c.r += 2
				c.line++
				continue
			}
		}
		break
	}
	recLine := c.line + 1
	if c.rec == nil && cap(c.rec) == 0 {
		c.rec = make([]byte, 0, 1024)
	}
	for {
		cellLine := c.line + 1
		c.startCell()
		if !c.fill(1) { // the row ended with a delimiter at the end of the input
			c.endCell(cellLine)
			break
		}
		if c.buf[c.r] == '"' {
			end, err := c.quoted(recLine, cellLine)
			if err != nil {
				return nil, err
			}
			if end {
				break
			}
			continue
		}
		end, err := c.unquoted(recLine, cellLine)
		if err != nil {
			return nil, err
		}
		if end {
			break
		}
	}
	if c.rerr != nil {
		return nil, c.rerr
	}
	s := string(c.rec)
	c.out = c.out[:0]
	prev := 0
	for _, e := range c.ends {
		c.out = append(c.out, s[prev:e])
		prev = e
	}
	return c.out, nil
}

// unquoted reads a cell that does not start with a quote; end says the row
// ended with it.
func (c *csvReader) unquoted(recLine, cellLine int) (end bool, err error) {
	for {
		if c.r == c.w && !c.fill(1) {
			c.endCell(cellLine)
			return true, nil
		}
		nl := c.newline()
		stop := c.w
		if nl >= 0 {
			stop = nl
		}
		seg := c.buf[c.r:stop]
		var i int
		if len(c.comma) == 1 {
			i = bytes.IndexByte(seg, c.comma[0])
		} else {
			i = bytes.Index(seg, c.comma)
		}
		field := seg
		if i >= 0 {
			field = seg[:i]
		}
		if bytes.IndexByte(field, '"') >= 0 {
			return false, c.syntax(recLine, csv.ErrBareQuote)
		}
		if i >= 0 {
			c.add(field)
			c.r += i + len(c.comma)
			c.endCell(cellLine)
			return false, nil
		}
		if nl >= 0 {
			if n := len(field); n > 0 && field[n-1] == '\r' {
				field = field[:n-1]
			}
			c.add(field)
			c.r = nl + 1
			c.line++
			c.endCell(cellLine)
			return true, nil
		}
		// No delimiter and no line end in the window: all of it is this
		// cell, except bytes that may start a CRLF or a delimiter.
		hold := 0
		if n := len(seg); n > 0 && seg[n-1] == '\r' {
			hold = 1
		}
		for k := len(c.comma) - 1; k > 0 && hold == 0; k-- {
			if len(seg) >= k && bytes.Equal(seg[len(seg)-k:], c.comma[:k]) {
				hold = k
			}
		}
		c.add(seg[:len(seg)-hold])
		c.r += len(seg) - hold
		if !c.fill(hold + 1) {
			rest := c.buf[c.r:c.w]
			if n := len(rest); n > 0 && rest[n-1] == '\r' {
				rest = rest[:n-1] // a CR just before the end is dropped
			}
			c.add(rest)
			c.r = c.w
			c.endCell(cellLine)
			return true, nil
		}
	}
}

// quoted reads a cell that starts with a quote.
func (c *csvReader) quoted(recLine, cellLine int) (end bool, err error) {
	c.r++
	for {
		if c.r == c.w && !c.fill(1) {
			return false, c.syntax(recLine, csv.ErrQuote)
		}
		win := c.buf[c.r:c.w]
		q := bytes.IndexByte(win, '"')
		part := win
		if q >= 0 {
			part = win[:q]
		}
		hold := 0
		if q < 0 && len(part) > 0 && part[len(part)-1] == '\r' {
			hold = 1 // may be the CR of a CRLF
		}
		part = part[:len(part)-hold]
		c.quotedText(part)
		c.r += len(part)
		if q < 0 {
			if !c.fill(hold + 1) {
				if c.r < c.w { // a CR just before the end is dropped
					c.r = c.w
				}
				return false, c.syntax(recLine, csv.ErrQuote)
			}
			continue
		}
		// At a quote: what follows decides.
		if !c.fill(2) {
			c.r++
			c.endCell(cellLine)
			return true, nil
		}
		switch next := c.buf[c.r+1]; {
		case next == '"':
			c.add([]byte{'"'})
			c.r += 2
		case c.isComma(1):
			c.r += 1 + len(c.comma)
			c.endCell(cellLine)
			return false, nil
		case next == '\n':
			c.r += 2
			c.line++
			c.endCell(cellLine)
			return true, nil
		case next == '\r':
			if !c.fill(3) {
				c.r = c.w
				c.endCell(cellLine)
				return true, nil
			}
			if c.buf[c.r+2] == '\n' {
				c.r += 3
				c.line++
				c.endCell(cellLine)
				return true, nil
			}
			c.r++
			return false, c.syntax(recLine, csv.ErrQuote)
		default:
			c.r++
			return false, c.syntax(recLine, csv.ErrQuote)
		}
	}
}

// quotedText keeps text from inside quotes, counting its lines and reading
// each CRLF as LF.
func (c *csvReader) quotedText(b []byte) {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			c.add(b)
			return
		}
		line := b[:i]
		if i > 0 && line[i-1] == '\r' {
			line = line[:i-1]
		}
		c.add(line)
		c.add([]byte{'\n'})
		c.line++
		b = b[i+1:]
	}
}

// size is how many bytes of text the last row kept.
func (c *csvReader) size() int { return len(c.rec) }

// Cells is how many cells the last row had, including those not kept.
func (c *csvReader) Cells() int { return c.cells }

// CellLine is the line cell i of the last row starts on.
func (c *csvReader) CellLine(i int) int {
	if i < len(c.lines) {
		return c.lines[i]
	}
	return 0
}

// Cut lists the cells of the last row that were longer than kept.
func (c *csvReader) Cut() []cutCell { return c.cut }
