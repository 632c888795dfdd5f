package transcript

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

func openStore(t *testing.T) (*store.Store, int64) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var mid int64
	err = st.Write(context.Background(), func(w *store.Writer) error {
		a, err := w.Alert(store.NewAlert{ARC: "t", ARCRef: "R1", Type: "red", Trigger: "button", RaisedAt: 1})
		if err != nil {
			return err
		}
		mid, err = w.Media(store.Media{AlertID: a, OriginalName: "x.wav", SHA256: strings.Repeat("a", 64), VaultPath: "x"}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return st, mid
}

var now = time.Date(2025, 3, 30, 0, 30, 0, 0, time.UTC)

func TestTranscript_EditsKeepEveryRevisionAndUncheck(t *testing.T) {
	st, mid := openStore(t)
	ctx := context.Background()
	d, err := Create(ctx, st, mid, "pocketsphinx", "model", []Segment{{StartMs: 0, EndMs: 1000, Speaker: "Unknown", Text: "helo"}}, "ann", now)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Draft() || d.Revision != 1 {
		t.Fatalf("new transcript = %+v, want draft at revision 1", d)
	}
	segs := append([]Segment{}, d.Segments...)
	segs[0].Text = "hello"
	segs = append(segs, Segment{StartMs: 1000, EndMs: 2000, Speaker: "Dr Patel", Text: InaudibleMark(1500)})
	d2, err := Save(ctx, st, Edit{ID: d.ID, Base: 1, Segments: segs, Speakers: []string{" Dr  Patel "}, ExhibitRef: "JS/1"}, 5000, "ann", now)
	if err != nil {
		t.Fatal(err)
	}
	if d2.Revision != 2 || d2.Segments[1].Text != "[inaudible 00:00:01]" || d2.ExhibitRef != "JS/1" || d2.Speakers[0] != "Dr Patel" {
		t.Fatalf("after save = %+v", d2)
	}
	if _, err := Sign(ctx, st, d.ID, 2, "checked", "Bob Smith", "bob", now); err == nil {
		t.Fatal("checked before anyone signed as transcriber")
	}
	if _, err := Sign(ctx, st, d.ID, 2, "transcribed", "Ann Jones", "ann", now); err != nil {
		t.Fatal(err)
	}
	if _, err := Sign(ctx, st, d.ID, 2, "checked", "Ann Jones", "ann", now); err == nil {
		t.Fatal("the transcriber checked their own transcript")
	}
	d3, err := Sign(ctx, st, d.ID, 2, "checked", "Bob Smith", "bob", now)
	if err != nil || d3.Draft() || d3.CheckedBy != "Bob Smith" {
		t.Fatalf("after check: %+v, %v", d3, err)
	}
	// A stale editor cannot overwrite, and any later edit puts the text back to draft.
	if _, err := Save(ctx, st, Edit{ID: d.ID, Base: 1, Segments: segs, Speakers: []string{"Dr Patel"}}, 5000, "x", now); !errors.Is(err, store.ErrStaleRevision) {
		t.Fatalf("stale save: err = %v", err)
	}
	segs[0].Text = "hello there"
	d4, err := Save(ctx, st, Edit{ID: d.ID, Base: 2, Segments: segs, Speakers: []string{"Dr Patel"}, ExhibitRef: "JS/1"}, 5000, "ann", now)
	if err != nil || !d4.Draft() || d4.CheckedBy != "" {
		t.Fatalf("edit after check: %+v, %v", d4, err)
	}
	revs, err := st.TranscriptRevisions(ctx, d.ID)
	if err != nil || len(revs) != 3 {
		t.Fatalf("revisions = %+v, %v", revs, err)
	}
	if revs[1].Summary != "1 text change, 1 segment added; references changed" {
		t.Errorf("revision 2 summary = %q", revs[1].Summary)
	}
	old, err := st.TranscriptRevisionText(ctx, d.ID, 1)
	if err != nil || !strings.Contains(old.Segments, "helo") {
		t.Fatalf("revision 1 text lost: %+v %v", old, err)
	}
	au, _ := st.AuditFor(ctx, "transcript", "1")
	if len(au) != 5 { // create, edit, sign transcribed, sign checked, edit (refused changes leave nothing)
		t.Errorf("audit entries = %d, want 5: %+v", len(au), au)
	}
}

func TestValidate_NamesTheSegmentAtFault(t *testing.T) {
	cases := []struct {
		name string
		seg  Segment
		want string
	}{
		{"ends before start", Segment{StartMs: 2000, EndMs: 1000, Speaker: "Unknown"}, "segment 2: it ends (00:00:01) before it starts (00:00:02)"},
		{"after the end", Segment{StartMs: 9000, EndMs: 9500, Speaker: "Unknown"}, "segment 2 starts at 00:00:09, after the recording ends"},
		{"unknown speaker", Segment{StartMs: 0, EndMs: 1, Speaker: "Mystery"}, `segment 2: speaker "Mystery" is not in the list`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Validate([]Segment{{Speaker: "Lone worker"}, c.seg}, 5000, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
}

func TestClock_FormatsHoursMinutesSeconds(t *testing.T) {
	for ms, want := range map[int64]string{0: "00:00:00", 61999: "00:01:01", 3723000: "01:02:03", -5: "00:00:00"} {
		if got := Clock(ms); got != want {
			t.Errorf("Clock(%d) = %s, want %s", ms, got, want)
		}
	}
}
