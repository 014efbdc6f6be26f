//go:build unix && !wasm

package server

import "syscall"

// fdLimit is the process's limit on open files, 0 when unknown.
func fdLimit() int {
	var l syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l) != nil || l.Cur > 1<<30 {
		return 0
	}
	return int(l.Cur)
}
