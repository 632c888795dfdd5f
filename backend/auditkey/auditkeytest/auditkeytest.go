// Package auditkeytest keeps the audit keys a package's tests make in a
// folder of their own, so a developer's real keys are never touched.
package auditkeytest

import (
	"os"
	"testing"

	"github.com/nhs-redline/redline/backend/auditkey"
)

// Main runs the tests with the audit key folder pointed at a new temporary
// folder, removed afterwards. Call it from the package's TestMain.
func Main(m *testing.M) {
	dir, err := os.MkdirTemp("", "redline-test-audit-keys-")
	if err != nil {
		panic(err)
	}
	os.Setenv(auditkey.EnvDir, dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
