package arc

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const canonHeader = "arc,arc_ref,type,trigger,raised_at,answered_at,closed_at,validity,escalation,police_ref,operator,worker_ref,worker_name,team,staff_group,device_serial,memo,lat,lon,accuracy_m\n"

// good is a valid canonical alarm row; cases replace one cell with sed-like edits.
const good = "ARC1,R1,red,sos,2025-10-01T10:00:00Z,2025-10-01T10:00:05Z,2025-10-01T10:10:00Z,genuine,999,WYP-1,Op A,LW1,Ann Lee,Team A,Nursing,IMEI1,memo,53.8,-1.55,12\n"

const ukHeader = "Alarm ID,Alarm Type,Date/Time Raised,Monitoring Centre,Latitude,Longitude\n"

var wavBytes = func() []byte {
	b, err := os.ReadFile("../demo/testdata/amber-1.wav")
	if err != nil {
		panic(err)
	}
	return b
}()

// brokenCase is one hand-made export with one thing wrong.
type brokenCase struct {
	name    string
	profile string // "" = detect
	files   map[string]string
	partial bool
	// what the report must say
	file, column, reason string
	line                 int
	severity             string
}

func withCell(row string, i int, v string) string {
	cells := strings.Split(strings.TrimSuffix(row, "\n"), ",")
	cells[i] = v
	return strings.Join(cells, ",") + "\n"
}

