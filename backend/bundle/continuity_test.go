package bundle

import (
	"context"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/exhibit"
)

// The operator log's continuity starts with its receipt from the ARC, as a
// recording's does, and names the package it was copied into.
func TestBuild_OperatorLogContinuityFromReceiptToPackage(t *testing.T) {
	st, v, c, who, _ := caseWithARCReport(t)
	ctx := context.Background()
	res, err := Build(ctx, st, v, plainDocs{}, who, c.Ref, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	xs, err := st.Exhibits(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range xs {
		if x.Kind != "operator_log" {
			continue
		}
		ls, err := exhibit.Continuity(ctx, st, x)
		if err != nil {
			t.Fatal(err)
		}
		if !exhibit.Received(ls) || !strings.HasPrefix(ls[0].What, "Received from the ARC in import 1 (export.zip)") {
			t.Errorf("%s's continuity does not start with its receipt: %+v", x.Ref, ls)
		}
		last := ls[len(ls)-1].What
		if want := "Copied into the evidence package " + c.Ref + " evidence package"; last != want || !strings.HasSuffix(res.Path, c.Ref+" evidence package") {
			t.Errorf("%s's last link = %q; want %q", x.Ref, last, want)
		}
		return
	}
	t.Fatalf("no operator log among %+v", xs)
}
