//go:build dev

package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/nhs-redline/redline/backend/transcribe"
)

// devWhisper lets end-to-end tests point the whisper engine at the stand-in program:
// REDLINE_DEV_WHISPER="PROGRAM|MODEL". Honoured only in dev builds.
func devWhisper() *transcribe.Whisper {
	v := os.Getenv("REDLINE_DEV_WHISPER")
	prog, model, ok := strings.Cut(v, "|")
	if !ok {
		return nil
	}
	return &transcribe.Whisper{Program: prog, Model: model, Threads: 2}
}

// devSavePath answers the save dialog in end-to-end tests, where a GTK dialog under Xvfb would
// block: REDLINE_DEV_SAVE_DIR=DIR saves to DIR/<suggested name>. Honoured only in dev builds.
func devSavePath(name string) string {
	if d := os.Getenv("REDLINE_DEV_SAVE_DIR"); d != "" {
		return filepath.Join(d, filepath.Base(name))
	}
	return ""
}
