package arc

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/nhs-redline/redline/backend/store"
)

// Nothing the ARC sent is dropped: an alarm's address, how its location was
// found, the ARC's own words where a vocabulary normalised them, and every
// column the profile does not map are kept with the alert (store.AlertARC);
// the ARC's documents about an alarm (a PDF post-incident report) are kept
// in the vault as its evidence.

// arcExtra is what an alarm row carried beyond the alert's own columns.
type arcExtra struct{ store.AlertARC }

func arcFields(a *alarmRow) arcExtra {
	x := arcExtra{store.AlertARC{Address: a.address, LocationSource: a.locSource, Words: a.words, Extra: a.extra}}
	if x.Words == nil {
		x.Words = map[string]string{}
	}
	if x.Extra == nil {
		x.Extra = [][2]string{}
	}
	return x
}

// rowExtra is every non-empty cell of rec in a column no field reads, as
// header and value in the file's column order: what the ARC sent beyond the
// profile's fields, kept with the alert, the log entry or the fix.
func (t *table) rowExtra(rec []string) [][2]string {
	var out [][2]string
	for _, i := range t.extra {
		if i < len(rec) {
			if v := strings.TrimSpace(rec[i]); v != "" {
				out = append(out, [2]string{t.extraHeader(i), v})
			}
		}
	}
	return out
}

// extraHeader names column i: its header, or its place when the header is blank.
func (t *table) extraHeader(i int) string {
	if h := strings.TrimSpace(strings.TrimPrefix(t.header[i], utf8BOM)); h != "" {
		return h
	}
	return fmt.Sprintf("Column %d", i+1)
}

func (x arcExtra) size() int {
	n := len(x.Address) + len(x.LocationSource)
	for k, v := range x.Words {
		n += len(k) + len(v)
	}
	for _, e := range x.Extra {
		n += len(e[0]) + len(e[1])
	}
	return n
}

// diffARC lists the changes between what two imports of an alarm sent
// beyond its own columns, for the alert's history.
func diffARC(o, n store.AlertARC) []store.FieldChange {
	var out []store.FieldChange
	if o.Address != n.Address {
		out = append(out, store.FieldChange{Field: "address", Old: o.Address, New: n.Address})
	}
	if o.LocationSource != n.LocationSource {
		out = append(out, store.FieldChange{Field: "location_source", Old: o.LocationSource, New: n.LocationSource})
	}
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	if len(o.Words)+len(n.Words) > 0 && js(o.Words) != js(n.Words) {
		out = append(out, store.FieldChange{Field: "arc_words", Old: js(o.Words), New: js(n.Words)})
	}
	if len(o.Extra)+len(n.Extra) > 0 && js(o.Extra) != js(n.Extra) {
		out = append(out, store.FieldChange{Field: "arc_extra", Old: js(o.Extra), New: js(n.Extra)})
	}
	return out
}

// isDocumentCandidate says whether a file no CSV names may be an ARC
// document about one alarm: anything but a CSV, a manifest or a hidden file.
func isDocumentCandidate(name string) bool {
	b := baseName(name)
	return !isCSVName(name) && !isManifestName(name) && !strings.HasPrefix(b, ".")
}

