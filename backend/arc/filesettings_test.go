package arc

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// mixedExport is the vendor export with its operator log rewritten as the
// call-handling system writes it: UTF-8, comma-separated, beside the
// portal's Windows-1252, semicolon-separated alarms.
func mixedExport(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeVendorExport(t, dir, "")
	var lines []string
	for _, l := range vendorLog {
		lines = append(lines, strings.ReplaceAll(strings.ReplaceAll(l, ",", "\x00"), ";", ","))
	}
	text := strings.ReplaceAll(strings.Join(lines, "\n")+"\n", "\x00", ";")
	if err := os.WriteFile(filepath.Join(dir, "Operator Log.csv"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func mixedProfile(t *testing.T) *Profile {
	t.Helper()
	var raw map[string]any
	if err := json.Unmarshal([]byte(vendorProfileJSON), &raw); err != nil {
		t.Fatal(err)
	}
	log := raw["files"].(map[string]any)["log"].(map[string]any)
	log["encoding"], log["delimiter"] = "utf-8", ","
	b, _ := json.Marshal(raw)
	p, err := ParseProfile(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestProfile_EachFileReadsWithItsOwnEncodingAndDelimiter: a UTF-8,
// comma-separated operator log beside Windows-1252, semicolon-separated
// alarms is read whole, names and quoted separators intact, by a profile
// that says so for the log file alone; the preview reads it the same way;
// the profile says it again when saved and read back.
func TestProfile_EachFileReadsWithItsOwnEncodingAndDelimiter(t *testing.T) {
	dir := mixedExport(t)
	p := mixedProfile(t)

	// The profile's one setting for all files cannot read the log.
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, dir, Options{Profile: loadVendorProfile(t), Partial: true})
	if err != nil || res.Summary.Log.New != 0 {
		t.Fatalf("with one setting for every file the log should not be read: %+v %v", res.Summary, err)
	}

	sp = newSpace(t)
	res, err = Import(context.Background(), sp.st, sp.v, dir, Options{Profile: p, Partial: true})
	if err != nil || res.Summary.Log.New != 5 || res.Summary.Alerts.New != 3 {
		t.Fatalf("summary %+v, %v, problems %v", res.Summary, err, res.Problems)
	}
	a2, err := sp.st.AlertByRef(context.Background(), "A1002")
	if err != nil {
		t.Fatal(err)
	}
	log, _ := sp.st.OperatorLog(context.Background(), a2.ID)
	// (The rewrite swapped the separators, the one inside the quoted note too.)
	if len(log) != 3 || log[1].Note != `Caller says "leave now", worker calm` || log[2].Note != "Police attending for Siobhán" {
		t.Errorf("A1002's log = %+v", log)
	}

	pv, err := PreviewProfile(dir, p, 5)
	if err != nil {
		t.Fatal(err)
	}
	var logPreview *TablePreview
	for i := range pv.Tables {
		if pv.Tables[i].Kind == KindLog {
			logPreview = &pv.Tables[i]
		}
	}
	if logPreview == nil || len(logPreview.Rows) != 5 || logPreview.Rows[4].Values["note"] != "Manager informed" || len(logPreview.Problems) != 0 {
		t.Errorf("log preview = %+v", logPreview)
	}

	b, err := MarshalProfile(p)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseProfile(strings.NewReader(string(b)))
	if err != nil || back.Files[KindLog].Encoding != "utf-8" || back.Files[KindLog].Delimiter != "," || back.Files[KindAlarms].Delimiter != "" {
		t.Errorf("saved profile read back: %+v %v\n%s", back.Files, err, b)
	}

	// Export writes each file as the profile describes it.
	out := t.TempDir()
	if _, err := Export(context.Background(), sp.st, sp.v, out, p); err != nil {
		t.Fatal(err)
	}
	lb, _ := os.ReadFile(filepath.Join(out, "Operator Log.csv"))
	ab, _ := os.ReadFile(filepath.Join(out, "Alarms.csv"))
	alarms, _ := charmap.Windows1252.NewDecoder().String(string(ab))
	if !strings.HasPrefix(string(lb), "Alarm No,Log Date,Log Time,") || !strings.Contains(string(lb), "Siobhán") ||
		!strings.HasPrefix(alarms, "Alarm No;Alarm Type;") || !strings.Contains(alarms, "Siobhán") {
		t.Errorf("exported log:\n%s\nalarms:\n%s", lb, alarms)
	}
}

// TestProfile_FileSettingsAreChecked: a file's own encoding or delimiter
// that Redline cannot use is refused with the file kind named.
func TestProfile_FileSettingsAreChecked(t *testing.T) {
	for _, c := range []struct{ set, want string }{
		{`"encoding": "latin-9"`, `the log file's encoding "latin-9" is not supported`},
		{`"delimiter": ";;"`, `the log file's delimiter must be one character`},
	} {
		text := strings.Replace(vendorProfileJSON, `"log": {"name": "Operator Log.csv",`, `"log": {"name": "Operator Log.csv", `+c.set+`,`, 1)
		if _, err := ParseProfile(strings.NewReader(text)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.set, err, c.want)
		}
	}
}

// TestInspect_GuessesEachFilesEncodingAndDelimiter: the wizard is told how
// each CSV looks written, so a file unlike the others starts with its own
// settings and its headers read as the file means them.
func TestInspect_GuessesEachFilesEncodingAndDelimiter(t *testing.T) {
	dir := mixedExport(t)
	files, err := Inspect(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.File] = f.Encoding + " " + f.Delimiter + " " + strings.Join(f.Headers[:3], "|")
	}
	if got["Alarms.csv"] != "windows-1252 ; Alarm No|Alarm Type|Date Raised" || got["Operator Log.csv"] != "utf-8 , Alarm No|Log Date|Log Time" {
		t.Errorf("guesses %v", got)
	}
	for _, f := range files {
		if f.File == "Alarms.csv" && f.Sample[0][13] != "Siobhán O'Brien" {
			t.Errorf("the alarms sample is not decoded: %q", f.Sample[0][13])
		}
	}
}
