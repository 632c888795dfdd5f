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
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// Docs renders the exhibits Redline makes itself. backend/ never imports
// reports/, so the app and the CLI hand in reports/bundle's.
type Docs interface {
	// TranscriptPDF is a transcript as the court PDF prints it, with no audit head.
	TranscriptPDF(ctx context.Context, st *store.Store, v *vault.Vault, transcriptID int64) ([]byte, error)
	// MapPNG is the case map of a red alert, or ErrNoMap when it has no position.
	MapPNG(ctx context.Context, st *store.Store, alertID int64) ([]byte, error)
}

// ErrNoMap says an alert has nothing to draw.
var ErrNoMap = errors.New("the alert has no position to map")

// Ensure makes an exhibit of every item of the case that may go to court and
// is not one yet, in the order of its alerts: each live original recording,
// its working copies and transcripts, the ARC's operator log and incident
// record, the map; then the case's letters. Each new exhibit is audited.
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
	add := func(n store.NewExhibit) error {
		n.CaseID, n.Initials, n.Separator, n.Producer, n.KeptAt = caseID, set.Initials, set.Separator, set.Producer, set.KeptAt
		if _, _, err := st.CreateExhibit(ctx, n, who); err != nil {
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
				pdf, err := docs.TranscriptPDF(ctx, st, v, t.ID)
				if err != nil {
					return nil, fmt.Errorf("case %s: transcript of %s: %w", c.Ref, m.OriginalName, err)
				}
				status := "draft, not yet checked"
				if t.Status == "checked" {
					status = "checked by " + orDefault(t.CheckedBy, "a person")
				}
				base := strings.TrimSuffix(m.OriginalName, filepath.Ext(m.OriginalName))
				if err := add(store.NewExhibit{Kind: "transcript", Description: fmt.Sprintf("Transcript of the recording %s (revision %d, %s)",
					m.OriginalName, t.Revision, status), SourceType: "transcript", SourceID: t.ID, SHA256: sum(pdf),
					FileName: fmt.Sprintf("Transcript %s r%d.pdf", base, t.Revision), Bytes: pdf}); err != nil {
					return nil, err
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

// Open returns an exhibit's native file: a recording or letter from the
// vault (checked against its SHA-256 first), anything else from the database.
func Open(ctx context.Context, st *store.Store, v *vault.Vault, x store.Exhibit) (io.ReadCloser, error) {
	switch x.SourceType {
	case "media", "letter":
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
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"record", "arc", "arc_ref", "time_utc", "operator", "action", "contact", "result", "note"})
	w.Write([]string{"alert", a.ARC, a.ARCRef, utc(a.RaisedAt), a.Operator, a.Type + " " + a.Trigger, a.Escalation,
		a.Validity, strings.TrimSpace(a.Memo + " " + a.PoliceRef)})
	for _, e := range log {
		w.Write([]string{"log", a.ARC, a.ARCRef, utc(e.At), e.Operator, e.Action, e.Contact, e.Result, e.Note})
	}
	w.Flush()
	return b.Bytes(), len(log), w.Error()
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
