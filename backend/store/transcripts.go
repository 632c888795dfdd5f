package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// ErrStaleRevision says a transcript was saved by someone else since the editor loaded it.
var ErrStaleRevision = errors.New("the transcript was changed since you opened it; reload it to see the latest version before editing")

// Transcript is one transcript of a recording with its latest text (segments as JSON; the
// transcript package owns their shape).
type Transcript struct {
	ID            int64  `json:"id"`
	MediaID       int64  `json:"mediaId"`
	Engine        string `json:"engine"`
	EngineDetail  string `json:"engineDetail"`
	Status        string `json:"status"` // draft or checked
	Speakers      string `json:"speakers"`
	CaseRef       string `json:"caseRef"`
	ExhibitRef    string `json:"exhibitRef"`
	TranscribedBy string `json:"transcribedBy"`
	TranscribedAt *int64 `json:"transcribedAt"`
	CheckedBy     string `json:"checkedBy"`
	CheckedAt     *int64 `json:"checkedAt"`
	CreatedBy     string `json:"createdBy"`
	CreatedAt     int64  `json:"createdAt"`
	Revision      int64  `json:"revision"`
	Segments      string `json:"segments"`
}

// TranscriptRevision is one saved version of a transcript's text.
type TranscriptRevision struct {
	TranscriptID int64  `json:"transcriptId"`
	Rev          int64  `json:"rev"`
	At           int64  `json:"at"`
	Actor        string `json:"actor"`
	Summary      string `json:"summary"`
	Segments     string `json:"segments,omitempty"`
}

const transcriptColumns = `t.id, t.media_id, t.engine, t.engine_detail, t.status, t.speakers, t.case_ref, t.exhibit_ref,
	t.transcribed_by, t.transcribed_at, t.checked_by, t.checked_at, t.created_by, t.created_at, t.revision, r.segments`

const transcriptFrom = ` FROM transcripts t JOIN transcript_revisions r ON r.transcript_id = t.id AND r.rev = t.revision`

func scanTranscript(sc interface{ Scan(...any) error }) (Transcript, error) {
	var t Transcript
	var ta, ca sql.NullInt64
	err := sc.Scan(&t.ID, &t.MediaID, &t.Engine, &t.EngineDetail, &t.Status, &t.Speakers, &t.CaseRef, &t.ExhibitRef,
		&t.TranscribedBy, &ta, &t.CheckedBy, &ca, &t.CreatedBy, &t.CreatedAt, &t.Revision, &t.Segments)
	t.TranscribedAt, t.CheckedAt = ptrInt(ta), ptrInt(ca)
	return t, err
}

func (s *Store) auditTranscript(ctx context.Context, tx *sql.Tx, at int64, actor, action string, id int64, detail any) error {
	b, _ := json.Marshal(detail)
	_, err := s.AppendAudit(ctx, tx, AuditEntry{At: at, Actor: actor, Action: action, ObjectType: "transcript",
		ObjectID: fmt.Sprint(id), Detail: string(b)})
	return err
}

// CreateTranscript stores a new draft transcript with its first revision.
func (s *Store) CreateTranscript(ctx context.Context, t Transcript, summary string) (int64, error) {
	var id int64
	if t.Speakers == "" {
		t.Speakers = "[]"
	}
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		newID, err := insertRowID(ctx, tx, `INSERT INTO transcripts(media_id, engine, engine_detail, status, speakers,
			case_ref, exhibit_ref, created_by, created_at, revision) VALUES (?,?,?,'draft',?,?,?,?,?,1)`,
			t.MediaID, t.Engine, t.EngineDetail, t.Speakers, t.CaseRef, t.ExhibitRef, t.CreatedBy, t.CreatedAt)
		if err != nil {
			return fmt.Errorf("new transcript of recording %d: %w", t.MediaID, err)
		}
		id = newID
		if _, err := tx.ExecContext(ctx, `INSERT INTO transcript_revisions(transcript_id, rev, at, actor, summary, segments)
			VALUES (?, 1, ?, ?, ?, ?)`, id, t.CreatedAt, t.CreatedBy, summary, t.Segments); err != nil {
			return err
		}
		return s.auditTranscript(ctx, tx, t.CreatedAt, t.CreatedBy, "transcript.create", id,
			map[string]any{"media": t.MediaID, "engine": t.Engine, "detail": t.EngineDetail})
	})
	return id, err
}

// Transcript returns one transcript at its latest revision.
func (s *Store) Transcript(ctx context.Context, id int64) (Transcript, error) {
	t, err := scanTranscript(s.db.QueryRowContext(ctx, `SELECT `+transcriptColumns+transcriptFrom+` WHERE t.id = ?`, id))
	if err == sql.ErrNoRows {
		return t, fmt.Errorf("transcript %d: %w", id, ErrNotFound)
	}
	return t, err
}

// TranscriptsForMedia lists a recording's transcripts, newest first.
func (s *Store) TranscriptsForMedia(ctx context.Context, mediaID int64) ([]Transcript, error) {
	return queryList(ctx, s.db, `SELECT `+transcriptColumns+transcriptFrom+` WHERE t.media_id = ?
		ORDER BY t.created_at DESC, t.id DESC`, []any{mediaID}, scanTranscript)
}

// TranscriptEdit is one save from the editor: the new text and details, based on revision Base.
type TranscriptEdit struct {
	ID         int64
	Base       int64 // the revision the editor started from
	Segments   string
	Speakers   string
	CaseRef    string
	ExhibitRef string
	Summary    string
	Actor      string
	At         int64
}

// SaveTranscript adds a revision. It fails with ErrStaleRevision when someone saved in between,
// and any change to a checked transcript returns it to draft: the check no longer covers the text.
func (s *Store) SaveTranscript(ctx context.Context, e TranscriptEdit) (int64, error) {
	var rev int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		var cur int64
		var status string
		err := tx.QueryRowContext(ctx, `SELECT revision, status FROM transcripts WHERE id = ?`, e.ID).Scan(&cur, &status)
		if err == sql.ErrNoRows {
			return fmt.Errorf("transcript %d: %w", e.ID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if cur != e.Base {
			return fmt.Errorf("transcript %d (you edited revision %d, the latest is %d): %w", e.ID, e.Base, cur, ErrStaleRevision)
		}
		rev = cur + 1
		if _, err := tx.ExecContext(ctx, `INSERT INTO transcript_revisions(transcript_id, rev, at, actor, summary, segments)
			VALUES (?,?,?,?,?,?)`, e.ID, rev, e.At, e.Actor, e.Summary, e.Segments); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE transcripts SET revision = ?, speakers = ?, case_ref = ?, exhibit_ref = ?,
			status = 'draft', checked_by = '', checked_at = NULL WHERE id = ?`,
			rev, e.Speakers, e.CaseRef, e.ExhibitRef, e.ID); err != nil {
			return err
		}
		return s.auditTranscript(ctx, tx, e.At, e.Actor, "transcript.edit", e.ID,
			map[string]any{"revision": rev, "summary": e.Summary, "uncheckedBySave": status == "checked"})
	})
	return rev, err
}

// SignTranscript records who transcribed (role "transcribed") or checked (role "checked") the
// transcript at revision rev. Checking marks it checked; it must be a different person's name
// from the transcriber so the check is independent.
func (s *Store) SignTranscript(ctx context.Context, id, rev int64, role, name, actor string, at int64) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		var cur int64
		var by string
		err := tx.QueryRowContext(ctx, `SELECT revision, transcribed_by FROM transcripts WHERE id = ?`, id).Scan(&cur, &by)
		if err == sql.ErrNoRows {
			return fmt.Errorf("transcript %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if cur != rev {
			return fmt.Errorf("transcript %d (you signed revision %d, the latest is %d): %w", id, rev, cur, ErrStaleRevision)
		}
		switch role {
		case "transcribed":
			_, err = tx.ExecContext(ctx, `UPDATE transcripts SET transcribed_by = ?, transcribed_at = ? WHERE id = ?`, name, at, id)
		case "checked":
			if by == "" {
				return fmt.Errorf("transcript %d: record who transcribed it before it is checked", id)
			}
			if by == name {
				return fmt.Errorf("transcript %d: the checker (%s) must be a different person from the transcriber", id, name)
			}
			_, err = tx.ExecContext(ctx, `UPDATE transcripts SET checked_by = ?, checked_at = ?, status = 'checked' WHERE id = ?`, name, at, id)
		default:
			return fmt.Errorf("transcript %d: unknown sign-off %q (use transcribed or checked)", id, role)
		}
		if err != nil {
			return err
		}
		return s.auditTranscript(ctx, tx, at, actor, "transcript.sign."+role, id, map[string]any{"revision": rev, "name": name})
	})
}

// TranscriptRevisions lists a transcript's revisions, newest first, without their text.
func (s *Store) TranscriptRevisions(ctx context.Context, id int64) ([]TranscriptRevision, error) {
	return queryList(ctx, s.db, `SELECT transcript_id, rev, at, actor, summary FROM transcript_revisions
		WHERE transcript_id = ? ORDER BY rev DESC`, []any{id},
		func(sc interface{ Scan(...any) error }) (TranscriptRevision, error) {
			var r TranscriptRevision
			return r, sc.Scan(&r.TranscriptID, &r.Rev, &r.At, &r.Actor, &r.Summary)
		})
}

// TranscriptRevisionText returns one revision with its text.
func (s *Store) TranscriptRevisionText(ctx context.Context, id, rev int64) (TranscriptRevision, error) {
	r := TranscriptRevision{TranscriptID: id, Rev: rev}
	err := s.db.QueryRowContext(ctx, `SELECT at, actor, summary, segments FROM transcript_revisions
		WHERE transcript_id = ? AND rev = ?`, id, rev).Scan(&r.At, &r.Actor, &r.Summary, &r.Segments)
	if err == sql.ErrNoRows {
		return r, fmt.Errorf("transcript %d revision %d: %w", id, rev, ErrNotFound)
	}
	return r, err
}
