package arc

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// ExportSummary counts what Export wrote.
type ExportSummary struct {
	Alerts, Positions, Log, Media int
	Files                         []string
}

// Export writes everything in st as an ARC export shaped by p into dir
// (created if needed): one CSV per kind the profile describes, the audio
// files under audio/, and manifest.csv with the SHA-256 of every file. It is
// how test fixtures are made and how data moves between Redline installations.
func Export(ctx context.Context, st *store.Store, v *vault.Vault, dir string, p *Profile) (ExportSummary, error) {
	var sum ExportSummary
	if err := os.MkdirAll(filepath.Join(dir, "audio"), 0o755); err != nil {
		return sum, err
	}
	media := map[string][]store.Media{} // arc + "\x00" + ref -> recordings
	if err := st.EachExportMedia(ctx, func(arc, ref string, m store.Media) error {
		media[arc+"\x00"+ref] = append(media[arc+"\x00"+ref], m)
		return nil
	}); err != nil {
		return sum, err
	}
	x := &exporter{p: p, dir: dir, extra: map[string][]string{}}
	// What the ARC sent beyond the alerts' own columns, for the profiles
	// that have a place for it.
	// Every column the ARC sent that no field reads goes out again under its
	// own header, after the profile's columns: nothing is dropped on the way
	// out either.
	extras := map[int64]store.AlertARC{}
	if err := st.EachAlertARC(ctx, func(e store.AlertARC) error {
		if e.Address != "" || e.LocationSource != "" || len(e.Extra) > 0 {
			extras[e.AlertID] = store.AlertARC{Address: e.Address, LocationSource: e.LocationSource, Extra: e.Extra}
		}
		return nil
	}); err != nil {
		return sum, err
	}
	for kind, table := range map[string]string{KindAlarms: "alerts", KindPositions: "positions", KindLog: "operator_log"} {
		if _, ok := p.Files[kind]; !ok {
			continue
		}
		hs, err := st.ExtraHeaders(ctx, table)
		if err != nil {
			return sum, err
		}
		x.extra[kind] = hs
	}
	_, perAlarm := p.Files[KindAlarms].Columns["audio"]
	_, hasRecFile := p.Files[KindRecordings]
	inline := perAlarm && !hasRecFile
	err := x.file(KindAlarms, func(row func(map[string]string) error) error {
		return st.EachExportAlert(ctx, func(a store.ExportAlert) error {
			sum.Alerts++
			vals := map[string]string{"arc": a.ARC, "arc_ref": a.ARCRef, "type": p.vendorValue("type", a.Type),
				"trigger": p.vendorValue("trigger", a.Trigger), "raised_at": p.formatTime(a.RaisedAt),
				"answered_at": x.optTime(a.AnsweredAt), "closed_at": x.optTime(a.ClosedAt),
				"validity": p.vendorValue("validity", a.Validity), "escalation": p.vendorValue("escalation", a.Escalation),
				"police_ref": a.PoliceRef, "operator": a.Operator, "worker_ref": a.WorkerRef, "worker_name": a.WorkerName,
				"team": a.Team, "staff_group": a.StaffGroup, "device_serial": a.Serial, "memo": a.Memo,
				"lat": x.optNum(a.Lat), "lon": x.optNum(a.Lon), "accuracy_m": x.optNum(a.AccuracyM)}
			if e, ok := extras[a.ID]; ok {
				vals["address"] = e.Address
				if e.LocationSource != "" {
					vals["location_source"] = p.vendorValue("source", e.LocationSource)
				}
				putExtra(vals, e.Extra)
			}
			if inline {
				var names []string
				for _, m := range media[a.ARC+"\x00"+a.ARCRef] {
					names = append(names, exportAudioName(m))
				}
				vals["audio"] = strings.Join(names, p.ListSeparator)
			}
			return row(vals)
		})
	})
	if err != nil {
		return sum, err
	}
	if err := x.file(KindPositions, func(row func(map[string]string) error) error {
		return st.EachExportPosition(ctx, func(arc, ref string, ps store.Position) error {
			sum.Positions++
			acc := ps.AccuracyM
			vals := map[string]string{"arc": arc, "arc_ref": ref, "fix_at": p.formatTime(ps.FixAt),
				"lat": x.num(ps.Lat), "lon": x.num(ps.Lon), "accuracy_m": x.optNum(&acc), "source": p.vendorValue("source", ps.Source)}
			putExtra(vals, ps.Extra)
			return row(vals)
		})
	}); err != nil {
		return sum, err
	}
	if err := x.file(KindLog, func(row func(map[string]string) error) error {
		return st.EachExportLogEntry(ctx, func(arc, ref string, e store.LogEntry) error {
			sum.Log++
			vals := map[string]string{"arc": arc, "arc_ref": ref, "at": p.formatTime(e.At), "operator": e.Operator,
				"action": e.Action, "contact": e.Contact, "result": e.Result, "note": e.Note}
			putExtra(vals, e.Extra)
			return row(vals)
		})
	}); err != nil {
		return sum, err
	}
	if err := x.file(KindRecordings, func(row func(map[string]string) error) error {
		return st.EachExportMedia(ctx, func(arc, ref string, m store.Media) error {
			return row(map[string]string{"arc": arc, "arc_ref": ref, "file": exportAudioName(m),
				"kind": p.kindWord(m), "recorded_at": x.optTime(m.RecordedAt), "sha256": m.SHA256})
		})
	}); err != nil {
		return sum, err
	}
	if hasRecFile || inline {
		for _, list := range media {
			for _, m := range list {
				if err := x.copyAudio(v, m); err != nil {
					return sum, err
				}
				sum.Media++
			}
		}
	}
	sum.Files = x.written
	return sum, x.manifest()
}

