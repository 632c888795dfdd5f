package vault

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestSums_FolderListsOnlyFilesNamedByTheirHash(t *testing.T) {
	v, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a, b := put(t, v, "one"), put(t, v, "two")
	os.WriteFile(filepath.Join(v.Root(), "notes.txt"), []byte("x"), 0o600)                // not evidence
	os.WriteFile(filepath.Join(v.Root(), a.SHA256[:2], "not-a-hash"), []byte("x"), 0o600) // nor this
	os.WriteFile(filepath.Join(v.Root(), ".incoming-1"), []byte("x"), 0o600)              // a Put under way
	sums, err := v.Sums(context.Background())
	want := []string{a.SHA256, b.SHA256}
	slices.Sort(want)
	if err != nil || !slices.Equal(sums, want) {
		t.Fatalf("Sums = %v (%v), want %v", sums, err, want)
	}
}
