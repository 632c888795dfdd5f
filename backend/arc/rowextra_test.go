package arc

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeExtraExport writes a small canonical export whose log and positions
// files carry columns the canonical profile does not read, one of them
// without a header, and whose recordings file has one too.
func writeExtraExport(t testing.TB, logCallID string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"alarms.csv": "arc,arc_ref,type,trigger,raised_at,validity\n" +
			"Extra ARC,R1,red,sos,2025-11-02T09:15:00Z,genuine\n",
		"operator_log.csv": "arc,arc_ref,at,operator,action,contact,result,note,Call ID,,Channel\n" +
			"Extra ARC,R1,2025-11-02T09:15:04Z,Zoë,Alarm received,,,," + logCallID + ",desk 4,Phone\n" +
			"Extra ARC,R1,2025-11-02T09:16:00Z,Zoë,Call 999,Police,CAD 12,,,,\n",
		"positions.csv": "arc,arc_ref,fix_at,lat,lon,accuracy_m,source,Cell ID\n" +
			"Extra ARC,R1,2025-11-02T09:15:02Z,53.8,-1.55,850,Mast,234-15-1201\n",
		"recordings.csv": "arc,arc_ref,file,kind,recorded_at,sha256,Duration\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func extraProfile(t testing.TB) *Profile {
	t.Helper()
	p := *mustProfile(t, "canonical")
	p.Name = "canonical-extra"
	p.Vocab = map[string]map[string]string{"source": {"Mast": "cell"}}
	if err := p.compile(); err != nil {
		t.Fatal(err)
	}
	return &p
}

// TestImport_LogAndPositionColumnsTheProfileDoesNotMapAreKept: nothing the
// ARC sent is dropped from the operator log and positions files either; a
// column without a header is kept under its place; a re-import that
// changes only such a column updates the entry; an export writes them out
// again and importing that export keeps them.
func TestImport_LogAndPositionColumnsTheProfileDoesNotMapAreKept(t *testing.T) {
	ctx := context.Background()
	p := extraProfile(t)
	sp := newSpace(t)
	res, err := Import(ctx, sp.st, sp.v, writeExtraExport(t, "C-77"), Options{Profile: p})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Log.New != 2 || res.Summary.Positions.New != 1 {
		t.Fatalf("summary %+v", res.Summary)
	}
	warned := false
	for _, pr := range res.Problems {
		warned = warned || (pr.File == "recordings.csv" && pr.Severity == SeverityWarning && strings.Contains(pr.Reason, `"Duration"`))
	}
	if !warned {
		t.Errorf("no warning that the recordings file's Duration column is not kept: %+v", res.Problems)
	}
	id := alertID(t, sp, "R1")
	check := func(sp space, callID string) {
		t.Helper()
		log, err := sp.st.OperatorLog(ctx, id)
		if err != nil || len(log) != 2 {
			t.Fatalf("log %+v %v", log, err)
		}
		want := [][2]string{{"Call ID", callID}, {"Column 10", "desk 4"}, {"Channel", "Phone"}}
		if !sameExtra(log[0].Extra, want) || len(log[1].Extra) != 0 {
			t.Errorf("log extras %+v and %+v, want %v and none", log[0].Extra, log[1].Extra, want)
		}
		ps, err := sp.st.Positions(ctx, id)
		if err != nil || len(ps) != 1 || ps[0].Source != "cell" || ps[0].SourceWord != "Mast" ||
			!sameExtra(ps[0].Extra, [][2]string{{"Cell ID", "234-15-1201"}}) {
			t.Errorf("positions %+v %v", ps, err)
		}
	}
	check(sp, "C-77")

	// The ARC corrects the call id: the entry is updated, not doubled.
	res, err = Import(ctx, sp.st, sp.v, writeExtraExport(t, "C-78"), Options{Profile: p})
	if err != nil || res.Summary.Log.Updated != 1 || res.Summary.Log.Unchanged != 1 || res.Summary.Log.New != 0 ||
		res.Summary.Positions.Unchanged != 1 {
		t.Fatalf("re-import: %+v %v", res.Summary, err)
	}
	check(sp, "C-78")

	out := t.TempDir()
	if _, err := Export(ctx, sp.st, sp.v, out, p); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(out, "operator_log.csv"))
	if !strings.HasPrefix(string(b), "arc,arc_ref,at,operator,action,contact,result,note,Call ID,Column 10,Channel\n") {
		t.Errorf("exported log:\n%s", b)
	}
	back := newSpace(t)
	if _, err := Import(ctx, back.st, back.v, out, Options{Profile: p}); err != nil {
		t.Fatal(err)
	}
	id = alertID(t, back, "R1")
	check(back, "C-78")
}

func alertID(t testing.TB, sp space, ref string) int64 {
	t.Helper()
	a, err := sp.st.AlertByRef(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func sameExtra(got, want [][2]string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}