// readDocuments stores every file no CSV names that belongs to an alarm of
// this import, by the manifest's alarm reference column or by a reference in
// its name (RED0000123 in "RED0000123 incident report.pdf"), in the vault as
// that alarm's evidence: hashed on receipt, checked against the manifest,
// never altered. Files that belong to no alarm are hashed and listed only.
func (im *importer) readDocuments(ctx context.Context) error {
	refs := im.manifestRefs()
	arcs := make([]string, 0, len(im.freshARC))
	for a := range im.freshARC {
		arcs = append(arcs, a)
	}
	sort.Strings(arcs)
	if len(arcs) == 0 {
		return nil
	}
	if err := im.flushAlerts(); err != nil {
		return err
	}
	for _, e := range im.src.Entries {
		if im.recorded[e.Name] || !isDocumentCandidate(e.Name) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		var cands []string
		if r, ok := refs[strings.ToLower(e.Name)]; ok {
			cands = []string{r}
		} else {
			cands = refCandidates(baseName(e.Name))
		}
		var owner store.ExistingAlert
		found := false
		for _, c := range cands {
			for _, a := range arcs {
				ex, ok, err := im.ix.FindAlert(a, c)
				if err != nil {
					return err
				}
				if ok {
					owner, found = ex, true
					break
				}
			}
			if found {
				break
			}
		}
		if !found {
			if r, ok := refs[strings.ToLower(e.Name)]; ok {
				im.problem(Problem{File: e.Name, Kind: "document", Ref: r, Severity: SeverityWarning,
					Reason: "the manifest gives this file an alarm reference that is neither in this export nor in Redline; it was hashed and listed but not attached to an alert"})
			}
			continue
		}
		if gone, err := im.ix.DestroyedDocument(owner.ID, e.Name); err != nil {
			return err
		} else if gone {
			im.problem(Problem{File: e.Name, Kind: "document", Ref: owner.ARCRef, Severity: SeverityWarning,
				Reason: "this document was destroyed under the retention rules; it was hashed and listed but not stored again"})
			continue
		}
		stored, reason, err := im.storeFile(e, "document")
		if err != nil {
			return err
		}
		if reason != "" {
			im.problem(Problem{File: e.Name, Kind: "document", Ref: owner.ARCRef, Severity: SeverityError, Reason: reason})
			continue
		}
		added, err := im.ix.AddDocument(store.Document{AlertID: owner.ID, OriginalName: e.Name, SHA256: stored.SHA256,
			Size: stored.Size, VaultPath: stored.Rel, ImportID: im.importID})
		if err != nil {
			return err
		}
		if added {
			im.res.Summary.Documents.New++
		} else {
			im.res.Summary.Documents.Unchanged++
		}
	}
	return nil
}

// refCandidates are the pieces of a file name that may be an alarm
// reference: each run of words between separators (space, _, ., -, #),
// longest first, so "RED-0000123_report.pdf" offers "RED-0000123".
func refCandidates(name string) []string {
	if ext := path.Ext(name); ext != "" {
		name = strings.TrimSuffix(name, ext)
	}
	type span struct{ start, end int }
	var words []span
	start := -1
	for i, r := range name + " " {
		sep := r == ' ' || r == '_' || r == '.' || r == '-' || r == '#' || r == '(' || r == ')'
		if sep && start >= 0 {
			words = append(words, span{start, i})
			start = -1
		} else if !sep && start < 0 {
			start = i
		}
	}
	if len(words) > 12 {
		words = words[:12]
	}
	var out []string
	seen := map[string]bool{}
	for n := len(words); n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			c := name[words[i].start:words[i+n-1].end]
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// manifestRefs reads an optional alarm reference column of a CSV manifest
// (arc_ref, alarm or reference): lower-case path -> reference.
func (im *importer) manifestRefs() map[string]string {
	out := map[string]string{}
	e := im.pl.manifest
	if e == nil || !strings.HasSuffix(strings.ToLower(e.Name), ".csv") {
		return out
	}
	rc, err := e.Open()
	if err != nil {
		return out
	}
	defer rc.Close()
	c := csv.NewReader(decoded(io.LimitReader(rc, 64<<20), im.pl.profile))
	c.FieldsPerRecord = -1
	head, err := c.Read()
	if err != nil {
		return out
	}
	fi, ri := -1, -1
	for i, h := range head {
		switch fold(strings.TrimPrefix(h, utf8BOM)) {
		case "file":
			fi = i
		case "arc_ref", "alarm", "alarm ref", "alarm reference", "reference":
			ri = i
		}
	}
	if fi < 0 || ri < 0 {
		return out
	}
	for {
		rec, err := c.Read()
		if err != nil {
			break
		}
		if len(rec) > fi && len(rec) > ri && strings.TrimSpace(rec[ri]) != "" {
			if clean, err := safeName(strings.TrimSpace(rec[fi])); err == nil {
				out[strings.ToLower(path.Join(im.manDir, clean))] = strings.TrimSpace(rec[ri])
			}
		}
	}
	return out
}
