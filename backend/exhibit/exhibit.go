package exhibit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// Docs renders the exhibits Redline makes itself. backend/ never imports
// reports/, so the app and the CLI hand in reports/bundle's.
type Docs interface {
	// TranscriptPDF reads a transcript at its latest revision and returns how
	// to print it as the court PDF, with no audit head, carrying an exhibit
	// reference.
	TranscriptPDF(ctx context.Context, st *store.Store, v *vault.Vault, transcriptID int64) (Printer, error)
	// MapPNG is the case map of a red alert, or ErrNoMap when it has no position.
	MapPNG(ctx context.Context, st *store.Store, alertID int64) ([]byte, error)
}

// Printer draws a document carrying the exhibit reference ref; the same ref
// always gives the same bytes, so the exhibit keeps its SHA-256. An empty ref
// prints the reference the document names itself, if any (a transcriber may
// type one).
type Printer func(ref string) ([]byte, error)

// CaseDocs is a Docs that can also print the bundle's case reference on a
// transcript, in place of whatever the transcriber typed (often nothing, which
// printed "not given"). It is a separate interface so a Docs that cannot
// still works; Ensure asks for it when it is there.
type CaseDocs interface {
	// CaseTranscriptPDF is TranscriptPDF printing caseRef as the case reference.
	CaseTranscriptPDF(ctx context.Context, st *store.Store, v *vault.Vault, transcriptID int64, caseRef string) (Printer, error)
}

// ARCDocument is the source type of an exhibit that is a document the ARC
// sent about an alert (store.Document), kept in the vault.
const ARCDocument = "arc_document"

// ErrNoMap says an alert has nothing to draw.
var ErrNoMap = errors.New("the alert has no position to map")

