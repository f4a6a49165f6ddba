//go:build windows

package main

import (
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"unicode/utf16"
	"unsafe"
)

// spawn runs bin with this process's own command line, minus argv[0], passed
// on byte for byte: no re-quoting, so every argument reaches the program as
// the caller wrote it. Ctrl-C/Ctrl-Break go to the whole console: the shim
// swallows them and waits, so the program alone decides, and its exit code
// (including STATUS_CONTROL_C_EXIT) becomes the shim's.
func spawn(bin string, extraEnv []string) (int, error) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	go func() {
		for range sig {
		}
	}()
	cmd := exec.Command(bin)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = mergeEnv(os.Environ(), extraEnv)
	cmd.SysProcAttr = &syscall.SysProcAttr{CmdLine: quoteArg0(bin) + argTail(syscall.GetCommandLine())}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	err := cmd.Wait()
	if err != nil && cmd.ProcessState == nil {
		return 0, err
	}
	return int(uint32(cmd.ProcessState.ExitCode())), nil
}

// argTail returns the raw command line after argv[0], with its leading blank(s):
// argv[0] ends at the closing quote if it starts with one, else at the first
// space or tab (the rule CommandLineToArgvW and the C runtime use for argv[0]).
func argTail(p *uint16) string {
	line := wideString(p)
	i := 0
	if strings.HasPrefix(line, `"`) {
		j := strings.IndexByte(line[1:], '"')
		if j < 0 {
			return ""
		}
		i = j + 2
	} else {
		for i < len(line) && line[i] != ' ' && line[i] != '\t' {
			i++
		}
	}
	rest := line[i:]
	if rest == "" {
		return ""
	}
	if rest[0] != ' ' && rest[0] != '\t' {
		rest = " " + rest
	}
	return rest
}

func quoteArg0(s string) string {
	return `"` + s + `"`
}

func wideString(p *uint16) string {
	if p == nil {
		return ""
	}
	var s []uint16
	for q := unsafe.Pointer(p); *(*uint16)(q) != 0; q = unsafe.Pointer(uintptr(q) + 2) {
		s = append(s, *(*uint16)(q))
	}
	return string(utf16.Decode(s))
}
