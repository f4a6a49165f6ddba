// THE table of resolution cases. Every code path that decides which Go runs
// (`govm current`, the sh shims under dash and bash, `govm exec`, and the shell
// hooks of `govm init --use-on-cd`) is run against every row, with real
// toolchains installed in a temp GOVM_HOME (see fixture.ts).
//
// Paths: every project lives under a folder whose name has spaces and
// non-ASCII characters, and so does GOVM_HOME.

/** Installed in every fixture home: version name → Debian GOROOT. */
export const TOOLCHAINS: Readonly<Record<string, string>> = {
  '1.19.8': '/usr/lib/go-1.19',
  '1.21.13': '/usr/lib/go-1.21',
  '1.22.12': '/usr/lib/go-1.22',
  '1.23.5': '/usr/lib/go-1.23',
};

/** The system Go put on PATH (outside govm) in `system` cases. */
export const SYSTEM_GO = '1.19.8';

export type Expect =
  /** Runs this installed (or system) version; `file` is project-relative, or `$GLOBAL`, or omitted. */
  | { readonly run: string; readonly source: 'env' | 'file' | 'global' | 'system'; readonly file?: string; readonly line?: number }
  /** Not installed: exit 127 and the message names `govm install <install>`. */
  | { readonly missing: string; readonly source: 'env' | 'file' | 'global'; readonly file?: string }
  /** Malformed: exit 2 and the message names `<file>:<line>` (project-relative, `$GLOBAL`, or GOVM_GO_VERSION). */
  | { readonly malformed: string; readonly line?: number }
  /** Nothing selects a version and there is no system Go. */
  | { readonly none: true };

export interface ConformanceCase {
  readonly name: string;
  /** Files relative to the project root (folders are created). */
  readonly files?: Readonly<Record<string, string>>;
  /** Folder to run in, relative to the project root ('' = the root). Created if missing. */
  readonly cwd?: string;
  /** Extra environment (GOVM_GO_VERSION, a stale GOROOT…). */
  readonly env?: Readonly<Record<string, string>>;
  /** Content of $GOVM_HOME/version. */
  readonly global?: string;
  /** Put a system `go` (SYSTEM_GO) on PATH after the shims. */
  readonly system?: boolean;
  readonly expect: Expect;
  /** A file that must NOT exist afterwards (project-relative): proof that nothing was evaluated. */
  readonly mustNotCreate?: string;
}

const deep = 'a/b/c/d/e';

