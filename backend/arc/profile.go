// Package arc imports and exports Alarm Receiving Centre exports: the profiles
// that describe each vendor's layout, reading CSVs and archives safely,
// validating every row, and storing alerts, fixes, logs and recordings.
package arc

import (
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"time"
)

//go:embed profiles/*.json
var builtinFS embed.FS

// File kinds an export may hold.
const (
	KindAlarms     = "alarms"
	KindPositions  = "positions"
	KindLog        = "log"
	KindRecordings = "recordings"
)

// Kinds lists the CSV kinds in the order an import reads them.
var Kinds = []string{KindAlarms, KindPositions, KindLog, KindRecordings}

// Fields lists, per kind, every field a profile may map, required ones first.
var Fields = map[string][]string{
	KindAlarms: {"arc_ref", "type", "raised_at", "arc", "trigger", "answered_at", "closed_at", "validity", "escalation",
		"police_ref", "operator", "worker_ref", "worker_name", "team", "staff_group", "device_serial", "memo",
		"lat", "lon", "accuracy_m", "audio", "address", "location_source"},
	KindPositions:  {"arc_ref", "fix_at", "lat", "lon", "arc", "accuracy_m", "source"},
	KindLog:        {"arc_ref", "at", "action", "arc", "operator", "contact", "result", "note"},
	KindRecordings: {"arc_ref", "file", "arc", "kind", "recorded_at", "sha256"},
}

// Required lists the fields each kind cannot do without.
var Required = map[string][]string{
	KindAlarms:     {"arc_ref", "type", "raised_at"},
	KindPositions:  {"arc_ref", "fix_at", "lat", "lon"},
	KindLog:        {"arc_ref", "at", "action"},
	KindRecordings: {"arc_ref", "file"},
}

// Vocabulary is Redline's own value set for each coded field.
var Vocabulary = map[string][]string{
	"type":       {"amber", "red"},
	"trigger":    {"amber_memo", "sos", "man_down", "no_motion", "timer_expiry", "missed_checkin", "low_battery", "test", "other"},
	"validity":   {"", "genuine", "precautionary", "false", "test", "duplicate", "auto_closed"},
	"escalation": {"none", "contact", "101", "999", "urn"},
	"source":     {"gps", "cell", "wifi", "manual"},
	"kind":       {"recording", "amber_memo", "red_live", "pre_alarm"},
}

// ClockChange says how to read a local time that falls in the hour skipped or
// repeated when the clocks change.
type ClockChange struct {
	Gap     string `json:"gap"`     // "reject" or "shift_forward" (read with the offset before the change)
	Overlap string `json:"overlap"` // "reject", "first" (BST) or "second" (GMT)
}

// FileSpec maps Redline's fields to one file's column headers.
type FileSpec struct {
	Name    string             `json:"name"`    // the file name an export of this shape uses
	Columns map[string]Columns `json:"columns"` // field -> header, or headers joined in order
	// Encoding and Delimiter, when set, are this file's own, for exports
	// whose files differ (a UTF-8 log beside Windows-1252 alarms); empty
	// means the profile's. Profiles saved before they existed read as before.
	Encoding  string `json:"encoding,omitempty"`
	Delimiter string `json:"delimiter,omitempty"`
}

// Columns names where a field is read from: one header, or several whose
// cells are joined in order with one space, as when an ARC writes the date
// and the time of an event in two columns ("Date Raised", "Time Raised").
// In JSON it is a string or a list of strings.
type Columns []string

// UnmarshalJSON reads "Header" or ["Date Raised", "Time Raised"].
func (c *Columns) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*c = Columns{one}
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("a column is a header name or a list of header names, not %s", clipValid(string(b), 40))
	}
	*c = list
	return nil
}

// MarshalJSON writes one header as a string, several as a list.
func (c Columns) MarshalJSON() ([]byte, error) {
	if len(c) == 1 {
		return json.Marshal(c[0])
	}
	return json.Marshal([]string(c))
}

// String names the columns as a person reads them: "Date Raised + Time Raised".
func (c Columns) String() string { return strings.Join(c, " + ") }

// Profile describes one vendor's export layout. Profiles are data: the
// shipped ones are embedded JSON, and users save their own from the wizard.
type Profile struct {
	Name          string                       `json:"name"`
	Description   string                       `json:"description"`
	ARC           string                       `json:"arc,omitempty"` // ARC name when the files have no arc column
	Encoding      string                       `json:"encoding"`      // "utf-8" or "windows-1252"
	BOM           bool                         `json:"bom,omitempty"` // the exporter writes a UTF-8 byte-order mark
	Delimiter     string                       `json:"delimiter"`
	DecimalComma  bool                         `json:"decimalComma,omitempty"`
	TimeFormat    string                       `json:"timeFormat"` // "iso8601" or a pattern such as "dd/MM/yyyy HH:mm:ss"
	TimeZone      string                       `json:"timeZone"`   // zone of times without an offset
	ClockChange   ClockChange                  `json:"clockChange"`
	ListSeparator string                       `json:"listSeparator,omitempty"` // between file names in one cell
	Files         map[string]FileSpec          `json:"files"`
	Vocab         map[string]map[string]string `json:"vocabulary"` // field -> vendor value -> Redline value
	// MaxCellBytes is the longest cell read, in bytes; a longer one is a
	// problem naming its line and column. 0 means DefaultMaxCellBytes.
	MaxCellBytes int `json:"maxCellBytes,omitempty"`

	loc     *time.Location
	pattern []timeToken
	vocab   map[string]map[string]string // keys folded
	perFile map[string]*Profile          // kind -> the profile with that file's own encoding and delimiter
}

// DefaultMaxCellBytes bounds a cell when the profile does not: far longer
// than any real memo, short enough that no file can exhaust memory.
const DefaultMaxCellBytes = 64 << 10

// maxMaxCellBytes is the most a profile may allow for one cell.
const maxMaxCellBytes = 16 << 20

func (p *Profile) maxCell() int {
	if p.MaxCellBytes <= 0 {
		return DefaultMaxCellBytes
	}
	return p.MaxCellBytes
}

// ParseProfile reads and checks a profile from JSON.
func ParseProfile(r io.Reader) (*Profile, error) {
	dec := json.NewDecoder(io.LimitReader(r, 1<<20))
	dec.DisallowUnknownFields()
	var p Profile
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("import profile is not valid JSON: %w", err)
	}
	if err := p.compile(); err != nil {
		return nil, err
	}
	return &p, nil
}

// LoadProfileFile reads a profile from a JSON file.
func LoadProfileFile(name string) (*Profile, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open import profile: %w", err)
	}
	defer f.Close()
	p, err := ParseProfile(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}

// MarshalProfile writes p as indented JSON.
func MarshalProfile(p *Profile) ([]byte, error) { return json.MarshalIndent(p, "", "  ") }

func (p *Profile) compile() error {
	if strings.TrimSpace(p.Name) == "" {
		return fmt.Errorf("import profile has no name")
	}
	bad := func(f string, a ...any) error {
		return fmt.Errorf("import profile %q: "+f, append([]any{p.Name}, a...)...)
	}
	switch strings.ToLower(p.Encoding) {
	case "", "utf-8", "utf8":
		p.Encoding = "utf-8"
	case "windows-1252", "cp1252":
		p.Encoding = "windows-1252"
	default:
		return bad("encoding %q is not supported: use utf-8 or windows-1252", p.Encoding)
	}
	if p.Delimiter == "" {
		p.Delimiter = ","
	}
	if d := []rune(p.Delimiter); len(d) != 1 || d[0] == '"' || d[0] == '\r' || d[0] == '\n' {
		return bad("the delimiter must be one character other than a quote or a line break")
	}
	if p.MaxCellBytes < 0 || p.MaxCellBytes > maxMaxCellBytes {
		return bad("maxCellBytes must be between 1 and %d (0 means %d)", maxMaxCellBytes, DefaultMaxCellBytes)
	}
	if p.ListSeparator == "" {
		p.ListSeparator = "|"
	}
	if p.ListSeparator == p.Delimiter {
		return bad("the list separator must differ from the delimiter")
	}
	zone := p.TimeZone
	if zone == "" {
		zone = "UTC"
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return bad("time zone %q is unknown", p.TimeZone)
	}
	p.loc = loc
	if p.TimeFormat == "" {
		p.TimeFormat = "iso8601"
	}
	if p.TimeFormat != "iso8601" {
		if p.pattern, err = compilePattern(p.TimeFormat); err != nil {
			return bad("%v", err)
		}
	}
	if p.ClockChange.Gap == "" {
		p.ClockChange.Gap = "reject"
	}
	if p.ClockChange.Overlap == "" {
		p.ClockChange.Overlap = "reject"
	}
	if g := p.ClockChange.Gap; g != "reject" && g != "shift_forward" {
		return bad("clockChange.gap must be reject or shift_forward, not %q", g)
	}
	if o := p.ClockChange.Overlap; o != "reject" && o != "first" && o != "second" {
		return bad("clockChange.overlap must be reject, first or second, not %q", o)
	}
	spec, ok := p.Files[KindAlarms]
	if !ok {
		return bad("it must describe the alarms file")
	}
	_ = spec
	for kind, fs := range p.Files {
		known, ok := Fields[kind]
		if !ok {
			return bad("unknown file kind %q (use %s)", kind, strings.Join(Kinds, ", "))
		}
		for field, headers := range fs.Columns {
			if !contains(known, field) {
				return bad("the %s file has no field %q", kind, field)
			}
			if len(headers) == 0 {
				return bad("field %q of the %s file names no column", field, kind)
			}
			if len(headers) > 8 {
				return bad("field %q of the %s file joins %d columns; at most 8 can be joined", field, kind, len(headers))
			}
			for _, header := range headers {
				if strings.TrimSpace(header) == "" {
					return bad("field %q of the %s file has an empty column name", field, kind)
				}
			}
		}
		for _, req := range Required[kind] {
			if _, ok := fs.Columns[req]; !ok {
				return bad("the %s file must map the required field %q", kind, req)
			}
		}
	}
	p.vocab = map[string]map[string]string{}
	for field, m := range p.Vocab {
		allowed, ok := Vocabulary[field]
		if !ok {
			return bad("no vocabulary for field %q", field)
		}
		folded := map[string]string{}
		for from, to := range m {
			// "" is "no category": an amber alert's "Amber Logged" closure,
			// a trigger the ARC leaves open. Every coded field but the alarm
			// type, which decides everything else, may take it.
			if !contains(allowed, to) && !(to == "" && field != "type") {
				return bad("%q maps to %q, which is not one of %s", from, to, strings.Join(nonEmpty(allowed), ", "))
			}
			folded[fold(from)] = to
		}
		p.vocab[field] = folded
	}
	// Last: each file's own profile is a copy of everything compiled above.
	if err := p.compileFileSettings(); err != nil {
		return bad("%v", err)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Location is the zone times without an offset are read in.
func (p *Profile) Location() *time.Location { return p.loc }

// Builtin returns the shipped profiles, canonical first.
func Builtin() []*Profile {
	entries, _ := builtinFS.ReadDir("profiles")
	var out []*Profile
	for _, e := range entries {
		f, _ := builtinFS.Open(path.Join("profiles", e.Name()))
		p, err := ParseProfile(f)
		f.Close()
		if err != nil {
			panic(fmt.Sprintf("shipped profile %s: %v", e.Name(), err)) // caught by the tests
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Name == "canonical" || (out[j].Name != "canonical" && out[i].Name < out[j].Name)
	})
	return out
}

// ProfileByName finds a profile among the shipped ones and extra.
func ProfileByName(name string, extra []*Profile) (*Profile, error) {
	all := append(Builtin(), extra...)
	var names []string
	for _, p := range all {
		if strings.EqualFold(p.Name, name) {
			return p, nil
		}
		names = append(names, p.Name)
	}
	return nil, fmt.Errorf("no import profile called %q: choose one of %s", name, strings.Join(names, ", "))
}

// LoadUserProfiles reads the profiles saved in dir (the wizard's output).
// Broken files are reported, not fatal, so one bad profile never blocks imports.
func LoadUserProfiles(dir string) ([]*Profile, []error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, []error{err}
	}
	var out []*Profile
	var errs []error
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(strings.ToLower(e.Name()), ".json") {
			continue
		}
		p, err := LoadProfileFile(path.Join(dir, e.Name()))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, p)
	}
	return out, errs
}

// vocabValue maps a vendor value to Redline's vocabulary.
func (p *Profile) vocabValue(field, raw string) (string, bool) {
	key := fold(raw)
	if m, ok := p.vocab[field]; ok {
		if v, ok := m[key]; ok {
			return v, true
		}
	}
	for _, v := range Vocabulary[field] {
		if v == key {
			return v, true
		}
	}
	return "", false
}

// vendorValue is the reverse of vocabValue, for writing exports in p's shape.
func (p *Profile) vendorValue(field, canonical string) string {
	var best string
	for from, to := range p.Vocab[field] {
		if to == canonical && (best == "" || from < best) {
			best = from
		}
	}
	if best == "" {
		return canonical
	}
	return best
}
