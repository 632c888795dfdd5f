package arc

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
)

// recordingWords imports dir through p into a new space and returns each
// recording's kind with the ARC's word for it.
func recordingWords(t *testing.T, dir string, p *Profile) (space, map[string]string) {
	t.Helper()
	ctx := context.Background()
	sp := newSpace(t)
	res, err := Import(ctx, sp.st, sp.v, dir, Options{Profile: p})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Media.New != 2 {
		t.Fatalf("import of %s: summary %+v, problems %+v", dir, res.Summary, res.Problems)
	}
	ms, err := sp.st.MediaForAlert(ctx, alertID(t, sp, "R1"))
	if err != nil || len(ms) != 2 {
		t.Fatalf("recordings %+v %v", ms, err)
	}
	words := map[string]string{}
	for _, m := range ms {
		words[m.Kind] = m.KindWord
	}
	return sp, words
}

// kindColumn is the kind column of an exported recordings file, row by row.
func kindColumn(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == "kind" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s has no kind column: %v", path, rows[0])
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[col])
	}
	return out
}

// An export writes the ARC's word for a recording's kind back where the
// profile maps it, so exporting and importing again keeps the word; through
// a profile that does not know the word it writes Redline's kind instead,
// which imports as the same kind rather than as an unknown one.
func TestExport_RoundTripKeepsTheARCsWordForTheKind(t *testing.T) {
	ctx := context.Background()
	dir := writeFiles(t, map[string]string{
		"alarms.csv": "arc,arc_ref,type,trigger,raised_at,validity\n" +
			"Word ARC,R1,red,sos,2025-11-02T09:15:00Z,genuine\n",
		"recordings.csv": "arc,arc_ref,file,kind,recorded_at,sha256\n" +
			"Word ARC,R1,audio/r1.wav,Live Audio,,\n" +
			"Word ARC,R1,audio/r2.wav,pre_alarm,,\n",
		"audio/r1.wav": "RIFF not really audio one",
		"audio/r2.wav": "RIFF not really audio two",
	})
	p := *mustProfile(t, "canonical")
	p.Name = "canonical-kind-words"
	// Two words for one kind: the one the ARC sent goes out, not the first.
	p.Vocab = map[string]map[string]string{"kind": {"Live Audio": "red_live", "Audio (live)": "red_live"}}
	if err := p.compile(); err != nil {
		t.Fatal(err)
	}
	sp, _ := recordingWords(t, dir, &p)

	out := filepath.Join(t.TempDir(), "export")
	if _, err := Export(ctx, sp.st, sp.v, out, &p); err != nil {
		t.Fatal(err)
	}
	if got := kindColumn(t, filepath.Join(out, p.Files[KindRecordings].Name)); len(got) != 2 || got[0] != "Live Audio" || got[1] != "pre_alarm" {
		t.Errorf("exported kinds %q; want the ARC's word Live Audio, then pre_alarm", got)
	}
	if _, words := recordingWords(t, out, &p); words["red_live"] != "Live Audio" || words["pre_alarm"] != "" || len(words) != 2 {
		t.Errorf("after the round trip, kind -> ARC word %v; want red_live -> Live Audio and pre_alarm -> none", words)
	}

	plain := mustProfile(t, "canonical")
	out = filepath.Join(t.TempDir(), "plain")
	if _, err := Export(ctx, sp.st, sp.v, out, plain); err != nil {
		t.Fatal(err)
	}
	if got := kindColumn(t, filepath.Join(out, plain.Files[KindRecordings].Name)); len(got) != 2 || got[0] != "red_live" {
		t.Errorf("exported through a profile without the word, kinds %q; want red_live first", got)
	}
	if _, words := recordingWords(t, out, plain); words["red_live"] != "" || len(words) != 2 {
		t.Errorf("through a profile without the word, kind -> ARC word %v; want red_live with none", words)
	}
}
