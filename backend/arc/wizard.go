package arc

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// Inspect lists the CSVs of an export with their headers and first rows, for
// the wizard that maps a layout no profile fits.
func Inspect(srcPath string) ([]HeaderInfo, error) {
	src, err := OpenSource(srcPath, DefaultLimits)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	var out []HeaderInfo
	for _, e := range src.Entries {
		if isCSVName(e.Name) && !isManifestName(e.Name) {
			out = append(out, sampleHeaders(e))
		}
	}
	if len(out) == 0 {
		return nil, refuse("%s holds no CSV files", src.Name)
	}
	return out, nil
}

// PreviewRow is one parsed alarm as Redline would store it.
type PreviewRow struct {
	Line   int               `json:"line"`
	Values map[string]string `json:"values"` // field -> value in Redline's terms
}

// Preview is what a draft profile makes of an export: its alarms, then
// each other file it maps, and the files it would only hash and list.
type Preview struct {
	File     string              `json:"file"`
	Rows     []PreviewRow        `json:"rows"`
	Problems []Problem           `json:"problems"`
	Unknown  map[string][]string `json:"unknown"` // vocabulary field -> values no map covers
	Read     int                 `json:"read"`
	Tables   []TablePreview      `json:"tables"` // the operator log, positions and recordings files
	// Unread lists the CSVs the profile does not read: an import hashes
	// and lists them, and reads nothing from them.
	Unread []string `json:"unread"`
	// Others lists the other files (recordings, documents): stored as
	// evidence when an alarm names them or their name holds an alarm's
	// reference, otherwise hashed and listed.
	Others []string `json:"others"`
}

// TablePreview is the first rows of one more file as Redline reads them.
type TablePreview struct {
	Kind     string       `json:"kind"`
	File     string       `json:"file"`
	Rows     []PreviewRow `json:"rows"`
	Problems []Problem    `json:"problems"`
	Read     int          `json:"read"`
}

// PreviewProfile reads the alarms file with a draft profile: the first rows
// parsed, the problems, and every value the vocabulary does not cover yet.
func PreviewProfile(srcPath string, p *Profile, rows int) (*Preview, error) {
	if err := p.compile(); err != nil {
		return nil, err
	}
	src, err := OpenSource(srcPath, DefaultLimits)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	pl, err := makePlan(src, p, nil)
	if err != nil {
		return nil, err
	}
	c := pl.tables[0]
	t, err := openTable(c.entry, p, c.kind, c.lay)
	if err != nil {
		return nil, err
	}
	defer t.rc.Close()
	pv := &Preview{File: c.entry.Name, Rows: []PreviewRow{}, Problems: append([]Problem{}, pl.warnings...), Unknown: map[string][]string{},
		Tables: []TablePreview{}, Unread: []string{}, Others: []string{}}
	for _, e := range pl.unknown {
		pv.Unread = append(pv.Unread, e.Name)
	}
	for _, e := range pl.others {
		pv.Others = append(pv.Others, e.Name)
	}
	for _, o := range pl.tables[1:] {
		tp, err := previewTable(o, p, rows)
		if err != nil {
			return nil, err
		}
		pv.Tables = append(pv.Tables, tp)
	}
	unknown := map[string]map[string]bool{}
	vocabCols := map[int]string{aType: "type", aTrigger: "trigger", aValidity: "validity", aEscalation: "escalation", aLocSource: "source"}
	for pv.Read < 20000 {
		rec, prob, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		pv.Read++
		if prob != nil {
			for _, pr := range prob {
				if len(pv.Problems) < 200 {
					pv.Problems = append(pv.Problems, pr)
				}
			}
			continue
		}
		for col, field := range vocabCols {
			if v := t.cell(rec, col); v != "" && t.has(col) {
				if _, ok := p.vocabValue(field, v); !ok {
					if unknown[field] == nil {
						unknown[field] = map[string]bool{}
					}
					// Vocabulary is a few short words: a long or endless
					// list is not one, and must not fill the memory.
					if len(v) <= 100 && len(unknown[field]) < 200 {
						unknown[field][v] = true
					}
				}
			}
		}
		a, probs := parseAlarm(t, p, t.line, rec)
		for _, pr := range probs {
			if len(pv.Problems) < 200 {
				pv.Problems = append(pv.Problems, pr)
			}
		}
		if len(pv.Rows) < rows {
			pv.Rows = append(pv.Rows, PreviewRow{Line: t.line, Values: previewValues(a)})
		}
	}
	for f, set := range unknown {
		for v := range set {
			pv.Unknown[f] = append(pv.Unknown[f], v)
		}
		sort.Strings(pv.Unknown[f])
	}
	return pv, nil
}

