package trends

import "math"

// NHS disclosure practice below national level, for anything shared beyond
// the security team: counts 1 to 7 are hidden, others rounded to the nearest 5.
const (
	hideUpTo = 7
	roundTo  = 5
)

// sharer publishes figures for an audience: exact for the security team,
// suppressed and rounded when shared.
type sharer bool

// Suppress is a count as it may be shared: 0 as 0, 1 to 7 hidden, others
// rounded to the nearest 5.
func Suppress(n int) Value {
	switch {
	case n == 0:
		return Of(0)
	case n > 0 && n <= hideUpTo:
		return Value{Suppressed: true}
	}
	return Of(math.Round(float64(n)/roundTo) * roundTo)
}

func (s sharer) count(n int) Value {
	if s {
		return Suppress(n)
	}
	return Of(float64(n))
}

// SecondarySuppress hides a further cell wherever the shown total and the
// other shown cells would give away a hidden one: if exactly one cell with
// a non-zero count is hidden, the smallest other non-zero cell is hidden too
// (or, with none, the total). exact are the cells' true counts.
func SecondarySuppress(cells []*Value, exact []int, total *Value) {
	if total == nil || total.Suppressed {
		return
	}
	hidden, next := 0, -1
	for i, c := range cells {
		if c.Suppressed {
			hidden++
			continue
		}
		if exact[i] > 0 && (next < 0 || exact[i] < exact[next]) {
			next = i
		}
	}
	if hidden != 1 {
		return
	}
	if next >= 0 {
		*cells[next] = Value{Suppressed: true}
		return
	}
	*total = Value{Suppressed: true}
}
