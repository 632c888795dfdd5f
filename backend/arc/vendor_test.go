package arc

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/nhs-redline/redline/backend/store"
)

// vendorDir is an export from an ARC no shipped profile covers (issue 13):
// semicolon-separated Windows-1252, UK local time with the date and the time
// of each event in separate columns, an alarms file and an operator-log
// file, recordings (GSM, mu-law, MP3) named in the alarm rows, and a PDF
// post-incident report. vendorProfile is the profile that reads it. Both
// are written by writeVendorExport; regenerate with ARC_WRITE_FIXTURES=1.
const (
	vendorDir     = "../../testdata/arc/vendor-split"
	vendorProfile = "../../testdata/arc/vendor-split.profile.json"
)

var vendorAlarms = []string{
	"Alarm No;Alarm Type;Date Raised;Time Raised;Date Answered;Time Answered;Date Closed;Time Closed;Closure Category;Escalation;Police URN;Operator;User ID;User Name;Team;Notes;Latitude;Longitude;Accuracy (m);Address;Location Source;Recordings;Site Code",
	// The autumn clock change: 01:30 happened twice; the profile takes the first (BST).
	`A1001;Amber Alert;26/10/2025;01:30:00;;;26/10/2025;01:31:10;Amber Logged;None;;Dave;U100;Siobhán O'Brien;District Nursing North;"Visit to flat 3; son present";53,80080;-1,54910;12;3 Park Row, Leeds LS1 5HD;GPS;audio/A1001-memo.mp3;LDS-04`,
	// The spring gap: 01:30 did not exist; the profile reads it as if the clocks had not changed yet.
	`A1002;SOS;30/03/2025;01:30:00;30/03/2025;03:30:08;30/03/2025;03:52:00;Genuine;Police 999;WY-20250330-0142;Zoë;U101;Siobhán Ní Bhriain;Mental Health Crisis;Verbal abuse at the door;53,79000;-1,53000;850;;Cell;audio/A1002-live.wav;LDS-11`,
	// A fix of 0,0: the device had none. The row is rejected (and quarantined with --partial).
	`A1003;Man Down;01/11/2025;14:00:00;01/11/2025;14:00:05;01/11/2025;14:05:00;False Alarm;None;;Dave;U102;Renée Côté;District Nursing North;;0,0;0,0;;;GPS;;LDS-04`,
	`A1004;SOS;02/11/2025;09:15:00;02/11/2025;09:15:04;02/11/2025;09:40:00;Genuine;Escalation Contact;;Zoë;U103;Gráinne Ó Súilleabháin;Sexual Health;"Patient's partner; shouting";53,81000;-1,56000;15;Clinic 2, Leeds;Wi-Fi;audio/A1004-live.wav;LDS-02`,
}

var vendorLog = []string{
	// "Call ID" is a column the profile does not map: kept with each entry.
	"Alarm No;Log Date;Log Time;Operator;Action;Outcome;Comments;Call ID",
	`A1002;30/03/2025;03:30:08;Zoë;Alarm received;;;NG-88120`,
	`A1002;30/03/2025;03:31:00;Zoë;Listen-in;Aggressive voices;"Caller says ""leave now""; worker calm";NG-88121`,
	`A1002;30/03/2025;03:33:00;Zoë;Call 999;CAD 0142;Police attending for Siobhán;NG-88122`,
	`A1004;02/11/2025;09:15:04;Zoë;Alarm received;;;`,
	`A1004;02/11/2025;09:16:30;Zoë;Call escalation contact;Answered;Manager informed;NG-90417`,
}

