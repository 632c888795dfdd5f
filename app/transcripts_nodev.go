//go:build !dev

package main

import "github.com/nhs-redline/redline/backend/transcribe"

// devWhisper is the dev-build test hook; release builds read Settings only.
func devWhisper() *transcribe.Whisper { return nil }

// devSavePath is the dev-build test hook for the save dialog; release builds always ask.
func devSavePath(string) string { return "" }
