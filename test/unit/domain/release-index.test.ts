import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isGovmError } from '../../../src/errors.js';
import { findArchive, parseReleaseIndex, type Release } from '../../../src/domain/release-index.js';
import { goPlatformOf } from '../../../src/domain/platform.js';
import { goName } from '../../../src/domain/version.js';
import { FIXTURES, MODERN, RECORDED, readFixtureText } from './fixtures.js';

const byName = (rs: readonly Release[], name: string): Release => {
  const r = rs.find((x) => goName(x.version) === name);
  assert.ok(r, name);
  return r;
};

test('the recorded index parses whole: every release, every file, real digests', () => {
  const releases = parseReleaseIndex(JSON.parse(readFixtureText('golang-dl.json')));
  assert.equal(releases.length, 93);
  assert.deepEqual(releases.map((r) => goName(r.version)), RECORDED.map((r) => r.version));
  assert.equal(releases.reduce((n, r) => n + r.files.length, 0), 1337);
  assert.ok(releases.every((r) => r.stable));

  const go114 = byName(releases, 'go1.14');
  assert.equal(go114.files.length, 15);
  assert.deepEqual(go114.files.map((f) => f.kind).sort(), [
    ...Array(11).fill('archive'), ...Array(3).fill('installer'), 'source',
  ].sort());
  const SPOT: ReadonlyArray<readonly [string, string, string, string, number]> = [
    ['go1.14', 'linux', 'amd64', '08df79b46b0adf498ea9f320a0f23d6ec59e9003660b4c9c1ce8e5e2c6f823ca', 123550266],
    ['go1.14', 'windows', 'amd64', 'cc2f1e8d19744fe0b2e979bf9a4f9d224e416f4f54cb6cf3aa8b5e9c0865de37', 137604433],
    ['go1.13.6', 'windows', '386', '6b1595d3b5b5fbdbaf6031502d90a694d1e7ae297433fc01c6c48fe8bc987495', 114492000],
    ['go1.12', 'linux', 'armv6l', 'ea0636f055763d309437461b5817452419411eb1f598dc7f35999fae05bcb79a', 105587671],
    ['go1.10.4', 'linux', 's390x', '5593d770d6544090c1bb20d57bb34c743131470695e195fbe5352bf056927a35', 73506312],
    ['go1.7.6', 'darwin', 'amd64', '2eec332ac3162d9e19125645176a9477245b47f4657c2f2715818f2a4739f245', 83975674],
  ];
  for (const [version, os, arch, sha256, size] of SPOT) {
    const f = findArchive(byName(releases, version), { os, arch });
    assert.ok(f, `${version} ${os}/${arch}`);
    assert.equal(f.sha256, sha256, `${version} ${os}/${arch}`);
    assert.equal(f.size, size);
  }
  const src = byName(releases, 'go1.7.6').files.find((f) => f.kind === 'source');
  assert.equal(src?.sha256, '1a67a4e688673fdff7ba41e73482b0e59ac5bd0f7acf703bc6d50cc775c5baba');
  assert.equal(src?.os, '');
});

test('old releases without digests or sizes parse with sha256/size undefined', () => {
  const releases = parseReleaseIndex(RECORDED);
  const go152 = findArchive(byName(releases, 'go1.5.2'), { os: 'linux', arch: 'amd64' });
  assert.equal(go152?.filename, 'go1.5.2.linux-amd64.tar.gz');
  assert.equal(go152?.sha256, undefined);
  assert.equal(go152?.size, 76350075);
  const go122 = findArchive(byName(releases, 'go1.2.2'), { os: 'linux', arch: 'amd64' });
  assert.equal(go122?.sha256, undefined);
  assert.equal(go122?.size, undefined);
  const withDigest = releases.flatMap((r) => r.files).filter((f) => f.sha256 !== undefined).length;
  const raw = RECORDED.flatMap((r) => r.files).filter((f) => f.sha256 !== '').length;
  assert.equal(withDigest, raw);
});

