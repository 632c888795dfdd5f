// Added for Redline: the table-driven decode gives what the bit-by-bit walk gives.

package huffman

import (
	"math/rand"
	"testing"

	"github.com/hajimehoshi/go-mp3/internal/bits"
)

func TestDecode_LookupMatchesTreeWalk(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for table := 0; table < 34; table++ {
		if huffmanMain[table].treelen == 0 {
			continue
		}
		for n := 0; n < 300; n++ {
			buf := make([]byte, 1+r.Intn(12))
			r.Read(buf)
			fast, slow := bits.New(buf), bits.New(append([]byte(nil), buf...))
			for k := 0; k < 6; k++ {
				x1, y1, v1, w1, err1 := Decode(fast, table)
				x2, y2, v2, w2, err2 := decodeByWalk(slow, table)
				if x1 != x2 || y1 != y2 || v1 != v2 || w1 != w2 || (err1 == nil) != (err2 == nil) || fast.BitPos() != slow.BitPos() {
					t.Fatalf("table %d, %x word %d: lookup (%d %d %d %d %v) at bit %d, walk (%d %d %d %d %v) at bit %d",
						table, buf, k, x1, y1, v1, w1, err1, fast.BitPos(), x2, y2, v2, w2, err2, slow.BitPos())
				}
				if err1 != nil {
					break
				}
			}
		}
	}
}

// decodeByWalk is Decode without the lookup table.
func decodeByWalk(m *bits.Bits, table int) (int, int, int, int, error) {
	saved := lookup[table]
	lookup[table] = &[256]uint16{}
	defer func() { lookup[table] = saved }()
	return Decode(m, table)
}
