package exhibit

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/nhs-redline/redline/backend/store"
)

// Link is one handling of an exhibit, as the audit log records it.
type Link struct {
	Seq    int64  `json:"seq"` // the audit entry
	At     int64  `json:"at"`
	Actor  string `json:"actor"`
	Action string `json:"action"`
	What   string `json:"what"` // in words, for the statement and the continuity section
}

// Continuity reads an exhibit's chain of custody from the audit log: its
// receipt from the ARC (import, file, hash) and storage, each listen (who,
// when, from-to), each copy, export and package it went into, each handover,
// and its destruction if any. Nothing in it is typed by hand.
func Continuity(ctx context.Context, st *store.Store, x store.Exhibit) ([]Link, error) {
	var es []store.AuditEntry
	said := map[int64]string{} // entries told otherwise than by describe
	more := func(got []store.AuditEntry, err error) error {
		es = append(es, got...)
		return err
	}
	switch x.SourceType {
	case "media":
		if err := more(st.AuditNaming(ctx, "import.", x.SHA256)); err != nil {
			return nil, err
		}
		if err := more(st.AuditOf(ctx, "media", x.SourceID)); err != nil {
			return nil, err
		}
		if err := more(st.AuditNaming(ctx, "recording.working_copy", `"sourceSha256":"`+x.SHA256+`"`)); err != nil {
			return nil, err
		}
	case ARCDocument: // received in an import, which names its SHA-256
		if err := more(st.AuditNaming(ctx, "import.", x.SHA256)); err != nil {
			return nil, err
		}
	case "letter":
		if err := more(st.AuditOf(ctx, "letter", x.SourceID)); err != nil {
			return nil, err
		}
	case "transcript":
		if err := more(st.AuditOf(ctx, "transcript", x.SourceID)); err != nil {
			return nil, err
		}
	case "alert":
		if x.Kind == "operator_log" { // a map is drawn by Redline: nobody sent it
			rs, err := st.AlertImports(ctx, x.SourceID)
			if err != nil {
				return nil, err
			}
			for _, r := range rs {
				if r.Entry.Seq != 0 {
					es = append(es, r.Entry)
					said[r.Entry.Seq] = receipt(r)
				}
			}
		}
	}
	if err := more(st.AuditOf(ctx, "exhibit", x.ID)); err != nil {
		return nil, err
	}
	if err := more(st.AuditNaming(ctx, "bundle.package", x.SHA256)); err != nil {
		return nil, err
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].Seq < es[j].Seq })
	out := []Link{}
	seen := map[int64]bool{}
	for _, e := range es {
		if seen[e.Seq] {
			continue
		}
		seen[e.Seq] = true
		what := said[e.Seq]
		if what == "" {
			what = describe(e, x)
		}
		if what != "" {
			out = append(out, Link{Seq: e.Seq, At: e.At, Actor: e.Actor, Action: e.Action, What: what})
		}
	}
	return out, nil
}

// Received says whether the chain starts with the item's receipt.
func Received(ls []Link) bool {
	return len(ls) > 0 && strings.HasPrefix(ls[0].Action, "import.")
}

func describe(e store.AuditEntry, x store.Exhibit) string {
	d := store.DecodeDetail(e)
	str := func(k string) string { s, _ := d[k].(string); return s }
	num := func(k string) float64 { f, _ := d[k].(float64); return f }
	switch {
	case strings.HasPrefix(e.Action, "import."):
		file := receivedAs(d, x)
		return fmt.Sprintf("Received from the ARC in import %s (%s), file %s, SHA-256 %s, and stored in the evidence vault",
			e.ObjectID, str("source"), file, x.SHA256)
	case e.Action == "recording.play":
		return fmt.Sprintf("Listened to from %s to %s%s", clock(int64(num("fromMs"))), clock(int64(num("toMs"))), speed(d))
	case e.Action == "recording.export":
		return fmt.Sprintf("Copied byte for byte to the file %s (SHA-256 %s)", str("file"), short(str("sha256")))
	case e.Action == "recording.working_copy" && e.ObjectID == fmt.Sprint(x.SourceID):
		return fmt.Sprintf("Made as a working copy of the recording with SHA-256 %s, the original unaltered", short(str("sourceSha256")))
	case e.Action == "recording.working_copy":
		return fmt.Sprintf("A working copy was made from it (SHA-256 %s); the original was not altered", short(str("sha256")))
	case e.Action == "recording.destroy":
		return fmt.Sprintf("Destroyed under the retention schedule (%s)", str("rule"))
	case e.Action == "exhibit.create":
		return fmt.Sprintf("Produced as exhibit %s, SHA-256 %s", str("ref"), x.SHA256)
	case e.Action == "exhibit.handover":
		s := "Handed to " + str("to")
		if r := str("reason"); r != "" {
			s += ": " + r
		}
		return s
	case e.Action == "bundle.package":
		if inner, ok := d["detail"].(map[string]any); ok { // backend/export nests the package's own detail
			for k, v := range inner {
				d[k] = v
			}
		}
		what := "evidence package"
		if b, ok := d["redacted"].(bool); ok && b {
			what = "redacted disclosure package"
		}
		name := str("package") // the folder or zip; "file" is the bag-info.txt that carries the head
		if name == "" {
			name = str("file")
		}
		return fmt.Sprintf("Copied into the %s %s", what, name)
	case strings.HasPrefix(e.Action, "letter."):
		if e.Action == "letter.export" {
			return fmt.Sprintf("Exported to the file %s", str("file"))
		}
		return "Letter " + strings.ReplaceAll(strings.TrimPrefix(e.Action, "letter."), "_", " ")
	case strings.HasPrefix(e.Action, "transcript."):
		if e.Action == "transcript.export" {
			return fmt.Sprintf("Exported as %s to the file %s", str("format"), str("file"))
		}
		return "Transcript " + strings.ReplaceAll(strings.TrimPrefix(e.Action, "transcript."), "_", " ")
	}
	return ""
}

