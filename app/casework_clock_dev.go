//go:build dev

package main

import (
	"os"
	"time"
)

// devClockOffset lets end-to-end tests move casework's clock forward (say,
// past a false alarm's 24 hours): REDLINE_CLOCK_OFFSET=25h. Dev builds only.
func devClockOffset() time.Duration {
	d, err := time.ParseDuration(os.Getenv("REDLINE_CLOCK_OFFSET"))
	if err != nil {
		return 0
	}
	return d
}
