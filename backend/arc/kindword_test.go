package arc

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestImport_RecordingKeepsTheARCsWordForItsKind: a recordings file whose
// kind column the vocabulary maps ("Live Audio" -> red_live) keeps the ARC's
// word with the recording; a kind sent as Redline names it keeps none.
func TestImport_RecordingKeepsTheARCsWordForItsKind(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	files := map[string]string{
		"alarms.csv": "arc,arc_ref,type,trigger,raised_at,validity\n" +
			"Word ARC,R1,red,sos,2025-11-02T09:15:00Z,genuine\n",
		"recordings.csv": "arc,arc_ref,file,kind,recorded_at,sha256\n" +
			"Word ARC,R1,audio/r1.wav,Live Audio,,\n" +
			"Word ARC,R1,audio/r2.wav,pre_alarm,,\n",
		"audio/r1.wav": "RIFF not really audio one",
		"audio/r2.wav": "RIFF not really audio two",
	}
	for name, text := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := *mustProfile(t, "canonical")
	p.Name = "canonical-kind-words"
	p.Vocab = map[string]map[string]string{"kind": {"Live Audio": "red_live"}}
	if err := p.compile(); err != nil {
		t.Fatal(err)
	}
	sp := newSpace(t)
	res, err := Import(ctx, sp.st, sp.v, dir, Options{Profile: &p})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Media.New != 2 {
		t.Fatalf("summary %+v, problems %+v", res.Summary, res.Problems)
	}
	ms, err := sp.st.MediaForAlert(ctx, alertID(t, sp, "R1"))
	if err != nil || len(ms) != 2 {
		t.Fatalf("recordings %+v %v", ms, err)
	}
	words := map[string]string{}
	for _, m := range ms {
		words[m.Kind] = m.KindWord
	}
	if words["red_live"] != "Live Audio" || words["pre_alarm"] != "" || len(words) != 2 {
		t.Errorf("kind -> ARC word %v, want red_live -> Live Audio and pre_alarm -> none", words)
	}
}