// receipt tells an import that brought the ARC's record of an alert (its
// operator log) or changed it: Redline keeps the record as rows, so the
// exhibit's own SHA-256 is of the CSV Redline writes from them, and the
// files the ARC sent are named with theirs.
func receipt(r store.AlertReceipt) string {
	var files, alarms []string
	for _, f := range r.Files {
		files = append(files, fmt.Sprintf("%s (SHA-256 %s)", f.Name, f.SHA256))
		if f.Kind == "alarms" {
			alarms = append(alarms, f.Name)
		}
	}
	s := fmt.Sprintf("Received from the ARC in import %d (%s)", r.Import.ID, r.Import.Source)
	if !r.Created {
		s = fmt.Sprintf("Changed by the ARC's later import %d (%s)", r.Import.ID, r.Import.Source)
	}
	if len(files) > 0 {
		s += ", in the file(s) " + strings.Join(files, " and ")
	}
	if r.Line > 0 && len(alarms) == 1 { // with several alarms files the line alone does not say which
		s += fmt.Sprintf(", the alert at line %d of %s", r.Line, alarms[0])
	}
	return s + ", and stored in Redline's database"
}

// receivedAs is the name the exhibit's bytes arrived under in an import:
// its own file name when that is one of them (the same bytes can arrive
// under several names), else the first.
func receivedAs(d map[string]any, x store.Exhibit) string {
	first := ""
	fs, _ := d["files"].([]any)
	for _, f := range fs {
		m, ok := f.(map[string]any)
		if !ok || m["sha256"] != x.SHA256 {
			continue
		}
		name, _ := m["name"].(string)
		if name == x.FileName {
			return name
		}
		if first == "" {
			first = name
		}
	}
	if first == "" {
		return x.FileName
	}
	return first
}

func speed(d map[string]any) string {
	var parts []string
	if s, ok := d["speed"].(float64); ok && s != 1 {
		parts = append(parts, fmt.Sprintf("at %.2gx speed", s))
	}
	if on, _ := d["enhance"].(bool); on {
		parts = append(parts, "with the listening aid on")
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func short(h string) string { return h[:min(len(h), 16)] }

// Listen is one stretch of a recording heard, as the audit log records it.
type Listen struct {
	Seq       int64   `json:"seq"`
	MediaID   int64   `json:"mediaId"`
	Recording string  `json:"recording"`
	At        int64   `json:"at"`
	Actor     string  `json:"actor"`
	FromMs    int64   `json:"fromMs"`
	ToMs      int64   `json:"toMs"`
	Speed     float64 `json:"speed"`
	Enhance   bool    `json:"enhance"`
	Device    bool    `json:"device"` // false: played with no sound device (a test, a headless run)
}

// Listens is the listen log of a recording, oldest first.
func Listens(ctx context.Context, st *store.Store, m store.Media) ([]Listen, error) {
	es, err := st.AuditOf(ctx, "media", m.ID, "recording.play")
	if err != nil {
		return nil, err
	}
	out := make([]Listen, 0, len(es))
	for _, e := range es {
		var d struct {
			FromMs  int64   `json:"fromMs"`
			ToMs    int64   `json:"toMs"`
			Speed   float64 `json:"speed"`
			Enhance bool    `json:"enhance"`
			Device  bool    `json:"device"`
		}
		_ = json.Unmarshal([]byte(e.Detail), &d)
		out = append(out, Listen{Seq: e.Seq, MediaID: m.ID, Recording: m.OriginalName, At: e.At, Actor: e.Actor,
			FromMs: d.FromMs, ToMs: d.ToMs, Speed: d.Speed, Enhance: d.Enhance, Device: d.Device})
	}
	return out, nil
}

// AlertListens is the listen log of every recording of an alert, by its ARC reference.
func AlertListens(ctx context.Context, st *store.Store, arcRef string) (store.Alert, []Listen, error) {
	a, err := st.AlertByRef(ctx, arcRef)
	if err != nil {
		return a, nil, err
	}
	media, err := st.MediaForAlert(ctx, a.ID)
	if err != nil {
		return a, nil, err
	}
	out := []Listen{}
	for _, m := range media {
		ls, err := Listens(ctx, st, m)
		if err != nil {
			return a, nil, err
		}
		out = append(out, ls...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return a, out, nil
}

func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }
