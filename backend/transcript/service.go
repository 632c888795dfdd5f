package transcript

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// Doc is a transcript as the editor and the exports see it.
type Doc struct {
	ID            int64     `json:"id"`
	MediaID       int64     `json:"mediaId"`
	Engine        string    `json:"engine"`
	EngineDetail  string    `json:"engineDetail"`
	Status        string    `json:"status"` // draft until a person checks it
	CaseRef       string    `json:"caseRef"`
	ExhibitRef    string    `json:"exhibitRef"`
	Speakers      []string  `json:"speakers"`    // custom names
	AllSpeakers   []string  `json:"allSpeakers"` // standard labels then custom names
	TranscribedBy string    `json:"transcribedBy"`
	TranscribedAt *int64    `json:"transcribedAt"`
	CheckedBy     string    `json:"checkedBy"`
	CheckedAt     *int64    `json:"checkedAt"`
	CreatedBy     string    `json:"createdBy"`
	CreatedAt     int64     `json:"createdAt"`
	Revision      int64     `json:"revision"`
	Segments      []Segment `json:"segments"`
}

// Draft reports whether the text still needs a person's check.
func (d Doc) Draft() bool { return d.Status != "checked" }

func fromStore(t store.Transcript) (Doc, error) {
	segs, err := Unmarshal(t.Segments)
	if err != nil {
		return Doc{}, fmt.Errorf("transcript %d: %w", t.ID, err)
	}
	sp := UnmarshalSpeakers(t.Speakers)
	return Doc{ID: t.ID, MediaID: t.MediaID, Engine: t.Engine, EngineDetail: t.EngineDetail, Status: t.Status,
		CaseRef: t.CaseRef, ExhibitRef: t.ExhibitRef, Speakers: sp, AllSpeakers: AllSpeakers(sp),
		TranscribedBy: t.TranscribedBy, TranscribedAt: t.TranscribedAt, CheckedBy: t.CheckedBy, CheckedAt: t.CheckedAt,
		CreatedBy: t.CreatedBy, CreatedAt: t.CreatedAt, Revision: t.Revision, Segments: segs}, nil
}

// Load reads a transcript at its latest revision.
func Load(ctx context.Context, st *store.Store, id int64) (Doc, error) {
	t, err := st.Transcript(ctx, id)
	if err != nil {
		return Doc{}, err
	}
	return fromStore(t)
}

// ForMedia lists a recording's transcripts, newest first.
func ForMedia(ctx context.Context, st *store.Store, mediaID int64) ([]Doc, error) {
	ts, err := st.TranscriptsForMedia(ctx, mediaID)
	if err != nil {
		return nil, err
	}
	out := make([]Doc, 0, len(ts))
	for _, t := range ts {
		d, err := fromStore(t)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// Create stores an engine's (or a person's empty) draft as revision 1.
func Create(ctx context.Context, st *store.Store, mediaID int64, engine, detail string, segs []Segment, actor string, now time.Time) (Doc, error) {
	Sort(segs)
	js, err := Marshal(segs)
	if err != nil {
		return Doc{}, err
	}
	summary := fmt.Sprintf("draft from %s (%d segments)", engine, len(segs))
	if engine == "manual" {
		summary = "started by hand"
	}
	id, err := st.CreateTranscript(ctx, store.Transcript{MediaID: mediaID, Engine: engine, EngineDetail: detail,
		Segments: js, CreatedBy: actor, CreatedAt: now.UTC().Unix()}, summary)
	if err != nil {
		return Doc{}, err
	}
	return Load(ctx, st, id)
}

// Edit is one save from the editor.
type Edit struct {
	ID         int64     `json:"id"`
	Base       int64     `json:"base"` // the revision the editor loaded
	Segments   []Segment `json:"segments"`
	Speakers   []string  `json:"speakers"`
	CaseRef    string    `json:"caseRef"`
	ExhibitRef string    `json:"exhibitRef"`
}

// Save validates an edit against the recording's length and stores it as a new revision,
// with a summary of what changed. Saving a checked transcript returns it to draft.
func Save(ctx context.Context, st *store.Store, e Edit, durationMs int64, actor string, now time.Time) (Doc, error) {
	old, err := Load(ctx, st, e.ID)
	if err != nil {
		return Doc{}, err
	}
	var speakers []string
	for _, s := range e.Speakers {
		c, err := CleanSpeakerName(s)
		if err != nil {
			return Doc{}, err
		}
		speakers = append(speakers, c)
	}
	for i := range e.Segments {
		e.Segments[i].Text = strings.TrimSpace(e.Segments[i].Text)
	}
	Sort(e.Segments)
	if err := Validate(e.Segments, durationMs, speakers); err != nil {
		return Doc{}, err
	}
	ref := func(s, what string) (string, error) {
		s = strings.TrimSpace(s)
		if len(s) > 100 {
			return "", fmt.Errorf("the %s is longer than 100 characters", what)
		}
		return s, nil
	}
	caseRef, err := ref(e.CaseRef, "case reference")
	if err != nil {
		return Doc{}, err
	}
	exhibit, err := ref(e.ExhibitRef, "exhibit reference")
	if err != nil {
		return Doc{}, err
	}
	js, err := Marshal(e.Segments)
	if err != nil {
		return Doc{}, err
	}
	summary := Diff(old.Segments, e.Segments)
	if caseRef != old.CaseRef || exhibit != old.ExhibitRef {
		summary += "; references changed"
	}
	if _, err := st.SaveTranscript(ctx, store.TranscriptEdit{ID: e.ID, Base: e.Base, Segments: js,
		Speakers: MarshalSpeakers(AllSpeakers(speakers)[len(StandardSpeakers):]), CaseRef: caseRef, ExhibitRef: exhibit,
		Summary: summary, Actor: actor, At: now.UTC().Unix()}); err != nil {
		return Doc{}, err
	}
	return Load(ctx, st, e.ID)
}

// Sign records the transcriber's or checker's name against the current revision.
func Sign(ctx context.Context, st *store.Store, id, rev int64, role, name, actor string, now time.Time) (Doc, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return Doc{}, fmt.Errorf("type the full name of the person who %s the transcript", role)
	}
	if err := st.SignTranscript(ctx, id, rev, role, name, actor, now.UTC().Unix()); err != nil {
		return Doc{}, err
	}
	return Load(ctx, st, id)
}
