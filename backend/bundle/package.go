package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/exhibit"
	"github.com/nhs-redline/redline/backend/export"
	"github.com/nhs-redline/redline/backend/outfile"
	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// Options choose the form of a package.
type Options struct {
	Zip      bool    // one .zip file instead of a folder
	Redacted bool    // a disclosure copy, personal data taken out
	Choice   *Choice // what a disclosure copy takes out (nil: DefaultChoice)
	// Progress, when set, hears how far the build has got, as often as
	// every write: the caller throttles it.
	Progress func(Progress) `json:"-"`
}

// Progress is how far a build has got: a step, then while writing the
// files, the bytes written of all there are.
type Progress struct {
	Step  string `json:"step"`  // numbering, reading, drawing, writing
	File  string `json:"file"`  // while writing, the file inside the package
	Done  int64  `json:"done"`  // bytes written so far
	Total int64  `json:"total"` // bytes of all the package's data files
}

// meter counts what is written to a package, reports it, and stops the
// write once ctx is cancelled, so a long copy stops within one buffer.
type meter struct {
	ctx    context.Context
	report func(Progress)
	file   string
	done   int64
	total  int64
}

func (m *meter) Write(p []byte) (int, error) {
	if err := m.ctx.Err(); err != nil {
		return 0, err
	}
	m.done += int64(len(p))
	m.report(Progress{Step: "writing", File: m.file, Done: m.done, Total: m.total})
	return len(p), nil
}

// start names the file being written; nil (writing what follows the audit
// entry) measures nothing.
func (m *meter) start(name string) io.Writer {
	if m == nil {
		return io.Discard
	}
	m.file = name
	return m
}

// File is one file of a package, its path inside the bag ("data/...").
type File struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// Result is the package built.
type Result struct {
	CaseRef      string            `json:"caseRef"`
	Path         string            `json:"path"` // the folder or the zip
	Zip          bool              `json:"zip"`
	Redacted     bool              `json:"redacted"`
	Exhibits     []string          `json:"exhibits"`
	Withheld     []string          `json:"withheld,omitempty"` // a disclosure copy's exhibits listed but not carried
	Files        []File            `json:"files"`
	BundleSHA256 string            `json:"bundleSha256"`
	Head         store.AuditAnchor `json:"auditHead"`
	Seq          int64             `json:"auditSeq"` // the package's own audit entry
}

// payload is a file of the bag's data/ folder: bytes made here, or an
// exhibit's native file copied from the vault or the database.
type payload struct {
	File
	data []byte
	x    *store.Exhibit
}

