// Version specs as users write them, and their resolution against a release list.
import { GovmError } from '../errors.js';
import {
  compareVersions,
  isLanguageVersion,
  isPrerelease,
  parseVersion,
  sameMinor,
  sortDescending,
  type GoVersion,
} from './version.js';

export type Spec =
  | { kind: 'latest'; raw: string }
  | { kind: 'oldstable'; raw: string }
  | { kind: 'major'; raw: string; major: number }
  | { kind: 'minor'; raw: string; major: number; minor: number }
  | { kind: 'exact'; raw: string; version: GoVersion };

export interface ReleaseLike {
  readonly version: GoVersion;
  readonly stable: boolean;
}

export const SPEC_EXAMPLES = '1.22, 1.22.3, go1.22.3, 1.24rc1, latest, oldstable';

export function parseSpec(input: string): Spec {
  const raw = input.trim();
  const s = raw.toLowerCase();
  if (s === 'latest' || s === 'stable') return { kind: 'latest', raw };
  if (s === 'oldstable') return { kind: 'oldstable', raw };
  const line = /^(?:go)?(\d+)\.(\d+)(?:\.x)?$/.exec(s);
  if (line) {
    const v = parseVersion(`${line[1]}.${line[2]}`);
    // `1.20` names the minor line (newest 1.20.x), never the bare release `go1.20`.
    if (v) return { kind: 'minor', raw, major: v.major, minor: v.minor };
  }
  const major = /^(?:go)?(\d+)(?:\.x)?$/.exec(s);
  if (major) return { kind: 'major', raw, major: Number(major[1]) };
  const v = parseVersion(s);
  if (v) return { kind: 'exact', raw, version: v };
  throw new GovmError('E_SPEC_MALFORMED', `malformed version spec '${raw}'`, {
    hint: `use one of: ${SPEC_EXAMPLES}`,
  });
}

/** Does a release belong to the set a spec names? (`latest` and `oldstable` name one release.) */
export function specMatches(spec: Spec, v: GoVersion): boolean {
  switch (spec.kind) {
    case 'exact':
      return compareVersions(spec.version, v) === 0;
    case 'minor':
      return v.major === spec.major && v.minor === spec.minor && !isLanguageVersion(v);
    case 'major':
      return v.major === spec.major && !isLanguageVersion(v);
    case 'latest':
    case 'oldstable':
      return true;
  }
}

/** Pre-releases take part when asked for (`--all`) or when the spec names one exactly. */
export function specWantsPrerelease(spec: Spec, includePrerelease: boolean): boolean {
  return includePrerelease || (spec.kind === 'exact' && isPrerelease(spec.version));
}

/** Every release a spec matches, newest first (for `ls-remote`). */
export function filterReleases<T extends ReleaseLike>(spec: Spec | undefined, releases: readonly T[], includePrerelease = false): T[] {
  const pre = spec ? specWantsPrerelease(spec, includePrerelease) : includePrerelease;
  const pool = sortDescending(releases.filter((r) => pre || r.stable), (r) => r.version);
  if (!spec) return pool;
  if (spec.kind === 'latest' || spec.kind === 'oldstable') {
    const one = pickRelease(spec, releases, includePrerelease);
    return one ? [one] : [];
  }
  return pool.filter((r) => specMatches(spec, r.version));
}

/** The one release a spec resolves to, or undefined. */
export function pickRelease<T extends ReleaseLike>(spec: Spec, releases: readonly T[], includePrerelease = false): T | undefined {
  const pre = specWantsPrerelease(spec, includePrerelease);
  const pool = sortDescending(releases.filter((r) => pre || r.stable), (r) => r.version);
  if (spec.kind === 'latest') return pool[0];
  if (spec.kind === 'oldstable') {
    const stable = pool.filter((r) => r.stable);
    const newest = stable[0];
    return newest && stable.find((r) => !sameMinor(r.version, newest.version));
  }
  return pool.find((r) => specMatches(spec, r.version));
}

/** Like pickRelease, but a miss is a GovmError naming the nearest existing versions. */
export function resolveSpec<T extends ReleaseLike>(spec: Spec, releases: readonly T[], includePrerelease = false): T {
  const hit = pickRelease(spec, releases, includePrerelease);
  if (hit) return hit;
  const prereleaseOnly =
    !specWantsPrerelease(spec, includePrerelease) && pickRelease(spec, releases, true) !== undefined;
  // When only pre-releases match, name those (they are what the user can ask for).
  const near = nearestVersions(spec, releases, includePrerelease || prereleaseOnly);
  const hint = prereleaseOnly
    ? `only pre-releases match; add --all or name one exactly (${near.join(', ')})`
    : near.length > 0
      ? `nearest: ${near.join(', ')}`
      : 'the release index is empty; check GOVM_MIRROR / GOVM_INDEX_URL';
  return notFound(spec, hint);
}

function notFound(spec: Spec, hint: string): never {
  throw new GovmError('E_VERSION_NOT_FOUND', `no Go release matches '${spec.raw}'`, { hint });
}

/** Up to two releases on each side of where the spec would sort (or the newest few). */
export function nearestVersions(spec: Spec, releases: readonly ReleaseLike[], includePrerelease = false, each = 2): string[] {
  const pre = specWantsPrerelease(spec, includePrerelease);
  const sameLine = releases.filter((r) => spec.kind === 'minor' && specMatches(spec, r.version));
  const pool = sortDescending(
    (sameLine.length > 0 ? sameLine : releases).filter((r) => pre || r.stable || sameLine.length > 0),
    (r) => r.version,
  );
  const target = targetOf(spec);
  if (!target) return pool.slice(0, each * 2).map((r) => r.version.name);
  const idx = pool.findIndex((r) => compareVersions(r.version, target) < 0);
  const at = idx === -1 ? pool.length : idx;
  return pool.slice(Math.max(0, at - each), at + each).map((r) => r.version.name);
}

function targetOf(spec: Spec): GoVersion | undefined {
  if (spec.kind === 'exact') return spec.version;
  if (spec.kind === 'minor') return parseVersion(`${spec.major}.${spec.minor}.999999`);
  if (spec.kind === 'major') return parseVersion(`${spec.major}.999999.0`);
  return undefined;
}
