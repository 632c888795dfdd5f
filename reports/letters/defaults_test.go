package letters

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	bl "github.com/nhs-redline/redline/backend/letters"
)

var update = flag.Bool("update", false, "rewrite the shipped templates in templates/")

// TestDefaultTemplates_MatchTheirSource keeps the embedded .docx files in
// step with defaultParas; run with -update after changing the wording.
func TestDefaultTemplates_MatchTheirSource(t *testing.T) {
	for _, kind := range bl.Kinds {
		want, err := buildDocx(defaultParas(kind))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("templates", kind+".docx")
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is out of date (%v): run go test ./reports/letters -run TestDefaultTemplates -update", path, err)
		}
	}
}
