package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/evidence"
	"github.com/nhs-redline/redline/backend/store/teamtest"
	"github.com/nhs-redline/redline/backend/workspace"
)

// migratedDemo is a team database holding the demo laptop, copied in by
// `team migrate`, and the laptop it came from.
func migratedDemo(t *testing.T) (db, laptop string) {
	t.Helper()
	db = teamtest.NewDatabase(t)
	laptop = demoLaptop(t)
	t.Setenv(dbEnv, "")
	if code, out, errs := runCLI(t, "team", "migrate", "--from", laptop, "--db", db); code != exitOK {
		t.Fatalf("migrate: exit %d: %s%s", code, out, errs)
	}
	return db, laptop
}

// both runs a command on the laptop and on the team database, from a data
// folder of its own (this computer's cache), and returns both outputs.
func both(t *testing.T, db, laptop string, args ...string) (local, team string) {
	t.Helper()
	code, local, errs := runCLI(t, append([]string{"--data-dir", laptop}, args...)...)
	if code != exitOK {
		t.Fatalf("%v on the laptop: exit %d: %s", args, code, errs)
	}
	code, team, errs = runCLI(t, append([]string{"--data-dir", t.TempDir(), "--db", db}, args...)...)
	if code != exitOK {
		t.Fatalf("%v on the team database: exit %d: %s", args, code, errs)
	}
	return local, team
}

// TestTeamMode_VaultVerifyChecksTheTeamDatabasesFiles: the evidence check
// lists the team database's files (not a folder), hashes every recording
// from the chunks, finds the same as on the laptop, and finds a changed
// chunk and a file nothing names.
func TestTeamMode_VaultVerifyChecksTheTeamDatabasesFiles(t *testing.T) {
	db, laptop := migratedDemo(t)
	local, team := both(t, db, laptop, "vault", "verify", "--json")
	var l, m evidence.Report
	if json.Unmarshal([]byte(local), &l) != nil || json.Unmarshal([]byte(team), &m) != nil {
		t.Fatalf("reports: %q / %q", local, team)
	}
	if m.Files == 0 || m.Recordings == 0 || m.Files != l.Files || m.Recordings != l.Recordings || m.Bytes != l.Bytes || !m.OK() {
		t.Fatalf("team check %+v, laptop %+v", m, l)
	}

	// A chunk changed behind Redline's back, and a file no row names.
	var sum string
	teamQuery(t, db, "SELECT m.sha256 FROM media m ORDER BY m.id LIMIT 1", &sum)
	teamtest.Exec(t, db,
		"ALTER TABLE vault_chunks DISABLE TRIGGER USER",
		"UPDATE vault_chunks SET data = 'x'::bytea || data WHERE sha256 = '"+sum+"' AND n = 0",
		"ALTER TABLE vault_chunks ENABLE TRIGGER USER")
	ws, err := workspace.OpenTeam(db, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	lease, err := ws.Vault.Lease(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	stray, err := lease.Put(strings.NewReader("a file nothing names"))
	lease.Release()
	ws.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "--data-dir", t.TempDir(), "--db", db, "vault", "verify", "--json")
	if strings.Contains(errs, "audit key") {
		t.Errorf("vault verify, which writes no audit entry, talks of the audit key: %q", errs)
	}
	var bad evidence.Report
	if code != exitFailure || json.Unmarshal([]byte(out), &bad) != nil {
		t.Fatalf("after tampering: exit %d: %s", code, out)
	}
	kinds := map[string]string{}
	for _, p := range bad.Problems {
		kinds[p.SHA256] = p.Kind
		if strings.Contains(p.Message, "data folder") {
			t.Errorf("a team problem sends the LSMS to a data folder: %s", p.Message)
		}
	}
	if kinds[sum] != evidence.Altered || kinds[stray.SHA256] != evidence.Unreferenced || bad.Files != m.Files+1 {
		t.Fatalf("problems %v (files %d); want %s altered and %s unreferenced", kinds, bad.Files, sum, stray.SHA256)
	}
}

// TestTeamMode_EvidenceCommandsWorkOnTheTeamDatabase: with --db, the
// commands that read or write evidence files do so in the team database,
// and say what they say on the laptop the database came from.
func TestTeamMode_EvidenceCommandsWorkOnTheTeamDatabase(t *testing.T) {
	db, laptop := migratedDemo(t)
	defer func() { now = time.Now }()
	now = func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) }

	var ref string
	teamQuery(t, db, "SELECT a.arc_ref FROM alerts a JOIN media m ON m.alert_id = a.id ORDER BY a.id LIMIT 1", &ref)
	if local, team := both(t, db, laptop, "recordings", "listens", "--json", ref); local != team || !strings.Contains(team, ref) {
		t.Errorf("recordings listens %s:\nlaptop %.300s\n  team %.300s", ref, local, team)
	}

	// A court bundle built from the team database, checked against it.
	out := t.TempDir()
	code, stdout, errs := runCLI(t, "--data-dir", t.TempDir(), "--db", db, "bundle", "build", "--case", "RL-2026-0001", "--out", out, "--json")
	var res struct {
		Path     string   `json:"path"`
		Exhibits []string `json:"exhibits"`
		Files    []any    `json:"files"`
		Seq      int64    `json:"auditSeq"`
	}
	if code != exitOK || json.Unmarshal([]byte(stdout), &res) != nil || len(res.Exhibits) != 4 || len(res.Files) == 0 {
		t.Fatalf("bundle build: exit %d: %s%s", code, stdout, errs)
	}
	var seq int64
	teamQuery(t, db, "SELECT max(seq) FROM audit_log WHERE action LIKE '%bundle%'", &seq)
	if seq != res.Seq {
		t.Errorf("the bundle's audit entry %d is not the team database's newest bundle entry (%d)", res.Seq, seq)
	}
	code, stdout, errs = runCLI(t, "--data-dir", t.TempDir(), "--db", db, "bundle", "verify", res.Path)
	if code != exitOK || !strings.Contains(stdout, "The audit log holds the head the package carries") {
		t.Fatalf("bundle verify against the team database: exit %d: %s%s", code, stdout, errs)
	}
	// Checked against a team database that never made it, its head is not found.
	other, _ := migratedDemo(t)
	code, stdout, _ = runCLI(t, "--data-dir", t.TempDir(), "--db", other, "bundle", "verify", res.Path)
	if code == exitOK || strings.Contains(stdout, "The audit log holds the head the package carries") {
		t.Errorf("bundle verify against another team database: exit %d: %s", code, stdout)
	}

	// A letter drafted, registered and saved from the team database.
	letters := t.TempDir()
	code, stdout, errs = runCLI(t, "--data-dir", t.TempDir(), "--db", db, "letters", "render", "--case", "1", "--out", letters)
	if code != exitOK {
		t.Fatalf("letters render: exit %d: %s%s", code, stdout, errs)
	}
	if !strings.Contains(errs, "no shared audit key") {
		t.Errorf("letters render in team mode does not say its audit entries are unkeyed: %q", errs)
	}
	for _, p := range strings.Fields(stdout) {
		if info, err := os.Stat(p); err != nil || info.Size() == 0 || filepath.Dir(p) != letters {
			t.Errorf("letters render printed %s: %v", p, err)
		}
	}
	var exported int64
	teamQuery(t, db, "SELECT count(*) FROM export_register", &exported)
	if exported == 0 {
		t.Errorf("the letter's export is not in the team database's export register")
	}
}

