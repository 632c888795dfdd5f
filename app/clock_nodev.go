//go:build !dev

package main

import "time"

// appClock is the real clock: the dev build's test hooks do not exist here.
func appClock() func() time.Time { return time.Now }
