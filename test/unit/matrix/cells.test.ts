import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoVersions, expandCells, goLineOf, parseGoList, parsePlatformList, withTestJson } from '../../../src/domain/matrix/cells.js';
import { parseVersion } from '../../../src/domain/version.js';

const rel = (name: string, stable = true) => ({ version: parseVersion(name)!, stable });
const RELEASES = ['1.23.5', '1.23.4', '1.23.0', '1.23rc2', '1.22.12', '1.22.0', '1.21.13', '1.21.0', '1.21rc3', '1.20.14', '1.20', '1.19.13', '1.24rc1'].map((n) =>
  rel(n, !/rc|beta/.test(n)),
);

test('--go auto: from the go line\'s minor to the newest stable, newest patch per minor, oldest first', () => {
  const cases: [string, string[]][] = [
    ['1.21', ['1.21.13', '1.22.12', '1.23.5']],
    ['1.21.0', ['1.21.13', '1.22.12', '1.23.5']],
    ['1.21.5', ['1.21.13', '1.22.12', '1.23.5']],
    ['1.19', ['1.19.13', '1.20.14', '1.21.13', '1.22.12', '1.23.5']],
    ['1.23', ['1.23.5']],
  ];
  for (const [line, want] of cases) assert.deepEqual(autoVersions(line, RELEASES).map((r) => r.version.name), want, line);
});

test('--go auto: nothing at or above the go line is an error', () => {
  assert.throws(() => autoVersions('1.25', RELEASES), { code: 'E_VERSION_NOT_FOUND' });
  assert.throws(() => autoVersions('banana', RELEASES), { code: 'E_VERSION_FILE' });
});

test('goLineOf reads the go directive only', () => {
  const cases: [string, string | undefined][] = [
    ['module x\n\ngo 1.21\n', '1.21'],
    ['module x\r\ngo 1.22.3 // pinned\r\ntoolchain go1.23.1\n', '1.22.3'],
    ['module x\n// go 1.5\nrequire y v1.0.0\n', undefined],
    ['go 1.21rc2\n', '1.21rc2'],
  ];
  for (const [text, want] of cases) assert.equal(goLineOf(text), want, JSON.stringify(text));
});

test('parseGoList: commas, spaces, repetition; auto alone', () => {
  assert.deepEqual(parseGoList(['1.21,1.22', '1.23']), ['1.21', '1.22', '1.23']);
  assert.deepEqual(parseGoList(['1.21, 1.22']), ['1.21', '1.22']);
  assert.equal(parseGoList(['auto']), 'auto');
  assert.throws(() => parseGoList(['auto,1.22']), { code: 'E_USAGE' });
  assert.throws(() => parseGoList([',']), { code: 'E_USAGE' });
});

test('cells: versions × platforms, ids file-safe, duplicates removed', () => {
  const cells = expandCells(['1.21.13', '1.22.12', '1.21.13'], parsePlatformList(['linux/amd64,windows/amd64', 'linux/amd64']));
  assert.deepEqual(cells.map((c) => c.id), [
    'go1.21.13-linux-amd64', 'go1.21.13-windows-amd64', 'go1.22.12-linux-amd64', 'go1.22.12-windows-amd64',
  ]);
  assert.deepEqual(cells.map((c) => c.label)[1], 'go1.21.13 windows/amd64');
  assert.deepEqual(expandCells(['1.22.12']).map((c) => [c.id, c.platform]), [['go1.22.12', undefined]]);
  assert.throws(() => parsePlatformList(['linux']), { code: 'E_USAGE' });
});

test('go test gets -json; other commands and explicit modes are left alone', () => {
  const cases: [string[], string[], boolean][] = [
    [['go', 'test', './...'], ['go', 'test', '-json', './...'], true],
    [['go', 'test', '-v', '-run', 'TestX', './pkg'], ['go', 'test', '-json', '-v', '-run', 'TestX', './pkg'], true],
    [['go', 'test', '-json', './...'], ['go', 'test', '-json', './...'], true],
    [['go', 'test', '-c', '-o', 'x.test'], ['go', 'test', '-c', '-o', 'x.test'], false],
    [['go', 'build', './...'], ['go', 'build', './...'], false],
    [['make', 'test'], ['make', 'test'], false],
  ];
  for (const [input, argv, json] of cases) assert.deepEqual(withTestJson(input), { argv, json }, input.join(' '));
});
