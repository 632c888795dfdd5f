package arc

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/nhs-redline/redline/backend/outfile"
	"github.com/nhs-redline/redline/backend/store"
)

// WriteQuarantine writes the rows a partial import kept aside back out as
// CSVs in the export's own layout (one file per original file, same header,
// same delimiter and encoding), so a person can fix them and import the
// folder again with the same profile. It returns the files written.
//
// Cells are written exactly as the ARC sent them, WITHOUT the formula
// neutralisation of WriteReportCSV: these files are import input, not a
// report. An apostrophe before "-1.5543" (a longitude), "+44 113 ..." (a
// phone number) or a memo starting with "=" would either fail validation
// on re-import or be stored as evidence the ARC never sent. Round-tripping
// the evidence unaltered is the stronger duty; the risk of a spreadsheet
// running a cell is met by telling the person to open the files as text
// (the Imports screen says so), and the same cells are listed neutralised
// in the validation report CSV.
func WriteQuarantine(dir string, rows []store.QuarantineRow, p *Profile) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	type out struct {
		f *outfile.File
		b *bufio.Writer
		c *csv.Writer
	}
	files := map[string]*out{}
	var names []string
	// Each file appears only once every row is written: a failure leaves
	// none of them, rather than files that look complete and are not.
	abortAll := func() {
		for _, o := range files {
			o.f.Abort()
		}
	}
	commitAll := func() error {
		defer abortAll()
		for _, o := range files {
			o.c.Flush()
			if err := o.c.Error(); err != nil {
				return err
			}
			if err := o.b.Flush(); err != nil {
				return err
			}
		}
		for _, o := range files {
			if err := o.f.Commit(); err != nil {
				return err
			}
		}
		return nil
	}
	for _, q := range rows {
		o := files[q.File]
		if o == nil {
			var header []string
			if err := json.Unmarshal([]byte(q.Header), &header); err != nil {
				abortAll()
				return nil, fmt.Errorf("quarantined row %d: %w", q.ID, err)
			}
			name := filepath.Join(dir, filepath.Base(filepath.FromSlash(q.File)))
			f, err := outfile.Create(name)
			if err != nil {
				abortAll()
				return nil, err
			}
			b := bufio.NewWriter(f)
			var w io.Writer = b
			fp := p.forKind(q.Kind) // written back as the file came: its own encoding and delimiter
			if fp.Encoding == "windows-1252" {
				w = encoding.ReplaceUnsupported(charmap.Windows1252.NewEncoder()).Writer(b)
			} else if fp.BOM {
				b.WriteString(utf8BOM)
			}
			o = &out{f: f, b: b, c: csv.NewWriter(w)}
			o.c.Comma = []rune(fp.Delimiter)[0]
			o.c.Write(header)
			files[q.File] = o
			names = append(names, name)
		}
		var cells []string
		if err := json.Unmarshal([]byte(q.Cells), &cells); err != nil {
			abortAll()
			return nil, fmt.Errorf("quarantined row %d: %w", q.ID, err)
		}
		o.c.Write(cells)
	}
	return names, commitAll()
}

// SaveQuarantine writes the rows import importID kept aside into a new
// folder inside dir (never over the files already there, which may be the
// original export) and returns that folder and the files written. The
// profile is the one the import used, so the files read back the same way.
func SaveQuarantine(ctx context.Context, st *store.Store, who store.Who, importID int64, dir string, user []*Profile) (string, []string, error) {
	rec, err := st.ImportByID(ctx, importID)
	if err != nil {
		return "", nil, err
	}
	if c, err := st.ImportCounts(ctx, importID); err != nil {
		return "", nil, err
	} else if c.Quarantined == 0 {
		return "", nil, fmt.Errorf("import %d kept no rows in quarantine", importID)
	}
	p, err := ProfileByName(rec.Profile, user)
	if err != nil {
		return "", nil, fmt.Errorf("the import profile %q of import %d is no longer available, so its rows cannot be written in its layout: %w",
			rec.Profile, importID, err)
	}
	out, err := freshDir(dir, fmt.Sprintf("quarantine-import-%d", importID))
	if err != nil {
		return "", nil, err
	}
	names, err := ExportQuarantine(ctx, st, who, importID, out, p)
	return out, names, err
}

// ExportQuarantine writes the rows import importID kept aside into dir in
// p's layout, for the person to fix and import again, and records the save
// in the audit log: the rows are lone workers' alerts, personal data, so
// the window and `redline-cli import --quarantine-out` both come through here.
func ExportQuarantine(ctx context.Context, st *store.Store, who store.Who, importID int64, dir string, p *Profile) ([]string, error) {
	rows, _, err := st.Quarantined(ctx, importID, 0)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil // nothing to export, nothing to record
	}
	names, err := WriteQuarantine(dir, rows, p)
	if err != nil {
		return nil, fmt.Errorf("write the quarantined rows to %s: %w", dir, err)
	}
	base := make([]string, len(names))
	for i, n := range names {
		base[i] = filepath.Base(n)
	}
	detail, _ := json.Marshal(map[string]any{"folder": filepath.Base(dir), "files": base, "rows": len(rows)})
	if _, err := st.Audit(ctx, store.AuditEntry{At: who.At, Actor: who.Actor, Action: "import.quarantine_saved",
		ObjectType: "import", ObjectID: fmt.Sprint(importID), Detail: string(detail)}); err != nil {
		return names, fmt.Errorf("the rows were saved to %s but the audit log could not record it: %w", dir, err)
	}
	return names, nil
}

// freshDir makes dir/base, or dir/base-2, -3... when it exists.
func freshDir(dir, base string) (string, error) {
	for i := 1; i < 1000; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		p := filepath.Join(dir, name)
		err := os.Mkdir(p, 0o700)
		if err == nil {
			return p, nil
		}
		if !os.IsExist(err) {
			return "", fmt.Errorf("cannot make a folder in %s: %w", dir, err)
		}
	}
	return "", fmt.Errorf("cannot make a new folder in %s: too many quarantine folders already", dir)
}