export const CASES: readonly ConformanceCase[] = [
  // Each file kind.
  { name: '.go-version in the folder', files: { '.go-version': '1.21\n' }, expect: { run: '1.21.13', source: 'file', file: '.go-version', line: 1 } },
  { name: '.go-version with go prefix, comments, CRLF', files: { '.go-version': '# pinned\r\n\r\n  go1.22.12  \r\n' }, expect: { run: '1.22.12', source: 'file', file: '.go-version', line: 3 } },
  { name: '.tool-versions golang entry, first version', files: { '.tool-versions': 'nodejs 20.1.0\ngolang 1.23.5 1.21.13\n' }, expect: { run: '1.23.5', source: 'file', file: '.tool-versions', line: 2 } },
  { name: '.tool-versions go entry with tabs', files: { '.tool-versions': '# tools\n\tgo\t1.19   # old\n' }, expect: { run: '1.19.8', source: 'file', file: '.tool-versions', line: 2 } },
  { name: 'go.work go line', files: { 'go.work': 'go 1.22\n\nuse (\n\t./m\n)\n' }, expect: { run: '1.22.12', source: 'file', file: 'go.work', line: 1 } },
  { name: 'go.mod go line', files: { 'go.mod': 'module example.com/x\n\ngo 1.23\n' }, expect: { run: '1.23.5', source: 'file', file: 'go.mod', line: 3 } },
  // Nested folders.
  { name: 'five levels below a go.mod', files: { 'go.mod': 'module x\ngo 1.21\n' }, cwd: deep, expect: { run: '1.21.13', source: 'file', file: 'go.mod', line: 2 } },
  { name: 'nearest folder wins over a farther .go-version', files: { '.go-version': '1.22', 'sub/go.mod': 'module x\ngo 1.21\n' }, cwd: 'sub/x', expect: { run: '1.21.13', source: 'file', file: 'sub/go.mod', line: 2 } },
  { name: 'go.mod without a go line is skipped upwards', files: { '.go-version': '1.19.8', 'sub/go.mod': 'module x\n' }, cwd: 'sub', expect: { run: '1.19.8', source: 'file', file: '.go-version', line: 1 } },
  { name: '.tool-versions without go is skipped', files: { '.tool-versions': 'nodejs 20\n', 'go.mod': 'go 1.22\n' }, expect: { run: '1.22.12', source: 'file', file: 'go.mod', line: 1 } },
  { name: 'empty .go-version is skipped upwards', files: { 'go.mod': 'go 1.23\n', 'sub/.go-version': '# nothing here\n\n' }, cwd: 'sub', expect: { run: '1.23.5', source: 'file', file: 'go.mod', line: 1 } },
  // Priority within one folder.
  { name: '.go-version over everything', files: { '.go-version': '1.19.8', '.tool-versions': 'golang 1.21.13', 'go.work': 'go 1.22', 'go.mod': 'go 1.23' }, expect: { run: '1.19.8', source: 'file', file: '.go-version', line: 1 } },
  { name: '.tool-versions over go.work and go.mod', files: { '.tool-versions': 'golang 1.21.13', 'go.work': 'go 1.22', 'go.mod': 'go 1.23' }, expect: { run: '1.21.13', source: 'file', file: '.tool-versions', line: 1 } },
  { name: 'go.work over go.mod', files: { 'go.work': 'go 1.22', 'go.mod': 'go 1.23' }, expect: { run: '1.22.12', source: 'file', file: 'go.work', line: 1 } },
  // go.mod details.
  { name: 'go.mod comments, odd spacing, CRLF', files: { 'go.mod': '// generated\r\nmodule   x   // the module\r\n\r\n   go\t 1.21   // language\r\n' }, expect: { run: '1.21.13', source: 'file', file: 'go.mod', line: 4 } },
  { name: 'go.mod blocks do not confuse it', files: { 'go.mod': 'module x\n\nrequire (\n\tgo 1.99\n\ttoolchain go1.99.1\n)\n\ngodebug (\n\tdefault=go1.21\n)\n\ngo 1.23\n' }, expect: { run: '1.23.5', source: 'file', file: 'go.mod', line: 12 } },
  { name: 'go 1.21 is a minimum: newest installed 1.21.x', files: { 'go.mod': 'go 1.21\n' }, expect: { run: '1.21.13', source: 'file', file: 'go.mod', line: 1 } },
  { name: 'go 1.21.0 is a minimum too', files: { 'go.mod': 'go 1.21.0\n' }, expect: { run: '1.21.13', source: 'file', file: 'go.mod', line: 1 } },
  { name: 'go 1.21.13 satisfied exactly', files: { 'go.mod': 'go 1.21.13\n' }, expect: { run: '1.21.13', source: 'file', file: 'go.mod', line: 1 } },
  { name: 'go 1.21.14 is newer than any installed 1.21', files: { 'go.mod': 'go 1.21.14\n' }, expect: { missing: '1.21', source: 'file', file: 'go.mod' } },
  { name: 'go 1.20 with no 1.20 installed', files: { 'go.mod': 'module x\ngo 1.20\n' }, expect: { missing: '1.20', source: 'file', file: 'go.mod' } },
  { name: 'go 1.21rc2 (pre-release minimum, decided by govm)', files: { 'go.mod': 'go 1.21rc2\n' }, expect: { run: '1.21.13', source: 'file', file: 'go.mod', line: 1 } },
  { name: 'toolchain is an exact pin over the go line', files: { 'go.mod': 'module x\ngo 1.21\ntoolchain go1.22.12\n' }, expect: { run: '1.22.12', source: 'file', file: 'go.mod', line: 3 } },
  { name: 'toolchain pin not installed', files: { 'go.mod': 'go 1.21\ntoolchain go1.22.3\n' }, expect: { missing: '1.22.3', source: 'file', file: 'go.mod' } },
  { name: 'toolchain default falls back to the go line', files: { 'go.mod': 'go 1.22\ntoolchain default\n' }, expect: { run: '1.22.12', source: 'file', file: 'go.mod', line: 1 } },
  { name: 'go.work toolchain', files: { 'go.work': 'go 1.21\ntoolchain go1.23.5\n', 'go.mod': 'go 1.19' }, expect: { run: '1.23.5', source: 'file', file: 'go.work', line: 2 } },
  // Spec kinds in files.
  { name: 'minor line picks the newest patch', files: { '.go-version': '1.22' }, expect: { run: '1.22.12', source: 'file', file: '.go-version', line: 1 } },
  { name: 'major picks the newest', files: { '.go-version': '1' }, expect: { run: '1.23.5', source: 'file', file: '.go-version', line: 1 } },
  { name: 'latest picks the newest installed', files: { '.go-version': 'latest' }, expect: { run: '1.23.5', source: 'file', file: '.go-version', line: 1 } },
  { name: 'exact version not installed', files: { '.go-version': '1.22.3\n' }, expect: { missing: '1.22.3', source: 'file', file: '.go-version' } },
  // Environment override.
  { name: 'GOVM_GO_VERSION beats files', files: { '.go-version': '1.22' }, env: { GOVM_GO_VERSION: '1.19' }, expect: { run: '1.19.8', source: 'env' } },
  { name: 'GOVM_GO_VERSION with go prefix', env: { GOVM_GO_VERSION: 'go1.23.5' }, global: '1.21', expect: { run: '1.23.5', source: 'env' } },
  { name: 'GOVM_GO_VERSION not installed', env: { GOVM_GO_VERSION: '1.18' }, expect: { missing: '1.18', source: 'env' } },
  { name: 'GOVM_GO_VERSION malicious', env: { GOVM_GO_VERSION: '1.22;touch PWNED' }, expect: { malformed: 'GOVM_GO_VERSION' }, mustNotCreate: 'PWNED' },
  // A stale GOROOT from a profile is overridden.
  { name: 'stale GOROOT is overridden', files: { '.go-version': '1.21' }, env: { GOROOT: '/usr/lib/go-1.23' }, expect: { run: '1.21.13', source: 'file', file: '.go-version', line: 1 } },
  // Global default and system fallback.
  { name: 'global default', global: '1.22\n', expect: { run: '1.22.12', source: 'global', file: '$GLOBAL', line: 1 } },
  { name: 'global with comments', global: '# set by govm global\n\ngo1.21.13\n', expect: { run: '1.21.13', source: 'global', file: '$GLOBAL', line: 3 } },
  { name: 'files beat the global default', global: '1.22', files: { 'go.mod': 'go 1.23' }, expect: { run: '1.23.5', source: 'file', file: 'go.mod', line: 1 } },
  { name: 'missing global falls back to the system Go', system: true, expect: { run: SYSTEM_GO, source: 'system' } },
  { name: 'global beats the system Go', system: true, global: '1.23', expect: { run: '1.23.5', source: 'global', file: '$GLOBAL', line: 1 } },
  { name: 'nothing at all', expect: { none: true } },
  // Malformed and malicious files: refused with file and line, never run.
  { name: 'command substitution', files: { '.go-version': '$(touch PWNED)\n' }, expect: { malformed: '.go-version', line: 1 }, mustNotCreate: 'PWNED' },
  { name: 'backticks', files: { '.go-version': '`touch PWNED`' }, expect: { malformed: '.go-version', line: 1 }, mustNotCreate: 'PWNED' },
  { name: 'semicolon', files: { '.go-version': '1.22;touch PWNED' }, expect: { malformed: '.go-version', line: 1 }, mustNotCreate: 'PWNED' },
  { name: 'two versions on two lines', files: { '.go-version': '1.22\n1.21\n' }, expect: { malformed: '.go-version', line: 2 } },
  { name: 'path traversal', files: { '.go-version': '../../../../usr/lib/go-1.23' }, expect: { malformed: '.go-version', line: 1 } },
  { name: 'space inside', files: { '.go-version': '1.22 1.21' }, expect: { malformed: '.go-version', line: 1 } },
  { name: 'a word', files: { '.go-version': 'banana' }, expect: { malformed: '.go-version', line: 1 } },
  { name: 'tool-versions injection', files: { '.tool-versions': 'golang $(touch PWNED)\n' }, expect: { malformed: '.tool-versions', line: 1 }, mustNotCreate: 'PWNED' },
  { name: 'go.mod go line with two words', files: { 'go.mod': 'module x\n\ngo 1.21 1.22\n' }, expect: { malformed: 'go.mod', line: 3 } },
  { name: 'go.mod go line injection', files: { 'go.mod': 'module x\ngo $(touch PWNED)\n' }, expect: { malformed: 'go.mod', line: 2 }, mustNotCreate: 'PWNED' },
  { name: 'go.mod toolchain without go prefix', files: { 'go.mod': 'go 1.21\ntoolchain 1.22.12\n' }, expect: { malformed: 'go.mod', line: 2 } },
  { name: 'malformed nearer file is not skipped', files: { '.go-version': '1.21', 'sub/.go-version': '1.2x' }, cwd: 'sub', expect: { malformed: 'sub/.go-version', line: 1 } },
  { name: 'malicious global file', global: '$(touch PWNED)', expect: { malformed: '$GLOBAL', line: 1 }, mustNotCreate: 'PWNED' },
];
