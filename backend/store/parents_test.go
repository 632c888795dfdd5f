package store

import (
	"slices"
	"testing"
)

func TestIDSet_KeepsEveryIDOnce(t *testing.T) {
	var s idSet
	in := []int64{1, 63, 64, 65, 4096, idBitmapMax - 1, idBitmapMax, 1 << 40, -3, 64, 1}
	for _, id := range in {
		s.add(id)
	}
	var got []int64
	s.each(func(id int64) error { got = append(got, id); return nil })
	slices.Sort(got)
	want := []int64{-3, 1, 63, 64, 65, 4096, idBitmapMax - 1, idBitmapMax, 1 << 40}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestMonthCache_FollowsLondonMonthsAcrossClockChanges(t *testing.T) {
	var c monthCache
	for _, unix := range []int64{
		1711846800, // 2024-03-31 01:00 UTC, just after the spring change
		1711929599, // 2024-03-31 23:59:59 UTC is 1 April 00:59:59 in London
		1704067199, // 2023-12-31 23:59:59 UTC
		1730415600, // 2024-10-31 23:00 UTC is 31 October 23:00 in London (GMT again)
		1730419200, // 2024-11-01 00:00 UTC
	} {
		if got, want := c.key(unix), MonthKey(unix); got != want {
			t.Errorf("%d: cached %s, want %s", unix, got, want)
		}
	}
}
