import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isGovmError } from '../../../src/errors.js';
import { parseReleaseIndex, type Release } from '../../../src/domain/release-index.js';
import {
  filterReleases,
  nearestVersions,
  parseSpec,
  pickRelease,
  resolveSpec,
  specMatches,
  type Spec,
} from '../../../src/domain/spec.js';
import { goName, parseVersion } from '../../../src/domain/version.js';
import { MODERN, RECORDED } from './fixtures.js';

const modern = parseReleaseIndex(MODERN);
const recorded = parseReleaseIndex(RECORDED);
const names = (rs: readonly Release[]): string[] => rs.map((r) => goName(r.version));
const pick = (spec: string, rs: readonly Release[], pre = false): string | undefined => {
  const r = pickRelease(parseSpec(spec), rs, pre);
  return r && goName(r.version);
};

test('parseSpec kinds', () => {
  const CASES: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
    ['latest', { kind: 'latest' }],
    ['stable', { kind: 'latest' }],
    [' LATEST ', { kind: 'latest' }],
    ['oldstable', { kind: 'oldstable' }],
    ['1', { kind: 'major', major: 1 }],
    ['1.x', { kind: 'major', major: 1 }],
    ['go1', { kind: 'major', major: 1 }],
    ['1.21', { kind: 'minor', major: 1, minor: 21 }],
    ['1.21.x', { kind: 'minor', major: 1, minor: 21 }],
    ['go1.21', { kind: 'minor', major: 1, minor: 21 }],
    ['1.20', { kind: 'minor', major: 1, minor: 20 }],
  ];
  for (const [input, want] of CASES) {
    const { raw, ...rest }: Spec = parseSpec(input);
    assert.equal(raw, input.trim(), input);
    assert.deepEqual(rest, want, input);
  }
  const EXACT: ReadonlyArray<readonly [string, string]> = [
    ['1.21.3', '1.21.3'], ['go1.21.3', '1.21.3'], ['1.21rc2', '1.21rc2'], ['go1.9beta1', '1.9beta1'], ['1.20.0', '1.20.0'], ['1.0.0', '1.0.0'],
  ];
  for (const [input, name] of EXACT) {
    const s = parseSpec(input);
    assert.equal(s.kind, 'exact', input);
    assert.equal(s.kind === 'exact' && s.version.name, name, input);
  }
});

test('malformed specs are E_SPEC_MALFORMED with a hint', () => {
  for (const input of ['', '  ', 'v1.21', '1..2', '1.21.0rc1', 'go', 'newest', '1.21.x.1', '1.021', '>=1.21', '~1.21', '1.21-rc1', 'go1.22.3+auto']) {
    assert.throws(() => parseSpec(input), (e: unknown) => {
      assert.ok(isGovmError(e), input);
      assert.equal(e.code, 'E_SPEC_MALFORMED', input);
      assert.match(e.message, /malformed version spec/);
      assert.match(e.hint ?? '', /1\.22/);
      return true;
    }, input);
  }
});

