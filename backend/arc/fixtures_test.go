package arc

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/nhs-redline/redline/backend/demo"
)

// fixtureDir holds small generated exports, one folder per shipped profile,
// for the CLI and end-to-end tests. Regenerate with ARC_WRITE_FIXTURES=1.
const fixtureDir = "../../testdata/arc/demo"

func TestFixtures_WrittenByDemoImportCleanly(t *testing.T) {
	if os.Getenv("ARC_WRITE_FIXTURES") != "" {
		writeFixtures(t)
	}
	for _, p := range Builtin() {
		dir := filepath.Join(fixtureDir, p.Name)
		if _, err := os.Stat(dir); err != nil {
			t.Fatalf("fixture %s missing: run ARC_WRITE_FIXTURES=1 go test -run TestFixtures ./backend/arc", dir)
		}
		sp := newSpace(t)
		res, err := Import(context.Background(), sp.st, sp.v, dir, Options{})
		if err != nil || res.Errors != 0 || res.Profile != p.Name || res.Summary.Alerts.New == 0 {
			t.Errorf("%s: profile %q errors %d summary %+v err %v", p.Name, res.Profile, res.Errors, res.Summary, err)
		}
	}
}

// writeFixtures keeps the repository small: only the canonical fixture
// carries recordings (the round-trip tests cover audio in every profile).
func writeFixtures(t *testing.T) {
	withAudio, noAudio := newSpace(t), newSpace(t)
	for _, sp := range []space{withAudio, noAudio} {
		if _, err := demo.Generate(context.Background(), sp.st, sp.v, demo.Config{Seed: 11, End: demoEnd, Months: 1,
			WorkersPerTeam: 1, NoMedia: sp == noAudio}); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range Builtin() {
		sp := noAudio
		if p.Name == "canonical" {
			sp = withAudio
		}
		dir := filepath.Join(fixtureDir, p.Name)
		os.RemoveAll(dir)
		if _, err := Export(context.Background(), sp.st, sp.v, dir, p); err != nil {
			t.Fatal(err)
		}
	}
}
