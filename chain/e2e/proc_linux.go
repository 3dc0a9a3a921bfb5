package e2e

import "syscall"

// sysProcAttr puts a validator in its own process group (the harness signals
// the group), and has the kernel kill it if the test process dies first (a
// test binary killed by -timeout runs no cleanup).
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
