// Added for Redline: the allocation-free IMDCT against the reference form.

package imdct

import (
	"math"
	"math/rand"
	"testing"
)

func TestWinTo_MatchesWin(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for bt := 0; bt < 4; bt++ {
		for n := 0; n < 200; n++ {
			var in [18]float32
			for i := range in {
				if r.Intn(3) > 0 {
					in[i] = float32(r.NormFloat64())
				}
			}
			want := Win(in[:], bt)
			var got [36]float32
			WinTo(&got, in[:], bt)
			for i := range got {
				if math.Abs(float64(got[i]-want[i])) > 1e-5 {
					t.Fatalf("block type %d output %d: %v, want %v", bt, i, got[i], want[i])
				}
			}
		}
	}
}