func brokenCases() []brokenCase {
	return []brokenCase{
		{name: "missing reference", files: map[string]string{"alarms.csv": canonHeader + withCell(good, 1, "")},
			file: "alarms.csv", line: 2, column: "arc_ref", reason: "the alarm reference is missing"},
		{name: "unparseable time", files: map[string]string{"alarms.csv": canonHeader + withCell(good, 4, "yesterday")},
			file: "alarms.csv", line: 2, column: "raised_at", reason: "not an ISO 8601 time"},
		{name: "closed before raised", files: map[string]string{"alarms.csv": canonHeader + withCell(good, 6, "2025-10-01T09:00:00Z")},
			file: "alarms.csv", line: 2, column: "closed_at", reason: "closed before it was raised"},
		{name: "latitude out of range", files: map[string]string{"alarms.csv": canonHeader + withCell(good, 17, "93.1")},
			file: "alarms.csv", line: 2, column: "lat", reason: "between -90 and 90"},
		{name: "longitude out of range", files: map[string]string{"alarms.csv": canonHeader + withCell(good, 18, "-181")},
			file: "alarms.csv", line: 2, column: "lon", reason: "between -180 and 180"},
		{name: "null island", files: map[string]string{"alarms.csv": canonHeader + withCell(withCell(good, 17, "0"), 18, "0")},
			file: "alarms.csv", line: 2, column: "lat", reason: "a latitude and longitude of zero is how devices report a missing fix"},
		{name: "negative accuracy", files: map[string]string{"alarms.csv": canonHeader + withCell(good, 19, "-5")},
			file: "alarms.csv", line: 2, column: "accuracy_m", reason: "cannot be negative"},
		{name: "not a number", files: map[string]string{"alarms.csv": canonHeader + withCell(good, 17, "north")},
			file: "alarms.csv", line: 2, column: "lat", reason: "is not a number"},
		{name: "unknown vocabulary", files: map[string]string{"alarms.csv": canonHeader + withCell(good, 7, "maybe")},
			file: "alarms.csv", line: 2, column: "validity", reason: "is not a known validity"},
		{name: "duplicate reference", files: map[string]string{"alarms.csv": canonHeader + good + good},
			file: "alarms.csv", line: 3, column: "arc_ref", reason: "duplicate alarm reference: already on line 2"},
		{name: "ragged row", files: map[string]string{"alarms.csv": canonHeader + "ARC1,R1,red\n"},
			file: "alarms.csv", line: 2, reason: "the row has 3 cells but the header has 20"},
		{name: "invalid UTF-8", files: map[string]string{"alarms.csv": canonHeader + withCell(good, 16, "caf\xe9")},
			file: "alarms.csv", line: 2, column: "memo", reason: "not valid UTF-8"},
		{name: "multi-line cell keeps line numbers", files: map[string]string{"alarms.csv": canonHeader +
			withCell(good, 16, "\"two\nlines\"") + withCell(withCell(good, 1, "R2"), 2, "blue")},
			file: "alarms.csv", line: 4, column: "type", reason: "is not a known type"},
		{name: "fix for unknown alarm", files: map[string]string{"alarms.csv": canonHeader + good,
			"positions.csv": "arc,arc_ref,fix_at,lat,lon,accuracy_m,source\nARC1,NOPE,2025-10-01T10:00:00Z,53.8,-1.5,10,gps\n"},
			file: "positions.csv", line: 2, column: "arc_ref", reason: "neither in this export nor already in Redline"},
		{name: "fix of a rejected alarm", files: map[string]string{"alarms.csv": canonHeader + withCell(good, 2, "x"),
			"positions.csv": "arc,arc_ref,fix_at,lat,lon,accuracy_m,source\nARC1,R1,2025-10-01T10:00:00Z,53.8,-1.5,10,gps\n"},
			partial: true, file: "positions.csv", line: 2, column: "arc_ref", reason: "its alarm R1 (line 2 of alarms.csv) was rejected"},
		{name: "unknown position source", files: map[string]string{"alarms.csv": canonHeader + good,
			"positions.csv": "arc,arc_ref,fix_at,lat,lon,accuracy_m,source\nARC1,R1,2025-10-01T10:00:00Z,53.8,-1.5,10,pigeon\n"},
			file: "positions.csv", line: 2, column: "source", reason: "is not a known source"},
		{name: "log entry without action", files: map[string]string{"alarms.csv": canonHeader + good,
			"operator_log.csv": "arc,arc_ref,at,operator,action,contact,result,note\nARC1,R1,2025-10-01T10:00:00Z,Op,,,,\n"},
			file: "operator_log.csv", line: 2, column: "action", reason: "the action is missing"},
		{name: "referenced audio missing", files: map[string]string{"alarms.csv": canonHeader + good,
			"recordings.csv": "arc,arc_ref,file,kind,recorded_at,sha256\nARC1,R1,audio/r1.wav,red_live,,\n"},
			file: "recordings.csv", line: 2, column: "file", reason: "the recording is not in the export"},
		{name: "audio does not match manifest", files: map[string]string{"alarms.csv": canonHeader + good,
			"recordings.csv": "arc,arc_ref,file,kind,recorded_at,sha256\nARC1,R1,audio/r1.wav,red_live,,\n",
			"audio/r1.wav":   string(wavBytes),
			"manifest.csv":   "file,sha256\naudio/r1.wav," + strings.Repeat("ab", 32) + "\n"},
			file: "recordings.csv", line: 2, column: "file", reason: "but the manifest says abab"},
		{name: "audio does not match its row hash", files: map[string]string{"alarms.csv": canonHeader + good,
			"recordings.csv": "arc,arc_ref,file,kind,recorded_at,sha256\nARC1,R1,audio/r1.wav,red_live,," + strings.Repeat("cd", 32) + "\n",
			"audio/r1.wav":   string(wavBytes)},
			file: "recordings.csv", line: 2, column: "file", reason: "but the export says cdcd"},
		{name: "audio path escaping the export", files: map[string]string{"alarms.csv": canonHeader + good,
			"recordings.csv": "arc,arc_ref,file,kind,recorded_at,sha256\nARC1,R1,../../etc/passwd,red_live,,\n"},
			file: "recordings.csv", line: 2, column: "file", reason: "would escape the export folder"},
		{name: "CSV changed after export", files: map[string]string{"alarms.csv": canonHeader + good,
			"manifest.csv": "file,sha256\nalarms.csv," + strings.Repeat("ef", 32) + "\n"},
			file: "alarms.csv", reason: "does not match the SHA-256 in the manifest"},
		{name: "clock gap rejected", profile: "semicolon-1252", files: map[string]string{
			"ALARMS.CSV": "Ref;Category;Raised;Centre\nR1;Red;30/03/2025 01:30:00;ARC1\n"},
			file: "ALARMS.CSV", line: 2, column: "Raised", reason: "does not exist in UK time (the clocks went forward)"},
		{name: "clock overlap rejected", profile: "semicolon-1252", files: map[string]string{
			"ALARMS.CSV": "Ref;Category;Raised;Centre\nR1;Red;26/10/2025 01:30:00;ARC1\n"},
			file: "ALARMS.CSV", line: 2, column: "Raised", reason: "happened twice in UK time (the clocks went back)"},
		{name: "clock gap resolved as the profile says", profile: "uk-local-bom", files: map[string]string{
			"Alarm Report.csv": ukHeader + "R1,SOS,30/03/2025 01:30:00,ARC1,53.8,-1.5\n"},
			file: "Alarm Report.csv", line: 2, column: "Date/Time Raised", severity: SeverityWarning,
			reason: "does not exist in UK time (the clocks went forward); read as 01:30 UTC"},
		{name: "clock overlap resolved as the profile says", profile: "uk-local-bom", files: map[string]string{
			"Alarm Report.csv": ukHeader + "R1,SOS,26/10/2025 01:30:00,ARC1,53.8,-1.5\n"},
			file: "Alarm Report.csv", line: 2, column: "Date/Time Raised", severity: SeverityWarning,
			reason: "happened twice in UK time (the clocks went back); read as the first, 00:30 UTC"},
		{name: "no ARC name", profile: "uk-local-bom", files: map[string]string{
			"Alarm Report.csv": ukHeader + "R1,SOS,01/10/2025 11:00:00,,53.8,-1.5\n"},
			file: "Alarm Report.csv", line: 2, column: "Monitoring Centre", reason: "no ARC name"},
	}
}