// Build makes the evidence package of a case in dir: exhibits are numbered
// first (exhibit.Ensure), the bundle PDF drawn, then the bag written (data/
// with the bundle, every exhibit's native file and exhibits.json; bagit.txt,
// manifest-sha256.txt, bag-info.txt carrying the audit head, and
// tagmanifest-sha256.txt). The package is one export through backend/export:
// audited, registered, and named in the case's audit trail, and the head it
// carries is the one the register keeps.
//
// o.Progress hears each step. Cancelling ctx stops the build and leaves
// nothing behind, up to the package's audit entry; from there on the build
// finishes, so the log never records a package that was not written.
func Build(ctx context.Context, st *store.Store, v *vault.Vault, ren Renderer, who store.Who, caseRef, dir string, o Options) (Result, error) {
	report := o.Progress
	if report == nil {
		report = func(Progress) {}
	}
	c, err := st.CaseByRef(ctx, strings.TrimSpace(caseRef))
	if errors.Is(err, store.ErrNotFound) {
		return Result{}, problem.InField("case", "There is no case %q in this data folder: give a case reference such as RL-2026-0001.", caseRef)
	}
	if err != nil {
		return Result{}, err
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return Result{}, problem.InField("out", "The folder %s does not exist: create it, or choose another folder for the package.", dir)
	}
	name := c.Ref + " evidence package"
	if o.Redacted {
		name = c.Ref + " disclosure copy (redacted)"
	}
	target := filepath.Join(dir, name)
	if o.Zip {
		target += ".zip"
	}
	if _, err := os.Lstat(target); err == nil {
		return Result{}, problem.InField("out", "%s already exists: a package is never overwritten. Move it away or choose another folder.", target)
	}
	report(Progress{Step: "numbering"})
	xs, err := exhibit.Ensure(ctx, st, v, ren, c.ID, who)
	if err != nil {
		return Result{}, err
	}
	if len(xs) == 0 {
		return Result{}, problem.New("Case %s has nothing to produce: no recording, letter or document is held on it.", c.Ref)
	}
	var red *Redactor
	if o.Redacted {
		people, err := st.People(ctx, c.ID)
		if err != nil {
			return Result{}, err
		}
		ch := DefaultChoice
		if o.Choice != nil {
			ch = *o.Choice
		}
		red = NewRedactor(people, ch)
	}
	report(Progress{Step: "reading"})
	b, err := Load(ctx, st, v, ren, c.ID, red, who)
	if err != nil {
		return Result{}, err
	}
	if b.Head, err = st.AuditHead(ctx); err != nil {
		return Result{}, err
	}
	report(Progress{Step: "drawing"})
	var pdf bytes.Buffer
	if err := ren.PDF(&pdf, b); err != nil {
		return Result{}, fmt.Errorf("case %s: draw the bundle: %w", c.Ref, err)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	files, err := payloads(v, b, pdf.Bytes(), red)
	if err != nil {
		return Result{}, err
	}
	m := &meter{ctx: ctx, report: report}
	for _, f := range files {
		m.total += f.Bytes
	}
	report(Progress{Step: "writing", Total: m.total})
	res := Result{CaseRef: c.Ref, Path: target, Zip: o.Zip, Redacted: o.Redacted, Head: b.Head, BundleSHA256: files[0].SHA256}
	for _, x := range b.Exhibits {
		res.Exhibits = append(res.Exhibits, x.Ref)
	}
	res.Withheld = withheldRefs(b)
	for _, f := range files {
		res.Files = append(res.Files, f.File)
	}
	manifest := manifestOf(files)
	it := export.Item{Kind: "bundle.package", Format: map[bool]string{true: "zip", false: "bagit"}[o.Zip], ObjectType: "case",
		ObjectID: fmt.Sprint(c.ID), Count: len(xs), Detail: map[string]any{"caseRef": c.Ref, "redacted": o.Redacted,
			"package": filepath.Base(target), "exhibits": res.Exhibits, "files": res.Files, "manifestSha256": hexSum([]byte(manifest))}}
	// The bundle PDF prints b.Head: the package must carry the same head.
	sameHead := func(head store.AuditAnchor) error {
		if head != b.Head {
			return problem.New("The audit log moved on while the package of %s was being built (someone listened, exported or changed something). Build it again.", c.Ref)
		}
		return nil
	}
	if o.Zip {
		r, err := export.ToFile(ctx, st, who, target, it, export.Stamped(func(w io.Writer, head store.AuditAnchor) error {
			if err := sameHead(head); err != nil {
				return err
			}
			return writeZip(ctx, w, st, v, m, name, files, manifest, bagInfo(b, files, head, manifest))
		}))
		res.Seq = r.Seq
		return res, err
	}
	stage, err := os.MkdirTemp(dir, "."+c.Ref+"-package-*")
	if err != nil {
		return res, fmt.Errorf("make the package folder in %s: %w", dir, err)
	}
	defer os.RemoveAll(stage) // gone once renamed; on failure nothing is left
	for _, f := range files {
		if err := writeFile(ctx, filepath.Join(stage, filepath.FromSlash(f.Path)), st, v, m, f); err != nil {
			return res, err
		}
	}
	for n, text := range map[string]string{"bagit.txt": bagitTxt, "manifest-sha256.txt": manifest} {
		if err := writeFile(ctx, filepath.Join(stage, n), st, v, nil, payload{data: []byte(text)}); err != nil {
			return res, err
		}
	}
	if err := ctx.Err(); err != nil { // the last moment to stop: the audit entry follows
		return res, err
	}
	var info []byte
	r, err := export.ToFile(ctx, st, who, filepath.Join(stage, "bag-info.txt"), it, export.Stamped(func(w io.Writer, head store.AuditAnchor) error {
		if err := sameHead(head); err != nil {
			return err
		}
		info = []byte(bagInfo(b, files, head, manifest))
		_, err := w.Write(info)
		return err
	}))
	res.Seq = r.Seq
	if err != nil {
		return res, err
	}
	// Recorded: the package must now arrive, whatever is cancelled.
	tag := tagManifest(map[string][]byte{"bagit.txt": []byte(bagitTxt), "bag-info.txt": info, "manifest-sha256.txt": []byte(manifest)})
	if err := writeFile(context.WithoutCancel(ctx), filepath.Join(stage, "tagmanifest-sha256.txt"), st, v, nil, payload{data: []byte(tag)}); err != nil {
		return res, err
	}
	if err := os.Rename(stage, target); err != nil {
		return res, fmt.Errorf("%w: the audit log records the package %s, which did not arrive; build it again", err, target)
	}
	os.Chmod(target, 0o700)
	return res, nil
}

// payloads lists the bag's data files: the bundle PDF first, each
// exhibit's native file, exhibits.json.
func payloads(v *vault.Vault, b *Bundle, pdf []byte, red *Redactor) ([]payload, error) {
	files := []payload{{File: File{Path: "data/" + b.Case.Ref + " bundle.pdf"}, data: pdf}}
	type jx struct {
		Ref         string         `json:"ref"`
		Description string         `json:"description"`
		Kind        string         `json:"kind"`
		Producer    string         `json:"producer"`
		KeptAt      string         `json:"keptAt"`
		SHA256      string         `json:"sha256"`
		MasterSHA   string         `json:"masterSha256,omitempty"` // a disclosure copy's file differs from the master's
		File        string         `json:"file"`                   // "" when withheld
		InPackage   bool           `json:"inPackage"`
		Withheld    string         `json:"withheld,omitempty"` // why a disclosure copy does not carry it
		Continuity  []exhibit.Link `json:"continuity"`
	}
	var list []jx
	for i := range b.Exhibits {
		x := &b.Exhibits[i]
		p := payload{File: File{Path: "data/exhibits/" + safeName(strings.NewReplacer("/", "-", "\\", "-").Replace(x.Ref)+" "+x.FileName)}, x: &x.Exhibit}
		j := jx{Ref: x.Ref, Description: x.Description, Kind: x.Kind, Producer: x.Producer, KeptAt: x.KeptAt, SHA256: x.SHA256,
			File: strings.TrimPrefix(p.Path, "data/"), InPackage: x.Withheld == "", Withheld: x.Withheld, Continuity: x.Continuity}
		if x.Withheld != "" {
			j.File = ""
			list = append(list, j)
			continue
		}
		p.data = x.File // nil for a recording; read already, and redacted where need be, for the rest
		if p.data != nil && hexSum(p.data) != x.SHA256 {
			j.MasterSHA, j.SHA256 = x.SHA256, hexSum(p.data)
		}
		files = append(files, p)
		list = append(list, j)
	}
	doc := map[string]any{"case": b.Case.Ref, "title": b.Case.Title, "redacted": b.Redacted, "producer": b.Statement.Name,
		"made": b.Made.UTC().Format(time.RFC3339), "madeBy": b.By, "exhibits": list}
	js, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	files = append(files, payload{File: File{Path: "data/exhibits.json"}, data: append(js, '\n')})
	for i := range files {
		f := &files[i]
		if f.data != nil {
			f.SHA256, f.Bytes = hexSum(f.data), int64(len(f.data))
			continue
		}
		// A recording or letter, copied from the vault and checked on the way.
		f.SHA256 = f.x.SHA256
		p, err := v.Path(f.x.SHA256)
		if err != nil {
			return nil, err
		}
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("exhibit %s (%s) is missing from the evidence vault: %w", f.x.Ref, f.x.FileName, err)
		}
		f.Bytes = fi.Size()
	}
	return files, nil
}

