// Version files: what a folder says about the Go it wants. Pure parsing only;
// the walk up the folders lives in services/resolve.ts (and, in sh, in
// integrations/shims/posix.ts, which must agree with this file line for line).
//
// A value read from any file is a *plain spec*: after an optional `go` prefix it
// is made of [0-9a-z.] only and parses as a spec (`1.22`, `1.22.3`, `go1.22.3`,
// `1.24rc1`, `1`, `latest`, `oldstable`). Anything else (`$(…)`, backticks, `;`,
// spaces inside, `../`, upper case, leading zeros) is an error naming the file
// and line, never something to run or to look up.
import { GovmError } from '../errors.js';
import { parseSpec } from './spec.js';

export type VersionFileName = '.go-version' | '.tool-versions' | 'go.work' | 'go.mod';

/** Priority within one folder, highest first. */
export const VERSION_FILES: readonly VersionFileName[] = ['.go-version', '.tool-versions', 'go.work', 'go.mod'];

export interface VersionFileSpec {
  /** A spec as on the command line, without the `go` prefix: `1.22`, `1.22.3`, `latest`. */
  readonly spec: string;
  /** `minimum` only for a go.mod/go.work `go` line; everything else names what to run. */
  readonly kind: 'exact' | 'minimum';
  /** 1-based line the spec came from. */
  readonly line: number;
}

const PLAIN = /^[0-9a-z.]+$/;
/** What a go.mod `go` line may say: a language or release version, never `latest` or a prefix. */
const GO_LINE = /^(?:0|[1-9][0-9]{0,8})\.(?:0|[1-9][0-9]{0,8})(?:\.(?:0|[1-9][0-9]{0,8})|(?:rc|beta)(?:0|[1-9][0-9]{0,8}))?$/;

function fail(file: string, line: number, message: string): never {
  throw new GovmError('E_VERSION_FILE', `${line > 0 ? `${file}:${line}` : file}: ${message}`, {
    hint: 'a version file holds one plain version such as 1.22, 1.22.3, go1.22.3 or latest',
  });
}

/**
 * Checks one value read from a file (or from GOVM_GO_VERSION / the global file)
 * and returns it without its `go` prefix. The same rules as the sh shim.
 */
export function checkPlainSpec(value: string, file: string, line: number): string {
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (!PLAIN.test(value)) fail(file, line, `${shown} is not a version (only 0-9, a-z and '.' are allowed)`);
  const bare = value.startsWith('go') ? value.slice(2) : value;
  if (bare === '' || !isCanonicalSpec(bare)) fail(file, line, `${shown} is not a version`);
  return bare;
}

/** The spec shapes the shim understands: N, N.x, N.M, N.M.x, N.M.P, N.M(alpha|beta|rc)K, latest, stable, oldstable. */
function isCanonicalSpec(s: string): boolean {
  if (s === 'latest' || s === 'stable' || s === 'oldstable') return true;
  const num = '(?:0|[1-9][0-9]{0,8})';
  const re = new RegExp(`^${num}(?:\\.x|\\.${num}(?:\\.x|\\.${num}|(?:alpha|beta|rc)${num})?)?$`);
  if (!re.test(s)) return false;
  try {
    parseSpec(s);
    return true;
  } catch {
    return false;
  }
}

function lines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

const trim = (s: string): string => s.replace(/^[ \t]+|[ \t]+$/g, '');

/**
 * Parses one version file. Returns undefined when the file names no Go version
 * (an empty .go-version, a .tool-versions without a golang/go entry, a go.mod
 * without a `go` line): the caller then looks further, as if it were absent.
 */
export function parseVersionFile(kind: VersionFileName, text: string, file: string): VersionFileSpec | undefined {
  switch (kind) {
    case '.go-version':
      return parseGoVersion(text, file);
    case '.tool-versions':
      return parseToolVersions(text, file);
    case 'go.mod':
    case 'go.work':
      return parseGoMod(text, file);
  }
}

/** `.go-version` and `$GOVM_HOME/version`: one spec; `#` comments and blank lines allowed. */
export function parseGoVersion(text: string, file: string): VersionFileSpec | undefined {
  let found: VersionFileSpec | undefined;
  lines(text).forEach((raw, i) => {
    const value = trim(raw.split('#')[0]!);
    if (value === '') return;
    if (found) fail(file, i + 1, `a second version after line ${found.line} (one version per file)`);
    found = { spec: checkPlainSpec(value, file, i + 1), kind: 'exact', line: i + 1 };
  });
  return found;
}

/** asdf's `.tool-versions`: `golang 1.22.3 1.21.0` (or `go …`); the first listed version wins. */
export function parseToolVersions(text: string, file: string): VersionFileSpec | undefined {
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const body = trim(all[i]!.split('#')[0]!);
    const tool = body.split(/[ \t]/, 1)[0]!;
    if (tool !== 'golang' && tool !== 'go') continue;
    const first = trim(body.slice(tool.length)).split(/[ \t]/, 1)[0]!;
    if (first === '') fail(file, i + 1, `'${tool}' lists no version`);
    return { spec: checkPlainSpec(first, file, i + 1), kind: 'exact', line: i + 1 };
  }
  return undefined;
}

/**
 * go.mod / go.work: `toolchain goX.Y.Z` is an exact pin (`toolchain default`
 * means none); otherwise the `go X.Y[.Z]` line is a minimum. Lines inside
 * `( … )` blocks (require, replace, godebug, tool…) are never directives.
 */
export function parseGoMod(text: string, file: string): VersionFileSpec | undefined {
  let go: VersionFileSpec | undefined;
  let toolchain: VersionFileSpec | undefined;
  let inBlock = false;
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const body = trim(all[i]!.split('//')[0]!);
    if (inBlock) {
      if (body.startsWith(')')) inBlock = false;
      continue;
    }
    if (body.endsWith('(')) {
      inBlock = true;
      continue;
    }
    const m = /^(go|toolchain)[ \t]+(.*)$/.exec(body);
    if (!m) continue;
    const [, verb, arg] = m as unknown as [string, 'go' | 'toolchain', string];
    if (/[ \t]/.test(arg)) fail(file, i + 1, `'${verb}' takes one version, got ${JSON.stringify(arg)}`);
    if (verb === 'go') {
      if (go) continue; // the go command rejects repeats; the first one is what we report
      if (!GO_LINE.test(arg)) fail(file, i + 1, `'go' needs a Go version such as 1.21 or 1.21.3, got ${JSON.stringify(arg)}`);
      go = { spec: checkPlainSpec(arg, file, i + 1), kind: 'minimum', line: i + 1 };
    } else {
      if (toolchain) continue;
      if (arg === 'default') {
        toolchain = { spec: '', kind: 'exact', line: i + 1 };
        continue;
      }
      if (!arg.startsWith('go')) fail(file, i + 1, `toolchain must be 'default' or goX.Y.Z, got ${JSON.stringify(arg)}`);
      toolchain = { spec: checkPlainSpec(arg, file, i + 1), kind: 'exact', line: i + 1 };
    }
  }
  if (toolchain && toolchain.spec !== '') return toolchain;
  return go;
}
