// Package version holds the build's version, set by the linker in release builds.
package version

// Version and Commit are overridden with -ldflags "-X ...".
var (
	Version = "0.1.0-dev"
	Commit  = "unknown"
)