// copyTo writes a payload to w, checking a vault copy against its SHA-256
// as it goes, and returns its size. m (nil for none) hears every write and
// stops it once the build is cancelled.
func copyTo(ctx context.Context, w io.Writer, st *store.Store, v *vault.Vault, m *meter, f payload) (int64, error) {
	w = io.MultiWriter(w, m.start(f.Path))
	if f.data != nil {
		n, err := w.Write(f.data)
		return int64(n), err
	}
	rc, err := exhibit.Open(ctx, st, v, *f.x)
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), rc)
	if err != nil {
		return n, fmt.Errorf("copy exhibit %s: %w", f.x.Ref, err)
	}
	if hex.EncodeToString(h.Sum(nil)) != f.SHA256 {
		return n, fmt.Errorf("exhibit %s (%s) changed while it was copied: it no longer matches its SHA-256", f.x.Ref, f.x.FileName)
	}
	return n, nil
}

func writeFile(ctx context.Context, p string, st *store.Store, v *vault.Vault, m *meter, f payload) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	out, err := outfile.Create(p)
	if err != nil {
		return err
	}
	defer out.Abort()
	if _, err := copyTo(ctx, out, st, v, m, f); err != nil {
		return err
	}
	return out.Commit()
}

func writeZip(ctx context.Context, w io.Writer, st *store.Store, v *vault.Vault, m *meter, root string, files []payload, manifest, info string) error {
	z := zip.NewWriter(w)
	add := func(name string, f payload, m *meter) error {
		method := zip.Deflate
		if f.x != nil && (f.x.Kind == "recording" || f.x.Kind == "working_copy") {
			method = zip.Store // audio does not deflate; storing keeps building fast
		}
		zw, err := z.CreateHeader(&zip.FileHeader{Name: root + "/" + name, Method: method, Modified: time.Unix(0, 0).UTC()})
		if err != nil {
			return err
		}
		_, err = copyTo(ctx, zw, st, v, m, f)
		return err
	}
	for _, f := range files {
		if err := add(f.Path, f, m); err != nil {
			return err
		}
	}
	tags := map[string][]byte{"bagit.txt": []byte(bagitTxt), "manifest-sha256.txt": []byte(manifest), "bag-info.txt": []byte(info)}
	tags["tagmanifest-sha256.txt"] = []byte(tagManifest(tags))
	for _, n := range []string{"bagit.txt", "manifest-sha256.txt", "bag-info.txt", "tagmanifest-sha256.txt"} {
		if err := add(n, payload{data: tags[n]}, nil); err != nil {
			return err
		}
	}
	return z.Close()
}