// previewTable reads the first rows of a log, positions or recordings file.
func previewTable(c classified, p *Profile, rows int) (TablePreview, error) {
	tp := TablePreview{Kind: c.kind, File: c.entry.Name, Rows: []PreviewRow{}, Problems: []Problem{}}
	t, err := openTable(c.entry, p, c.kind, c.lay)
	if err != nil {
		return tp, err
	}
	defer t.rc.Close()
	uk := func(u int64) string { return time.Unix(u, 0).In(store.London).Format("02/01/2006 15:04:05") }
	for tp.Read < 2000 {
		rec, prob, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return tp, err
		}
		tp.Read++
		var v map[string]string
		var probs []Problem
		switch {
		case prob != nil:
			probs = prob
		case c.kind == KindLog:
			var r logRow
			r, probs = parseLog(t, p, t.line, rec)
			v = map[string]string{"arc_ref": r.ref, "at": uk(r.at), "operator": r.operator, "action": r.action,
				"contact": r.contact, "result": r.result, "note": r.note}
			addExtra(v, r.extra)
		case c.kind == KindPositions:
			var r positionRow
			r, probs = parsePosition(t, p, t.line, rec)
			v = map[string]string{"arc_ref": r.ref, "fix_at": uk(r.fixAt), "lat": fmtFloat(&r.lat), "lon": fmtFloat(&r.lon),
				"accuracy_m": fmtFloat(&r.acc), "source": r.source}
			addExtra(v, r.extra)
			if r.sourceWord != "" {
				v["word: source"] = r.sourceWord
			}
		case c.kind == KindRecordings:
			var r recordingRow
			r, probs = parseRecording(t, p, t.line, rec)
			v = map[string]string{"arc_ref": r.ref, "file": r.file, "kind": r.kind}
		}
		for _, pr := range probs {
			if len(tp.Problems) < 200 {
				tp.Problems = append(tp.Problems, pr)
			}
		}
		if v != nil && len(tp.Rows) < rows {
			tp.Rows = append(tp.Rows, PreviewRow{Line: t.line, Values: v})
		}
	}
	return tp, nil
}

func previewValues(a alarmRow) map[string]string {
	v := map[string]string{"arc": a.arc, "arc_ref": a.ref, "type": a.typ, "trigger": a.trigger,
		"validity": a.validity, "escalation": a.escalation, "worker_name": a.workerName, "team": a.team,
		"memo": a.memo, "lat": fmtFloat(a.lat), "lon": fmtFloat(a.lon)}
	// Shown in UK time, as everywhere in the app; stored in UTC.
	uk := func(u int64) string { return time.Unix(u, 0).In(store.London).Format("02/01/2006 15:04:05") }
	if a.raised != 0 {
		v["raised_at"] = uk(a.raised)
	}
	if a.closed != nil {
		v["closed_at"] = uk(*a.closed)
	}
	if len(a.audio) > 0 {
		v["audio"] = strings.Join(a.audio, ", ")
	}
	if a.answered != nil {
		v["answered_at"] = uk(*a.answered)
	}
	v["address"], v["location_source"] = a.address, a.locSource
	addExtra(v, a.extra)
	for f, w := range a.words {
		v["word: "+f] = w
	}
	return v
}

// addExtra shows the ARC's columns no field reads in a preview row, each
// under "extra: " and its header, as the import keeps them.
func addExtra(v map[string]string, extra [][2]string) {
	for _, e := range extra {
		v["extra: "+e[0]] = e[1]
	}
}

// ValidateProfile checks a profile the wizard is about to save.
func ValidateProfile(p *Profile) error {
	if err := p.compile(); err != nil {
		return err
	}
	for _, b := range Builtin() {
		if strings.EqualFold(b.Name, p.Name) {
			return fmt.Errorf("%q is the name of a shipped profile; choose another name", p.Name)
		}
	}
	for _, r := range p.Name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == ' ') {
			return fmt.Errorf("profile names may use letters, digits, spaces, - and _ only")
		}
	}
	return nil
}
