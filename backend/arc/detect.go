package arc

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// classified is one CSV of the export with the kind and columns found for it.
type classified struct {
	entry *Entry
	kind  string
	lay   layout
}

// plan is how an export will be read: the profile and what each file is.
type plan struct {
	profile  *Profile
	tables   []classified // in Kinds order
	manifest *Entry
	others   []*Entry  // audio and anything else; hashed, and stored if referenced
	unknown  []*Entry  // CSVs the profile does not describe
	warnings []Problem // headers the profile names that a file lacks
}

// misfitError says a profile the person chose does not fit the export,
// naming the headers it looked for; it unwraps to the NoProfileError that
// opens the wizard.
type misfitError struct {
	msg string
	npe *NoProfileError
}

func (e *misfitError) Error() string { return e.msg }
func (e *misfitError) Unwrap() error { return e.npe }

// HeaderInfo is what the wizard needs about a CSV no profile fits.
type HeaderInfo struct {
	File      string     `json:"file"`
	Delimiter string     `json:"delimiter"` // as guessed from the header row
	Encoding  string     `json:"encoding"`  // as guessed from the first bytes: utf-8 or windows-1252
	Headers   []string   `json:"headers"`
	Sample    [][]string `json:"sample"` // first rows, for the preview
}

// NoProfileError says no profile fits the export; the wizard takes it from here.
type NoProfileError struct {
	Source string
	Files  []HeaderInfo
}

func (e *NoProfileError) Error() string {
	var names []string
	for _, f := range e.Files {
		cols := make([]string, 0, min(len(f.Headers), 30))
		for i, h := range f.Headers {
			if i == 30 {
				cols = append(cols, fmt.Sprintf("and %d more", len(f.Headers)-30))
				break
			}
			cols = append(cols, clipValid(h, 40))
		}
		names = append(names, fmt.Sprintf("%s (columns: %s)", f.File, strings.Join(cols, ", ")))
	}
	return fmt.Sprintf("no import profile fits %s: none has an alarms file with these columns: %s. "+
		"Map the columns in the import wizard, or name a profile with --profile or --profile-file",
		e.Source, strings.Join(names, "; "))
}

func isCSVName(n string) bool {
	ext := strings.ToLower(path.Ext(n))
	return ext == ".csv" || ext == ".txt" || ext == ".tsv"
}

func isManifestName(n string) bool {
	b := strings.ToLower(baseName(n))
	return b == "manifest.csv" || b == "sha256sums" || b == "sha256sums.txt" || strings.HasSuffix(b, ".sha256")
}

// Detect chooses the profile whose columns fit the export's headers best.
func Detect(src *Source, profiles []*Profile) (*Profile, error) {
	pl, err := makePlan(src, nil, profiles)
	if err != nil {
		return nil, err
	}
	return pl.profile, nil
}

