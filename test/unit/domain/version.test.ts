import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareVersions,
  goName,
  isLanguageVersion,
  isPrerelease,
  minorLine,
  parseVersion,
  sameMinor,
  sortDescending,
  type GoVersion,
} from '../../../src/domain/version.js';
import { FIXTURES, RECORDED } from './fixtures.js';

const v = (s: string): GoVersion => {
  const p = parseVersion(s);
  assert.ok(p, `expected ${s} to parse`);
  return p;
};

test('every release name and every file version in the fixtures parses and round-trips', () => {
  for (const [name, index] of FIXTURES) {
    assert.ok(index.length > 0, name);
    for (const r of index) {
      const parsed = parseVersion(r.version);
      assert.ok(parsed, `${name}: ${r.version}`);
      assert.equal(goName(parsed), r.version, `${name}: round-trip of ${r.version}`);
      for (const f of r.files) {
        const fv = parseVersion(f.version);
        assert.ok(fv, `${name}: ${f.filename} version ${f.version}`);
        assert.equal(goName(fv), f.version);
        assert.equal(compareVersions(fv, parsed), 0, `${f.filename} belongs to ${r.version}`);
      }
    }
  }
});

test('the recorded index really spans go1 … go1.14 (93 releases)', () => {
  assert.equal(RECORDED.length, 93);
  assert.equal(RECORDED[0]!.version, 'go1.14');
  assert.equal(RECORDED.at(-1)!.version, 'go1');
});

test('compareVersions agrees with the order of each fixture (newest first), pairwise', () => {
  for (const [name, index] of FIXTURES) {
    const versions = index.map((r) => v(r.version));
    for (let i = 0; i < versions.length; i++) {
      for (let j = 0; j < versions.length; j++) {
        const want = Math.sign(j - i); // earlier in the list = newer
        assert.equal(compareVersions(versions[i]!, versions[j]!), want, `${name}: ${index[i]!.version} vs ${index[j]!.version}`);
      }
    }
    const shuffled = [...versions].reverse();
    assert.deepEqual(sortDescending(shuffled, (x) => x).map(goName), index.map((r) => r.version), name);
  }
});

const ASCENDING_CHAINS: ReadonlyArray<readonly string[]> = [
  ['1.21', '1.21rc1', '1.21rc2', '1.21.0', '1.21.1'],
  ['go1.20rc3', 'go1.20', 'go1.20.1'],
  ['go1', 'go1.2.2', 'go1.9beta1', 'go1.9rc1', 'go1.9'],
  ['1.22alpha1', '1.22beta1', '1.22beta2', '1.22rc1', '1.22rc2', '1.22rc10', '1.22.0'],
  ['1.9', '1.9.1', '1.10', '1.10.1', '1.20', '1.20.14', '1.21', '1.21rc2', '1.21.0', '1.21.13', '1.22rc1', '1.22.0'],
  ['1.2.2', '1.10'],
  ['1.99.1', '2', '2.0.1'],
];

test('Go ordering tables', () => {
  for (const chain of ASCENDING_CHAINS) {
    for (let i = 0; i < chain.length; i++) {
      for (let j = 0; j < chain.length; j++) {
        assert.equal(compareVersions(v(chain[i]!), v(chain[j]!)), Math.sign(i - j), `${chain[i]} vs ${chain[j]}`);
      }
    }
  }
});

test('equal versions', () => {
  const EQUAL: ReadonlyArray<readonly [string, string]> = [
    ['1.20.0', 'go1.20'], // before 1.21 the bare name is the .0 release
    ['1.0.0', 'go1'],
    ['go1.21.3', '1.21.3'],
    ['GO1.21RC2', 'go1.21rc2'],
  ];
  for (const [a, b] of EQUAL) assert.equal(compareVersions(v(a), v(b)), 0, `${a} == ${b}`);
  // …but from 1.21 on the bare name is a language version, not 1.21.0.
  assert.equal(compareVersions(v('1.21'), v('1.21.0')), -1);
});

test('parseVersion fields and canonical names', () => {
  const CASES: ReadonlyArray<readonly [string, Partial<GoVersion> & { name: string }]> = [
    ['go1', { major: 1, minor: 0, patch: undefined, pre: undefined, name: '1' }],
    ['go1.2.2', { major: 1, minor: 2, patch: 2, pre: undefined, name: '1.2.2' }],
    ['go1.9beta1', { major: 1, minor: 9, patch: undefined, pre: { kind: 'beta', num: 1 }, name: '1.9beta1' }],
    ['1.21rc2', { major: 1, minor: 21, patch: undefined, pre: { kind: 'rc', num: 2 }, name: '1.21rc2' }],
    ['go1.22alpha1', { major: 1, minor: 22, patch: undefined, pre: { kind: 'alpha', num: 1 }, name: '1.22alpha1' }],
    ['  go1.21.0\n', { major: 1, minor: 21, patch: 0, pre: undefined, name: '1.21.0' }],
    ['1.20', { major: 1, minor: 20, patch: undefined, pre: undefined, name: '1.20' }],
    ['GO1.22.12', { major: 1, minor: 22, patch: 12, pre: undefined, name: '1.22.12' }],
  ];
  for (const [input, want] of CASES) assert.deepEqual(v(input), want, input);
});

test('malformed names are rejected', () => {
  const BAD = [
    '', ' ', 'go', 'v1.21', '1..2', '1.21.x', '1.x', '1.21.0rc1', 'go1.21.0-rc.1', '1.21rc', 'rc1', '1.21-rc1',
    '1.21.0.1', '.1.21', '1.21.', 'go 1.21', '1.21 1.22', 'latest', 'go1.21+auto', 'go1.22.3.linux-amd64',
    '1.021', '01.21', '1.21.03', '1.21rc01', '1.99999999999999999999', '-1.21', '1.-21',
  ];
  for (const input of BAD) assert.equal(parseVersion(input), undefined, JSON.stringify(input));
});

test('language versions, pre-releases, minor lines', () => {
  const LANG: ReadonlyArray<readonly [string, boolean]> = [
    ['1.21', true], ['1.22', true], ['2', true], ['1.20', false], ['go1', false], ['1.9', false], ['1.21.0', false], ['1.21rc2', false],
  ];
  for (const [s, want] of LANG) assert.equal(isLanguageVersion(v(s)), want, s);
  assert.equal(isPrerelease(v('1.21rc2')), true);
  assert.equal(isPrerelease(v('1.9beta1')), true);
  assert.equal(isPrerelease(v('1.21.0')), false);
  assert.equal(minorLine(v('go1.22.12')), '1.22');
  assert.equal(minorLine(v('go1')), '1.0');
  assert.equal(sameMinor(v('1.21rc2'), v('1.21.13')), true);
  assert.equal(sameMinor(v('1.21.13'), v('1.22.0')), false);
});
