// The resolution rules (pure): order of sources, and matching against installed
// versions and the release list. Table-driven.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import {
  ancestors,
  findRequest,
  installSpec,
  pickAvailable,
  pickInstalled,
  type Request,
} from '../../../src/domain/resolution.js';
import { parseVersion } from '../../../src/domain/version.js';

const inst = (...names: string[]) => names.map((name) => ({ name, version: parseVersion(name)!, root: `/h/versions/${name}` }));
const rel = (...names: string[]) => names.map((n) => ({ version: parseVersion(n)!, stable: !/rc|beta/.test(n) }));

const INSTALLED = inst('1.19.8', '1.20', '1.21.1', '1.21.13', '1.22.12', '1.23.5', '1.24rc1');
const RELEASES = rel('1.24rc1', '1.23.5', '1.23.4', '1.22.12', '1.22.3', '1.21.13', '1.21.3', '1.21.0', '1.21rc2', '1.20.14', '1.20', '1.19.8');

type Row = [req: Pick<Request, 'spec' | 'kind'>, installed: string | undefined, install: string, available: string | undefined];
const rows: Row[] = [
  [{ spec: '1.21', kind: 'exact' }, '1.21.13', '1.21', '1.21.13'],
  [{ spec: '1.21.1', kind: 'exact' }, '1.21.1', '1.21.1', undefined],
  [{ spec: '1.21.3', kind: 'exact' }, undefined, '1.21.3', '1.21.3'],
  [{ spec: '1.22.3', kind: 'exact' }, undefined, '1.22.3', '1.22.3'],
  [{ spec: '1', kind: 'exact' }, '1.23.5', '1', '1.23.5'],
  [{ spec: '1.x', kind: 'exact' }, '1.23.5', '1.x', '1.23.5'],
  [{ spec: 'latest', kind: 'exact' }, '1.23.5', 'latest', '1.23.5'],
  [{ spec: '1.24rc1', kind: 'exact' }, '1.24rc1', '1.24rc1', '1.24rc1'],
  [{ spec: '1.20', kind: 'exact' }, '1.20', '1.20', '1.20.14'],
  [{ spec: '1.20.0', kind: 'exact' }, '1.20', '1.20.0', '1.20'],
  // go.mod `go` lines: minimum within the minor line.
  [{ spec: '1.21', kind: 'minimum' }, '1.21.13', '1.21', '1.21.13'],
  [{ spec: '1.21.0', kind: 'minimum' }, '1.21.13', '1.21', '1.21.13'],
  [{ spec: '1.21.13', kind: 'minimum' }, '1.21.13', '1.21', '1.21.13'],
  [{ spec: '1.21.14', kind: 'minimum' }, undefined, '1.21', undefined],
  [{ spec: '1.22.5', kind: 'minimum' }, '1.22.12', '1.22', '1.22.12'],
  [{ spec: '1.20', kind: 'minimum' }, '1.20', '1.20', '1.20.14'],
  [{ spec: '1.18', kind: 'minimum' }, undefined, '1.18', undefined],
  [{ spec: '1.24', kind: 'minimum' }, undefined, '1.24', undefined],
  [{ spec: '1.21rc2', kind: 'minimum' }, '1.21.13', '1.21', '1.21.13'],
];

for (const [req, want, spec, avail] of rows) {
  test(`${req.kind} ${req.spec} → installed ${want}, install ${spec}, available ${avail}`, () => {
    assert.equal(pickInstalled(req, INSTALLED)?.name, want);
    assert.equal(installSpec(req), spec);
    assert.equal(pickAvailable(req, RELEASES)?.version.name, avail);
  });
}

test('oldstable needs the release list', () => {
  const req = { spec: 'oldstable', kind: 'exact' } as const;
  assert.equal(pickInstalled(req, INSTALLED), undefined);
  assert.equal(pickInstalled(req, INSTALLED, RELEASES)?.name, '1.22.12');
});

test('ancestors walks to the root', () => {
  assert.deepEqual(ancestors('/a/b c/d', posix.dirname), ['/a/b c/d', '/a/b c', '/a', '/']);
  assert.deepEqual(ancestors('/', posix.dirname), ['/']);
});

function fs(files: Record<string, string>) {
  return (f: string): string | undefined => files[f];
}

const base = { dirs: ancestors('/w/p/sub', posix.dirname), join: posix.join, globalFile: '/h/version' };

type OrderRow = [name: string, inputs: { arg?: string; env?: string; files: Record<string, string> }, want: Partial<Request> | undefined];
const order: OrderRow[] = [
  ['argument first', { arg: 'go1.19', env: '1.22', files: { '/w/p/sub/.go-version': '1.21' } }, { spec: '1.19', source: 'arg' }],
  ['env before files', { env: ' 1.22\t', files: { '/w/p/sub/.go-version': '1.21' } }, { spec: '1.22', source: 'env' }],
  ['nearest folder wins', { files: { '/w/p/sub/go.mod': 'go 1.21', '/w/p/.go-version': '1.22' } }, { spec: '1.21', kind: 'minimum', source: 'file', file: '/w/p/sub/go.mod', line: 1 }],
  ['priority within a folder', { files: { '/w/p/go.mod': 'go 1.21', '/w/p/go.work': 'go 1.20', '/w/p/.tool-versions': 'golang 1.19.8', '/w/p/.go-version': '1.22' } }, { spec: '1.22', source: 'file', file: '/w/p/.go-version' }],
  ['tool-versions without go is skipped', { files: { '/w/p/sub/.tool-versions': 'nodejs 20', '/w/p/sub/go.mod': 'go 1.23' } }, { spec: '1.23', file: '/w/p/sub/go.mod' }],
  ['go.mod without go line is skipped upwards', { files: { '/w/p/sub/go.mod': 'module x', '/w/go.mod': 'go 1.22' } }, { spec: '1.22', file: '/w/go.mod' }],
  ['global after files', { files: { '/h/version': '# default\n1.23\n' } }, { spec: '1.23', source: 'global', file: '/h/version', line: 2 }],
  ['root folder', { files: { '/.go-version': '1.19' } }, { spec: '1.19', file: '/.go-version' }],
  ['nothing', { files: {} }, undefined],
];

for (const [name, inp, want] of order) {
  test(`order: ${name}`, () => {
    const got = findRequest({ ...base, arg: inp.arg, env: inp.env, read: fs(inp.files) });
    if (want === undefined) return assert.equal(got, undefined);
    assert.ok(got);
    for (const [k, v] of Object.entries(want)) assert.equal(got[k as keyof Request], v, k);
  });
}

test('a malformed nearer file is an error, not skipped', () => {
  assert.throws(
    () => findRequest({ ...base, read: fs({ '/w/p/sub/.go-version': '$(id)', '/w/p/.go-version': '1.21' }) }),
    /\/w\/p\/sub\/\.go-version:1:/,
  );
  assert.throws(() => findRequest({ ...base, env: '1.22\n1.21', read: fs({}) }), /GOVM_GO_VERSION/);
});
