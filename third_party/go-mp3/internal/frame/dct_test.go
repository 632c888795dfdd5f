// Added for Redline: the fast synthesis against upstream's matrix form.

package frame

import (
	"math"
	"math/rand"
	"testing"
)

func TestDCT32_MatchesDefinition(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 100; n++ {
		var x [32]float64
		for i := range x {
			x[i] = r.NormFloat64()
		}
		want := make([]float64, 32)
		for k := range want {
			for j, v := range x {
				want[k] += v * math.Cos(float64((2*j+1)*k)*math.Pi/64)
			}
		}
		dct32(&x)
		for k := range want {
			if math.Abs(x[k]-want[k]) > 1e-9 {
				t.Fatalf("X[%d] = %v, want %v", k, x[k], want[k])
			}
		}
	}
}

func TestPow2_IsMathPow(t *testing.T) {
	for q := -1100; q < 300; q++ {
		idx := float64(q) / 4
		if got, want := pow2(idx), math.Pow(2, idx); got != want {
			t.Fatalf("pow2(%v) = %v, want %v", idx, got, want)
		}
	}
	if got, want := pow2(0.3), math.Pow(2, 0.3); got != want {
		t.Fatalf("pow2(0.3) = %v, want %v", got, want)
	}
}
