package arc

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/nhs-redline/redline/backend/store"
)

// WriteQuarantine writes the rows a partial import kept aside back out as
// CSVs in the export's own layout (one file per original file, same header,
// same delimiter and encoding), so a person can fix them and import the
// folder again with the same profile. It returns the files written.
func WriteQuarantine(dir string, rows []store.QuarantineRow, p *Profile) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	type out struct {
		f *os.File
		b *bufio.Writer
		c *csv.Writer
	}
	files := map[string]*out{}
	var names []string
	closeAll := func() error {
		var first error
		for _, o := range files {
			o.c.Flush()
			if err := o.c.Error(); err != nil && first == nil {
				first = err
			}
			if err := o.b.Flush(); err != nil && first == nil {
				first = err
			}
			if err := o.f.Close(); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	for _, q := range rows {
		o := files[q.File]
		if o == nil {
			var header []string
			if err := json.Unmarshal([]byte(q.Header), &header); err != nil {
				closeAll()
				return nil, fmt.Errorf("quarantined row %d: %w", q.ID, err)
			}
			name := filepath.Join(dir, filepath.Base(filepath.FromSlash(q.File)))
			f, err := os.Create(name)
			if err != nil {
				closeAll()
				return nil, err
			}
			b := bufio.NewWriter(f)
			var w io.Writer = b
			if p.Encoding == "windows-1252" {
				w = encoding.ReplaceUnsupported(charmap.Windows1252.NewEncoder()).Writer(b)
			} else if p.BOM {
				b.WriteString(utf8BOM)
			}
			o = &out{f: f, b: b, c: csv.NewWriter(w)}
			o.c.Comma = []rune(p.Delimiter)[0]
			o.c.Write(header)
			files[q.File] = o
			names = append(names, name)
		}
		var cells []string
		if err := json.Unmarshal([]byte(q.Cells), &cells); err != nil {
			closeAll()
			return nil, fmt.Errorf("quarantined row %d: %w", q.ID, err)
		}
		o.c.Write(cells)
	}
	return names, closeAll()
}
