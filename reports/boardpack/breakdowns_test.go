package boardpack

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/nhs-redline/redline/backend/store"
)

// rescored adds a risk scored High in March 2025 and Moderate in April.
func rescored(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	at := func(m time.Month) store.Who {
		return store.Who{Actor: "lsms", At: time.Date(2025, m, 5, 12, 0, 0, 0, store.London).Unix()}
	}
	score := func(c, l int, band string) store.RiskScore {
		return store.RiskScore{Kind: "current", Consequence: c, Likelihood: l, Band: band, BandSet: "[]", Reason: "review"}
	}
	id, err := st.CreateRisk(ctx, store.RiskFields{Title: "Hostile dog", Status: "open"}, []store.RiskScore{score(3, 4, "High")}, nil, at(3))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AddRiskScore(ctx, id, score(2, 3, "Moderate"), at(4)); err != nil {
		t.Fatal(err)
	}
}

func TestSave_StaffGroupsAndRiskMovementInBothFormats(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	st := seeded(t)
	rescored(t, st)
	r := report(t, st, false)
	dir := t.TempDir()
	for _, format := range []string{"pdf", "xlsx"} {
		if _, err := Save(context.Background(), st, who, filepath.Join(dir, "pack."+format), format, r); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, "pack.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"By staff group, over the whole range", "District nurses", "Risk band movement over the whole range",
		"Red alerts escalated to the police", "Denominator: the 1 lone worker on the register today"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not say %q", want)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "pack.xlsx"))
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	groups, _ := x.GetRows("Staff groups")
	// 18 months, 179 red alerts, 96 genuine (half, rounded up) over 1 worker.
	if len(groups) < 5 || groups[3][0] != "District nurses" || groups[3][2] != "179" || groups[3][3] != "96" || groups[3][4] != "96000" {
		t.Errorf("staff groups sheet %v", groups)
	}
	moves, _ := x.GetRows("Risk movement")
	if len(moves) != 5 || strings.Join(moves[2], ",") != "From \\ to,Moderate,High" || strings.Join(moves[4], ",") != "High,1,0" {
		t.Errorf("risk movement sheet %q", moves)
	}
}
