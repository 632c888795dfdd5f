package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// openSQLite opens a fresh SQLite store (openTest chooses the engine).
func openSQLite(t *testing.T) *Store {
	t.Helper()
	st, err := Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestMigrations_FromEmptyThenRerunIsNoOp(t *testing.T) {
	sqliteOnly(t, "a laptop's file migrating itself, its PRAGMAs (TestEngines_OpenAtTheLatestSchemaAndReopenIsNoOp is PostgreSQL's)")
	path := filepath.Join(t.TempDir(), "t.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ms, _ := Migrations()
	v, err := st.SchemaVersion(context.Background())
	if err != nil || v != ms[len(ms)-1].Version {
		t.Fatalf("schema version %d (%v), want %d", v, err, ms[len(ms)-1].Version)
	}
	var applied int
	st.db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&applied)
	st.Close()

	st, err = Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer st.Close()
	var again int
	st.db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&again)
	if applied != len(ms) || again != applied {
		t.Fatalf("migrations applied %d then %d, want %d both times", applied, again, len(ms))
	}
	var fk int
	st.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
	var mode string
	st.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	if fk != 1 || mode != "wal" {
		t.Fatalf("foreign_keys=%d journal_mode=%s, want 1 and wal", fk, mode)
	}
}

func seed(t *testing.T, st *Store) {
	t.Helper()
	ctx := context.Background()
	err := st.Write(ctx, func(w *Writer) error {
		g, _ := w.StaffGroup("District nurses")
		t1, _ := w.Team("East", g, "")
		t2, _ := w.Team("West_50%", g, "")
		a, _ := w.Worker(Worker{Ref: "LW1", Name: "Sarah Collins", TeamID: t1})
		b, _ := w.Worker(Worker{Ref: "LW2", Name: "Imran Khan", TeamID: t2})
		rows := []NewAlert{
			{ARC: "X", ARCRef: "R1", Type: "red", WorkerID: a, TeamID: t1, RaisedAt: 1000, Validity: "genuine", Escalation: "urn", PoliceRef: "WYP-1"},
			{ARC: "X", ARCRef: "R2", Type: "red", WorkerID: b, TeamID: t2, RaisedAt: 2000, Validity: "false"},
			{ARC: "X", ARCRef: "A1", Type: "amber", WorkerID: a, TeamID: t1, RaisedAt: 1500},
			{ARC: "X", ARCRef: "A2", Type: "amber", WorkerID: b, TeamID: t2, RaisedAt: 2500},
		}
		for _, r := range rows {
			if _, err := w.Alert(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func refs(as []Alert) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.ARCRef)
	}
	return out
}

func TestListAlerts_FiltersSortsAndPages(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		seed(t, st)
		ctx := context.Background()
		cases := []struct {
			name string
			f    AlertFilter
			s    AlertSort
			off  int
			lim  int
			want string
		}{
			{"all by time", AlertFilter{}, AlertSort{}, 0, 10, "[R1 A1 R2 A2]"},
			{"newest first", AlertFilter{}, AlertSort{Column: "raisedAt", Desc: true}, 0, 10, "[A2 R2 A1 R1]"},
			{"second page", AlertFilter{}, AlertSort{}, 2, 2, "[R2 A2]"},
			{"red only", AlertFilter{Types: []string{"red"}}, AlertSort{}, 0, 10, "[R1 R2]"},
			{"genuine", AlertFilter{Validity: []string{"genuine"}}, AlertSort{}, 0, 10, "[R1]"},
			{"date range is half open", AlertFilter{From: 1500, To: 2500}, AlertSort{}, 0, 10, "[A1 R2]"},
			{"worker name", AlertFilter{Text: "collins"}, AlertSort{}, 0, 10, "[R1 A1]"},
			{"police reference", AlertFilter{Text: "WYP"}, AlertSort{}, 0, 10, "[R1]"},
			{"percent is literal", AlertFilter{Text: "50%"}, AlertSort{}, 0, 10, "[R2 A2]"},
			{"underscore is literal", AlertFilter{Text: "t_5"}, AlertSort{}, 0, 10, "[R2 A2]"},
			{"sort by worker", AlertFilter{Types: []string{"amber"}}, AlertSort{Column: "workerName"}, 0, 10, "[A2 A1]"},
			{"unknown sort column falls back to time", AlertFilter{}, AlertSort{Column: "id; DROP TABLE alerts"}, 0, 1, "[R1]"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got, err := st.ListAlerts(ctx, c.f, c.s, c.off, c.lim)
				if err != nil {
					t.Fatal(err)
				}
				if g := fmtRefs(got); g != c.want {
					t.Fatalf("got %s, want %s", g, c.want)
				}
				n, err := st.CountAlerts(ctx, c.f)
				if err != nil {
					t.Fatal(err)
				}
				if c.off == 0 && c.lim >= 10 && n != len(got) {
					t.Fatalf("count %d but listed %d", n, len(got))
				}
			})
		}
	})
}