// Ensure makes an exhibit of every item of the case that may go to court and
// is not one yet, in the order of its alerts: each live original recording,
// its working copies and transcripts, the ARC's operator log and incident
// record, the ARC's own documents (its post-incident report), the map; then
// the case's letters. Each new exhibit is audited.
// It returns every exhibit of the case.
func Ensure(ctx context.Context, st *store.Store, v *vault.Vault, docs Docs, caseID int64, who store.Who) ([]store.Exhibit, error) {
	set, err := LoadSettings(ctx, st)
	if err != nil {
		return nil, err
	}
	if set, err = set.Check(); err != nil {
		return nil, err
	}
	c, err := st.Case(ctx, caseID)
	if err != nil {
		return nil, err
	}
	held, err := st.Exhibits(ctx, caseID)
	if err != nil {
		return nil, err
	}
	fill := func(n store.NewExhibit) store.NewExhibit {
		n.CaseID, n.Initials, n.Separator, n.Producer, n.KeptAt = caseID, set.Initials, set.Separator, set.Producer, set.KeptAt
		return n
	}
	add := func(n store.NewExhibit) error {
		if _, _, err := st.CreateExhibit(ctx, fill(n), who); err != nil {
			return fmt.Errorf("case %s: exhibit %q: %w", c.Ref, n.Description, err)
		}
		return nil
	}
	for _, alertID := range c.AlertIDs {
		a, err := st.Alert(ctx, alertID)
		if err != nil {
			return nil, err
		}
		media, err := st.MediaForAlert(ctx, alertID)
		if err != nil {
			return nil, err
		}
		for _, m := range media {
			if m.DestroyedAt != nil {
				continue
			}
			kind, what := "recording", fmt.Sprintf("Audio recording %s of %s alert %s (%s), %s, %s long, as received from the ARC",
				m.OriginalName, a.Type, a.ARCRef, strings.ReplaceAll(m.Kind, "_", " "), ukTime(recordedAt(m, a)), clock(m.DurationMS))
			if m.DerivedFrom != nil {
				kind, what = "working_copy", fmt.Sprintf("Working copy %s of a recording of alert %s (%s, %d Hz), made from the original without altering it",
					m.OriginalName, a.ARCRef, m.Codec, m.SampleRate)
			}
			if err := add(store.NewExhibit{Kind: kind, Description: what, SourceType: "media", SourceID: m.ID, SHA256: m.SHA256,
				FileName: m.OriginalName}); err != nil {
				return nil, err
			}
			ts, err := st.TranscriptsForMedia(ctx, m.ID)
			if err != nil {
				return nil, err
			}
			for _, t := range ts {
				draw, typed, err := transcriptPrinters(ctx, st, v, docs, t.ID, c.Ref)
				if err != nil {
					return nil, fmt.Errorf("case %s: transcript of %s: %w", c.Ref, m.OriginalName, err)
				}
				status := "draft, not yet checked"
				if t.Status == "checked" {
					status = "checked by " + orDefault(t.CheckedBy, "a person")
				}
				base := strings.TrimSuffix(m.OriginalName, filepath.Ext(m.OriginalName))
				n := fill(store.NewExhibit{Kind: "transcript", Description: fmt.Sprintf("Transcript of the recording %s (revision %d, %s)",
					m.OriginalName, t.Revision, status), SourceType: "transcript", SourceID: t.ID,
					FileName: fmt.Sprintf("Transcript %s r%d.pdf", base, t.Revision)})
				if err := addPrinted(ctx, st, held, n, draw, typed, who); err != nil {
					return nil, fmt.Errorf("case %s: exhibit %q: %w", c.Ref, n.Description, err)
				}
			}
		}
		logCSV, n, err := OperatorLogCSV(ctx, st, a)
		if err != nil {
			return nil, err
		}
		if err := add(store.NewExhibit{Kind: "operator_log", Description: fmt.Sprintf("The ARC's operator log (%d entries) and incident record of alert %s, as imported",
			n, a.ARCRef), SourceType: "alert", SourceID: a.ID, SHA256: sum(logCSV), FileName: "Operator log " + a.ARCRef + ".csv", Bytes: logCSV}); err != nil {
			return nil, err
		}
		arcDocs, err := st.Documents(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		for _, d := range arcDocs { // the ARC's own post-incident report, kept in the vault as it came
			if err := add(store.NewExhibit{Kind: "document", Description: fmt.Sprintf("The ARC's document %s about alert %s (its post-incident report), as received",
				d.OriginalName, a.ARCRef), SourceType: ARCDocument, SourceID: d.ID, SHA256: d.SHA256, FileName: d.OriginalName}); err != nil {
				return nil, err
			}
		}
		if a.Type == "red" && a.Lat != nil {
			png, err := docs.MapPNG(ctx, st, a.ID)
			switch {
			case errors.Is(err, ErrNoMap):
			case err != nil:
				return nil, fmt.Errorf("case %s: map of alert %s: %w", c.Ref, a.ARCRef, err)
			default:
				if err := add(store.NewExhibit{Kind: "map", Description: fmt.Sprintf("Map of red alert %s: the worker's positions, amber alerts that day and known risks nearby",
					a.ARCRef), SourceType: "alert", SourceID: a.ID, SHA256: sum(png), FileName: "Map " + a.ARCRef + ".png", Bytes: png}); err != nil {
					return nil, err
				}
			}
		}
	}
	ls, err := st.Letters(ctx, store.LetterFilter{CaseID: caseID})
	if err != nil {
		return nil, err
	}
	for i := len(ls) - 1; i >= 0; i-- { // oldest first
		l := ls[i]
		if l.PDFSHA256 == "" {
			continue
		}
		if err := add(store.NewExhibit{Kind: "letter", Description: fmt.Sprintf("Letter %s (%s, %s) dated %s",
			l.Ref, strings.ReplaceAll(l.Kind, "_", " "), l.Status, ukDay(l.LetterDate)), SourceType: "letter", SourceID: l.ID,
			SHA256: l.PDFSHA256, FileName: "Letter " + strings.ReplaceAll(l.Ref, "/", "-") + ".pdf"}); err != nil {
			return nil, err
		}
	}
	return st.Exhibits(ctx, caseID)
}

// transcriptPrinters are how a transcript is drawn for the bundle of the case
// caseRef (draw: with the bundle's case reference when docs can print it) and
// as it was drawn before transcripts printed the bundle's case reference
// (typed: with the one the transcriber typed, or "not given").
func transcriptPrinters(ctx context.Context, st *store.Store, v *vault.Vault, docs Docs, id int64, caseRef string) (draw, typed Printer, err error) {
	if typed, err = docs.TranscriptPDF(ctx, st, v, id); err != nil {
		return nil, nil, err
	}
	cd, ok := docs.(CaseDocs)
	if !ok {
		return typed, nil, nil
	}
	draw, err = cd.CaseTranscriptPDF(ctx, st, v, id, caseRef)
	return draw, typed, err
}

// addPrinted numbers a document that prints its own exhibit reference (a
// transcript), unless it is an exhibit already: the reference is taken
// before the document is drawn with it, then the drawing is hashed. typed,
// if not nil, is how the document was drawn by earlier versions, so an
// exhibit hashed then is still found rather than numbered again.
func addPrinted(ctx context.Context, st *store.Store, held []store.Exhibit, n store.NewExhibit, draw, typed Printer, who store.Who) error {
	same, err := printedAlready(held, n, draw, typed)
	if err != nil || same {
		return err
	}
	_, _, err = st.CreateRenderedExhibit(ctx, n, who, draw)
	return err
}

// printedAlready says whether the document, as it stands, is one of the
// exhibits already made of its source: drawn with that exhibit's reference
// it gives the bytes hashed when it was numbered. A changed document (a new
// revision) matches none and becomes a new exhibit with a new number.
func printedAlready(held []store.Exhibit, n store.NewExhibit, draw, typed Printer) (bool, error) {
	var mine []store.Exhibit
	for i := len(held) - 1; i >= 0; i-- { // the newest is the likeliest
		if x := held[i]; x.SourceType == n.SourceType && x.SourceID == n.SourceID {
			mine = append(mine, x)
		}
	}
	if len(mine) == 0 {
		return false, nil
	}
	if same, err := drawnAs(mine, draw); err != nil || same {
		return same, err
	}
	if typed == nil {
		typed = draw
	} else if same, err := drawnAs(mine, typed); err != nil || same {
		// Numbered while transcripts printed only the typed case reference.
		return same, err
	}
	// An exhibit numbered before documents printed their reference was
	// hashed as drawn with the reference typed in it: the same bytes are
	// still that exhibit, and renumbering them would make a second one.
	b, err := typed("")
	if err != nil {
		return false, err
	}
	for _, x := range mine {
		if sum(b) == x.SHA256 {
			return true, nil
		}
	}
	return false, nil
}

// drawnAs says whether draw, printing each exhibit's own reference, gives
// the bytes that exhibit was hashed with.
func drawnAs(mine []store.Exhibit, draw Printer) (bool, error) {
	for _, x := range mine {
		b, err := draw(x.Ref)
		if err != nil {
			return false, err
		}
		if sum(b) == x.SHA256 {
			return true, nil
		}
	}
	return false, nil
}

// AddDocument makes an exhibit of a document or photograph the user adds
// (kind "document" or "photograph"); the file is kept whole in the database.
func AddDocument(ctx context.Context, st *store.Store, caseID int64, kind, name, description string, data []byte, who store.Who) (store.Exhibit, error) {
	if kind != "document" && kind != "photograph" {
		return store.Exhibit{}, problem.InField("kind", "An added exhibit is a document or a photograph, not %q.", kind)
	}
	if strings.TrimSpace(description) == "" {
		return store.Exhibit{}, problem.InField("description", "Describe the %s %s: the exhibit list and the statement print the description.", kind, name)
	}
	if len(data) == 0 {
		return store.Exhibit{}, problem.InField("file", "The file %s is empty.", name)
	}
	set, err := LoadSettings(ctx, st)
	if err != nil {
		return store.Exhibit{}, err
	}
	if set, err = set.Check(); err != nil {
		return store.Exhibit{}, err
	}
	x, _, err := st.CreateExhibit(ctx, store.NewExhibit{CaseID: caseID, Initials: set.Initials, Separator: set.Separator,
		Producer: set.Producer, Kind: kind, Description: strings.TrimSpace(description), SourceType: "file", SHA256: sum(data),
		FileName: filepath.Base(name), KeptAt: set.KeptAt, Bytes: data}, who)
	return x, err
}

// Handover records that an exhibit was handed to someone (a police officer,
// the CPS), when and why: a link of its continuity.
func Handover(ctx context.Context, st *store.Store, ref, to, reason string, who store.Who) error {
	x, err := st.ExhibitByRef(ctx, ref)
	if err != nil {
		return err
	}
	if strings.TrimSpace(to) == "" {
		return problem.InField("to", "Say to whom exhibit %s was handed.", ref)
	}
	_, err = st.Audit(ctx, store.AuditEntry{At: who.At, Actor: who.Actor, Action: "exhibit.handover", ObjectType: "exhibit",
		ObjectID: fmt.Sprint(x.ID), Detail: jsonOf(map[string]any{"ref": x.Ref, "to": strings.TrimSpace(to), "reason": strings.TrimSpace(reason), "sha256": x.SHA256})})
	return err
}

// Open returns an exhibit's native file: a recording, an ARC document or a letter from the
// vault (checked against its SHA-256 first), anything else from the database.
func Open(ctx context.Context, st *store.Store, v *vault.Vault, x store.Exhibit) (io.ReadCloser, error) {
	switch x.SourceType {
	case "media", "letter", ARCDocument:
		if err := v.Verify(x.SHA256); err != nil {
			return nil, fmt.Errorf("exhibit %s (%s) no longer matches the SHA-256 recorded for it: %w", x.Ref, x.FileName, err)
		}
		return v.Open(x.SHA256)
	}
	b, err := st.ExhibitFile(ctx, x.SHA256)
	if err != nil {
		return nil, fmt.Errorf("exhibit %s (%s): %w", x.Ref, x.FileName, err)
	}
	if sum(b) != x.SHA256 {
		return nil, fmt.Errorf("exhibit %s (%s) no longer matches the SHA-256 recorded for it", x.Ref, x.FileName)
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

// OperatorLogCSV is the ARC's record of an alert (one row) and its operator
// log (a row per entry), as Redline holds them, in a fixed form so the same
// log always has the same SHA-256.
func OperatorLogCSV(ctx context.Context, st *store.Store, a store.Alert) ([]byte, int, error) {
	log, err := st.OperatorLog(ctx, a.ID)
	if err != nil {
		return nil, 0, err
	}
	// The ARC's extra columns get a column of their own only when the log has
	// any, so a log without them keeps the bytes, and the SHA-256, it always had.
	extra := slices.ContainsFunc(log, func(e store.LogEntry) bool { return len(e.Extra) > 0 })
	row := func(cells []string, x [][2]string) []string {
		if extra {
			cells = append(cells, extraText(x))
		}
		return cells
	}
	header := []string{"record", "arc", "arc_ref", "time_utc", "operator", "action", "contact", "result", "note"}
	if extra {
		header = append(header, "other_arc_fields")
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(header)
	w.Write(row([]string{"alert", a.ARC, a.ARCRef, utc(a.RaisedAt), a.Operator, a.Type + " " + a.Trigger, a.Escalation,
		a.Validity, strings.TrimSpace(a.Memo + " " + a.PoliceRef)}, nil))
	for _, e := range log {
		w.Write(row([]string{"log", a.ARC, a.ARCRef, utc(e.At), e.Operator, e.Action, e.Contact, e.Result, e.Note}, e.Extra))
	}
	w.Flush()
	return b.Bytes(), len(log), w.Error()
}

// extraText is the ARC's extra fields of a log entry as one cell,
// "Header: value" in the file's column order, so the exhibit holds
// everything the ARC sent about the entry.
func extraText(x [][2]string) string {
	parts := make([]string, len(x))
	for i, kv := range x {
		parts[i] = kv[0]
		if kv[1] != "" {
			parts[i] += ": " + kv[1]
		}
	}
	return strings.Join(parts, "; ")
}

func sum(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }

func utc(unix int64) string { return time.Unix(unix, 0).UTC().Format(time.RFC3339) }

func ukTime(unix int64) string {
	return time.Unix(unix, 0).In(store.London).Format("02/01/2006 15:04") + " UK time"
}

func ukDay(s string) string {
	t, err := time.ParseInLocation(time.DateOnly, s, store.London)
	if err != nil {
		return s
	}
	return t.Format("02/01/2006")
}

func recordedAt(m store.Media, a store.Alert) int64 {
	if m.RecordedAt != nil {
		return *m.RecordedAt
	}
	return a.RaisedAt
}

func clock(ms int64) string {
	s := ms / 1000
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
