//go:build unix

package solc

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes an exclusive flock on f without blocking, reporting false
// when another open file holds it. flock locks belong to the open file, so
// two goroutines of one process that each open the lock file exclude each
// other as two processes do.
func tryLock(f *os.File) (bool, error) {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		case errors.Is(err, syscall.EINTR):
			continue
		default:
			return false, err
		}
	}
}
