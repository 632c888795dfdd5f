package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
)

// sealedLog makes a database at path with n entries, sealed with seal (or
// plain SHA-256 when seal is nil), and closes it.
func sealedLog(t *testing.T, path string, seal *store.AuditSeal, from, n int) {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if seal != nil {
		st.SealAudit(*seal)
	}
	for i := from; i < from+n; i++ {
		if _, err := st.Audit(context.Background(), store.AuditEntry{At: int64(1000 + i), Actor: "lsms", Action: "recording.play",
			ObjectType: "media", ObjectID: "7", Detail: "0-10s"}); err != nil {
			t.Fatal(err)
		}
	}
}

// check reopens path sealed with seal (nil: unsealed) and checks the log.
func check(t *testing.T, path string, seal *store.AuditSeal, anchors ...store.AuditAnchor) store.AuditReport {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if seal != nil {
		st.SealAudit(*seal)
	}
	rep, err := st.CheckAuditLog(context.Background(), anchors...)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func withDetail(d string) func(*store.AuditEntry) { return func(e *store.AuditEntry) { e.Detail = d } }

// TestAudit_ForgerWithoutTheKeyIsFoundAtTheEntryRewritten: someone with the
// database file rewrites entry 3 and recomputes every later hash, as plain
// SHA-256 or under a key they guessed. Every link still holds, so only the
// key shows it, and at entry 3.
func TestAudit_ForgerWithoutTheKeyIsFoundAtTheEntryRewritten(t *testing.T) {
	guessed := []byte("redline") // e.g. the product name
	for name, hashOf := range map[string]func(store.AuditEntry) string{
		"plain SHA-256": store.AuditHash,
		"a guessed key": func(e store.AuditEntry) string { return store.AuditMAC(guessed, e) },
	} {
		t.Run(name, func(t *testing.T) {
			path := storetest.Target(t, t.TempDir())
			sealedLog(t, path, &storetest.Seal, 1, 5)
			if rep := check(t, path, &storetest.Seal); !rep.Authentic() || rep.Entries != 5 || rep.Plain != 0 {
				t.Fatalf("before forging: %+v", rep)
			}
			storetest.Forge(t, path, 3, withDetail("0-20s"), hashOf)
			rep := check(t, path, &storetest.Seal)
			if rep.Problem == nil || rep.Problem.Seq != 3 || !strings.Contains(rep.Problem.Reason, "entry 3 (recording.play) was altered") {
				t.Fatalf("forged entry 3: %+v", rep.Problem)
			}
		})
	}
}

// TestAudit_LegacyPlainEntriesThenKeyed: a database whose first entries
// predate its key verifies, counting them, and the record kept with the key
// catches a rewrite of the plain part.
func TestAudit_LegacyPlainEntriesThenKeyed(t *testing.T) {
	path := storetest.Target(t, t.TempDir())
	sealedLog(t, path, nil, 1, 3)
	st, _ := store.Open(path)
	head, _ := st.AuditHead(context.Background())
	st.Close()
	seal := store.AuditSeal{Key: storetest.Seal.Key, From: head.Seq + 1, Before: head}
	sealedLog(t, path, &seal, 4, 2)

	rep := check(t, path, &seal)
	if !rep.Authentic() || rep.Entries != 5 || rep.Plain != 3 || rep.KeyedFrom != 4 {
		t.Fatalf("legacy then keyed: %+v", rep)
	}
	storetest.Forge(t, path, 2, withDetail("0-20s"), store.AuditHash)
	if p := check(t, path, &seal).Problem; p == nil || p.Seq != 3 || !strings.Contains(p.Reason, "not the one recorded with this database's audit key") {
		t.Fatalf("plain entry 2 rewritten: %+v", p)
	}
}

// TestAudit_SwitchPointCannotBeMovedInTheDatabase: rewriting the whole log
// as plain SHA-256 would pass a check that read the switch point from the
// database; the seal holds it, so the first keyed entry fails.
func TestAudit_SwitchPointCannotBeMovedInTheDatabase(t *testing.T) {
	path := storetest.Target(t, t.TempDir())
	sealedLog(t, path, &storetest.Seal, 1, 4)
	storetest.Forge(t, path, 1, func(*store.AuditEntry) {}, store.AuditHash)
	if p := check(t, path, &storetest.Seal).Problem; p == nil || p.Seq != 1 {
		t.Fatalf("log rewritten as plain from entry 1: %+v", p)
	}
}

// TestAudit_CutBelowTheKeysRecord: entries that predate the key cannot be
// removed from the end either: the key remembers how many there were.
func TestAudit_CutBelowTheKeysRecord(t *testing.T) {
	path := storetest.Target(t, t.TempDir())
	sealedLog(t, path, nil, 1, 5)
	st, _ := store.Open(path)
	head, _ := st.AuditHead(context.Background())
	st.Close()
	storetest.Tamper(t, path, `DELETE FROM audit_log WHERE seq > 3`)
	seal := store.AuditSeal{Key: storetest.Seal.Key, From: 6, Before: head}
	if p := check(t, path, &seal).Problem; p == nil || p.Seq != 4 || !strings.Contains(p.Reason, "held 5 entries") {
		t.Fatalf("cut back below the key's record: %+v", p)
	}
}

// TestAudit_SealedElsewhereIsNotAuthentic: entries sealed with a key this
// computer does not hold have their links checked and are counted, never
// passed as authentic.
func TestAudit_SealedElsewhereIsNotAuthentic(t *testing.T) {
	path := storetest.Target(t, t.TempDir())
	sealedLog(t, path, &storetest.Seal, 1, 3)
	st, _ := store.Open(path)
	head, _ := st.AuditHead(context.Background())
	st.Close()
	here := store.AuditSeal{Key: []byte("this computer's own key"), From: 4, Before: head, Elsewhere: true}
	sealedLog(t, path, &here, 4, 2)
	rep := check(t, path, &here)
	if rep.Problem != nil || rep.Authentic() || rep.Unverifiable != 3 || rep.Plain != 0 {
		t.Fatalf("sealed elsewhere: %+v", rep)
	}
	storetest.Tamper(t, path, `DELETE FROM audit_log WHERE seq = 2`)
	if p := check(t, path, &here).Problem; p == nil || p.Seq != 2 {
		t.Fatalf("a removed entry sealed elsewhere: %+v", p)
	}
}

// TestAudit_UnsealedSaysSo: a store nobody sealed checks plain SHA-256 and
// reports that it had no key.
func TestAudit_UnsealedSaysSo(t *testing.T) {
	path := storetest.Target(t, t.TempDir())
	sealedLog(t, path, nil, 1, 2)
	if rep := check(t, path, nil); rep.Problem != nil || rep.Keyed || rep.Authentic() || rep.Plain != 2 {
		t.Fatalf("unsealed: %+v", rep)
	}
}

// TestAudit_AnchorsAreCheckedInTheSameWalk: heads noted elsewhere (an
// export register's) are checked against the keyed chain: a match, a
// rewritten entry, and an entry cut off from the end.
func TestAudit_AnchorsAreCheckedInTheSameWalk(t *testing.T) {
	path := storetest.Target(t, t.TempDir())
	sealedLog(t, path, &storetest.Seal, 1, 5)
	st, _ := store.Open(path)
	head, _ := st.AuditHead(context.Background())
	st.Close()
	if rep := check(t, path, &storetest.Seal, head); !rep.Authentic() || rep.Anchors != 1 {
		t.Fatalf("matching anchor: %+v", rep)
	}
	wrong := store.AuditAnchor{Seq: 2, Hash: strings.Repeat("0", 64)}
	if p := check(t, path, &storetest.Seal, head, wrong).Problem; p == nil || p.Seq != 2 || !strings.Contains(p.Reason, "rewritten") {
		t.Fatalf("mismatched anchor: %+v", p)
	}
	storetest.Tamper(t, path, `DELETE FROM audit_log WHERE seq > 3`)
	if p := check(t, path, &storetest.Seal, head).Problem; p == nil || p.Seq != 5 || !strings.Contains(p.Reason, "ends at entry 3") {
		t.Fatalf("anchor after the cut: %+v", p)
	}
}

// TestAudit_WriterAuditIsSealed: an import's own entry, written through
// the bulk Writer, is sealed like any other.
func TestAudit_WriterAuditIsSealed(t *testing.T) {
	st, _ := storetest.Open(t)
	ctx := context.Background()
	if err := st.Write(ctx, func(w *store.Writer) error {
		_, err := w.Audit(store.AuditEntry{At: 1, Actor: "lsms", Action: "import.imported", ObjectType: "import", ObjectID: "1"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	rep, err := st.CheckAuditLog(ctx)
	if err != nil || !rep.Authentic() || rep.Entries != 1 || rep.Head.Hash == store.AuditHash(store.AuditEntry{Seq: 1, At: 1, Actor: "lsms",
		Action: "import.imported", ObjectType: "import", ObjectID: "1", PrevHash: store.GenesisHash}) {
		t.Fatalf("%+v %v", rep, err)
	}
}