test('resolution against the hand-made modern index', () => {
  const CASES: ReadonlyArray<readonly [string, boolean, string]> = [
    // [spec, includePrerelease, expected]
    ['latest', false, 'go1.23.5'],
    ['stable', false, 'go1.23.5'],
    ['latest', true, 'go1.24rc1'],
    ['oldstable', false, 'go1.22.12'],
    ['oldstable', true, 'go1.22.12'],
    ['1', false, 'go1.23.5'],
    ['1.21', false, 'go1.21.13'], // the newest 1.21.x, never "1.21" the language version
    ['1.21.x', false, 'go1.21.13'],
    ['go1.21', false, 'go1.21.13'],
    ['1.21', true, 'go1.21.13'],
    ['1.20', false, 'go1.20.14'],
    ['1.23', false, 'go1.23.5'],
    ['1.24', true, 'go1.24rc1'], // only pre-releases in that line: picked when asked for
    ['1.21.0', false, 'go1.21.0'],
    ['go1.21.1', false, 'go1.21.1'],
    ['1.21rc2', false, 'go1.21rc2'], // named pre-releases need no --all
    ['go1.21rc4', false, 'go1.21rc4'],
    ['go1.9beta1', false, 'go1.9beta1'],
    ['1.20.0', false, 'go1.20'], // 1.20.0 is the release Go named "go1.20"
    ['go1.20', false, 'go1.20.14'], // …but "go1.20" as a spec names the line
    ['1.9', false, 'go1.9'],
    ['1.2', false, 'go1.2.2'],
    ['1.0.0', false, 'go1'],
  ];
  for (const [spec, pre, want] of CASES) {
    assert.equal(pick(spec, modern, pre), want, `${spec} (pre=${pre})`);
    assert.equal(goName(resolveSpec(parseSpec(spec), modern, pre).version), want, `${spec} (pre=${pre})`);
  }
});

test('resolution against the recorded real index', () => {
  const CASES: ReadonlyArray<readonly [string, string]> = [
    ['latest', 'go1.14'],
    ['oldstable', 'go1.13.8'],
    ['1.13', 'go1.13.8'],
    ['1.12.x', 'go1.12.17'],
    ['1.13.0', 'go1.13'],
    ['go1.13.6', 'go1.13.6'],
    ['1.4', 'go1.4.3'],
    ['1.3', 'go1.3.3'],
    ['1.2', 'go1.2.2'],
    ['1.0.0', 'go1'],
    ['1.14', 'go1.14'],
  ];
  for (const [spec, want] of CASES) assert.equal(pick(spec, recorded), want, spec);
  // go1.7.2 was never released; 1.7 skips it.
  assert.equal(pick('1.7.2', recorded), undefined);
  assert.deepEqual(names(filterReleases(parseSpec('1.7'), recorded)), ['go1.7.6', 'go1.7.5', 'go1.7.4', 'go1.7.3', 'go1.7.1', 'go1.7']);
});

test('a language version never matches a release', () => {
  const lang = parseVersion('1.21')!;
  for (const spec of ['1', '1.21', '1.21.x', 'go1.21']) assert.equal(specMatches(parseSpec(spec), lang), false, spec);
  assert.equal(specMatches(parseSpec('1.21'), parseVersion('1.21rc2')!), true);
  assert.equal(specMatches(parseSpec('1.20'), parseVersion('go1.20')!), true, 'before 1.21 the bare name is a release');
  const fake = [...modern, { version: lang, stable: true, files: [] }];
  assert.equal(pick('1.21', fake), 'go1.21.13');
});

test('pre-releases only when asked for or named', () => {
  assert.equal(pick('1.24', modern), undefined);
  assert.equal(pick('1.24', modern, true), 'go1.24rc1');
  assert.equal(pick('go1.24rc1', modern), 'go1.24rc1');
  const onlyRc = modern.filter((r) => !r.stable);
  assert.equal(pick('latest', onlyRc), undefined);
  assert.equal(pick('latest', onlyRc, true), 'go1.24rc1');
  assert.equal(pick('1.21', onlyRc, true), 'go1.21rc4');
});

function notFound(spec: string, releases: readonly Release[], pre = false): { message: string; hint: string } {
  try {
    resolveSpec(parseSpec(spec), releases, pre);
  } catch (e) {
    assert.ok(isGovmError(e));
    assert.equal(e.code, 'E_VERSION_NOT_FOUND', spec);
    assert.equal(e.exitCode, 3);
    return { message: e.message, hint: e.hint ?? '' };
  }
  assert.fail(`${spec} resolved`);
}

