// Version resolution for govm's native shim: a line-for-line port of
// src/domain/version-files.ts + src/domain/resolution.ts (and of the sh
// resolver in src/integrations/shims/posix.ts); test/conformance holds all of
// them to one table. The order:
//
//	GOVM_GO_VERSION → walking up from the working folder, the first folder with
//	.go-version, .tool-versions (golang/go entry), go.work, go.mod (in that
//	priority) → $GOVM_HOME/version → the system Go (first on PATH, not a shim).
//
// Nothing read from a file is ever run or looked up unchecked: a value must be
// [0-9a-z.] only and have a spec's shape, else the shim stops with an error
// naming the file and line.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

type shimError struct {
	msg  string
	hint string
	code int
}

func (e *shimError) Error() string { return e.msg }

func fail(code int, hint string, format string, a ...interface{}) error {
	return &shimError{msg: fmt.Sprintf(format, a...), hint: hint, code: code}
}

const (
	exitUsage        = 2
	exitNotInstalled = 127
)

// Request: what is asked for, and where it came from.
type Request struct {
	Spec  string // without the go prefix: 1.22, 1.22.3, latest
	Shape string // latest, oldstable, major, minor, patch, pre
	A, B  int    // major, minor (when the shape has them)
	C     int    // patch, or the pre-release number
	Kind  string // exact | minimum
	Src   string // env | file | global
	File  string
	Line  int
}

const num = `(?:0|[1-9][0-9]{0,8})`

var canonicalRE = regexp.MustCompile(`^` + num + `(?:\.x|\.` + num + `(?:\.x|\.` + num + `|(?:alpha|beta|rc)` + num + `)?)?$`)
var plainRE = regexp.MustCompile(`^[0-9a-z.]+$`)
var goLineRE = regexp.MustCompile(`^` + num + `\.` + num + `(?:\.` + num + `|(?:rc|beta)` + num + `)?$`)
var partsRE = regexp.MustCompile(`^(\d+)(?:\.(x|\d+)(?:\.(x|\d+)|(alpha|beta|rc)(\d+))?)?$`)

func where(file string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}

func badFile(file string, line int, format string, a ...interface{}) error {
	return fail(exitUsage, "a version file holds one plain version such as 1.22, 1.22.3, go1.22.3 or latest",
		"%s: %s", where(file, line), fmt.Sprintf(format, a...))
}

func shown(v string) string {
	if len([]rune(v)) > 40 {
		v = string([]rune(v)[:40]) + "…"
	}
	return strconv.Quote(v)
}

// checkPlain validates one value and returns its request (spec without `go`).
func checkPlain(value, file string, line int) (Request, error) {
	if !plainRE.MatchString(value) {
		return Request{}, badFile(file, line, "%s is not a version (only 0-9, a-z and '.' are allowed)", shown(value))
	}
	bare := strings.TrimPrefix(value, "go")
	r := Request{Spec: bare, Kind: "exact", File: file, Line: line}
	switch bare {
	case "latest", "stable":
		r.Shape = "latest"
		return r, nil
	case "oldstable":
		r.Shape = "oldstable"
		return r, nil
	}
	m := partsRE.FindStringSubmatch(bare)
	if bare == "" || !canonicalRE.MatchString(bare) || m == nil {
		return Request{}, badFile(file, line, "%s is not a version", shown(value))
	}
	r.A, _ = strconv.Atoi(m[1])
	switch {
	case m[2] == "" || m[2] == "x":
		r.Shape = "major"
	case m[4] != "":
		r.Shape = "pre"
		r.B, _ = strconv.Atoi(m[2])
		r.C, _ = strconv.Atoi(m[5])
	case m[3] == "" || m[3] == "x":
		r.Shape = "minor"
		r.B, _ = strconv.Atoi(m[2])
	default:
		r.Shape = "patch"
		r.B, _ = strconv.Atoi(m[2])
		r.C, _ = strconv.Atoi(m[3])
	}
	return r, nil
}

func lines(text string) []string {
	ls := strings.Split(text, "\n")
	for i, l := range ls {
		ls[i] = strings.TrimSuffix(l, "\r")
	}
	return ls
}