test('findArchive for every archive of both fixtures, by (os, arch)', () => {
  for (const [name, raw] of FIXTURES) {
    const releases = parseReleaseIndex(raw);
    let n = 0;
    for (const r of raw) {
      const rel = byName(releases, r.version);
      const archives = r.files.filter((f) => f.kind === 'archive');
      for (const f of archives) {
        const got = findArchive(rel, { os: f.os, arch: f.arch });
        assert.ok(got, `${name}: ${f.filename}`);
        assert.equal(got.kind, 'archive');
        assert.equal(got.os, f.os);
        assert.equal(got.arch, f.arch);
        // Where a release has several archives for one platform (OS X 10.6/10.8), the
        // first listed one is returned; otherwise it is the exact file.
        const first = archives.find((x) => x.os === f.os && x.arch === f.arch)!;
        assert.equal(got.filename, first.filename, `${name}: ${f.filename}`);
        assert.equal(got.sha256, first.sha256 === '' ? undefined : first.sha256);
        n++;
      }
    }
    assert.ok(n > 300, `${name}: ${n}`);
  }
});

test('findArchive: platforms from Node names, installers and sources are never picked', () => {
  const releases = parseReleaseIndex(MODERN);
  const CASES: ReadonlyArray<readonly [string, string, string, 'LE' | 'BE', string | undefined]> = [
    ['go1.22.12', 'linux', 'x64', 'LE', 'go1.22.12.linux-amd64.tar.gz'],
    ['go1.22.12', 'linux', 'arm', 'LE', 'go1.22.12.linux-armv6l.tar.gz'],
    ['go1.22.12', 'linux', 'ppc64', 'LE', 'go1.22.12.linux-ppc64le.tar.gz'],
    ['go1.22.12', 'aix', 'ppc64', 'BE', 'go1.22.12.aix-ppc64.tar.gz'],
    ['go1.22.12', 'linux', 'ppc64', 'BE', undefined], // Go publishes no linux/ppc64 archive
    ['go1.22.12', 'linux', 'riscv64', 'LE', 'go1.22.12.linux-riscv64.tar.gz'],
    ['go1.22.12', 'linux', 'loong64', 'LE', 'go1.22.12.linux-loong64.tar.gz'],
    ['go1.22.12', 'linux', 's390x', 'BE', 'go1.22.12.linux-s390x.tar.gz'],
    ['go1.21rc2', 'win32', 'x64', 'LE', 'go1.21rc2.windows-amd64.zip'],
    ['go1.21rc2', 'win32', 'arm64', 'LE', 'go1.21rc2.windows-arm64.zip'],
    ['go1.20', 'darwin', 'arm64', 'LE', 'go1.20.darwin-arm64.tar.gz'],
    ['go1.9', 'darwin', 'arm64', 'LE', undefined],
    ['go1.9beta1', 'win32', 'ia32', 'LE', 'go1.9beta1.windows-386.zip'],
    ['go1', 'linux', 'x64', 'LE', undefined],
  ];
  for (const [version, platform, arch, endian, want] of CASES) {
    const f = findArchive(byName(releases, version), goPlatformOf(platform, arch, endian));
    assert.equal(f?.filename, want, `${version} ${platform}/${arch}/${endian}`);
    if (f) assert.match(f.sha256 ?? '', /^[0-9a-f]{64}$/);
  }
  // A release listing only an installer for a platform has no archive for it.
  const onlyPkg: Release = {
    ...byName(releases, 'go1.22.12'),
    files: byName(releases, 'go1.22.12').files.filter((f) => f.kind !== 'archive'),
  };
  assert.equal(findArchive(onlyPkg, { os: 'darwin', arch: 'arm64' }), undefined);
  assert.equal(findArchive(onlyPkg, { os: '', arch: '' }), undefined);
});

test('parseReleaseIndex sorts newest first whatever the input order', () => {
  const shuffled = [...MODERN].sort((a, b) => a.version.localeCompare(b.version));
  assert.deepEqual(parseReleaseIndex(shuffled).map((r) => goName(r.version)), MODERN.map((r) => r.version));
});