const bagitTxt = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

// HeadField is the bag-info.txt field naming the audit head.
const HeadField = "Redline-Audit-Head"

func bagInfo(b *Bundle, files []payload, head store.AuditAnchor, manifest string) string {
	var octets int64
	for _, f := range files {
		octets += f.Bytes
	}
	lines := []string{
		"Source-Organization: " + orDefault(b.Trust, "NHS trust"),
		"Contact-Name: " + b.Statement.Name,
		"External-Description: Court bundle and exhibits of case " + b.Case.Ref,
		"External-Identifier: " + b.Case.Ref,
		"Bagging-Date: " + b.Made.In(store.London).Format(time.DateOnly),
		fmt.Sprintf("Payload-Oxum: %d.%d", octets, len(files)),
		"Bag-Software-Agent: Redline",
		fmt.Sprintf("Redline-Redacted: %t", b.Redacted),
	}
	if w := withheldRefs(b); len(w) > 0 {
		lines = append(lines, "Redline-Withheld-Exhibits: "+strings.Join(w, ", ")+" (available from the producer on request; see data/exhibits.json)")
	}
	lines = append(lines,
		"Redline-Manifest-SHA256: "+hexSum([]byte(manifest)),
		HeadField+": "+head.String(),
	)
	return strings.Join(lines, "\n") + "\n"
}

// withheldRefs are the exhibits a disclosure copy does not carry.
func withheldRefs(b *Bundle) []string {
	var out []string
	for _, x := range b.Exhibits {
		if x.Withheld != "" {
			out = append(out, x.Ref)
		}
	}
	return out
}

func manifestOf(files []payload) string {
	var b strings.Builder
	for _, f := range files {
		fmt.Fprintf(&b, "%s  %s\n", f.SHA256, encodePath(f.Path))
	}
	return b.String()
}

func tagManifest(tags map[string][]byte) string {
	var b strings.Builder
	for _, n := range []string{"bag-info.txt", "bagit.txt", "manifest-sha256.txt"} {
		fmt.Fprintf(&b, "%s  %s\n", hexSum(tags[n]), n)
	}
	return b.String()
}

// encodePath escapes what RFC 8493 section 2.1.3 requires in a manifest path.
func encodePath(p string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(p)
}

func decodePath(p string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%0d", "\r", "%0a", "\n", "%25", "%").Replace(p)
}

// safeName keeps a file name portable: no folder separators or characters Windows refuses.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 32 {
			return '-'
		}
		return r
	}, s)
	return path.Clean(strings.TrimSpace(s))
}

func hexSum(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }
