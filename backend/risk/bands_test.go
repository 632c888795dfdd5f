package risk

import (
	"strings"
	"testing"
)

func TestDefaultBands_ClassifyEveryRating(t *testing.T) {
	want := map[int]string{1: "Low", 2: "Low", 3: "Low", 4: "Moderate", 5: "Moderate", 6: "Moderate",
		8: "High", 9: "High", 10: "High", 12: "High", 15: "Extreme", 16: "Extreme", 20: "Extreme", 25: "Extreme"}
	if err := DefaultBands.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := Ratings(); len(got) != len(want) {
		t.Fatalf("ratings %v, want the %d achievable products", got, len(want))
	}
	for _, r := range Ratings() {
		b, ok := DefaultBands.Classify(r)
		if !ok || b.Label != want[r] {
			t.Errorf("rating %d classified %q (%v), want %q", r, b.Label, ok, want[r])
		}
	}
}

func TestScore_RatingIsConsequenceTimesLikelihood(t *testing.T) {
	for _, tc := range []struct {
		s    Score
		want int
	}{{Score{1, 1}, 1}, {Score{5, 5}, 25}, {Score{4, 3}, 12}, {Score{2, 5}, 10}} {
		if got := tc.s.Rating(); got != tc.want {
			t.Errorf("%+v rating %d, want %d", tc.s, got, tc.want)
		}
	}
	for _, bad := range []Score{{0, 3}, {6, 1}, {3, 0}, {3, 6}} {
		if bad.Check() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestBandSet_ValidateRefusesGapsOverlapsAndDisorder(t *testing.T) {
	cases := []struct {
		name string
		bs   BandSet
		want string
	}{
		{"empty", BandSet{}, "empty"},
		{"gap at 12", BandSet{{"Low", 1, 6, ""}, {"High", 15, 25, ""}}, "rating of 8"},
		{"overlap", BandSet{{"Low", 1, 6, ""}, {"High", 5, 25, ""}}, "overlaps"},
		{"unnamed", BandSet{{" ", 1, 25, ""}}, "no name"},
		{"duplicate", BandSet{{"Low", 1, 6, ""}, {"low", 7, 25, ""}}, "two bands"},
		{"out of range", BandSet{{"All", 0, 25, ""}}, "1 to 25"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.bs.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error mentioning %q", err, tc.want)
			}
		})
	}
}

func TestBandSet_TrustBandsChangeTheClassification(t *testing.T) {
	// A trust that calls 10-12 "Significant" and starts Extreme at 15.
	trust := BandSet{{"Low", 1, 3, ""}, {"Moderate", 4, 9, ""}, {"Significant", 10, 12, ""}, {"Extreme", 15, 25, ""}}
	if err := trust.Validate(); err != nil {
		t.Fatal(err)
	}
	for r, want := range map[int]string{8: "Moderate", 9: "Moderate", 10: "Significant", 15: "Extreme"} {
		if b, _ := trust.Classify(r); b.Label != want {
			t.Errorf("rating %d: %q, want %q", r, b.Label, want)
		}
	}
	back, err := ParseBands(trust.JSON())
	if err != nil || len(back) != 4 || back[2].Label != "Significant" {
		t.Fatalf("round trip: %v %v", back, err)
	}
}

func FuzzParseBands(f *testing.F) {
	f.Add(DefaultBands.JSON())
	f.Add(`[{"label":"x","min":1,"max":25}]`)
	f.Add(`[{"label":"a","min":3,"max":1}]`)
	f.Add(`nope`)
	f.Fuzz(func(t *testing.T, s string) {
		bs, err := ParseBands(s)
		if err != nil {
			return
		}
		for _, r := range Ratings() {
			if _, ok := bs.Classify(r); !ok {
				t.Fatalf("valid band set %s leaves %d unclassified", s, r)
			}
		}
	})
}
