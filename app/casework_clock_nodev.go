//go:build !dev

package main

import "time"

// devClockOffset is the dev-build test hook; release builds use the real clock.
func devClockOffset() time.Duration { return 0 }
