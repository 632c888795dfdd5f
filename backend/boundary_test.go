package backend

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const module = "github.com/nhs-redline/redline"

// forbidden says why a backend package may not import path, or "".
func forbidden(path string) string {
	switch {
	case path == module+"/reports" || strings.HasPrefix(path, module+"/reports/"):
		return "reports/ renders documents; hand backend a renderer instead"
	case strings.HasPrefix(path, "github.com/wailsapp/"):
		return "the window belongs to app/; backend must run without it"
	case path == module+"/app" || strings.HasPrefix(path, module+"/app/"):
		return "app/ calls backend, never the other way"
	}
	return ""
}

// listed is the part of `go list -json` this test reads.
type listed struct {
	ImportPath   string
	Imports      []string
	TestImports  []string
	XTestImports []string
	Deps         []string
}

func goCommand(t *testing.T) string {
	t.Helper()
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); fileExists(p) {
		return p
	}
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the packages with")
	}
	return p
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestBackend_ImportsNeitherReportsNorTheWindow lists every package under
// backend/ with its tests and everything it depends on, and fails on any
// import of reports/, app/ or Wails, direct or not.
func TestBackend_ImportsNeitherReportsNorTheWindow(t *testing.T) {
	cmd := exec.Command(goCommand(t), "list", "-json", module+"/backend/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	n := 0
	for {
		var p listed
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		n++
		for _, list := range [][]string{p.Imports, p.TestImports, p.XTestImports, p.Deps} {
			for _, imp := range list {
				if why := forbidden(imp); why != "" {
					t.Errorf("%s imports %s: %s", p.ImportPath, imp, why)
				}
			}
		}
	}
	if n < 10 {
		t.Fatalf("go list found only %d backend packages: the check is not looking where it should", n)
	}
}