func fmtRefs(as []Alert) string {
	s := "["
	for i, r := range refs(as) {
		if i > 0 {
			s += " "
		}
		s += r
	}
	return s + "]"
}

func TestWrite_RollsBackEverythingOnError(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		err := st.Write(ctx, func(w *Writer) error {
			if _, err := w.Alert(NewAlert{ARC: "X", ARCRef: "R1", Type: "red", RaisedAt: 1}); err != nil {
				return err
			}
			_, err := w.Alert(NewAlert{ARC: "X", ARCRef: "R1", Type: "red", RaisedAt: 2}) // duplicate natural key
			return err
		})
		if err == nil {
			t.Fatal("duplicate natural key was accepted")
		}
		if n, _ := st.CountAlerts(ctx, AlertFilter{}); n != 0 {
			t.Fatalf("%d alerts left behind by a failed write", n)
		}
		if mc, _ := st.MonthCounts(ctx); len(mc) != 0 {
			t.Fatalf("rollup left behind: %v", mc)
		}
	})
}

func TestMonthCounts_KeyedByLondonMonth(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		ctx := context.Background()
		// 2026-03-31 23:30 UTC is 1 April 00:30 in London (BST).
		err := st.Write(ctx, func(w *Writer) error {
			_, err := w.Alert(NewAlert{ARC: "X", ARCRef: "R1", Type: "red", RaisedAt: 1775000000 - 1775000000%60, Validity: "false"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := MonthKey(1774999800); got != "2026-04" {
			t.Fatalf("MonthKey(2026-03-31T23:30Z) = %s, want 2026-04", got)
		}
		mc, _ := st.MonthCounts(ctx)
		if len(mc) != 1 || mc[0].N != 1 {
			t.Fatalf("rollup %v", mc)
		}
	})
}

// TestOpen_FolderNamesWithURICharacters: a data folder named like
// "C#Team" or "50% share?" must hold the database itself; read as URI
// syntax, the name would open (and create) another file.
func TestOpen_FolderNamesWithURICharacters(t *testing.T) {
	sqliteOnly(t, "the SQLite file's path")
	for _, name := range []string{"C#Team", "50% share?x=1", "a%23b"} {
		dir := filepath.Join(t.TempDir(), name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "redline.db")
		st, err := Open(path)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := st.SetSetting(context.Background(), "probe", name); err != nil {
			t.Fatal(err)
		}
		st.Close()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: the database is not where asked: %v", name, err)
		}
		entries, _ := os.ReadDir(filepath.Dir(dir))
		if len(entries) != 1 {
			t.Errorf("%s: files made beside the folder: %v", name, entries)
		}
		st, _ = Open(path)
		if v, _ := st.Setting(context.Background(), "probe", ""); v != name {
			t.Errorf("%s: reopened and read %q", name, v)
		}
		st.Close()
	}
}