// TestTeamMode_PurgeDestroysInTheTeamDatabase: a dry run lists what the
// laptop's lists; the purge destroys it in the team database, whose
// evidence check is clean afterwards.
func TestTeamMode_PurgeDestroysInTheTeamDatabase(t *testing.T) {
	db, laptop := migratedDemo(t)
	defer func() { now = time.Now }()
	now = func() time.Time { return time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC) }

	type report struct {
		DryRun bool `json:"dryRun"`
		Due    []struct {
			Item struct {
				SHA256 string `json:"sha256"`
			} `json:"item"`
		} `json:"due"`
	}
	local, team := both(t, db, laptop, "purge", "--dry-run", "--json")
	var l, m report
	if json.Unmarshal([]byte(local), &l) != nil || json.Unmarshal([]byte(team), &m) != nil || !m.DryRun || len(m.Due) == 0 {
		t.Fatalf("dry runs: %.300s / %.300s", local, team)
	}
	if len(l.Due) != len(m.Due) {
		t.Fatalf("the dry run on the team database would destroy %d recordings, on the laptop %d", len(m.Due), len(l.Due))
	}
	var files int64
	teamQuery(t, db, "SELECT count(*) FROM vault_files", &files)

	code, out, errs := runCLI(t, "--data-dir", t.TempDir(), "--db", db, "purge", "--json")
	var done report
	if code != exitOK || json.Unmarshal([]byte(out), &done) != nil || done.DryRun || len(done.Due) != len(m.Due) {
		t.Fatalf("purge: exit %d: %.300s%s", code, out, errs)
	}
	var live int64
	teamQuery(t, db, "SELECT count(*) FROM media WHERE destroyed_at IS NULL AND sha256 = '"+m.Due[0].Item.SHA256+"'", &live)
	var after int64
	teamQuery(t, db, "SELECT count(*) FROM vault_files WHERE sha256 = '"+m.Due[0].Item.SHA256+"'", &after)
	if live == 0 && after != 0 || live > 0 && after != 1 {
		t.Errorf("after the purge %d live recordings name %s and the team database holds %d copies", live, m.Due[0].Item.SHA256, after)
	}
	if code, out, errs := runCLI(t, "--data-dir", t.TempDir(), "--db", db, "vault", "verify"); code != exitOK {
		t.Fatalf("vault verify after the purge: exit %d: %s%s", code, out, errs)
	}
}

