// Package risk owns the risk register's rules: the NHS 5x5 matrix, the band
// sets that classify a rating, re-scoring with reasons, and links from risks
// to incidents and hotspots.
package risk

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Band is one named range of ratings, inclusive at both ends.
type Band struct {
	Label  string `json:"label"`
	Min    int    `json:"min"`
	Max    int    `json:"max"`
	Colour string `json:"colour"` // CSS hex, for the heat grid and the spreadsheet
}

// BandSet is the trust's banding of ratings 1..25, lowest band first.
type BandSet []Band

// DefaultBands are the NHS defaults the guidance describes.
var DefaultBands = BandSet{
	{Label: "Low", Min: 1, Max: 3, Colour: "#007f3b"},
	{Label: "Moderate", Min: 4, Max: 6, Colour: "#ffb81c"},
	{Label: "High", Min: 8, Max: 12, Colour: "#ed8b00"},
	{Label: "Extreme", Min: 15, Max: 25, Colour: "#d5281b"},
}

// SettingKey is where the trust's band set is kept in settings.
const SettingKey = "risk.bands"

// Ratings are the products a 5x5 matrix can give: 7, 11, 13, 14 and the
// like never occur, which is why the default bands have gaps.
func Ratings() []int {
	seen := map[int]bool{}
	for c := 1; c <= 5; c++ {
		for l := 1; l <= 5; l++ {
			seen[c*l] = true
		}
	}
	out := make([]int, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Ints(out)
	return out
}

// Validate checks that every achievable rating falls in exactly one band and
// that bands are named and ordered, so no score is left unclassified.
func (bs BandSet) Validate() error {
	if len(bs) == 0 {
		return fmt.Errorf("the risk band set is empty: add at least one band")
	}
	names := map[string]bool{}
	for i, b := range bs {
		label := strings.TrimSpace(b.Label)
		switch {
		case label == "":
			return fmt.Errorf("band %d has no name", i+1)
		case names[strings.ToLower(label)]:
			return fmt.Errorf("two bands are called %q: give each band its own name", label)
		case b.Min < 1 || b.Max > 25 || b.Min > b.Max:
			return fmt.Errorf("band %q runs from %d to %d: ratings go from 1 to 25 and the lower end must come first", label, b.Min, b.Max)
		case i > 0 && b.Min <= bs[i-1].Max:
			return fmt.Errorf("band %q (%d-%d) overlaps or comes before band %q (%d-%d): list bands from lowest to highest without overlap",
				label, b.Min, b.Max, bs[i-1].Label, bs[i-1].Min, bs[i-1].Max)
		}
		names[strings.ToLower(label)] = true
	}
	for _, r := range Ratings() {
		if _, ok := bs.Classify(r); !ok {
			return fmt.Errorf("a rating of %d is in no band: widen a band to cover it", r)
		}
	}
	return nil
}

// Classify returns the band holding rating.
func (bs BandSet) Classify(rating int) (Band, bool) {
	for _, b := range bs {
		if rating >= b.Min && rating <= b.Max {
			return b, true
		}
	}
	return Band{}, false
}

// JSON is the canonical text stored with every score.
func (bs BandSet) JSON() string {
	b, _ := json.Marshal(bs)
	return string(b)
}

// ParseBands reads a band set from settings or a score row and validates it.
func ParseBands(s string) (BandSet, error) {
	var bs BandSet
	if err := json.Unmarshal([]byte(s), &bs); err != nil {
		return nil, fmt.Errorf("the risk band setting is not readable (%v): restore the defaults in Settings", err)
	}
	return bs, bs.Validate()
}

// Consequences and Likelihoods are the matrix's axis labels (NHS 5x5).
var (
	Consequences = [6]string{"", "Negligible", "Minor", "Moderate", "Major", "Catastrophic"}
	Likelihoods  = [6]string{"", "Rare", "Unlikely", "Possible", "Likely", "Almost certain"}
)

// Score is one point on the matrix.
type Score struct {
	Consequence int `json:"consequence"`
	Likelihood  int `json:"likelihood"`
}

// Check says in words what is wrong with an off-matrix score.
func (s Score) Check() error {
	if s.Consequence < 1 || s.Consequence > 5 {
		return fmt.Errorf("consequence must be 1 (negligible) to 5 (catastrophic), not %d", s.Consequence)
	}
	if s.Likelihood < 1 || s.Likelihood > 5 {
		return fmt.Errorf("likelihood must be 1 (rare) to 5 (almost certain), not %d", s.Likelihood)
	}
	return nil
}

// Rating is consequence times likelihood.
func (s Score) Rating() int { return s.Consequence * s.Likelihood }

// Describe reads a score in words: "4 x 3 = 12 (High)".
func Describe(s Score, band string) string {
	return fmt.Sprintf("%d x %d = %d (%s)", s.Consequence, s.Likelihood, s.Rating(), band)
}