test('not found: the hint names the nearest versions', () => {
  const CASES: ReadonlyArray<readonly [string, RegExp]> = [
    ['1.21.99', /^nearest: 1\.22\.12, 1\.22\.0, 1\.21\.13, 1\.21\.1$/],
    ['1.21.5', /^nearest: 1\.22\.0, 1\.21\.13, 1\.21\.1, 1\.21\.0$/],
    ['go1.21rc1', /^nearest: 1\.21rc3, 1\.21rc2, 1\.20\.14, 1\.20\.1$/], // never published
    ['1.25', /^nearest: 1\.23\.5, 1\.23\.4$/],
    ['1.25.0', /^nearest: 1\.23\.5, 1\.23\.4$/],
    ['1.18', /^nearest: /],
    ['2', /^nearest: 1\.23\.5, 1\.23\.4$/],
  ];
  for (const [spec, hint] of CASES) {
    const e = notFound(spec, modern);
    assert.equal(e.message, `no Go release matches '${spec}'`);
    assert.match(e.hint, hint, spec);
  }
});

test('not found: pre-release-only lines say how to get one and name them', () => {
  const e = notFound('1.24', modern);
  assert.match(e.hint, /only pre-releases match; add --all or name one exactly \(1\.24rc1\)/);
  const onlyRc = modern.filter((r) => !r.stable);
  const l = notFound('latest', onlyRc);
  assert.match(l.hint, /only pre-releases match/);
  assert.match(l.hint, /1\.24rc1/, 'the hint names pre-releases even for latest');
});

test('not found in an empty index', () => {
  const e = notFound('latest', []);
  assert.match(e.hint, /empty/);
  assert.match(notFound('1.22', []).hint, /empty/);
  assert.equal(pick('oldstable', modern.slice(0, 4)), undefined, 'a single stable minor line has no oldstable');
});

test('nearestVersions is bounded and ordered newest first', () => {
  const near = nearestVersions(parseSpec('1.20.7'), modern);
  assert.deepEqual(near, ['1.21.0', '1.20.14', '1.20.1', '1.20']);
  assert.deepEqual(nearestVersions(parseSpec('latest'), modern), ['1.23.5', '1.23.4', '1.23.0', '1.22.12']);
  assert.deepEqual(nearestVersions(parseSpec('1.0.0'), []), []);
});

test('filterReleases for ls-remote', () => {
  const CASES: ReadonlyArray<readonly [string | undefined, boolean, string[]]> = [
    ['1.21', false, ['go1.21.13', 'go1.21.1', 'go1.21.0']],
    ['1.21', true, ['go1.21.13', 'go1.21.1', 'go1.21.0', 'go1.21rc4', 'go1.21rc3', 'go1.21rc2']],
    ['1.20', false, ['go1.20.14', 'go1.20.1', 'go1.20']],
    ['1.20', true, ['go1.20.14', 'go1.20.1', 'go1.20', 'go1.20rc3']],
    ['1.9', true, ['go1.9', 'go1.9rc1', 'go1.9beta1']],
    ['go1.21rc2', false, ['go1.21rc2']],
    ['1.21.0', false, ['go1.21.0']],
    ['1.20.0', false, ['go1.20']],
    ['latest', false, ['go1.23.5']],
    ['latest', true, ['go1.24rc1']],
    ['oldstable', false, ['go1.22.12']],
    ['1.24', false, []],
    ['1.99', true, []],
  ];
  for (const [spec, pre, want] of CASES) {
    assert.deepEqual(names(filterReleases(spec === undefined ? undefined : parseSpec(spec), modern, pre)), want, `${spec} pre=${pre}`);
  }
  const allStable = names(filterReleases(undefined, modern));
  assert.deepEqual(allStable, MODERN.filter((r) => r.stable).map((r) => r.version));
  assert.deepEqual(names(filterReleases(undefined, modern, true)), MODERN.map((r) => r.version));
  // input order does not matter
  assert.deepEqual(names(filterReleases(undefined, [...modern].reverse(), true)), MODERN.map((r) => r.version));
  assert.equal(filterReleases(parseSpec('1.13'), recorded).length, 9);
});
