//go:build !windows

package transcribe

import (
	"os/exec"
	"syscall"
)

// killTree puts the program in its own process group so cancelling kills its children too.
func killTree(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
