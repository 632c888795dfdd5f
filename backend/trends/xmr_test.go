package trends

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// published are the cases in testdata/trends/nhsrplotthedots.json, each with its source.
type published struct {
	Limits []struct {
		Name                         string
		ScreenOutliers               bool
		Values                       []float64
		Mean, LowerLimit, UpperLimit float64
		SidesStart                   []int
	}
	PointTypes []struct {
		Name      string
		Values    []float64
		LastTypes []string
	}
	Runs []struct {
		Name  string
		Sides []int
		Flags []int
	}
	Trends []struct {
		Name   string
		Values []float64
		Flags  []int
	}
	TwoInThree []struct {
		Name  string
		Close []int
		Flags []int
	}
}

func loadPublished(t *testing.T) published {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "trends", "nhsrplotthedots.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p published
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// close7 compares to the 7 significant figures the snapshot prints.
func close7(got, want float64) bool {
	return math.Abs(got-want) <= 5e-7*math.Max(1, math.Abs(want))
}

func flags(bs []bool) []int {
	out := make([]int, len(bs))
	for i, b := range bs {
		if b {
			out[i] = 1
		}
	}
	return out
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestXmR_MeanAndLimitsMatchNHSRplotthedots(t *testing.T) {
	for _, c := range loadPublished(t).Limits {
		t.Run(c.Name, func(t *testing.T) {
			r := Rules{Run: 7, Trend: 7, MinPoints: 13, ScreenOutliers: c.ScreenOutliers}
			a := Analyse(c.Values, Up, nil, r)
			if !close7(a.Mean, c.Mean) || !close7(a.LowerLimit, c.LowerLimit) || !close7(a.UpperLimit, c.UpperLimit) {
				t.Fatalf("mean %.7g limits %.7g..%.7g, want %.7g and %.7g..%.7g", a.Mean, a.LowerLimit, a.UpperLimit, c.Mean, c.LowerLimit, c.UpperLimit)
			}
			if !equalInts(a.Sides[:len(c.SidesStart)], c.SidesStart) {
				t.Errorf("sides %v, want %v", a.Sides[:len(c.SidesStart)], c.SidesStart)
			}
			if math.Abs((a.UpperNear-a.Mean)-1.773*a.MeanMR) > 1e-12 {
				t.Errorf("two-sigma band %v, want 1.773 × %v", a.UpperNear-a.Mean, a.MeanMR)
			}
		})
	}
}

func TestXmR_PointTypesMatchNHSRplotthedots(t *testing.T) {
	for _, c := range loadPublished(t).PointTypes {
		a := Analyse(c.Values, Up, nil, Rules{Run: 7, Trend: 7})
		got := a.Types[len(a.Types)-len(c.LastTypes):]
		for i := range got {
			if got[i] != c.LastTypes[i] {
				t.Errorf("%s: last types %v, want %v", c.Name, got, c.LastTypes)
			}
		}
	}
}

func TestXmR_RuleSequencesMatchNHSRplotthedots(t *testing.T) {
	p := loadPublished(t)
	for _, c := range p.Runs {
		if got := flags(runFlags(c.Sides, 7)); !equalInts(got, c.Flags) {
			t.Errorf("run %s: %v, want %v", c.Name, got, c.Flags)
		}
	}
	for _, c := range p.Trends {
		if got := flags(trendFlags(c.Values, 7)); !equalInts(got, c.Flags) {
			t.Errorf("trend %s: %v, want %v", c.Name, got, c.Flags)
		}
	}
	for _, c := range p.TwoInThree {
		close, sides := make([]bool, len(c.Close)), make([]int, len(c.Close))
		for i, v := range c.Close {
			close[i], sides[i] = v == 1, 1
		}
		if got := flags(twoOfThreeFlags(close, sides)); !equalInts(got, c.Flags) {
			t.Errorf("two in three %s: %v, want %v", c.Name, got, c.Flags)
		}
	}
}

func TestXmR_RunOfSixWhenConfigured(t *testing.T) {
	// 14 points: alternating about 10, then six just below the mean (9.68).
	ys := []float64{8, 12, 8, 12, 8, 12, 8, 12, 9, 9.5, 9, 9.5, 9, 9.5}
	seven := Analyse(ys, Down, nil, Rules{Run: 7, Trend: 6})
	six := Analyse(ys, Down, nil, Rules{Run: 6, Trend: 6})
	if has(seven.Rules[13], RuleRun) {
		t.Errorf("a run of 6 flagged under the 7 rule: %v", seven.Rules)
	}
	if !has(six.Rules[13], RuleRun) || !has(six.Rules[8], RuleRun) || has(six.Rules[7], RuleRun) {
		t.Errorf("the run of 6 (points 9 to 14) not flagged under the 6 rule: %v", six.Rules)
	}
	if six.Types[13] != "special_cause_improvement" || six.Variation != "special_cause_improvement_low" {
		t.Errorf("below the mean where lower is better: %s, %s", six.Types[13], six.Variation)
	}
}

func TestXmR_TrendOfSixCrossesTheMean(t *testing.T) {
	ys := []float64{5, 5, 5, 5, 5, 5, 5, 5, 2, 3, 4, 6, 7, 8}
	a := Analyse(ys, Up, nil, DefaultRules())
	for i := 8; i < 14; i++ {
		if !has(a.Rules[i], RuleTrend) {
			t.Fatalf("point %d not part of the rise: %v", i+1, a.Rules)
		}
	}
	if has(a.Rules[7], RuleTrend) {
		t.Errorf("the equal value before the rise flagged")
	}
}

func TestXmR_OutsideLimitsAndAssurance(t *testing.T) {
	ys := []float64{90, 91, 89, 90, 92, 88, 90, 91, 89, 90, 91, 89, 60}
	target := 85.0
	a := Analyse(ys, Up, &target, DefaultRules())
	if !has(a.Rules[12], RuleOutside) || a.Types[12] != "special_cause_concern" || a.Variation != "special_cause_concern_low" {
		t.Errorf("a fall to 60 should be a concern outside the limits: %v %v %s", a.Rules[12], a.Types[12], a.Variation)
	}
	if a.Assurance != "inconsistent" {
		t.Errorf("assurance %s with limits %.1f..%.1f", a.Assurance, a.LowerLimit, a.UpperLimit)
	}
	target = 80
	steady := Analyse(ys[:12], Up, &target, Rules{MinPoints: 12})
	if steady.Assurance != "consistent_pass" {
		t.Errorf("target 80 below the lower limit %.1f: %s", steady.LowerLimit, steady.Assurance)
	}
}

func TestXmR_NoLimitsOrIconsBefore13Points(t *testing.T) {
	a := Analyse([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, Up, nil, DefaultRules())
	if a.HasLimits || a.Variation != "" || has(a.Rules[11], RuleTrend) {
		t.Errorf("12 points: %+v", a)
	}
	if a.Mean != 6.5 {
		t.Errorf("mean %v", a.Mean)
	}
}
