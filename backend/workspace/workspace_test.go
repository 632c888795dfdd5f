package workspace

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/letters/letterstest"
	"github.com/nhs-redline/redline/backend/store"
)

func TestDataDir_FlagThenEnvThenDefault(t *testing.T) {
	t.Setenv(EnvDataDir, "/tmp/from-env")
	if d, _ := DataDir("/tmp/from-flag"); d != "/tmp/from-flag" {
		t.Fatalf("flag ignored: %s", d)
	}
	if d, _ := DataDir(""); d != "/tmp/from-env" {
		t.Fatalf("env ignored: %s", d)
	}
	t.Setenv(EnvDataDir, "")
	t.Setenv("XDG_DATA_HOME", "/tmp/xdg")
	if d, _ := DataDir(""); d != filepath.Join("/tmp/xdg", "redline") {
		t.Fatalf("XDG default: %s", d)
	}
}

func TestCreateDemo_RefusesToOverwriteWithoutForce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two demo trusts")
	}
	dir := t.TempDir()
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	ws, _, err := CreateDemo(context.Background(), dir, now, DemoOptions{Letters: letterstest.Renderer{}})
	if err != nil {
		t.Fatal(err)
	}
	ws.Close()
	if _, _, err := CreateDemo(context.Background(), dir, now, DemoOptions{Letters: letterstest.Renderer{}}); !errors.Is(err, ErrExists) {
		t.Fatalf("second demo without force: %v, want ErrExists", err)
	}
	ws, sum, err := CreateDemo(context.Background(), dir, now, DemoOptions{Force: true, Letters: letterstest.Renderer{}})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	n, _ := ws.Store.CountAlerts(context.Background(), store.AlertFilter{})
	if n != sum.Amber+sum.Red {
		t.Fatalf("forced demo holds %d alerts, summary says %d", n, sum.Amber+sum.Red)
	}
	ls, err := letters.LoadSettings(context.Background(), ws.Store)
	if err != nil || ls.LSMSEmail == "" || !strings.Contains(ls.TrustName, "demo") {
		t.Fatalf("demo letter settings %+v (%v): letters could not be drafted", ls, err)
	}
}
