//go:build unix && !linux

package e2e

import "syscall"

// sysProcAttr puts a validator in its own process group: the harness signals
// the group.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