func makePlan(src *Source, forced *Profile, profiles []*Profile) (*plan, error) {
	var csvs []*Entry
	pl := &plan{}
	for _, e := range src.Entries {
		switch {
		case isManifestName(e.Name):
			if pl.manifest != nil {
				return nil, refuse("%s holds two manifests (%s and %s); keep one", src.Name, pl.manifest.Name, e.Name)
			}
			pl.manifest = e
		case isCSVName(e.Name):
			csvs = append(csvs, e)
		default:
			pl.others = append(pl.others, e)
		}
	}
	if len(csvs) == 0 {
		return nil, refuse("%s holds no CSV files: an export needs at least an alarms CSV", src.Name)
	}
	candidates := profiles
	if forced != nil {
		candidates = []*Profile{forced}
	}
	headers := map[*Entry][]string{}
	best, bestScore := (*plan)(nil), -1
	for _, p := range candidates {
		cand := &plan{profile: p}
		score, hasAlarms := 0, false
		for _, e := range csvs {
			kind, lay, s, ok, err := classifyEntry(p, e, headers, forced != nil)
			if err != nil {
				return nil, err // the file cannot be read at all, under any profile
			}
			if !ok {
				cand.unknown = append(cand.unknown, e)
				continue
			}
			score += s
			hasAlarms = hasAlarms || kind == KindAlarms
			cand.tables = append(cand.tables, classified{entry: e, kind: kind, lay: lay})
		}
		if hasAlarms && score > bestScore {
			best, bestScore = cand, score
		}
	}
	if best == nil {
		npe := &NoProfileError{Source: src.Name}
		for _, e := range csvs {
			npe.Files = append(npe.Files, sampleHeaders(e))
		}
		if forced != nil {
			return nil, &misfitError{msg: misfit(forced, src.Name, csvs, headers), npe: npe}
		}
		return nil, npe
	}
	for _, t := range best.tables {
		for _, m := range t.lay.missing {
			best.warnings = append(best.warnings, Problem{File: t.entry.Name, Kind: t.kind, Column: m.header, Severity: SeverityWarning,
				Reason: fmt.Sprintf("the import profile %q reads %s from this column, but the file has no such column; the closest column it has, "+
					"and which the profile does not read, is %q. Every %s of this file is left empty: correct the column name in the profile", best.profile.Name, m.field, m.closest, m.field)})
		}
	}
	best.manifest, best.others = pl.manifest, pl.others
	ordered := make([]classified, 0, len(best.tables))
	for _, k := range Kinds {
		for _, t := range best.tables {
			if t.kind == k {
				ordered = append(ordered, t)
			}
		}
	}
	best.tables = ordered
	return best, nil
}

// classifyEntry reads a CSV's header the way each file of p is read (its
// encoding and delimiter) and finds the kind it fits best. A forced
// profile's headers are kept, read the profile's own way, to explain a misfit.
func classifyEntry(p *Profile, e *Entry, headers map[*Entry][]string, keep bool) (kind string, lay layout, score int, ok bool, err error) {
	for i, v := range p.views() {
		h, rerr := readHeader(e, v.p)
		var se *SourceError
		if errors.As(rerr, &se) {
			return "", layout{}, 0, false, rerr
		}
		if rerr != nil {
			continue
		}
		if keep && i == 0 {
			headers[e] = h
		}
		if k, l, s, found := classifyAs(p, h, e.Name, v.kinds); found && s > score {
			kind, lay, score, ok = k, l, s, true
		}
	}
	return kind, lay, score, ok, nil
}

// misfit explains why a chosen profile fits no file: for each CSV, the
// headers of the file kind it comes closest to that it does not have.
func misfit(p *Profile, source string, csvs []*Entry, headers map[*Entry][]string) string {
	var parts []string
	for _, e := range csvs {
		h, ok := headers[e]
		if !ok {
			continue
		}
		kind, absent := lacking(p, h)
		if kind == "" || len(absent) == 0 {
			continue
		}
		q := make([]string, len(absent))
		for i, a := range absent {
			q[i] = fmt.Sprintf("%q (closest: %q)", a, closest(a, h))
		}
		parts = append(parts, fmt.Sprintf("%s, read as its %s file, has no column %s", e.Name, kind, strings.Join(q, ", ")))
	}
	msg := fmt.Sprintf("the import profile %q does not fit %s: no file has every column its alarms file needs", p.Name, source)
	if len(parts) > 0 {
		msg += "; " + strings.Join(parts, "; ")
	}
	return msg + ". Correct the column names in the profile, or choose another profile"
}