test('invalid index shapes are E_INDEX_INVALID', () => {
  for (const body of [null, undefined, {}, { error: 'rate limited' }, 'go1.22.0', 42, true]) {
    assert.throws(() => parseReleaseIndex(body), (e: unknown) => {
      assert.ok(isGovmError(e));
      assert.equal(e.code, 'E_INDEX_INVALID');
      assert.match(e.hint ?? '', /GOVM_INDEX_URL/);
      return true;
    }, JSON.stringify(body));
  }
  assert.deepEqual(parseReleaseIndex([]), []);
});

test('invalid entries and files are skipped, not trusted', () => {
  const good = { filename: 'go1.22.0.linux-amd64.tar.gz', os: 'linux', arch: 'amd64', version: 'go1.22.0', sha256: 'AB'.repeat(32), size: 10, kind: 'archive' };
  const releases = parseReleaseIndex([
    null,
    42,
    'go1.22.0',
    { version: 'v1.22.0', stable: true, files: [good] }, // not a Go release name
    { version: 1.22, stable: true, files: [good] },
    { stable: true, files: [good] },
    { version: 'go1.21.0', stable: 'yes', files: 'none' }, // stable only when exactly true; files not an array
    {
      version: 'go1.22.0',
      stable: true,
      files: [
        good,
        null,
        'go1.22.0.linux-arm64.tar.gz',
        { ...good, filename: '../../etc/passwd' },
        { ...good, filename: 'dir/go1.22.0.linux-amd64.tar.gz' },
        { ...good, filename: 'dir\\go1.22.0.windows-amd64.zip', os: 'windows' },
        { ...good, filename: '' },
        { ...good, filename: 'go1.22.0.linux-386.tar.gz', arch: '386', sha256: 'not-hex', size: -1 },
        { ...good, filename: 'go1.22.0.linux-arm64.tar.gz', arch: 'arm64', sha256: 'ab'.repeat(33), size: '10' },
        { ...good, filename: 'go1.22.0.darwin-arm64.pkg', os: 'darwin', arch: 'arm64', kind: 'installer' },
        { ...good, filename: 'go1.22.0.src.tar.gz', os: '', arch: '', kind: 'source' },
        { ...good, filename: 'go1.22.0.linux-riscv64.tar.gz', arch: 'riscv64', kind: undefined },
        { ...good, filename: 'go1.22.0.linux-s390x.tar.gz', arch: 's390x', kind: 'weird' },
        { ...good, filename: 'go1.22.0.windows-arm64.msi', os: 'windows', arch: 'arm64', kind: '' },
      ],
    },
  ]);
  assert.deepEqual(releases.map((r) => [goName(r.version), r.stable, r.files.length]), [
    ['go1.22.0', true, 7],
    ['go1.21.0', false, 0],
  ]);
  const files = releases[0]!.files;
  assert.deepEqual(files.map((f) => [f.filename, f.kind]), [
    ['go1.22.0.linux-amd64.tar.gz', 'archive'],
    ['go1.22.0.linux-386.tar.gz', 'archive'],
    ['go1.22.0.linux-arm64.tar.gz', 'archive'],
    ['go1.22.0.darwin-arm64.pkg', 'installer'],
    ['go1.22.0.src.tar.gz', 'source'],
    ['go1.22.0.linux-riscv64.tar.gz', 'archive'], // no kind: told by the name
    ['go1.22.0.windows-arm64.msi', 'installer'],
  ]);
  assert.equal(files[0]!.sha256, 'ab'.repeat(32), 'digests are lower-cased');
  assert.equal(files[1]!.sha256, undefined);
  assert.equal(files[1]!.size, undefined);
  assert.equal(files[2]!.sha256, undefined);
  assert.equal(files[2]!.size, undefined);
  // an unknown kind is dropped rather than installed as an archive
  assert.equal(findArchive(releases[0]!, { os: 'linux', arch: 's390x' }), undefined);
});