const vendorProfileJSON = `{
  "name": "vendor-split",
  "description": "Northgate Alarm Monitoring: Windows-1252, semicolon, UK local time with date and time in separate columns.",
  "arc": "Northgate Alarm Monitoring",
  "encoding": "windows-1252",
  "delimiter": ";",
  "decimalComma": true,
  "timeFormat": "dd/MM/yyyy HH:mm:ss",
  "timeZone": "Europe/London",
  "clockChange": {"gap": "shift_forward", "overlap": "first"},
  "listSeparator": "|",
  "files": {
    "alarms": {"name": "Alarms.csv", "columns": {
      "arc_ref": "Alarm No", "type": "Alarm Type", "trigger": "Alarm Type",
      "raised_at": ["Date Raised", "Time Raised"], "answered_at": ["Date Answered", "Time Answered"],
      "closed_at": ["Date Closed", "Time Closed"], "validity": "Closure Category", "escalation": "Escalation",
      "police_ref": "Police URN", "operator": "Operator", "worker_ref": "User ID", "worker_name": "User Name",
      "team": "Team", "memo": "Notes", "lat": "Latitude", "lon": "Longitude", "accuracy_m": "Accuracy (m)",
      "address": "Address", "location_source": "Location Source", "audio": "Recordings"}},
    "log": {"name": "Operator Log.csv", "columns": {
      "arc_ref": "Alarm No", "at": ["Log Date", "Log Time"], "operator": "Operator", "action": "Action",
      "result": "Outcome", "note": "Comments"}}
  },
  "vocabulary": {
    "type": {"Amber Alert": "amber", "SOS": "red", "Man Down": "red"},
    "trigger": {"Amber Alert": "amber_memo", "SOS": "sos", "Man Down": "man_down"},
    "validity": {"Amber Logged": "", "Genuine": "genuine", "False Alarm": "false"},
    "escalation": {"None": "none", "Police 999": "999", "Escalation Contact": "contact"},
    "source": {"GPS": "gps", "Cell": "cell", "Wi-Fi": "wifi"}
  }
}
`

