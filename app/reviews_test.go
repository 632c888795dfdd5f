package main

import (
	"github.com/nhs-redline/redline/backend/testclock"
	"testing"
)

// A case with no review yet gets an empty form; a database that cannot be
// read is an error, never an empty form that hides it.
func TestReviews_ForCaseEmptyOnlyWhenNoReviewExists(t *testing.T) {
	s, ws := testSession(t, testclock.Now())
	r := &Reviews{s: s, platform: func() platform { return nullPlatform{} }}
	v, err := r.ForCase(42)
	if err != nil || v.Factors == nil || v.Actions == nil {
		t.Fatalf("no review yet: %+v, %v", v, err)
	}
	ws.Store.Close()
	if _, err := r.ForCase(42); err == nil {
		t.Fatal("a closed database read as an empty review")
	}
}
