package store

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

func TestParseAuditAnchor(t *testing.T) {
	for _, c := range []struct {
		in   string
		want AuditAnchor
		bad  bool
	}{
		{in: "12:3F2A9C1B7D0E", want: AuditAnchor{12, "3f2a9c1b7d0e"}},
		{in: " 7 : " + strings.Repeat("a", 64) + " ", want: AuditAnchor{7, strings.Repeat("a", 64)}},
		{in: "12:3f2a9c1b7d0", bad: true},                // too short to trust
		{in: "12:" + strings.Repeat("a", 65), bad: true}, // longer than SHA-256
		{in: "0:3f2a9c1b7d0e", bad: true},
		{in: "12 3f2a9c1b7d0e", bad: true},
		{in: "12:not-hex-at-all", bad: true},
	} {
		got, err := ParseAuditAnchor(c.in)
		if c.bad != (err != nil) || !c.bad && got != c.want {
			t.Errorf("ParseAuditAnchor(%q) = %+v, %v", c.in, got, err)
		}
	}
}

// TestCheckAuditAnchor_FindsTheCutOffEnd: deleting the newest entries
// leaves a chain that verifies, but an anchor taken before says so.
func TestCheckAuditAnchor_FindsTheCutOffEnd(t *testing.T) {
	st := openTemp(t)
	ctx := context.Background()
	if h, err := st.AuditHead(ctx); err != nil || h.Seq != 0 {
		t.Fatalf("empty log head %+v %v", h, err)
	}
	for i := 0; i < 5; i++ {
		if err := st.Tx(ctx, func(tx *sql.Tx) error {
			_, err := st.AppendAudit(ctx, tx, AuditEntry{At: int64(i), Actor: "lsms", Action: "test.step", ObjectType: "case", ObjectID: "1"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	head, err := st.AuditHead(ctx)
	if err != nil || head.Seq != 5 || len(head.Hash) != 64 {
		t.Fatalf("head %+v %v", head, err)
	}
	anchor, _ := ParseAuditAnchor(head.String()[:len("5:")+12])
	if p, err := st.CheckAuditAnchor(ctx, anchor); p != nil || err != nil {
		t.Fatalf("fresh anchor: %+v %v", p, err)
	}
	// Someone with the database file removes the two newest entries (the
	// log's own trigger forbids it, so they drop it first, as they could).
	tamper(t, st, `DELETE FROM audit_log WHERE seq > 3`)
	if p, _, err := st.VerifyAudit(ctx); p != nil || err != nil {
		t.Fatalf("a cut-back chain still verifies on its own (that is the gap): %+v %v", p, err)
	}
	p, err := st.CheckAuditAnchor(ctx, anchor)
	if err != nil || p == nil || p.Seq != 5 || !strings.Contains(p.Reason, "ends at entry 3") {
		t.Fatalf("anchor after the cut: %+v %v", p, err)
	}
	wrong := AuditAnchor{Seq: 2, Hash: "000000000000"}
	if p, _ := st.CheckAuditAnchor(ctx, wrong); p == nil || !strings.Contains(p.Reason, "rewritten") {
		t.Errorf("a mismatched hash: %+v", p)
	}
}
