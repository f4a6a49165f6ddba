import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isGovmError } from '../../../src/errors.js';
import {
  archiveExtension,
  archiveFilename,
  exeSuffix,
  goarchOf,
  goPlatformOf,
  parsePlatform,
} from '../../../src/domain/platform.js';
import { parseVersion } from '../../../src/domain/version.js';
import { FIXTURES, RECORDED } from './fixtures.js';

test('Node platform/arch → Go GOOS/archive arch', () => {
  const CASES: ReadonlyArray<readonly [string, string, 'LE' | 'BE' | undefined, string, string]> = [
    ['linux', 'x64', undefined, 'linux', 'amd64'],
    ['linux', 'ia32', undefined, 'linux', '386'],
    ['linux', 'arm', undefined, 'linux', 'armv6l'],
    ['linux', 'arm64', undefined, 'linux', 'arm64'],
    ['linux', 'ppc64', 'LE', 'linux', 'ppc64le'],
    ['linux', 'ppc64', 'BE', 'linux', 'ppc64'],
    ['linux', 'ppc64', undefined, 'linux', 'ppc64le'],
    ['aix', 'ppc64', 'BE', 'aix', 'ppc64'],
    ['linux', 's390x', 'BE', 'linux', 's390x'],
    ['linux', 'riscv64', undefined, 'linux', 'riscv64'],
    ['linux', 'loong64', undefined, 'linux', 'loong64'],
    ['linux', 'mips', 'BE', 'linux', 'mips'],
    ['linux', 'mipsel', undefined, 'linux', 'mipsle'],
    ['win32', 'x64', undefined, 'windows', 'amd64'],
    ['win32', 'ia32', undefined, 'windows', '386'],
    ['win32', 'arm64', undefined, 'windows', 'arm64'],
    ['darwin', 'x64', undefined, 'darwin', 'amd64'],
    ['darwin', 'arm64', undefined, 'darwin', 'arm64'],
    ['freebsd', 'x64', undefined, 'freebsd', 'amd64'],
    ['openbsd', 'x64', undefined, 'openbsd', 'amd64'],
    ['netbsd', 'arm64', undefined, 'netbsd', 'arm64'],
    ['sunos', 'x64', undefined, 'solaris', 'amd64'],
    ['android', 'arm64', undefined, 'android', 'arm64'],
  ];
  for (const [platform, arch, endian, os, goArch] of CASES) {
    assert.deepEqual(goPlatformOf(platform, arch, endian), { os, arch: goArch }, `${platform}/${arch}/${endian}`);
  }
});

test('unsupported platforms are E_NO_ARTIFACT naming the pair', () => {
  const BAD: ReadonlyArray<readonly [string, string]> = [
    ['linux', 'mips64'], ['linux', 'mips64el'], ['linux', 'ppc'], ['linux', 's390'], ['linux', 'x32'],
    ['cygwin', 'x64'], ['haiku', 'x64'], ['', 'x64'], ['linux', ''], ['toString', 'x64'], ['linux', 'constructor'],
  ];
  for (const [platform, arch] of BAD) {
    assert.throws(() => goPlatformOf(platform, arch), (e: unknown) => {
      assert.ok(isGovmError(e));
      assert.equal(e.code, 'E_NO_ARTIFACT');
      assert.equal(e.exitCode, 3);
      assert.ok(e.message.includes(`${platform}/${arch}`), e.message);
      assert.match(e.hint ?? '', /--os/);
      return true;
    }, `${platform}/${arch}`);
  }
});

test('this machine maps to a Go platform', () => {
  const p = goPlatformOf(process.platform, process.arch);
  assert.match(p.os, /^[a-z]+$/);
  assert.match(p.arch, /^[a-z0-9]+$/);
});

// Pre-1.5 darwin archives carry an OS X suffix, and go1's only files are the 1.4
// bootstrap tarballs (os "4"): the real index has exactly these names that are not
// go<V>.<os>-<arch>.<ext>.
const NOT_STANDARD = /^go1\.[234](\.\d)?\.darwin-(386|amd64)-osx10\.[68]\.tar\.gz$|^go1\.4-bootstrap-\d{8}\.tar\.gz$/;

test('archiveFilename reproduces every archive name of both fixtures', () => {
  for (const [name, index] of FIXTURES) {
    let checked = 0;
    let odd = 0;
    for (const r of index) {
      for (const f of r.files.filter((x) => x.kind === 'archive')) {
        if (NOT_STANDARD.test(f.filename)) {
          odd++;
          continue;
        }
        const v = parseVersion(f.version);
        assert.ok(v);
        assert.equal(archiveFilename(v, { os: f.os, arch: f.arch }), f.filename, `${name}: ${f.filename}`);
        assert.equal(f.filename.endsWith(`.${archiveExtension(f.os)}`), true);
        checked++;
      }
    }
    assert.ok(checked > 150, `${name}: ${checked} archives checked`);
    if (name === 'golang-dl.json') {
      assert.equal(checked, 911, 'every standard archive of the recorded index (945 archives in all)');
      assert.equal(odd, 34, '8 releases × 4 OS X archives + 2 bootstrap tarballs');
    }
  }
});

test('archive names of the recorded index for one release, all platforms', () => {
  const go114 = RECORDED.find((r) => r.version === 'go1.14')!;
  const v = parseVersion('go1.14')!;
  const got = go114.files.filter((f) => f.kind === 'archive').map((f) => archiveFilename(v, { os: f.os, arch: f.arch }));
  assert.deepEqual(got, [
    'go1.14.darwin-amd64.tar.gz',
    'go1.14.freebsd-386.tar.gz',
    'go1.14.freebsd-amd64.tar.gz',
    'go1.14.linux-386.tar.gz',
    'go1.14.linux-amd64.tar.gz',
    'go1.14.linux-arm64.tar.gz',
    'go1.14.linux-armv6l.tar.gz',
    'go1.14.linux-ppc64le.tar.gz',
    'go1.14.linux-s390x.tar.gz',
    'go1.14.windows-386.zip',
    'go1.14.windows-amd64.zip',
  ]);
  const fromNode = archiveFilename(parseVersion('1.21rc2')!, goPlatformOf('win32', 'arm64'));
  assert.equal(fromNode, 'go1.21rc2.windows-arm64.zip');
});

test('small helpers', () => {
  assert.equal(goarchOf('armv6l'), 'arm');
  assert.equal(goarchOf('amd64'), 'amd64');
  assert.equal(goarchOf('ppc64le'), 'ppc64le');
  assert.equal(exeSuffix('windows'), '.exe');
  assert.equal(exeSuffix('linux'), '');
  assert.equal(archiveExtension('windows'), 'zip');
  assert.equal(archiveExtension('darwin'), 'tar.gz');
  assert.deepEqual(parsePlatform('linux/amd64'), { os: 'linux', arch: 'amd64' });
  assert.deepEqual(parsePlatform(' windows/arm64 '), { os: 'windows', arch: 'arm64' });
  for (const bad of ['linux', 'linux/', '/amd64', 'linux/amd64/v3', 'Linux/AMD64', 'linux-amd64', '../x/y']) {
    assert.throws(() => parsePlatform(bad), (e: unknown) => isGovmError(e) && e.code === 'E_USAGE', bad);
  }
});
