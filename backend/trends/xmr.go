package trends

import "math"

// Rules are the NHS "Making Data Count" XmR settings, as the NHS England SPC
// specification and NHSRplotthedots apply them.
type Rules struct {
	Run            int  `json:"run"`            // points in a row on one side of the mean: 7 (or 6)
	Trend          int  `json:"trend"`          // points in a row rising or falling: 6 (or 7)
	MinPoints      int  `json:"minPoints"`      // limits, signals and icons only from this many points (13)
	ScreenOutliers bool `json:"screenOutliers"` // leave moving ranges over 3.267 × the mean out of the mean moving range
}

// DefaultRules are Making Data Count's: a run of 7, a trend of 6, limits from 13 points.
func DefaultRules() Rules { return Rules{Run: 7, Trend: 6, MinPoints: 13, ScreenOutliers: true} }

func (r Rules) orDefault() Rules {
	d := DefaultRules()
	if r.Run != 6 && r.Run != 7 {
		r.Run = d.Run
	}
	if r.Trend != 6 && r.Trend != 7 {
		r.Trend = d.Trend
	}
	if r.MinPoints <= 0 {
		r.MinPoints = d.MinPoints
	}
	return r
}

// Better says which way is improvement for a measure.
type Better string

const (
	Up      Better = "up"
	Down    Better = "down"
	Neither Better = "neither"
)

// The constants of an XmR chart (individuals with moving range).
const (
	limitFactor  = 2.66  // 3 sigma = 2.66 × mean moving range
	nearFactor   = 1.773 // 2 sigma = 2/3 × 2.66
	screenFactor = 3.267 // upper range limit: moving ranges above it are screened out
)

// The rules a point can break, as named in signals.
const (
	RuleOutside    = "outside_limits"
	RuleRun        = "run"
	RuleTrend      = "trend"
	RuleTwoOfThree = "two_of_three"
)

// Analysis is one XmR chart's arithmetic over the points analysed.
type Analysis struct {
	N          int     `json:"n"`
	Mean       float64 `json:"mean"`
	MeanMR     float64 `json:"meanMovingRange"`
	HasLimits  bool    `json:"hasLimits"`
	UpperLimit float64 `json:"upperLimit"`
	LowerLimit float64 `json:"lowerLimit"`
	UpperNear  float64 `json:"upperNear"` // two sigma
	LowerNear  float64 `json:"lowerNear"`
	// Per point: the rules it breaks (empty for common cause), its side of the
	// mean (-1, 0, 1) and its type.
	Rules []([]string) `json:"rules"`
	Sides []int        `json:"sides"`
	Types []string     `json:"types"` // common_cause, special_cause_improvement, special_cause_concern, special_cause_neither
	// The icons, from the latest point and the target; "" when there are too few points.
	Variation string `json:"variation"` // common_cause, special_cause_improvement_high/low, special_cause_concern_high/low, special_cause_neither_high/low
	Assurance string `json:"assurance"` // consistent_pass, consistent_fail, inconsistent; "" without a target
}

