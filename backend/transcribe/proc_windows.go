//go:build windows

package transcribe

import "os/exec"

// killTree: on Windows exec.CommandContext kills the program itself; whisper-cli starts no children.
func killTree(cmd *exec.Cmd) {}
