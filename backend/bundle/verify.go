package bundle

import (
	"archive/zip"
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nhs-redline/redline/backend/store"
)

// Finding is one thing wrong with a package.
type Finding struct {
	Kind    string `json:"kind"` // missing, extra, altered, malformed, audit
	Path    string `json:"path"`
	Message string `json:"message"`
}

// Report is what Verify found.
type Report struct {
	Path     string            `json:"path"`
	Files    int               `json:"files"` // payload files checked
	Head     store.AuditAnchor `json:"auditHead"`
	HeadNote string            `json:"headNote"` // what was learnt of the head
	Findings []Finding         `json:"findings"`
}

// OK reports whether the package is whole and unchanged.
func (r Report) OK() bool { return len(r.Findings) == 0 }

// bag reads the files of a package, a folder or a zip, by path inside the bag.
type bag interface {
	list() ([]string, error)
	open(name string) (io.ReadCloser, error)
}

// Verify re-hashes every file of a package against its manifests, names any
// missing, extra or altered file, and checks the audit head in bag-info.txt
// against st's audit log when st is not nil.
func Verify(ctx context.Context, pkg string, st *store.Store) (Report, error) {
	rep := Report{Path: pkg, Findings: []Finding{}}
	b, closer, err := openBag(pkg)
	if err != nil {
		return rep, err
	}
	defer closer()
	names, err := b.list()
	if err != nil {
		return rep, err
	}
	present := map[string]bool{}
	for _, n := range names {
		present[n] = true
	}
	find := func(kind, p, format string, args ...any) {
		rep.Findings = append(rep.Findings, Finding{Kind: kind, Path: p, Message: fmt.Sprintf(format, args...)})
	}
	for _, must := range []string{"bagit.txt", "manifest-sha256.txt", "bag-info.txt"} {
		if !present[must] {
			find("missing", must, "%s is missing: this is not a whole BagIt package", must)
		}
	}
	if !present["manifest-sha256.txt"] {
		return rep, nil
	}
	check := func(manifest string, payload bool) {
		listed, err := readManifest(b, manifest)
		if err != nil {
			find("malformed", manifest, "%v", err)
			return
		}
		for _, p := range sortedKeys(listed) {
			if payload {
				rep.Files++
			}
			if !present[p] {
				find("missing", p, "%s is listed in %s but is not in the package", p, manifest)
				continue
			}
			got, err := hashOf(b, p)
			if err != nil {
				find("altered", p, "%s could not be read: %v", p, err)
			} else if got != listed[p] {
				find("altered", p, "%s has changed: its SHA-256 is %s, the manifest says %s", p, got, listed[p])
			}
		}
		if payload {
			for _, n := range names {
				if strings.HasPrefix(n, "data/") && listed[n] == "" {
					find("extra", n, "%s is in the package but not in %s: it was added after the package was built", n, manifest)
				}
			}
		}
	}
	check("manifest-sha256.txt", true)
	if present["tagmanifest-sha256.txt"] {
		check("tagmanifest-sha256.txt", false)
	}
	for _, n := range names {
		if !strings.HasPrefix(n, "data/") && !isTag(n) {
			find("extra", n, "%s is in the package but is no part of a bag", n)
		}
	}
	rep.Head, rep.HeadNote = headOf(b)
	switch {
	case rep.HeadNote != "":
		find("malformed", "bag-info.txt", "%s", rep.HeadNote)
	case st == nil:
		rep.HeadNote = "No Redline database was given, so the audit head was not checked against an audit log."
	default:
		p, err := st.CheckAuditAnchor(ctx, rep.Head)
		if err != nil {
			return rep, err
		}
		if p != nil {
			find("audit", "bag-info.txt", "The audit head %d:%s… that bag-info.txt carries is not in this database's audit log: %s",
				rep.Head.Seq, rep.Head.Hash[:min(12, len(rep.Head.Hash))], p.Reason)
		} else {
			rep.HeadNote = fmt.Sprintf("The audit log holds the head the package carries (entry %d).", rep.Head.Seq)
		}
	}
	return rep, nil
}

func isTag(n string) bool {
	return !strings.Contains(n, "/") && strings.HasSuffix(n, ".txt")
}

func readManifest(b bag, name string) (map[string]string, error) {
	rc, err := b.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(rc)
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimRight(sc.Text(), "\r")
		if t == "" {
			continue
		}
		sum, p, ok := strings.Cut(t, " ")
		if !ok || len(sum) != 64 {
			return nil, fmt.Errorf("line %d of %s is not \"SHA-256  path\": %q", line, name, t)
		}
		out[decodePath(strings.TrimLeft(p, " \t"))] = strings.ToLower(sum)
	}
	return out, sc.Err()
}

func hashOf(b bag, name string) (string, error) {
	rc, err := b.open(name)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.Copy(h, rc); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func headOf(b bag) (store.AuditAnchor, string) {
	rc, err := b.open("bag-info.txt")
	if err != nil {
		return store.AuditAnchor{}, "bag-info.txt is missing, so the package names no audit head"
	}
	defer rc.Close()
	data, _ := io.ReadAll(rc)
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == HeadField {
			a, err := store.ParseAuditAnchor(strings.TrimSpace(v))
			if err != nil {
				return a, fmt.Sprintf("bag-info.txt's %s %q is unreadable: %v", HeadField, strings.TrimSpace(v), err)
			}
			return a, ""
		}
	}
	return store.AuditAnchor{}, "bag-info.txt names no " + HeadField + ": the package was not made by Redline, or the field was removed"
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func openBag(p string) (bag, func(), error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, nil, fmt.Errorf("there is no package at %s: %w", p, err)
	}
	if fi.IsDir() {
		return dirBag(p), func() {}, nil
	}
	z, err := zip.OpenReader(p)
	if err != nil {
		return nil, nil, fmt.Errorf("%s is neither a package folder nor a readable zip: %w", p, err)
	}
	zb := &zipBag{files: map[string]*zip.File{}}
	for _, f := range z.File {
		if f.FileInfo().IsDir() {
			continue
		}
		name := f.Name
		if _, rest, ok := strings.Cut(name, "/"); ok { // the zip holds one top folder
			name = rest
		}
		zb.files[name] = f
	}
	return zb, func() { z.Close() }, nil
}

type dirBag string

func (d dirBag) list() ([]string, error) {
	var out []string
	err := filepath.WalkDir(string(d), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, err := filepath.Rel(string(d), p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	return out, err
}

func (d dirBag) open(name string) (io.ReadCloser, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("%q is not a path inside the package", name)
	}
	return os.Open(filepath.Join(string(d), filepath.FromSlash(name)))
}

type zipBag struct{ files map[string]*zip.File }

func (z *zipBag) list() ([]string, error) {
	out := make([]string, 0, len(z.files))
	for n := range z.files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}

func (z *zipBag) open(name string) (io.ReadCloser, error) {
	f, ok := z.files[path.Clean(name)]
	if !ok {
		return nil, fmt.Errorf("%s is not in the zip", name)
	}
	return f.Open()
}
