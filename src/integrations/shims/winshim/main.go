// govm's native shim (used on Windows, where .cmd shims mangle arguments and
// prompt "Terminate batch job (Y/N)?" on Ctrl-C). One binary, copied as
// $GOVM_HOME\shims\go.exe, gofmt.exe, …: it runs the program named like itself
// from the version the working folder resolves to (see resolve.go), with
// GOROOT set to that version and GOTOOLCHAIN=local unless the user set it.
// The command line is passed on verbatim (exec_windows.go) and the exit code
// is the program's own. No Node.js on this path, except for auto-install.
//
// govm compiles this once per source hash with an installed Go toolchain
// (src/integrations/shims/winshim/build.ts); it builds on Go ≥ 1.19 and any OS.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

func main() {
	code, err := run()
	if err != nil {
		var se *shimError
		if errors.As(err, &se) {
			fmt.Fprintf(os.Stderr, "govm: %s\n", se.msg)
			if se.hint != "" {
				fmt.Fprintf(os.Stderr, "  hint: %s\n", se.hint)
			}
			os.Exit(se.code)
		}
		fmt.Fprintf(os.Stderr, "govm: shim: %v\n", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}

func run() (int, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, err
	}
	shimDir := filepath.Dir(self)
	prog := filepath.Base(self)
	if ext := filepath.Ext(prog); strings.EqualFold(ext, ".exe") {
		prog = prog[:len(prog)-len(ext)]
	}
	// The shims folder belongs to one home: $GOVM_HOME\shims.
	home := filepath.Dir(shimDir)
	if os.Getenv("GOVM_SHIM_DEBUG") == "home" {
		fmt.Fprintln(os.Stderr, home)
	}
	cwd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	req, ok, err := FindRequest(cwd, home, os.Getenv)
	if err != nil {
		return 0, err
	}
	if !ok {
		sys := systemProgram(prog, shimDir)
		if sys == "" {
			return 0, fail(exitNotInstalled, "",
				"no Go version is selected here and there is no %s on PATH; run: govm global <version>", prog)
		}
		return spawn(sys, nil)
	}
	if req.NeedsGovm() {
		return runGovm(home, []string{"exec", "--", prog}, true)
	}
	name := PickInstalled(req, home)
	if name == "" && autoInstall(home) {
		if code, err := runGovm(home, []string{"install", req.InstallSpec()}, false); err != nil || code != 0 {
			return code, err
		}
		name = PickInstalled(req, home)
	}
	if name == "" {
		what := "Go " + req.Spec
		if req.Kind == "minimum" {
			what = "go >= " + req.Spec
		}
		if req.File != "" && req.Src != "env" {
			what += " (from " + req.File + ")"
		}
		return 0, fail(exitNotInstalled, "", "%s is not installed; run: govm install %s", what, req.InstallSpec())
	}
	root := filepath.Join(home, "versions", name)
	bin := filepath.Join(root, "bin", prog+exeSuffix())
	if st, err := os.Stat(bin); err != nil || st.IsDir() {
		return 0, fail(exitNotInstalled, "", "Go %s has no program %s", name, prog)
	}
	env := []string{"GOROOT=" + root}
	if os.Getenv("GOTOOLCHAIN") == "" {
		env = append(env, "GOTOOLCHAIN=local")
	}
	return spawn(bin, env)
}

// systemProgram: the first prog on PATH that is not in govm's shims folder.
// (any folder holding a `.govm` marker is a govm shims folder).
func systemProgram(prog, shimDir string) string {
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir == "" {
			dir = "."
		}
		if sameDir(dir, shimDir) {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, ".govm")); err == nil {
			continue
		}
		p := filepath.Join(dir, prog+exeSuffix())
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

func sameDir(a, b string) bool {
	a, b = filepath.Clean(a), filepath.Clean(b)
	if runtime.GOOS == "windows" {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// autoInstall: GOVM_AUTO_INSTALL, else config.json's autoInstall (as govm reads them).
func autoInstall(home string) bool {
	if v, ok := boolSetting(os.Getenv("GOVM_AUTO_INSTALL")); ok {
		return v
	}
	data, err := os.ReadFile(filepath.Join(home, "config.json"))
	if err != nil {
		return false
	}
	var cfg map[string]interface{}
	if json.Unmarshal(data, &cfg) != nil {
		return false
	}
	switch v := cfg["autoInstall"].(type) {
	case bool:
		return v
	case string:
		b, _ := boolSetting(v)
		return b
	}
	return false
}

func boolSetting(s string) (value, ok bool) {
	switch strings.ToLower(s) {
	case "1", "true", "yes", "on":
		return true, true
	case "0", "false", "no", "off":
		return false, true
	}
	return false, false
}

// runGovm runs govm with the node + script recorded in shims\.govm (the marker
// file shim sync writes: line 1 node, line 2 govm.cjs), else `govm` from PATH. With
// passArgs, this shim's own arguments follow (delegation: `govm exec -- go …`).
func runGovm(home string, args []string, passArgs bool) (int, error) {
	var argv []string
	data, err := os.ReadFile(filepath.Join(home, "shims", ".govm"))
	ls := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	if err == nil && len(ls) >= 2 && ls[0] != "" && ls[1] != "" {
		argv = []string{ls[0], ls[1]}
	} else if p, lerr := exec.LookPath("govm"); lerr == nil {
		argv = []string{p}
	} else {
		return 0, fail(exitNotInstalled, "", "govm is not on PATH (needed for: govm %s)", strings.Join(args, " "))
	}
	argv = append(argv, args...)
	if passArgs {
		argv = append(argv, os.Args[1:]...)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if !passArgs {
		cmd.Stdout = os.Stderr
	}
	cmd.Env = mergeEnv(os.Environ(), []string{"GOVM_HOME=" + home})
	err = cmd.Run()
	if cmd.ProcessState != nil {
		return cmd.ProcessState.ExitCode(), nil
	}
	return 0, err
}
