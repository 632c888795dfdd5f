package store

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"modernc.org/sqlite/vtab"
)

// A rowSource hands a Go slice of rows to SQLite through a virtual table, so
// a bulk write is one INSERT ... SELECT that binds no parameters. Binding
// costs more than the B-tree work in the pure-Go driver (each bind takes the
// connection mutex and copies the value twice); reading columns from a
// virtual table does neither.
type rowSource struct {
	cols  []string
	n     int
	value func(row, col int) driver.Value
}

// sourceModule is the virtual table module behind every rowSource. It is
// registered once for the process; each source is found by the token its
// virtual table was created with, so no SQL text ever carries row data.
const sourceModule = "redline_rows"

var (
	sources   sync.Map // token -> *rowSource
	sourceSeq atomic.Int64
)

func init() {
	if err := vtab.RegisterModule(nil, sourceModule, sourceMod{}); err != nil {
		panic(fmt.Sprintf("store: register %s: %v", sourceModule, err))
	}
}

// newRowSource registers a source with the given columns and returns the
// token its virtual table is created with.
func newRowSource(cols []string) (string, *rowSource) {
	src := &rowSource{cols: cols}
	token := fmt.Sprintf("src%d", sourceSeq.Add(1))
	sources.Store(token, src)
	return token, src
}

func dropRowSource(token string) { sources.Delete(token) }

type sourceMod struct{}

func (sourceMod) Create(ctx vtab.Context, args []string) (vtab.Table, error) {
	if len(args) < 4 {
		return nil, fmt.Errorf("%s: missing source token", sourceModule)
	}
	token := strings.Trim(args[3], `'" `)
	v, ok := sources.Load(token)
	if !ok {
		return nil, fmt.Errorf("%s: no source %q", sourceModule, token)
	}
	src := v.(*rowSource)
	if err := ctx.Declare("CREATE TABLE x(" + strings.Join(src.cols, ", ") + ")"); err != nil {
		return nil, err
	}
	return sourceTable{src}, nil
}

func (m sourceMod) Connect(ctx vtab.Context, args []string) (vtab.Table, error) {
	return m.Create(ctx, args)
}

type sourceTable struct{ src *rowSource }

func (sourceTable) BestIndex(info *vtab.IndexInfo) error { return nil }
func (t sourceTable) Open() (vtab.Cursor, error)         { return &sourceCursor{src: t.src}, nil }
func (sourceTable) Disconnect() error                    { return nil }
func (sourceTable) Destroy() error                       { return nil }

type sourceCursor struct {
	src *rowSource
	row int
}

func (c *sourceCursor) Filter(int, string, []vtab.Value) error { c.row = 0; return nil }
func (c *sourceCursor) Next() error                            { c.row++; return nil }
func (c *sourceCursor) Eof() bool                              { return c.row >= c.src.n }
func (c *sourceCursor) Rowid() (int64, error)                  { return int64(c.row), nil }
func (c *sourceCursor) Close() error                           { return nil }

func (c *sourceCursor) Column(col int) (vtab.Value, error) {
	return c.src.value(c.row, col), nil
}