// Analyse applies the rules to ys in time order. target is nil when the
// measure has none.
func Analyse(ys []float64, better Better, target *float64, rules Rules) Analysis {
	rules = rules.orDefault()
	a := Analysis{N: len(ys), Rules: make([][]string, len(ys)), Sides: make([]int, len(ys)), Types: make([]string, len(ys))}
	for i := range a.Types {
		a.Types[i] = "common_cause"
		a.Rules[i] = []string{}
	}
	if len(ys) == 0 {
		return a
	}
	sum := 0.0
	for _, y := range ys {
		sum += y
	}
	a.Mean = sum / float64(len(ys))
	a.MeanMR = meanMovingRange(ys, rules.ScreenOutliers)
	for i, y := range ys {
		a.Sides[i] = sign(y - a.Mean)
	}
	if len(ys) < rules.MinPoints {
		return a
	}
	a.HasLimits = true
	a.UpperLimit, a.LowerLimit = a.Mean+limitFactor*a.MeanMR, a.Mean-limitFactor*a.MeanMR
	a.UpperNear, a.LowerNear = a.Mean+nearFactor*a.MeanMR, a.Mean-nearFactor*a.MeanMR
	close := make([]bool, len(ys))
	for i, y := range ys {
		outside := y > a.UpperLimit || y < a.LowerLimit
		close[i] = !outside && (y > a.UpperNear || y < a.LowerNear)
		if outside {
			a.Rules[i] = append(a.Rules[i], RuleOutside)
		}
	}
	for i, f := range runFlags(a.Sides, rules.Run) {
		if f {
			a.Rules[i] = append(a.Rules[i], RuleRun)
		}
	}
	for i, f := range trendFlags(ys, rules.Trend) {
		if f {
			a.Rules[i] = append(a.Rules[i], RuleTrend)
		}
	}
	for i, f := range twoOfThreeFlags(close, a.Sides) {
		if f {
			a.Rules[i] = append(a.Rules[i], RuleTwoOfThree)
		}
	}
	for i := range ys {
		if len(a.Rules[i]) > 0 {
			a.Types[i] = pointType(a.Sides[i], better)
		}
	}
	last := len(ys) - 1
	a.Variation = a.Types[last]
	if a.Variation != "common_cause" {
		if a.Sides[last] >= 0 {
			a.Variation += "_high"
		} else {
			a.Variation += "_low"
		}
	}
	if target != nil && better != Neither {
		switch t := *target; {
		case t > a.UpperLimit:
			a.Assurance = map[Better]string{Up: "consistent_fail", Down: "consistent_pass"}[better]
		case t < a.LowerLimit:
			a.Assurance = map[Better]string{Up: "consistent_pass", Down: "consistent_fail"}[better]
		default:
			a.Assurance = "inconsistent"
		}
	}
	return a
}

func pointType(side int, better Better) string {
	switch {
	case better == Neither:
		return "special_cause_neither"
	case (side > 0) == (better == Up) && side != 0:
		return "special_cause_improvement"
	default:
		return "special_cause_concern"
	}
}

// meanMovingRange is the mean of |y[i] - y[i-1]|, leaving out (when screen)
// any range above 3.267 times the first mean and averaging again.
func meanMovingRange(ys []float64, screen bool) float64 {
	if len(ys) < 2 {
		return 0
	}
	mrs := make([]float64, 0, len(ys)-1)
	for i := 1; i < len(ys); i++ {
		mrs = append(mrs, math.Abs(ys[i]-ys[i-1]))
	}
	m := mean(mrs)
	if !screen {
		return m
	}
	kept := mrs[:0:0]
	for _, r := range mrs {
		if r < screenFactor*m {
			kept = append(kept, r)
		}
	}
	if len(kept) == 0 {
		return m
	}
	return mean(kept)
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func sign(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// partOf marks every point of a run that ends where ends is true: each
// ending point and the n-1 before it.
func partOf(ends []bool, n int) []bool {
	out := make([]bool, len(ends))
	for i, e := range ends {
		if e {
			for j := max(0, i-n+1); j <= i; j++ {
				out[j] = true
			}
		}
	}
	return out
}

// runFlags marks points in a run of n or more on the same side of the mean;
// a point on the mean breaks a run.
func runFlags(sides []int, n int) []bool {
	ends := make([]bool, len(sides))
	for i := n - 1; i < len(sides); i++ {
		same := sides[i] != 0
		for j := i - n + 1; j < i && same; j++ {
			same = sides[j] == sides[i]
		}
		ends[i] = same
	}
	return partOf(ends, n)
}

// trendFlags marks points in n or more consecutive rising (or falling)
// points; an equal value breaks a trend. The only rule that crosses the mean.
func trendFlags(ys []float64, n int) []bool {
	ends := make([]bool, len(ys))
	for i := n - 1; i < len(ys); i++ {
		dir := sign(ys[i] - ys[i-1])
		ok := dir != 0
		for j := i - n + 2; j < i && ok; j++ {
			ok = sign(ys[j]-ys[j-1]) == dir
		}
		ends[i] = ok
	}
	return partOf(ends, n)
}

// twoOfThreeFlags marks the near-limit points of any three consecutive points,
// all on one side of the mean, of which two or more lie beyond two sigma (and
// inside the limits).
func twoOfThreeFlags(close []bool, sides []int) []bool {
	out := make([]bool, len(close))
	for i := 0; i+2 < len(close); i++ {
		n, s := 0, 0
		for j := i; j < i+3; j++ {
			if close[j] {
				n++
			}
			s += sides[j]
		}
		if n >= 2 && (s == 3 || s == -3) {
			for j := i; j < i+3; j++ {
				if close[j] {
					out[j] = true
				}
			}
		}
	}
	return out
}