func trim(s string) string { return strings.Trim(s, " \t") }

// parseGoVersion: .go-version and $GOVM_HOME/version. ok=false: names no version.
func parseGoVersion(text, file string) (Request, bool, error) {
	var found Request
	ok := false
	for i, raw := range lines(text) {
		value := trim(strings.SplitN(raw, "#", 2)[0])
		if value == "" {
			continue
		}
		if ok {
			return Request{}, false, badFile(file, i+1, "a second version after line %d (one version per file)", found.Line)
		}
		r, err := checkPlain(value, file, i+1)
		if err != nil {
			return Request{}, false, err
		}
		found, ok = r, true
	}
	return found, ok, nil
}

// parseToolVersions: asdf's `golang 1.22.3 1.21.0` (or `go …`); the first listed wins.
func parseToolVersions(text, file string) (Request, bool, error) {
	for i, raw := range lines(text) {
		body := trim(strings.SplitN(raw, "#", 2)[0])
		tool := body
		if j := strings.IndexAny(body, " \t"); j >= 0 {
			tool = body[:j]
		}
		if tool != "golang" && tool != "go" {
			continue
		}
		first := trim(body[len(tool):])
		if j := strings.IndexAny(first, " \t"); j >= 0 {
			first = first[:j]
		}
		if first == "" {
			return Request{}, false, badFile(file, i+1, "'%s' lists no version", tool)
		}
		r, err := checkPlain(first, file, i+1)
		return r, err == nil, err
	}
	return Request{}, false, nil
}

// parseGoMod: go.mod / go.work. `toolchain goX.Y.Z` pins exactly (`default`:
// none); else the `go` line is a minimum. Lines in ( … ) blocks are skipped.
func parseGoMod(text, file string) (Request, bool, error) {
	var goReq, tcReq Request
	haveGo, haveTc, tcDefault, inBlock := false, false, false, false
	for i, raw := range lines(text) {
		body := trim(strings.SplitN(raw, "//", 2)[0])
		if inBlock {
			if strings.HasPrefix(body, ")") {
				inBlock = false
			}
			continue
		}
		if strings.HasSuffix(body, "(") {
			inBlock = true
			continue
		}
		var verb string
		switch {
		case strings.HasPrefix(body, "go ") || strings.HasPrefix(body, "go\t"):
			verb = "go"
		case strings.HasPrefix(body, "toolchain ") || strings.HasPrefix(body, "toolchain\t"):
			verb = "toolchain"
		default:
			continue
		}
		arg := trim(body[len(verb):])
		if strings.ContainsAny(arg, " \t") {
			return Request{}, false, badFile(file, i+1, "'%s' takes one version, got %s", verb, strconv.Quote(arg))
		}
		if verb == "go" {
			if haveGo {
				continue
			}
			if !goLineRE.MatchString(arg) {
				return Request{}, false, badFile(file, i+1, "'go' needs a Go version such as 1.21 or 1.21.3, got %s", strconv.Quote(arg))
			}
			r, err := checkPlain(arg, file, i+1)
			if err != nil {
				return Request{}, false, err
			}
			r.Kind = "minimum"
			goReq, haveGo = r, true
			continue
		}
		if haveTc || tcDefault {
			continue
		}
		if arg == "default" {
			tcDefault = true
			continue
		}
		if !strings.HasPrefix(arg, "go") {
			return Request{}, false, badFile(file, i+1, "toolchain must be 'default' or goX.Y.Z, got %s", strconv.Quote(arg))
		}
		r, err := checkPlain(arg, file, i+1)
		if err != nil {
			return Request{}, false, err
		}
		tcReq, haveTc = r, true
	}
	if haveTc {
		return tcReq, true, nil
	}
	return goReq, haveGo, nil
}

func readFile(p string) (string, bool) {
	st, err := os.Stat(p)
	if err != nil || st.IsDir() {
		return "", false
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return "", false
	}
	return string(data), true
}