// TestTeamMode_TranscribeReadsTheRecordingFromTheTeamDatabase: the
// recording is fetched from the team database (hash checked) and heard as
// on the laptop; the saved draft is the team database's.
func TestTeamMode_TranscribeReadsTheRecordingFromTheTeamDatabase(t *testing.T) {
	if _, err := exec.LookPath("pocketsphinx_continuous"); err != nil {
		t.Skip("pocketsphinx_continuous is not installed")
	}
	db, laptop := migratedDemo(t)
	var ref string
	teamQuery(t, db, "SELECT a.arc_ref FROM alerts a JOIN media m ON m.alert_id = a.id WHERE a.type = 'red' ORDER BY a.id DESC LIMIT 1", &ref)
	type result struct {
		SHA256       string          `json:"sha256"`
		TranscriptID int64           `json:"transcriptId"`
		Segments     json.RawMessage `json:"segments"`
	}
	local, team := both(t, db, laptop, "transcribe", "--json", ref)
	var l, m result
	if json.Unmarshal([]byte(local), &l) != nil || json.Unmarshal([]byte(team), &m) != nil || m.SHA256 == "" {
		t.Fatalf("transcripts: %.300s / %.300s", local, team)
	}
	if m.SHA256 != l.SHA256 || string(m.Segments) != string(l.Segments) {
		t.Fatalf("the team database's recording was heard differently:\nlaptop %.300s\n  team %.300s", local, team)
	}
	code, out, errs := runCLI(t, "--data-dir", t.TempDir(), "--db", db, "transcribe", "--json", "--save", ref)
	var saved result
	if code != exitOK || json.Unmarshal([]byte(out), &saved) != nil || saved.TranscriptID == 0 {
		t.Fatalf("transcribe --save: exit %d: %.300s%s", code, out, errs)
	}
	var n int64
	teamQuery(t, db, fmt.Sprintf("SELECT count(*) FROM transcripts WHERE id = %d", saved.TranscriptID), &n)
	if n != 1 {
		t.Fatalf("transcript %d is not in the team database", saved.TranscriptID)
	}
}

// TestTeamMode_TrendsAndExportsReadTheTeamDatabase: the director's trends
// and the GIS export say on the team database what they say on the laptop
// it came from (the export's audit head apart: each log has its own), and
// the risk register is written and entered in the team's export register.
func TestTeamMode_TrendsAndExportsReadTheTeamDatabase(t *testing.T) {
	db, laptop := migratedDemo(t)
	defer func() { now = time.Now }()
	now = func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) }

	if local, team := both(t, db, laptop, "trends", "--json"); local != team || !strings.Contains(team, `"measures"`) {
		t.Errorf("trends:\nlaptop %.300s\n  team %.300s", local, team)
	}
	local, team := both(t, db, laptop, "export", "geojson", "--out", "-")
	var l, m struct {
		Features []json.RawMessage `json:"features"`
	}
	if json.Unmarshal([]byte(local), &l) != nil || json.Unmarshal([]byte(team), &m) != nil || len(m.Features) == 0 {
		t.Fatalf("geojson: %.300s / %.300s", local, team)
	}
	if len(l.Features) != len(m.Features) || string(l.Features[0]) != string(m.Features[0]) ||
		string(l.Features[len(l.Features)-1]) != string(m.Features[len(m.Features)-1]) {
		t.Errorf("geojson: %d features on the laptop, %d on the team database, or they differ", len(l.Features), len(m.Features))
	}

	var before, after int64
	teamQuery(t, db, "SELECT count(*) FROM export_register", &before)
	xlsx := filepath.Join(t.TempDir(), "risks.xlsx")
	if code, out, errs := runCLI(t, "--data-dir", t.TempDir(), "--db", db, "risks", "export", "--xlsx", xlsx); code != exitOK {
		t.Fatalf("risks export: exit %d: %s%s", code, out, errs)
	}
	teamQuery(t, db, "SELECT count(*) FROM export_register", &after)
	if info, err := os.Stat(xlsx); err != nil || info.Size() == 0 || after != before+1 {
		t.Fatalf("risks export: %v; export register %d, was %d", err, after, before)
	}
}

// TestTeamMode_AuditVerifyOnAMigratedLaptopIsNotABreak: the laptop's sealed
// entries, copied by team migrate, are linked and counted as sealed
// elsewhere, not reported as a broken log.
func TestTeamMode_AuditVerifyOnAMigratedLaptopIsNotABreak(t *testing.T) {
	db, _ := migratedDemo(t)
	code, out, errs := runCLI(t, "--db", db, "audit", "verify", "--json")
	var rep struct {
		Entries      int64
		Intact       bool
		Unverifiable int64
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("audit verify --json: %v: %s", err, out)
	}
	if code != exitFailure || !rep.Intact || rep.Unverifiable == 0 || rep.Unverifiable > rep.Entries ||
		!strings.Contains(errs, "sealed with a laptop's own key before `team migrate`") || strings.Contains(errs, "broken") {
		t.Errorf("exit %d, %+v, stderr %q", code, rep, errs)
	}
}
