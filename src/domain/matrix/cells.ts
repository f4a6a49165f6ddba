// Matrix cells: Go versions × platforms, `--go auto` expansion, and the
// `go test` → `go test -json` rewrite. Pure.
import { GovmError } from '../../errors.js';
import { parsePlatform, type GoPlatform } from '../platform.js';
import type { ReleaseLike } from '../spec.js';
import { compareVersions, isLanguageVersion, parseVersion, sortDescending, type GoVersion } from '../version.js';

export interface Cell {
  /** Stable, file-name safe: `go1.22.12` or `go1.22.12-linux-arm64`. */
  readonly id: string;
  /** Installed/release version name, `1.22.12`. */
  readonly version: string;
  /** Target platform; undefined means the host's (no GOOS/GOARCH set). */
  readonly platform: GoPlatform | undefined;
  /** For humans: `go1.22.12` or `go1.22.12 linux/arm64`. */
  readonly label: string;
}

export const platformName = (p: GoPlatform | undefined): string => (p ? `${p.os}/${p.arch}` : '');

export function makeCell(version: string, platform?: GoPlatform): Cell {
  const id = platform ? `go${version}-${platform.os}-${platform.arch}` : `go${version}`;
  const label = platform ? `go${version} ${platform.os}/${platform.arch}` : `go${version}`;
  return { id, version, platform, label };
}

/** Versions (rows) × platforms (columns), in the order given; duplicates removed. */
export function expandCells(versions: readonly string[], platforms: readonly GoPlatform[] = []): Cell[] {
  const vs = [...new Set(versions)];
  const ps = dedupe(platforms);
  if (ps.length === 0) return vs.map((v) => makeCell(v));
  return vs.flatMap((v) => ps.map((p) => makeCell(v, p)));
}

function dedupe(ps: readonly GoPlatform[]): GoPlatform[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = platformName(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `--go 1.21,1.22 1.23` → ['1.21','1.22','1.23']; `auto` alone → 'auto'. */
export function parseGoList(values: readonly string[]): 'auto' | string[] {
  const items = values.flatMap((v) => v.split(/[\s,]+/)).filter((s) => s !== '');
  if (items.length === 0) {
    throw new GovmError('E_USAGE', '--go needs at least one version', { hint: 'e.g. --go 1.21,1.22 or --go auto' });
  }
  if (items.includes('auto')) {
    if (items.length > 1) throw new GovmError('E_USAGE', "--go auto cannot be combined with other versions");
    return 'auto';
  }
  return items;
}

export function parsePlatformList(values: readonly string[]): GoPlatform[] {
  return values.flatMap((v) => v.split(/[\s,]+/)).filter((s) => s !== '').map(parsePlatform);
}

/**
 * `--go auto`: from the minor line of go.mod's `go` line to the newest stable
 * release, one release (the newest patch) per minor line, oldest first.
 */
export function autoVersions<T extends ReleaseLike>(goLine: string, releases: readonly T[]): T[] {
  const floor = parseVersion(goLine);
  if (!floor) throw new GovmError('E_VERSION_FILE', `go.mod's go line '${goLine}' is not a Go version`);
  const newestPerMinor = new Map<string, T>();
  for (const r of sortDescending(releases.filter((r) => r.stable && !isLanguageVersion(r.version)), (r) => r.version)) {
    const v = r.version;
    if (v.major !== floor.major || v.minor < floor.minor) continue;
    const key = `${v.major}.${v.minor}`;
    if (!newestPerMinor.has(key)) newestPerMinor.set(key, r);
  }
  const out = [...newestPerMinor.values()].sort((a, b) => compareVersions(a.version, b.version));
  if (out.length === 0) {
    throw new GovmError('E_VERSION_NOT_FOUND', `no stable release at or above go ${goLine}`, {
      hint: 'check the release index (govm ls-remote) or list versions with --go',
    });
  }
  return out;
}

/** The `go` line of a go.mod/go.work text, without parsing anything else. */
export function goLineOf(text: string): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*go\s+([0-9][0-9a-z.]*)\s*(?:\/\/.*)?$/.exec(raw);
    if (m) return m[1];
  }
  return undefined;
}

/** True when argv is `go test …` (the command the matrix runs with -json). */
export function isGoTest(argv: readonly string[]): boolean {
  return argv.length >= 2 && argv[0] === 'go' && argv[1] === 'test';
}

/** Flags after which `go test -json` makes no sense (no tests run, or a binary is produced). */
const NO_JSON = new Set(['-c', '-o', '-json', '-json=true', '-json=false', '-exec', '-run=^$']);

/**
 * `go test ./...` → `go test -json ./...`. Returns the argv unchanged when it is
 * not `go test`, or when the user already chose -json or a mode that does not run tests.
 */
export function withTestJson(argv: readonly string[]): { argv: string[]; json: boolean } {
  if (!isGoTest(argv)) return { argv: [...argv], json: false };
  const flags = argv.slice(2);
  if (flags.includes('-json') || flags.includes('-json=true')) return { argv: [...argv], json: true };
  if (flags.some((f) => NO_JSON.has(f) || f.startsWith('-o=') || f.startsWith('-exec='))) return { argv: [...argv], json: false };
  return { argv: ['go', 'test', '-json', ...flags], json: true };
}

/** Sort key helper for callers that hold version names. */
export function compareNames(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) return a.localeCompare(b);
  return compareVersions(va, vb);
}

export type { GoVersion };
