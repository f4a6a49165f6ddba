package main

import (
	"runtime"
	"strings"
)

// mergeEnv overrides base with extra (KEY=VALUE); keys compare without case on Windows.
func mergeEnv(base, extra []string) []string {
	key := func(kv string) string {
		k := kv
		if i := strings.IndexByte(kv[1:], '='); i >= 0 { // a leading '=' is part of the name (=C:)
			k = kv[:i+1]
		}
		if runtime.GOOS == "windows" {
			k = strings.ToUpper(k)
		}
		return k
	}
	drop := map[string]bool{}
	for _, kv := range extra {
		drop[key(kv)] = true
	}
	out := make([]string, 0, len(base)+len(extra))
	for _, kv := range base {
		if kv != "" && !drop[key(kv)] {
			out = append(out, kv)
		}
	}
	return append(out, extra...)
}
