//go:build dev

package main

import (
	"os"
	"time"
)

// appClock is the end-to-end tests' hook on the window's clock. REDLINE_NOW
// (RFC 3339) starts the clock at that instant, so a test sees the same day
// whatever day it runs; REDLINE_CLOCK_OFFSET (say 25h, past a false alarm's
// 24 hours) moves it forward. The clock still runs. Dev builds only.
func appClock() func() time.Time {
	offset, err := time.ParseDuration(os.Getenv("REDLINE_CLOCK_OFFSET"))
	if err != nil {
		offset = 0
	}
	pinned, err := time.Parse(time.RFC3339, os.Getenv("REDLINE_NOW"))
	if err != nil {
		return func() time.Time { return time.Now().Add(offset) }
	}
	started := time.Now()
	return func() time.Time { return pinned.Add(time.Since(started) + offset) }
}