// kindWord is the word the recordings file gives m's kind: the ARC's own
// word when it sent one and p maps that word to the same kind, so a round
// trip through p keeps it; otherwise p's word for the kind. A word p does not
// map would come back as an unknown kind, so it is not written.
func (p *Profile) kindWord(m store.Media) string {
	if m.KindWord != "" {
		if k, ok := p.vocabValue("kind", m.KindWord); ok && k == m.Kind {
			return m.KindWord
		}
	}
	return p.vendorValue("kind", m.Kind)
}

type exporter struct {
	p       *Profile
	dir     string
	written []string
	hashes  map[string]string
	extra   map[string][]string // kind -> headers of the ARC's extra columns kept on its rows
}

// extraKey is where a row's values hold the ARC's extra column header:
// a prefix no field name has.
const extraKey = "\x00extra:"

func putExtra(vals map[string]string, extra [][2]string) {
	for _, e := range extra {
		vals[extraKey+e[0]] = e[1]
	}
}

func (x *exporter) optTime(t *int64) string {
	if t == nil {
		return ""
	}
	return x.p.formatTime(*t)
}

func (x *exporter) num(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if x.p.DecimalComma {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func (x *exporter) optNum(f *float64) string {
	if f == nil {
		return ""
	}
	return x.num(*f)
}

// file writes one CSV kind, if the profile has it, in its encoding and order.
func (x *exporter) file(kind string, rows func(row func(map[string]string) error) error) error {
	spec, ok := x.p.Files[kind]
	if !ok {
		return nil
	}
	// Each output column is one field, or one part of a field the profile
	// reads from several columns (a date and a time), split on spaces.
	type col struct {
		field    string
		part, of int
	}
	var headers []string
	var cols []col
	seen := map[string]int{}
	for _, f := range exportOrder(kind) {
		hs, ok := spec.Columns[f]
		if !ok {
			continue
		}
		for part, h := range hs {
			if i, dup := seen[fold(h)]; dup {
				if f == "trigger" && len(hs) == 1 { // a shared type/trigger column carries the finer value
					cols[i] = col{field: f, of: 1}
				}
				continue
			}
			seen[fold(h)] = len(headers)
			headers, cols = append(headers, h), append(cols, col{field: f, part: part, of: len(hs)})
		}
	}
	for _, h := range x.extra[kind] {
		if _, dup := seen[fold(h)]; !dup {
			seen[fold(h)] = len(headers)
			headers, cols = append(headers, h), append(cols, col{field: extraKey + h, of: 1})
		}
	}
	name := spec.Name
	out, err := os.Create(filepath.Join(x.dir, name))
	if err != nil {
		return err
	}
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(out, h), 256<<10)
	var w io.Writer = bw
	fp := x.p.forKind(kind) // the file's own encoding and delimiter, if it has them
	if fp.Encoding == "windows-1252" {
		w = encoding.ReplaceUnsupported(charmap.Windows1252.NewEncoder()).Writer(bw)
	} else if fp.BOM {
		bw.WriteString(utf8BOM)
	}
	c := csv.NewWriter(w)
	c.Comma = []rune(fp.Delimiter)[0]
	c.UseCRLF = fp.Encoding == "windows-1252" || fp.BOM
	c.Write(headers)
	rec := make([]string, len(cols))
	err = rows(func(vals map[string]string) error {
		for i, k := range cols {
			rec[i] = vals[k.field]
			if k.of > 1 {
				parts := strings.SplitN(rec[i], " ", k.of)
				rec[i] = ""
				if k.part < len(parts) {
					rec[i] = parts[k.part]
				}
			}
		}
		return c.Write(rec)
	})
	c.Flush()
	if err == nil {
		err = c.Error()
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	x.note(name, hex.EncodeToString(h.Sum(nil)))
	return nil
}

func (x *exporter) note(name, sum string) {
	if x.hashes == nil {
		x.hashes = map[string]string{}
	}
	if _, ok := x.hashes[name]; !ok {
		x.written = append(x.written, name)
	}
	x.hashes[name] = sum
}

// exportAudioName is where an export puts a recording: audio/ and the name
// it arrived with, without the folder it arrived in.
func exportAudioName(m store.Media) string { return "audio/" + baseName(m.OriginalName) }

func (x *exporter) copyAudio(v *vault.Vault, m store.Media) error {
	name := exportAudioName(m)
	if _, done := x.hashes[name]; done {
		return nil
	}
	in, err := v.Open(m.SHA256)
	if err != nil {
		return fmt.Errorf("export recording %s: %w", m.OriginalName, err)
	}
	defer in.Close()
	out, err := os.Create(filepath.Join(x.dir, filepath.FromSlash(name)))
	if err != nil {
		return err
	}
	h := sha256.New()
	_, err = io.Copy(io.MultiWriter(out, h), in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	x.note(name, hex.EncodeToString(h.Sum(nil)))
	return nil
}

func (x *exporter) manifest() error {
	f, err := os.Create(filepath.Join(x.dir, "manifest.csv"))
	if err != nil {
		return err
	}
	c := csv.NewWriter(f)
	c.Write([]string{"file", "sha256"})
	for _, n := range x.written {
		c.Write([]string{n, x.hashes[n]})
	}
	c.Flush()
	if err := c.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// exportOrder is the column order of the canonical layout (docs/arc-export-format.md).
func exportOrder(kind string) []string { return ColumnOrder[kind] }

// ColumnOrder lists each kind's fields in the order the canonical files use.
var ColumnOrder = map[string][]string{
	KindAlarms: {"arc", "arc_ref", "type", "trigger", "raised_at", "answered_at", "closed_at", "validity", "escalation",
		"police_ref", "operator", "worker_ref", "worker_name", "team", "staff_group", "device_serial", "memo",
		"lat", "lon", "accuracy_m", "address", "location_source", "audio"},
	KindPositions:  {"arc", "arc_ref", "fix_at", "lat", "lon", "accuracy_m", "source"},
	KindLog:        {"arc", "arc_ref", "at", "operator", "action", "contact", "result", "note"},
	KindRecordings: {"arc", "arc_ref", "file", "kind", "recorded_at", "sha256"},
}