func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestValidation_EveryRuleNamesFileLineColumnAndReason imports one
// hand-made broken export per rule and checks the report pins the problem.
func TestValidation_EveryRuleNamesFileLineColumnAndReason(t *testing.T) {
	for _, c := range brokenCases() {
		t.Run(c.name, func(t *testing.T) {
			dir := writeFiles(t, c.files)
			sp := newSpace(t)
			opt := Options{Partial: c.partial}
			if c.profile != "" {
				opt.Profile = mustProfile(t, c.profile)
			}
			res, err := Import(context.Background(), sp.st, sp.v, dir, opt)
			sev := c.severity
			if sev == "" {
				sev = SeverityError
			}
			var rej *RejectedError
			switch {
			case sev == SeverityError && !c.partial && !errors.As(err, &rej):
				t.Fatalf("err = %v, want the export rejected", err)
			case (sev == SeverityWarning || c.partial) && err != nil:
				t.Fatalf("err = %v, want the import to go ahead", err)
			}
			for _, p := range res.Problems {
				if p.File == c.file && p.Line == c.line && (c.column == "" || p.Column == c.column) &&
					strings.Contains(p.Reason, c.reason) && p.Severity == sev {
					return
				}
			}
			t.Errorf("no %s problem at %s line %d column %q with %q; got:", sev, c.file, c.line, c.column, c.reason)
			for _, p := range res.Problems {
				t.Logf("  %s [%s]", p, p.Severity)
			}
		})
	}
}

// TestValidation_RejectedImportLeavesNoVaultFiles: audio copied before a later
// problem was found is removed again, since nothing refers to it.
func TestValidation_RejectedImportLeavesNoVaultFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{"alarms.csv": canonHeader + good + withCell(withCell(good, 1, "R2"), 2, "x"),
		"recordings.csv": "arc,arc_ref,file,kind,recorded_at,sha256\nARC1,R1,audio/r1.wav,red_live,,\n",
		"audio/r1.wav":   string(wavBytes)})
	sp := newSpace(t)
	_, err := Import(context.Background(), sp.st, sp.v, dir, Options{})
	var rej *RejectedError
	if !errors.As(err, &rej) {
		t.Fatalf("err = %v", err)
	}
	if files, _ := filepath.Glob(filepath.Join(sp.v.Root(), "*", "*")); len(files) != 0 {
		t.Errorf("vault keeps %v", files)
	}
	if js, _ := filepath.Glob(filepath.Join(sp.v.Root(), journalGlob)); len(js) != 0 {
		t.Errorf("journal left behind: %v", js)
	}
}

func TestValidation_Windows1252IsDecoded(t *testing.T) {
	body := "Ref;Category;Raised;Centre;Staff Name;Summary;Lat;Long\r\nR1;Red;01/10/2025 11:00:00;ARC1;Si\xe2n O\x92Neil;Cost \xa35 \x96 paid;53,8;-1,55\r\n"
	dir := writeFiles(t, map[string]string{"ALARMS.CSV": body})
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Profile != "semicolon-1252" {
		t.Errorf("detected %q", res.Profile)
	}
	var memo string
	var lat float64
	sp.st.Write(context.Background(), func(w *storeWriter) error {
		return w.Tx().QueryRow(`SELECT memo, lat FROM alerts`).Scan(&memo, &lat)
	})
	if memo != "Cost £5 – paid" || lat != 53.8 {
		t.Errorf("memo %q lat %v", memo, lat)
	}
}

func TestValidation_ReportCSVNeutralisesFormulas(t *testing.T) {
	var b strings.Builder
	err := WriteReportCSV(&b, []Problem{{File: "alarms.csv", Line: 2, Column: "memo", Value: "=HYPERLINK(\"http://x\")", Reason: "r", Severity: SeverityError},
		{File: "a", Value: "+1", Reason: "-x"}, {File: "a", Value: "@SUM", Reason: "\tx"}, {File: "a", Value: "\rcr", Reason: "fine"}})
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{`"'=HYPERLINK(""http://x"")"`, "'+1", "'-x", "'@SUM", "'\tx", "'\rcr"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
