package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
)

func auditFixture(t *testing.T) *Store {
	t.Helper()
	return auditFixtureOn(t, openTest(t))
}

// auditFixtureOn appends five entries to st.
func auditFixtureOn(t *testing.T, st *Store) *Store {
	t.Helper()
	for i := 1; i <= 5; i++ {
		if _, err := st.Audit(context.Background(), AuditEntry{At: int64(1000 + i), Actor: "lsms", Action: "recording.play",
			ObjectType: "media", ObjectID: fmt.Sprint(i), Detail: "0-10s"}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// tamper opens the file directly, as someone with sqlite3 would, triggers dropped.
func tamper(t *testing.T, st *Store, stmts ...string) {
	t.Helper()
	if st.Engine() == Postgres {
		tamperTeam(t, st, stmts...)
		return
	}
	db, err := sql.Open("sqlite", "file:"+st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range append([]string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"}, stmts...) {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestAudit_VerifyFindsTheFirstBreak(t *testing.T) {
	eachEngineOpen(t, func(t *testing.T, open func(*testing.T) *Store) {
		cases := []struct {
			name    string
			stmts   []string
			wantSeq int64
			want    string
		}{
			{"intact", nil, 0, ""},
			{"edited detail", []string{`UPDATE audit_log SET detail = '0-20s' WHERE seq = 3`}, 3, "altered"},
			{"edited actor with recomputed nothing", []string{`UPDATE audit_log SET actor = 'someone else' WHERE seq = 2`}, 2, "altered"},
			{"deleted row", []string{`DELETE FROM audit_log WHERE seq = 2`}, 2, "missing"},
			{"deleted last row is not detectable by chain alone", []string{`DELETE FROM audit_log WHERE seq = 5`}, 0, ""},
			{"reordered rows", []string{`UPDATE audit_log SET seq = 100 WHERE seq = 2`, `UPDATE audit_log SET seq = 2 WHERE seq = 3`, `UPDATE audit_log SET seq = 3 WHERE seq = 100`}, 2, "does not follow"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				st := auditFixtureOn(t, open(t))
				tamper(t, st, c.stmts...)
				p, _, err := st.VerifyAudit(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if c.want == "" {
					if p != nil {
						t.Fatalf("intact log reported %+v", p)
					}
					return
				}
				if p == nil || p.Seq != c.wantSeq || !strings.Contains(p.Reason, c.want) {
					t.Fatalf("got %+v, want seq %d mentioning %q", p, c.wantSeq, c.want)
				}
			})
		}
	})
}

func TestAudit_TriggersRefuseUpdateAndDelete(t *testing.T) {
	eachEngine(t, func(t *testing.T, st *Store) {
		auditFixtureOn(t, st)
		for _, q := range []string{`UPDATE audit_log SET actor = 'x'`, `DELETE FROM audit_log`} {
			if _, err := st.db.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: err %v, want append-only refusal", q, err)
			}
		}
	})
}
