package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestVaultBlobs_OnlyATeamDatabaseHasThem(t *testing.T) {
	if openSQLite(t).VaultBlobs() != nil {
		t.Fatal("a SQLite store offered team vault storage: its evidence lives in the vault folder")
	}
}

func TestVaultBlobs_RefuseBytesThatDoNotHashToTheirName(t *testing.T) {
	st := openTeamTest(t)
	b, ctx := st.VaultBlobs(), context.Background()
	wrong := strings.Repeat("ab", 32)
	if _, err := b.Put(ctx, wrong, strings.NewReader("not those bytes")); !errors.Is(err, ErrVaultTampered) {
		t.Fatalf("Put under the wrong hash: %v, want ErrVaultTampered", err)
	}
	if _, ok, err := b.Stat(ctx, wrong); ok || err != nil {
		t.Fatalf("a refused file was kept (%v)", err)
	}
	var n int
	if err := st.db.QueryRowContext(ctx, `SELECT count(*) FROM vault_chunks`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d chunks left behind by a refused file (%v)", n, err)
	}
}
