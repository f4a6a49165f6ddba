// The Go release-name model: parsing and Go's own ordering.
//
//   go1 < go1.2.2 < go1.9beta1 < go1.9rc1 < go1.9 < go1.9.1 < ... < go1.20 < go1.21rc1 < go1.21.0
//
// From 1.21 on, the first release of a minor line is `1.21.0` and a bare `1.21`
// is a *language version*: it sorts before that line's pre-releases
// (1.21 < 1.21rc1 < 1.21rc2 < 1.21.0 < 1.21.1). Before 1.21 the bare name was the
// release itself (go1.20 is the release after go1.20rc3, equal to 1.20.0).

export type PreKind = 'alpha' | 'beta' | 'rc';

export interface GoVersion {
  readonly major: number;
  readonly minor: number;
  /** Undefined for bare `1.X` names and pre-releases. */
  readonly patch: number | undefined;
  readonly pre: { readonly kind: PreKind; readonly num: number } | undefined;
  /** Canonical name without the `go` prefix, as Go spells it: `1.21rc2`, `1.20`, `1.22.12`. */
  readonly name: string;
}

// Numbers are written without leading zeros, as Go's own version parser (internal/gover)
// requires: `1.021` or `1.21rc01` are not names Go would ever produce or accept.
const NUM = '(0|[1-9]\\d*)';
const RE = new RegExp(`^(?:go)?${NUM}(?:\\.${NUM})?(?:\\.${NUM})?(?:(alpha|beta|rc)${NUM})?$`);

/** The first minor line whose first release is named `1.X.0`. */
export const FIRST_DOT_ZERO_MINOR = 21;

export function parseVersion(input: string): GoVersion | undefined {
  const s = input.trim().toLowerCase();
  const m = RE.exec(s);
  if (!m) return undefined;
  const [, maj, min, pat, kind, num] = m;
  if (pat !== undefined && min === undefined) return undefined;
  if (kind !== undefined && pat !== undefined) return undefined; // Go never names `1.21.0rc1`
  const major = Number(maj);
  const minor = min === undefined ? 0 : Number(min);
  const patch = pat === undefined ? undefined : Number(pat);
  if (![major, minor, patch ?? 0, Number(num ?? 0)].every(Number.isSafeInteger)) return undefined;
  const pre = kind === undefined ? undefined : { kind: kind as PreKind, num: Number(num) };
  let name = String(major);
  if (min !== undefined) name += `.${minor}`;
  if (patch !== undefined) name += `.${patch}`;
  if (pre) name += `${pre.kind}${pre.num}`;
  return { major, minor, patch, pre, name };
}

/** True for a bare `1.X` (X ≥ 21) name: a language version, never a release. */
export function isLanguageVersion(v: GoVersion): boolean {
  return v.patch === undefined && v.pre === undefined && !isLegacyBareRelease(v);
}

function isLegacyBareRelease(v: GoVersion): boolean {
  return v.major < 1 || (v.major === 1 && v.minor < FIRST_DOT_ZERO_MINOR);
}

const PRE_RANK: Record<PreKind, number> = { alpha: 1, beta: 2, rc: 3 };
const RELEASE = Number.MAX_SAFE_INTEGER;

function sortKey(v: GoVersion): [number, number, number, number] {
  if (v.pre) return [v.major, v.minor, 0, PRE_RANK[v.pre.kind] * 1_000_000 + v.pre.num];
  if (v.patch !== undefined) return [v.major, v.minor, v.patch, RELEASE];
  // Bare name: a release before 1.21, a language version from 1.21 on.
  return [v.major, v.minor, 0, isLegacyBareRelease(v) ? RELEASE : -1];
}

export function compareVersions(a: GoVersion, b: GoVersion): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  for (let i = 0; i < 4; i++) {
    const d = ka[i]! - kb[i]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export const isPrerelease = (v: GoVersion): boolean => v.pre !== undefined;

/** `1.22.3` → `1.22`; the minor line a version belongs to. */
export const minorLine = (v: GoVersion): string => `${v.major}.${v.minor}`;

export const sameMinor = (a: GoVersion, b: GoVersion): boolean => a.major === b.major && a.minor === b.minor;

export const goName = (v: GoVersion): string => `go${v.name}`;

/** Newest first. */
export function sortDescending<T>(items: readonly T[], get: (t: T) => GoVersion): T[] {
  return [...items].sort((x, y) => compareVersions(get(y), get(x)));
}