// sampleHeaders reads the header and a few rows, guessing the delimiter and
// encoding, so the wizard can show the user their own data.
func sampleHeaders(e *Entry) HeaderInfo {
	hi := HeaderInfo{File: e.Name}
	rc, err := e.Open()
	if err != nil {
		return hi
	}
	defer rc.Close()
	head, _ := io.ReadAll(io.LimitReader(rc, 64<<10))
	text := strings.TrimPrefix(string(head), utf8BOM)
	hi.Encoding = "utf-8"
	if !validUTF8Prefix(text, len(head) == 64<<10) {
		// Not UTF-8: an older Excel or portal export, read as Windows-1252
		// so the wizard shows the headers as the file means them.
		hi.Encoding = "windows-1252"
		text, _ = charmap.Windows1252.NewDecoder().String(text)
	}
	first, _, _ := strings.Cut(text, "\n")
	delim := ','
	if strings.Count(first, ";") > strings.Count(first, ",") {
		delim = ';'
	} else if strings.Count(first, "\t") > strings.Count(first, ",") {
		delim = '\t'
	}
	hi.Delimiter = string(delim)
	c := csv.NewReader(strings.NewReader(text))
	c.Comma = delim
	c.FieldsPerRecord = -1
	c.LazyQuotes = true
	for i := 0; i < 6; i++ {
		rec, err := c.Read()
		if err != nil {
			break
		}
		if i == 0 {
			hi.Headers = rec
		} else {
			hi.Sample = append(hi.Sample, rec)
		}
	}
	return hi
}

// validUTF8Prefix reports whether s is UTF-8, allowing, when the sample was
// cut, for a character cut at its end.
func validUTF8Prefix(s string, cut bool) bool {
	for i := 0; cut && i < 3 && len(s) > 0 && !utf8.ValidString(s); i++ {
		s = s[:len(s)-1]
	}
	return utf8.ValidString(s)
}

// readManifest reads "file,sha256" CSV or sha256sum lines into name -> hash.
func readManifest(r io.Reader, name string) (map[string]string, []Problem) {
	out := map[string]string{}
	var probs []Problem
	body, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return out, []Problem{{File: name, Kind: "manifest", Severity: SeverityError, Reason: "the manifest cannot be read: " + err.Error()}}
	}
	text := strings.TrimPrefix(string(body), utf8BOM)
	if strings.HasSuffix(strings.ToLower(name), ".csv") {
		c := csv.NewReader(strings.NewReader(text))
		c.FieldsPerRecord = -1
		recs, err := c.ReadAll()
		if err != nil || len(recs) == 0 {
			return out, []Problem{{File: name, Kind: "manifest", Severity: SeverityError, Reason: "the manifest is not a valid CSV with file and sha256 columns"}}
		}
		fi, si := -1, -1
		for i, h := range recs[0] {
			switch fold(h) {
			case "file":
				fi = i
			case "sha256":
				si = i
			}
		}
		if fi < 0 || si < 0 {
			return out, []Problem{{File: name, Kind: "manifest", Severity: SeverityError, Reason: "the manifest needs columns named file and sha256"}}
		}
		for n, rec := range recs[1:] {
			if len(rec) <= fi || len(rec) <= si {
				continue
			}
			add(out, &probs, name, n+2, rec[fi], rec[si])
		}
		return out, probs
	}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		sum, file, ok := strings.Cut(line, " ")
		if !ok {
			probs = append(probs, Problem{File: name, Kind: "manifest", Line: n + 1, Value: line, Severity: SeverityError, Reason: "expected a SHA-256, spaces and a file name"})
			continue
		}
		add(out, &probs, name, n+1, strings.TrimPrefix(strings.TrimSpace(file), "*"), sum)
	}
	return out, probs
}

func add(out map[string]string, probs *[]Problem, name string, line int, file, sum string) {
	sum = strings.ToLower(strings.TrimSpace(sum))
	clean, err := safeName(strings.TrimSpace(file))
	switch {
	case err != nil:
		*probs = append(*probs, Problem{File: name, Kind: "manifest", Line: line, Value: file, Severity: SeverityError, Reason: "the file name " + err.Error()})
	case !isHexSHA(sum):
		*probs = append(*probs, Problem{File: name, Kind: "manifest", Line: line, Value: sum, Severity: SeverityError, Reason: "is not a SHA-256 (64 hexadecimal characters)"})
	default:
		out[strings.ToLower(clean)] = sum
	}
}
