//go:build !windows

package main

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

// spawn runs bin with this process's arguments (POSIX has no command line to
// re-parse: argv is passed as is). Interrupts are left to the child, and the
// exit code, or 128+signal, becomes the shim's. Lets the conformance table
// run this shim on Linux too.
func spawn(bin string, extraEnv []string) (int, error) {
	signal.Ignore(os.Interrupt, syscall.SIGQUIT)
	cmd := exec.Command(bin, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = mergeEnv(os.Environ(), extraEnv)
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return 0, err
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal()), nil
	}
	return cmd.ProcessState.ExitCode(), nil
}
