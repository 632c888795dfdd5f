package arc

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

const killChildEnv = "ARC_KILL_CHILD"

// killChild runs in the re-executed test binary: it imports, announces when
// it reaches the phase the parent wants, and waits there to be killed.
func killChild() {
	dir, src, phase := os.Getenv("ARC_KILL_DATA"), os.Getenv("ARC_KILL_SRC"), os.Getenv(killChildEnv)
	st, err := store.Open(filepath.Join(dir, "redline.db"))
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	v, _ := vault.Open(filepath.Join(dir, "vault"))
	seen := 0
	_, err = Import(context.Background(), st, v, src, Options{Actor: "child", Progress: func(p Progress) {
		if p.Phase != phase {
			return
		}
		if seen++; seen == 3 {
			fmt.Println("MIDWAY", p.File)
			select {} // hold the transaction open until SIGKILL
		}
	}})
	fmt.Println("FINISHED", err)
	os.Exit(3)
}

// TestImport_KilledMidwayLeavesDatabaseUnchanged kills an import with
// SIGKILL in a child process, while it writes rows and while it copies
// audio: the database is as before, the orphaned vault files are removed,
// and running the import again completes it.
func TestImport_KilledMidwayLeavesDatabaseUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	src, sum := exportDemo(t, mustProfile(t, "canonical"))
	for _, phase := range []string{"reading", "audio"} {
		t.Run(phase, func(t *testing.T) {
			dir := t.TempDir()
			st, err := store.Open(filepath.Join(dir, "redline.db"))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if _, err := st.Audit(ctx, store.AuditEntry{At: 1, Actor: "t", Action: "test.start", ObjectType: "test", ObjectID: "1"}); err != nil {
				t.Fatal(err)
			}
			tables := []string{"alerts", "positions", "operator_log", "media", "imports", "import_files", "audit_log", "workers"}
			before := map[string]int{}
			for _, tbl := range tables {
				before[tbl] = count(t, st, tbl)
			}
			// The import drops and rebuilds indexes in its transaction.
			schemaBefore, geoBefore := schema(t, st), geoVersion(t, st)
			st.Close()

			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), killChildEnv+"="+phase, "ARC_KILL_DATA="+dir, "ARC_KILL_SRC="+src)
			out, _ := cmd.StdoutPipe()
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line := make(chan string, 1)
			go func() {
				sc := bufio.NewScanner(out)
				for sc.Scan() {
					line <- sc.Text()
				}
				close(line)
			}()
			select {
			case l := <-line:
				if !strings.HasPrefix(l, "MIDWAY") {
					cmd.Process.Kill()
					t.Fatalf("child said %q before reaching the %s phase", l, phase)
				}
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				t.Fatal("child never reached the middle of the import")
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()

			st, err = store.Open(filepath.Join(dir, "redline.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			for _, tbl := range tables {
				if n := count(t, st, tbl); n != before[tbl] {
					t.Errorf("after SIGKILL %s has %d rows, want %d", tbl, n, before[tbl])
				}
			}
			if got := schema(t, st); got != schemaBefore {
				t.Errorf("after SIGKILL the schema changed:\n%s\nwant\n%s", got, schemaBefore)
			}
			if got := geoVersion(t, st); got != geoBefore {
				t.Errorf("after SIGKILL geo_version is %d, want %d", got, geoBefore)
			}
			if p, _, err := st.VerifyAudit(ctx); err != nil || p != nil {
				t.Errorf("audit chain after SIGKILL: %v %v", p, err)
			}
			v, _ := vault.Open(filepath.Join(dir, "vault"))
			left, _ := filepath.Glob(filepath.Join(v.Root(), "??", "*"))
			if phase == "audio" && len(left) == 0 {
				t.Fatal("the child was killed during audio copying but left no vault file to clean up; the test proves nothing")
			}
			removed, err := RecoverVault(ctx, st, v)
			if err != nil || removed != len(left) {
				t.Errorf("RecoverVault removed %d of %d orphaned files (%v)", removed, len(left), err)
			}
			if rest, _ := filepath.Glob(filepath.Join(v.Root(), "??", "*")); len(rest) != 0 {
				t.Errorf("%d orphaned vault files remain", len(rest))
			}
			res, err := Import(ctx, st, v, src, Options{Actor: "rerun"})
			if err != nil {
				t.Fatalf("re-run: %v", err)
			}
			if res.Summary.Alerts.New != sum.Amber+sum.Red || res.Summary.Media.New != sum.Media {
				t.Errorf("re-run summary %+v", res.Summary)
			}
		})
	}
}

// schema lists every index and trigger with its SQL.
func schema(t *testing.T, st *store.Store) string {
	t.Helper()
	var out string
	err := st.Write(context.Background(), func(w *store.Writer) error {
		return w.Tx().QueryRow(`SELECT group_concat(name || ':' || coalesce(sql, ''), char(10)) FROM
			(SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name)`).Scan(&out)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func geoVersion(t *testing.T, st *store.Store) int64 {
	t.Helper()
	v, err := st.GeoVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}