// FindRequest walks the resolution order. ok=false: nothing asks (system Go).
func FindRequest(cwd, home string, getenv func(string) string) (Request, bool, error) {
	if env := trim(getenv("GOVM_GO_VERSION")); env != "" {
		r, err := checkPlain(env, "GOVM_GO_VERSION", 0)
		r.Src = "env"
		return r, err == nil, err
	}
	for dir := cwd; ; {
		for _, name := range []string{".go-version", ".tool-versions", "go.work", "go.mod"} {
			p := filepath.Join(dir, name)
			text, exists := readFile(p)
			if !exists {
				continue
			}
			var r Request
			var ok bool
			var err error
			switch name {
			case ".go-version":
				r, ok, err = parseGoVersion(text, p)
			case ".tool-versions":
				r, ok, err = parseToolVersions(text, p)
			default:
				r, ok, err = parseGoMod(text, p)
			}
			if err != nil {
				return Request{}, false, err
			}
			if ok {
				r.Src = "file"
				return r, true, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	global := filepath.Join(home, "version")
	if text, exists := readFile(global); exists {
		r, ok, err := parseGoVersion(text, global)
		if err != nil || ok {
			r.Src = "global"
			return r, ok, err
		}
	}
	return Request{}, false, nil
}

// InstallSpec: what `govm install` gets when nothing installed matches.
func (r Request) InstallSpec() string {
	if r.Kind == "minimum" {
		return fmt.Sprintf("%d.%d", r.A, r.B)
	}
	return r.Spec
}

// NeedsGovm: only govm itself can decide (oldstable needs the index; a
// pre-release `go` line needs Go's ordering of pre-releases).
func (r Request) NeedsGovm() bool {
	return (r.Kind == "exact" && r.Shape == "oldstable") || (r.Kind == "minimum" && r.Shape == "pre")
}

type release struct{ x, y, z int }

// installedReleases: the stable release folders under versions/ (X.Y.Z, or a
// bare X.Y before 1.21 where it is the release X.Y.0).
func installedReleases(home string) map[string]release {
	out := map[string]release{}
	ents, _ := os.ReadDir(filepath.Join(home, "versions"))
	re := regexp.MustCompile(`^(` + num + `)\.(` + num + `)(?:\.(` + num + `))?$`)
	for _, e := range ents {
		if !e.IsDir() && !isDir(filepath.Join(home, "versions", e.Name())) { // a link to a GOROOT counts
			continue
		}
		m := re.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		z := 0
		if m[3] != "" {
			z, _ = strconv.Atoi(m[3])
		} else if !(x == 0 || (x == 1 && y < 21)) {
			continue // a bare 1.21+ is a language version, never a release
		}
		out[e.Name()] = release{x, y, z}
	}
	return out
}

// newest: the newest installed stable release with major a, minor b (-1: any) and patch ≥ c.
func newest(have map[string]release, a, b, c int) string {
	best, bn := release{-1, -1, -1}, ""
	for name, r := range have {
		if (a >= 0 && r.x != a) || (b >= 0 && r.y != b) || r.z < c {
			continue
		}
		if r.x > best.x || (r.x == best.x && (r.y > best.y || (r.y == best.y && r.z > best.z))) {
			best, bn = r, name
		}
	}
	return bn
}

// PickInstalled: the installed folder name a request runs, or "".
func PickInstalled(r Request, home string) string {
	have := installedReleases(home)
	if r.Kind == "minimum" {
		c := 0
		if r.Shape == "patch" {
			c = r.C
		}
		return newest(have, r.A, r.B, c)
	}
	switch r.Shape {
	case "latest":
		return newest(have, -1, -1, 0)
	case "major":
		return newest(have, r.A, -1, 0)
	case "minor":
		return newest(have, r.A, r.B, 0)
	}
	// patch or pre: that exact folder (1.20.0 is the folder 1.20 before 1.21).
	name := r.Spec
	if !isDir(filepath.Join(home, "versions", name)) && r.Shape == "patch" && r.C == 0 && (r.A == 0 || (r.A == 1 && r.B < 21)) {
		name = fmt.Sprintf("%d.%d", r.A, r.B)
	}
	if isDir(filepath.Join(home, "versions", name)) {
		return name
	}
	return ""
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