// writeVendorExport writes the vendor export into dir and its profile to profile.
func writeVendorExport(t testing.TB, dir, profile string) {
	t.Helper()
	os.RemoveAll(dir)
	if err := os.MkdirAll(filepath.Join(dir, "audio"), 0o755); err != nil {
		t.Fatal(err)
	}
	write1252 := func(name string, lines []string) {
		text, err := charmap.Windows1252.NewEncoder().String(strings.Join(lines, "\r\n") + "\r\n")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write1252("Alarms.csv", vendorAlarms)
	write1252("Operator Log.csv", vendorLog)
	for from, to := range map[string]string{"mp3_8k.mp3": "A1001-memo.mp3", "gsm.wav": "A1002-live.wav", "mulaw.wav": "A1004-live.wav"} {
		b, err := os.ReadFile(filepath.Join("../../testdata/audio", from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "audio", to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pdf := "%PDF-1.4\n% Post-incident report for alarm A1002 (test fixture)\n%%EOF\n"
	if err := os.WriteFile(filepath.Join(dir, "A1002 Post Incident Report.pdf"), []byte(pdf), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("Export from Northgate Alarm Monitoring\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if profile != "" {
		if err := os.WriteFile(profile, []byte(vendorProfileJSON), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func loadVendorProfile(t testing.TB) *Profile {
	t.Helper()
	p, err := ParseProfile(strings.NewReader(vendorProfileJSON))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestVendorExport_SplitDateAndTimeImportsThroughAProfileFile is issue 13 as
// a new user meets it: every alarm, log entry, recording and document of an
// export no shipped profile covers is read through one profile file.
func TestVendorExport_SplitDateAndTimeImportsThroughAProfileFile(t *testing.T) {
	if os.Getenv("ARC_WRITE_FIXTURES") != "" {
		writeVendorExport(t, vendorDir, vendorProfile)
	}
	dir := t.TempDir()
	writeVendorExport(t, dir, "")
	// The checked-in fixture is the one this test generates.
	for _, name := range []string{"Alarms.csv", "Operator Log.csv"} {
		want, _ := os.ReadFile(filepath.Join(dir, name))
		got, err := os.ReadFile(filepath.Join(vendorDir, name))
		if err != nil || string(got) != string(want) {
			t.Fatalf("%s differs from the generated one: run ARC_WRITE_FIXTURES=1 go test -run TestVendorExport ./backend/arc", name)
		}
	}
	p, err := LoadProfileFile(vendorProfile)
	if err != nil {
		t.Fatal(err)
	}
	sp := newSpace(t)
	// Without --partial the 0,0 fix rejects the export, and the summary says
	// what would have been imported.
	res, err := Import(context.Background(), sp.st, sp.v, vendorDir, Options{Profile: p})
	var rej *RejectedError
	if !errors.As(err, &rej) || res.WouldImport == nil || res.WouldImport.Alerts.New != 3 || res.Summary.Alerts.New != 0 ||
		res.Summary.Alerts.Rejected != 1 || !strings.Contains(res.Message, "would have added 3 new alerts") {
		t.Fatalf("rejected import: err %v, result %+v", err, res)
	}
	var zero Problem
	for _, pr := range res.Problems {
		if pr.Severity == SeverityError {
			zero = pr
		}
	}
	if zero.Line != 4 || zero.Column != "Latitude" || zero.Value != "0,0 0,0" || strings.Contains(zero.Reason, zero.Value) {
		t.Errorf("0,0 problem = %+v; want the cells as written, not repeated in the reason", zero)
	}

	res, err = Import(context.Background(), sp.st, sp.v, vendorDir, Options{Profile: p, Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	s := res.Summary
	if s.Alerts.New != 3 || s.Alerts.Rejected != 1 || s.Log.New != 5 || s.Media.New != 3 || s.Documents.New != 1 {
		t.Fatalf("summary %+v, problems %v", s, res.Problems)
	}
	for _, pr := range res.Problems {
		if pr.Value != "" && strings.Contains(pr.Reason, pr.Value) {
			t.Errorf("the problem's text repeats its value: %+v", pr)
		}
	}
	warned := map[string]bool{}
	for _, pr := range res.Problems {
		if pr.Severity == SeverityWarning {
			warned[pr.Column+": "+pr.Reason] = true
		}
	}
	for _, want := range []string{
		"Date Raised + Time Raised: happened twice in UK time (the clocks went back); read as the first, 00:30 UTC, as the profile says",
		"Date Raised + Time Raised: does not exist in UK time (the clocks went forward); read as 01:30 UTC as the profile says",
	} {
		if !warned[want] {
			t.Errorf("no warning %q in %v", want, warned)
		}
	}
	ctx := context.Background()
	alerts, err := sp.st.ListAlerts(ctx, store.AlertFilter{}, store.AlertSort{}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]store.Alert{}
	for _, a := range alerts {
		by[a.ARCRef] = a
	}
	a1, a2, a4 := by["A1001"], by["A1002"], by["A1004"]
	if a1.RaisedAt != 1761438600 || a2.RaisedAt != 1743298200 || a1.WorkerName != "Siobhán O'Brien" ||
		a1.Memo != "Visit to flat 3; son present" || a1.Validity != "" || a1.Trigger != "amber_memo" || a2.PoliceRef != "WY-20250330-0142" {
		t.Errorf("A1001 %+v\nA1002 %+v", a1, a2)
	}
	x1, err := sp.st.AlertARC(ctx, a1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if x1.Address != "3 Park Row, Leeds LS1 5HD" || x1.LocationSource != "gps" || x1.Words["validity"] != "Amber Logged" ||
		x1.Words["type"] != "Amber Alert" || len(x1.Extra) != 1 || x1.Extra[0] != [2]string{"Site Code", "LDS-04"} {
		t.Errorf("A1001's ARC fields = %+v", x1)
	}
	if x4, _ := sp.st.AlertARC(ctx, a4.ID); x4.LocationSource != "wifi" || x4.Words["location_source"] != "Wi-Fi" {
		t.Errorf("A1004's ARC fields = %+v", x4)
	}
	log, _ := sp.st.OperatorLog(ctx, a2.ID)
	if len(log) != 3 || log[1].Note != `Caller says "leave now"; worker calm` || log[2].Note != "Police attending for Siobhán" {
		t.Errorf("A1002's log = %+v", log)
	}
	if len(log) == 3 && (len(log[0].Extra) != 1 || log[0].Extra[0] != [2]string{"Call ID", "NG-88120"}) {
		t.Errorf("A1002's first log entry keeps %+v, want the ARC's Call ID", log[0].Extra)
	}
	codecs := map[string]string{}
	for _, a := range []store.Alert{a1, a2, a4} {
		ms, _ := sp.st.MediaForAlert(ctx, a.ID)
		for _, m := range ms {
			codecs[a.ARCRef] = m.Codec
		}
	}
	if len(codecs) != 3 || !strings.Contains(strings.ToLower(codecs["A1002"]), "gsm") || !strings.Contains(strings.ToLower(codecs["A1001"]), "mp3") {
		t.Errorf("codecs %v", codecs)
	}
	docs, err := sp.st.Documents(ctx, a2.ID)
	if err != nil || len(docs) != 1 || docs[0].OriginalName != "A1002 Post Incident Report.pdf" || len(docs[0].SHA256) != 64 {
		t.Errorf("A1002's documents = %+v, %v", docs, err)
	}
	if in, err := sp.st.VaultFileInUse(ctx, docs[0].SHA256); err != nil || !in {
		t.Errorf("the report's vault file is not in use: %v %v", in, err)
	}
	listed := false
	for _, f := range res.Files {
		listed = listed || (f.Name == "README.md" && f.Kind == "other")
	}
	if !listed {
		t.Errorf("README.txt was not hashed and listed: %+v", res.Files)
	}

	// Again: nothing changes, the ARC fields included.
	res, err = Import(ctx, sp.st, sp.v, vendorDir, Options{Profile: p, Partial: true})
	if err != nil || res.Summary.Alerts.Unchanged != 3 || res.Summary.Alerts.Updated != 0 || res.Summary.Documents.Unchanged != 1 {
		t.Errorf("re-import: %+v %v", res.Summary, err)
	}
}

// TestProfile_MissingOptionalHeaderNamesTheClosest: a profile that reads
// "Police Ref" from a file whose column is "Police URN" warns, naming both,
// instead of losing every police reference in silence.
func TestProfile_MissingOptionalHeaderNamesTheClosest(t *testing.T) {
	p := loadVendorProfile(t)
	spec := p.Files[KindAlarms]
	spec.Columns["police_ref"] = Columns{"Police Ref"}
	p.Files[KindAlarms] = spec
	dir := t.TempDir()
	writeVendorExport(t, dir, "")
	sp := newSpace(t)
	res, err := Import(context.Background(), sp.st, sp.v, dir, Options{Profile: p, Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, pr := range res.Problems {
		if pr.Severity == SeverityWarning && pr.Column == "Police Ref" && strings.Contains(pr.Reason, `"Police URN"`) {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning naming Police Ref and Police URN: %v", res.Problems)
	}
	// The column is kept all the same, as an extra field.
	alerts, _ := sp.st.ListAlerts(context.Background(), store.AlertFilter{}, store.AlertSort{}, 0, 10)
	for _, a := range alerts {
		if a.ARCRef == "A1002" {
			x, _ := sp.st.AlertARC(context.Background(), a.ID)
			if !containsPair(x.Extra, "Police URN", "WY-20250330-0142") {
				t.Errorf("Police URN not kept as an extra field: %+v", x.Extra)
			}
		}
	}
}

func containsPair(list [][2]string, k, v string) bool {
	for _, e := range list {
		if e[0] == k && e[1] == v {
			return true
		}
	}
	return false
}

// TestProfile_ForcedProfileThatDoesNotFitNamesMissingHeaders: choosing a
// profile whose columns the export lacks says which ones.
func TestProfile_ForcedProfileThatDoesNotFitNamesMissingHeaders(t *testing.T) {
	p := loadVendorProfile(t)
	spec := p.Files[KindAlarms]
	spec.Columns["raised_at"] = Columns{"Raised Date", "Time Raised"}
	p.Files[KindAlarms] = spec
	dir := t.TempDir()
	writeVendorExport(t, dir, "")
	sp := newSpace(t)
	_, err := Import(context.Background(), sp.st, sp.v, dir, Options{Profile: p})
	var npe *NoProfileError
	if err == nil || !errors.As(err, &npe) || !strings.Contains(err.Error(), `Alarms.csv, read as its alarms file, has no column "Raised Date" (closest: "Date Raised")`) {
		t.Errorf("err = %v", err)
	}
}

// TestProfile_ColumnsReadAsStringOrList: one header or several, and back.
func TestProfile_ColumnsReadAsStringOrList(t *testing.T) {
	p := loadVendorProfile(t)
	if got := p.Files[KindAlarms].Columns["raised_at"]; len(got) != 2 || got.String() != "Date Raised + Time Raised" {
		t.Errorf("raised_at = %v", got)
	}
	b, err := MarshalProfile(p)
	if err != nil || !strings.Contains(string(b), `"raised_at": [`) || !strings.Contains(string(b), `"memo": "Notes"`) {
		t.Fatalf("%s %v", b, err)
	}
	if _, err := ParseProfile(strings.NewReader(strings.Replace(vendorProfileJSON, `"Notes"`, `[]`, 1))); err == nil ||
		!strings.Contains(err.Error(), `field "memo" of the alarms file names no column`) {
		t.Errorf("empty list: %v", err)
	}
	if _, err := ParseProfile(strings.NewReader(strings.Replace(vendorProfileJSON, `"Amber Logged": ""`, `"Amber Alert": ""`, 1))); err != nil {
		t.Errorf("a word meaning no category: %v", err)
	}
	if _, err := ParseProfile(strings.NewReader(strings.Replace(vendorProfileJSON, `"SOS": "red"`, `"SOS": ""`, 1))); err == nil {
		t.Error("an alarm type of no category was accepted")
	}
}

// TestExport_SplitColumnsRoundTrip: Export writes a split date and time the
// way the profile reads them, so the export imports back unchanged.
func TestExport_SplitColumnsRoundTrip(t *testing.T) {
	p := loadVendorProfile(t)
	sp := newSpace(t)
	if _, err := Import(context.Background(), sp.st, sp.v, vendorDir, Options{Profile: p, Partial: true}); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, err := Export(context.Background(), sp.st, sp.v, out, p); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(out, "Alarms.csv"))
	text, _ := charmap.Windows1252.NewDecoder().String(string(b))
	if !strings.Contains(text, "Date Raised;Time Raised") || !strings.Contains(text, "02/11/2025;09:15:00") || !strings.Contains(text, "Clinic 2, Leeds;Wi-Fi") {
		t.Errorf("export:\n%s", text)
	}
	back := newSpace(t)
	res, err := Import(context.Background(), back.st, back.v, out, Options{Profile: p})
	if err != nil || res.Summary.Alerts.New != 3 || res.Summary.Log.New != 5 {
		t.Errorf("re-import of the export: %+v %v", res, err)
	}
}

// FuzzJoinedTime: a time read from a date column and a time column is the
// time read from the two joined with one space; a row with one of them
// empty names the empty column; nothing panics.
func FuzzJoinedTime(f *testing.F) {
	f.Add("26/10/2025", "01:30:00")
	f.Add("30/03/2025", "01:30:00")
	f.Add("", "09:00:00")
	f.Add("01/11/2025", "")
	f.Add("31/02/2025", "25:61:61")
	f.Add("01/11/2025 ", " 14:00:00")
	p := loadVendorProfile(f)
	f.Fuzz(func(t *testing.T, date, clock string) {
		tb := &table{entry: &Entry{Name: "Alarms.csv"}, kind: KindAlarms, header: []string{"Date Raised", "Time Raised"},
			ix: make([]int, len(Fields[KindAlarms])), more: make([][]int, len(Fields[KindAlarms]))}
		for i := range tb.ix {
			tb.ix[i] = -1
		}
		tb.ix[aRaised], tb.more[aRaised] = 0, []int{1}
		c := &rowCheck{t: tb, p: p, line: 2}
		got := c.time([]string{date, clock}, aRaised, true)
		d, k := strings.TrimSpace(date), strings.TrimSpace(clock)
		switch {
		case d == "" && k == "":
			if got != nil || len(c.problems) != 1 || c.problems[0].Reason != "the time is missing" {
				t.Fatalf("both empty: %v %+v", got, c.problems)
			}
		case d == "" || k == "":
			if got != nil || len(c.problems) != 1 || !strings.Contains(c.problems[0].Reason, "is empty") {
				t.Fatalf("one empty: %v %+v", got, c.problems)
			}
		default:
			want := p.parseTime(d + " " + k)
			if (got != nil) != want.ok || (got != nil && *got != want.unix) {
				t.Fatalf("%q + %q: got %v, joined reads %+v", date, clock, got, want)
			}
			for _, pr := range c.problems {
				if pr.Column != "Date Raised + Time Raised" || pr.Value != d+" "+k {
					t.Fatalf("problem %+v does not name both columns and the joined value", pr)
				}
			}
		}
	})
}
