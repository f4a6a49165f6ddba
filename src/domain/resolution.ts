// The one resolution order (pure; inputs passed in):
//
//   explicit argument (govm exec 1.19 …) → GOVM_GO_VERSION (govm shell) →
//   walking up from the working folder, the first folder with any version file
//   (.go-version > .tool-versions > go.work > go.mod) → $GOVM_HOME/version →
//   the system Go (first `go` on PATH that is not a govm shim; found by the caller).
//
// Then a request is matched against installed versions:
//   exact kind: 1.22.3 → that release; 1.22 → newest installed 1.22.x; 1 → newest 1.x;
//               latest → newest installed stable; oldstable → needs the index.
//   minimum (go.mod `go` line): go 1.21 / go 1.21.3 → newest installed release of the
//               1.21 line that is ≥ it.
// When nothing installed matches, `installSpec` is what `govm install` gets (the
// same spec, or the minor line for a minimum) and `pickAvailable` says which
// release that would be. The sh shim (integrations/shims/posix.ts) implements
// the same rules; test/conformance holds them to it.
import { GovmError } from '../errors.js';
import { parseSpec, pickRelease, specMatches, type ReleaseLike } from './spec.js';
import { compareVersions, isPrerelease, parseVersion, sameMinor, sortDescending, type GoVersion } from './version.js';
import { checkPlainSpec, parseGoVersion, parseVersionFile, VERSION_FILES, type VersionFileName } from './version-files.js';

export type Source = 'arg' | 'env' | 'file' | 'global' | 'system' | 'none';

export interface Request {
  /** Spec without `go` prefix: `1.22`, `1.22.3`, `latest`; for a minimum, the version it names. */
  readonly spec: string;
  readonly kind: 'exact' | 'minimum';
  readonly source: 'arg' | 'env' | 'file' | 'global';
  readonly file?: string;
  readonly line?: number;
}

export interface InstalledLike {
  readonly name: string;
  readonly version: GoVersion;
  readonly root: string;
}

export interface RequestInputs {
  /** An explicit spec (command-line argument). */
  readonly arg?: string | undefined;
  /** GOVM_GO_VERSION. */
  readonly env?: string | undefined;
  /** The working folder and its ancestors, nearest first (see `ancestors`). */
  readonly dirs: readonly string[];
  /** Joins a folder and a file name (path.join or path.win32.join). */
  readonly join: (dir: string, name: string) => string;
  /** Reads a file; undefined when it does not exist (or is not a file). */
  readonly read: (file: string) => string | undefined;
  /** $GOVM_HOME/version. */
  readonly globalFile: string;
}

/** `dir` and every folder above it, nearest first. `dirname` is path.dirname or path.win32.dirname. */
export function ancestors(dir: string, dirname: (p: string) => string): string[] {
  const out = [dir];
  for (let d = dir, up = dirname(d); up !== d; d = up, up = dirname(d)) out.push(up);
  return out;
}

/** Finds what is asked for, in the documented order. Undefined: nothing asks (system Go, or none). */
export function findRequest(inp: RequestInputs): Request | undefined {
  if (inp.arg !== undefined && inp.arg.trim() !== '') {
    return { spec: checkPlainSpec(inp.arg.trim().toLowerCase(), 'version argument', 0), kind: 'exact', source: 'arg' };
  }
  const env = inp.env?.replace(/^[ \t]+|[ \t]+$/g, '');
  if (env) {
    // Only spaces and tabs are trimmed, as in the sh shim: a newline inside is an error.
    return { spec: checkPlainSpec(env, 'GOVM_GO_VERSION', 0), kind: 'exact', source: 'env' };
  }
  for (const dir of inp.dirs) {
    for (const name of VERSION_FILES) {
      const file = inp.join(dir, name);
      const text = inp.read(file);
      if (text === undefined) continue;
      const hit = parseVersionFile(name as VersionFileName, text, file);
      if (hit) return { ...hit, source: 'file', file };
    }
  }
  const text = inp.read(inp.globalFile);
  if (text !== undefined) {
    const hit = parseGoVersion(text, inp.globalFile);
    if (hit) return { ...hit, source: 'global', file: inp.globalFile };
  }
  return undefined;
}

const stable = <T extends { version: GoVersion }>(xs: readonly T[]): T[] => xs.filter((x) => !isPrerelease(x.version));

/** True when matching needs the release index even with versions installed (`oldstable`). */
export function needsIndex(req: Pick<Request, 'spec' | 'kind'>): boolean {
  return req.kind === 'exact' && parseSpec(req.spec).kind === 'oldstable';
}

function minimumOf(req: Pick<Request, 'spec'>): GoVersion {
  const min = parseVersion(req.spec);
  if (!min) throw new GovmError('E_VERSION_FILE', `'go ${req.spec}' is not a Go version`);
  return min;
}

/** Members of `pool` the request accepts, newest first. */
function matching<T extends { version: GoVersion }>(req: Pick<Request, 'spec' | 'kind'>, pool: readonly T[]): T[] {
  if (req.kind === 'minimum') {
    const min = minimumOf(req);
    return sortDescending(
      stable(pool).filter((x) => sameMinor(x.version, min) && compareVersions(x.version, min) >= 0),
      (x) => x.version,
    );
  }
  const spec = parseSpec(req.spec);
  if (spec.kind === 'exact') return pool.filter((x) => compareVersions(x.version, spec.version) === 0);
  if (spec.kind === 'oldstable') return [];
  return sortDescending(stable(pool).filter((x) => specMatches(spec, x.version)), (x) => x.version);
}

/**
 * The installed version a request runs. `releases` is only consulted for
 * `oldstable` (see needsIndex); without it, oldstable matches nothing.
 */
export function pickInstalled<T extends InstalledLike>(
  req: Pick<Request, 'spec' | 'kind'>,
  installed: readonly T[],
  releases?: readonly ReleaseLike[],
): T | undefined {
  if (needsIndex(req)) {
    const want = releases && pickRelease(parseSpec(req.spec), releases);
    return want && installed.find((i) => compareVersions(i.version, want.version) === 0);
  }
  return matching(req, installed)[0];
}

/** What `govm install` is given when nothing installed matches. */
export function installSpec(req: Pick<Request, 'spec' | 'kind'>): string {
  if (req.kind === 'minimum') {
    const min = minimumOf(req);
    return `${min.major}.${min.minor}`;
  }
  return req.spec;
}

/** The release `govm install <installSpec>` would fetch, when the index knows one. */
export function pickAvailable<T extends ReleaseLike>(req: Pick<Request, 'spec' | 'kind'>, releases: readonly T[]): T | undefined {
  if (req.kind === 'minimum') return matching(req, releases.filter((r) => r.stable))[0];
  return pickRelease(parseSpec(req.spec), releases);
}

/** A human line saying where a request came from: `from /p/.go-version`, `from GOVM_GO_VERSION`. */
export function describeOrigin(r: { source: Source; file?: string | undefined; line?: number | undefined }): string {
  switch (r.source) {
    case 'arg':
      return 'from the command line';
    case 'env':
      return 'from GOVM_GO_VERSION';
    case 'file':
    case 'global':
      return `from ${r.file}`;
    case 'system':
      return r.file ? `system Go at ${r.file}` : 'system Go';
    case 'none':
      return 'nothing selects a version';
  }
}
