// Package export is the chokepoint every export of evidence or personal data
// passes through: it writes the file atomically, hashes exactly the bytes
// written, and leaves exactly one audit entry saying what went where.
// Rendering is injected (backend never imports reports/), so the same
// guarantee covers a GeoJSON, a workbook, a letter or a recording.
//
// Every export also carries the audit head: the newest entry of the log when
// the export began, before the export's own entry. A Document is handed it
// to print (in a footer, the file's properties, a closing line); a plain
// Render (a WAV copy) cannot print it. Either way the head goes into the
// export's audit entry and the export register (store.AuditExport), in one
// transaction, and `audit verify` checks the log against every head there.
package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/nhs-redline/redline/backend/outfile"
	"github.com/nhs-redline/redline/backend/store"
)

// Item says what is being exported, for the audit entry.
type Item struct {
	Kind       string         // the audit action, e.g. "map.export_geojson"
	Format     string         // what the file is: geojson, kml, png, xlsx, pdf, docx, wav...
	ObjectType string         // the audit object: "alerts", "alert", "letter", "transcript"...
	ObjectID   string         //
	Count      int            // records in the file, where that means something (alerts written)
	Detail     map[string]any // anything else a reader of the log needs: the filter, a revision, a source hash
}

// Render writes the export to w. Wrap a renderer that prints the audit head
// in Stamped.
type Render func(w io.Writer) error

// Document writes a document to w that carries head: the newest entry of the
// audit log when the export began, for a reader to check the log against
// later (`redline-cli audit verify --anchor N:HASH`).
type Document func(w io.Writer, head store.AuditAnchor) error

// Stamped is the Render of a document that prints the audit head: ToFile and
// ToStream hand it the head they read, and the register notes that the
// document carries it.
func Stamped(doc Document) Render {
	return func(w io.Writer) error {
		c, ok := w.(*counter)
		if !ok {
			return errors.New("export: a document that carries the audit head is written only through export.ToFile or export.ToStream")
		}
		c.stamped = true
		return doc(w, c.head)
	}
}

// Result is what was written.
type Result struct {
	Path   string `json:"path"`   // the file, or "-" for a stream
	SHA256 string `json:"sha256"` // of the bytes written
	Bytes  int64  `json:"bytes"`
	// Head is the audit head the export carries (in the document, or only in
	// the register for a binary copy); Seq is the export's own audit entry.
	Head store.AuditAnchor `json:"auditHead"`
	Seq  int64             `json:"auditSeq,omitempty"`
}

// ToFile renders into path. The audit entry is written once the whole file
// is written but before it takes its name (outfile.Commit), so an export
// that could not be recorded never appears, and one that appears was recorded.
func ToFile(ctx context.Context, st *store.Store, who store.Who, path string, it Item, render Render) (Result, error) {
	if err := it.check(); err != nil {
		return Result{}, err
	}
	head, err := st.AuditHead(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("%s was not saved: the audit log could not be read (%w)", filepath.Base(path), err)
	}
	f, err := outfile.Create(path)
	if err != nil {
		return Result{}, err
	}
	defer f.Abort()
	res, stamped, err := hashed(f, head, render)
	if err != nil {
		return res, fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	res.Path = path
	if res.Seq, err = record(ctx, st, who, filepath.Base(path), it, res, stamped); err != nil {
		return res, fmt.Errorf("%s was not saved: the audit log could not record the export (%w)", filepath.Base(path), err)
	}
	if err := f.Commit(); err != nil {
		return res, fmt.Errorf("%w: the audit log records an export that did not arrive, so export it again", err)
	}
	return res, nil
}

// ToStream renders into w, for `redline-cli ... --out -`. A stream cannot be
// taken back, so the entry is written once the last byte has gone; a failed
// render is still recorded, as "partial", since part of it may have left.
func ToStream(ctx context.Context, st *store.Store, who store.Who, w io.Writer, it Item, render Render) (Result, error) {
	if err := it.check(); err != nil {
		return Result{}, err
	}
	head, err := st.AuditHead(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("nothing was written: the audit log could not be read (%w)", err)
	}
	res, stamped, err := hashed(w, head, render)
	res.Path = "-"
	if err != nil {
		it.Detail = with(it.Detail, "partial", true)
	}
	seq, aerr := record(ctx, st, who, "standard output", it, res, stamped)
	if aerr != nil && err == nil {
		err = fmt.Errorf("the audit log could not record the export to standard output: %w", aerr)
	}
	res.Seq = seq
	return res, err
}

func (it Item) check() error {
	if it.Kind == "" || it.ObjectType == "" {
		return errors.New("export: an export needs a kind and an object for its audit entry")
	}
	return nil
}

// hashed renders through a SHA-256 and a byte count, so the hash is of the
// bytes that reached the file, not of a buffer that might differ. It reports
// whether the render printed head (was Stamped).
func hashed(w io.Writer, head store.AuditAnchor, render Render) (Result, bool, error) {
	h := sha256.New()
	c := &counter{w: io.MultiWriter(w, h), head: head}
	err := render(c)
	return Result{SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: c.n, Head: head}, c.stamped, err
}

// counter is the writer every render is handed: it counts the bytes and
// carries the head for Stamped.
type counter struct {
	w       io.Writer
	n       int64
	head    store.AuditAnchor
	stamped bool
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// entry is the audit detail of every export, in one shape: the file's base
// name (a full path names the person's folders and adds nothing to the
// chain of custody), its hash and size, and what it held.
type entry struct {
	Format string         `json:"format"`
	File   string         `json:"file"`
	SHA256 string         `json:"sha256"`
	Bytes  int64          `json:"bytes"`
	Count  int            `json:"count,omitempty"`
	Detail map[string]any `json:"detail,omitempty"`
	// AuditHead is the head the export carries (store.ExportHeadField), in
	// the chain itself, so a document's head can be matched to its export.
	AuditHead string `json:"auditHead"`
	// HeadInDocument is false for a copy that cannot print it (a WAV).
	HeadInDocument bool `json:"headInDocument"`
}

// record writes the export's audit entry and its register row together and
// returns the entry's number.
func record(ctx context.Context, st *store.Store, who store.Who, file string, it Item, res Result, stamped bool) (int64, error) {
	b, err := json.Marshal(entry{Format: it.Format, File: file, SHA256: res.SHA256, Bytes: res.Bytes, Count: it.Count, Detail: it.Detail,
		AuditHead: res.Head.String(), HeadInDocument: stamped})
	if err != nil {
		return 0, err
	}
	r, err := st.AuditExport(ctx, store.AuditEntry{At: who.At, Actor: who.Actor, Action: it.Kind,
		ObjectType: it.ObjectType, ObjectID: it.ObjectID, Detail: string(b)},
		store.ExportRecord{Head: res.Head, InDocument: stamped, File: file, Format: it.Format, SHA256: res.SHA256})
	return r.Seq, err
}

func with(m map[string]any, k string, v any) map[string]any {
	out := map[string]any{k: v}
	for mk, mv := range m {
		out[mk] = mv
	}
	return out
}
