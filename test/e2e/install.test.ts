// End to end: the real CLI installs real Go toolchains from a loopback mirror of
// official-shaped archives (scripts/ci/toolchains.sh), and the installed Go
// builds and runs a program with GOROOT unset. Needs the mirror folder: locally
// it is skipped without one, under GOVM_E2E=1 it fails.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, run, runGovm, type RunResult } from '../helpers/cli.js';
import { e2eMirrorDir, startMirror, type Mirror } from '../helpers/e2e-mirror.js';
import { prereq } from '../helpers/prereq.js';

interface IndexEntry {
  version: string;
  stable: boolean;
  files: { filename: string; os: string; arch: string; sha256: string; size: number; kind: string }[];
}

const LONG = { timeoutMs: 300_000 };
const mirrorDir = e2eMirrorDir();
const indexFile = mirrorDir ? join(mirrorDir, 'index.json') : undefined;
const haveMirror = indexFile !== undefined && existsSync(indexFile);
const WHY = 'no e2e toolchain mirror (GOVM_E2E_MIRROR_DIR or $GOVM_CI_CACHE/toolchains/index.json); run `bash scripts/ci/toolchains.sh`';

/** The newest release of a minor line in the mirror's index, e.g. ('1.22') → 'go1.22.12'. */
function newest(index: IndexEntry[], line: string): IndexEntry | undefined {
  return index.find((e) => e.version.startsWith(`go${line}.`) && e.files.some((f) => f.os === 'linux' && f.arch === 'amd64'));
}

const ok = (r: RunResult, what: string): RunResult => {
  assert.equal(r.code, 0, `${what} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
};

const archiveHits = (m: Mirror): number =>
  Object.entries(m.hits()).filter(([p]) => /\.(tar\.gz|zip)$/.test(p)).reduce((n, [, c]) => n + c, 0);

describe('e2e: govm install from a loopback mirror', { timeout: 900_000 }, () => {
  let mirror: Mirror | undefined;
  let tmp = '';
  let home = '';
  let index: IndexEntry[] = [];
  const govmEnv = (): Record<string, string> => cleanEnv({ GOVM_HOME: home, GOVM_MIRROR: mirror?.url, HOME: tmp });

  before(async () => {
    if (!haveMirror) return;
    index = JSON.parse(readFileSync(indexFile!, 'utf8')) as IndexEntry[];
    mirror = await startMirror(mirrorDir!);
    tmp = mkdtempSync(join(tmpdir(), 'govm-e2e-install-'));
    home = join(tmp, 'govm-home');
  });
  after(async () => {
    await mirror?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('installs 1.21 and 1.22 at once; each builds and runs a program; reinstall is a no-op; uninstall removes', async (t) => {
    if (!prereq(t, haveMirror, WHY)) return;
    const want = ['1.21', '1.22'].map((line) => newest(index, line));
    if (!prereq(t, want.every(Boolean), `the mirror's index lacks a 1.21.x or 1.22.x linux/amd64 archive`)) return;
    const releases = want.map((e) => e!.version); // e.g. go1.21.13, go1.22.12
    const names = releases.map((v) => v.slice(2)); // e.g. 1.21.13, 1.22.12
    const m = mirror!;

    const inst = ok(await runGovm(['install', '1.21', '1.22'], { env: govmEnv(), ...LONG }), 'govm install 1.21 1.22');
    for (const n of names) assert.match(inst.stdout, new RegExp(`\\b${n.replace(/\./g, '\\.')}\\b`), `install output names ${n}`);
    for (const r of releases) {
      assert.equal(m.hits()[`/${r}.linux-amd64.tar.gz`], 1, `${r} archive fetched exactly once`);
    }

    const ls = JSON.parse(ok(await runGovm(['ls', '--json'], { env: govmEnv() }), 'govm ls --json').stdout) as { version: string; path: string }[];
    assert.ok(Array.isArray(ls), 'ls --json prints an array');
    assert.deepEqual(ls.map((e) => e.version).sort(), [...names].sort(), 'exactly the two installed versions are listed');
    for (const n of names) {
      assert.equal(ls.find((e) => e.version === n)?.path, join(home, 'versions', n), `path of ${n}`);
    }

    for (const [i, n] of names.entries()) {
      await t.test(`go ${n} runs from GOVM_HOME and builds hello`, async () => {
        const goroot = join(home, 'versions', n);
        const go = join(goroot, 'bin', 'go');
        const work = mkdtempSync(join(tmp, `hello-${n}-`));
        const env = cleanEnv({
          HOME: work,
          GOTOOLCHAIN: 'local',
          GOPATH: join(work, 'gopath'),
          GOCACHE: join(work, 'gocache'),
          GOPROXY: 'off',
          GOFLAGS: '-buildvcs=false',
        });
        assert.equal(env.GOROOT, undefined);
        const packed = readFileSync(join(goroot, 'VERSION'), 'utf8').split('\n')[0]!.trim();
        assert.equal(packed, releases[i], 'installed VERSION matches the index');
        assert.equal(ok(await run(go, ['version'], { env, cwd: work }), 'go version').stdout, `go version ${releases[i]} linux/amd64\n`);
        assert.equal(ok(await run(go, ['env', 'GOROOT'], { env, cwd: work }), 'go env GOROOT').stdout.trim(), goroot, 'Go finds its GOROOT from its own path');

        ok(await run(go, ['mod', 'init', 'hello'], { env, cwd: work }), 'go mod init');
        writeFileSync(
          join(work, 'main.go'),
          'package main\n\nimport (\n\t"fmt"\n\t"runtime"\n)\n\nfunc main() { fmt.Printf("hello from %s %s/%s\\n", runtime.Version(), runtime.GOOS, runtime.GOARCH) }\n',
        );
        ok(await run(go, ['build', '-o', 'hello'], { env, cwd: work, ...LONG }), 'go build');
        const hello = ok(await run(join(work, 'hello'), [], { env, cwd: work }), './hello');
        assert.equal(hello.stdout, `hello from ${releases[i]} linux/amd64\n`);
      });
    }

    await t.test('a second install of 1.22 downloads nothing', async () => {
      const before = archiveHits(m);
      const again = ok(await runGovm(['install', '1.22'], { env: govmEnv(), ...LONG }), 'second govm install 1.22');
      assert.match(again.stdout, new RegExp(names[1]!.replace(/\./g, '\\.')));
      assert.equal(archiveHits(m), before, `no archive requested again (hits: ${JSON.stringify(m.hits())})`);
      assert.ok(existsSync(join(home, 'versions', names[1]!, 'bin', 'go')));
    });

    await t.test('ls-remote lists the mirror index and marks installed versions', async () => {
      const all = JSON.parse(ok(await runGovm(['ls-remote', '--json'], { env: govmEnv() }), 'ls-remote --json').stdout) as { version: string; installed?: boolean }[];
      assert.deepEqual(all.map((e) => e.version), index.map((e) => e.version.slice(2)), 'every index release, newest first');
      for (const e of all) assert.equal(e.installed, names.includes(e.version), `installed flag of ${e.version}`);
      const line = JSON.parse(ok(await runGovm(['ls-remote', '1.22', '--json'], { env: govmEnv() }), 'ls-remote 1.22 --json').stdout) as { version: string }[];
      assert.deepEqual(line.map((e) => e.version), index.filter((e) => e.version.startsWith('go1.22.')).map((e) => e.version.slice(2)));
    });

    await t.test(`uninstall ${names[0]} removes it and only it`, async () => {
      const rm = ok(await runGovm(['uninstall', names[0]!], { env: govmEnv() }), `govm uninstall ${names[0]}`);
      assert.match(rm.stdout + rm.stderr, new RegExp(names[0]!.replace(/\./g, '\\.')), 'reports what it removed');
      assert.equal(existsSync(join(home, 'versions', names[0]!)), false, 'the GOROOT folder is gone');
      const left = JSON.parse(ok(await runGovm(['ls', '--json'], { env: govmEnv() }), 'govm ls --json').stdout) as { version: string }[];
      assert.deepEqual(left.map((e) => e.version), [names[1]]);
      const plain = ok(await runGovm(['ls'], { env: govmEnv() }), 'govm ls').stdout;
      assert.doesNotMatch(plain, new RegExp(`\\b${names[0]!.replace(/\./g, '\\.')}\\b`));
      assert.match(plain, new RegExp(`\\b${names[1]!.replace(/\./g, '\\.')}\\b`));
      const go = join(home, 'versions', names[1]!, 'bin', 'go');
      assert.equal(ok(await run(go, ['version'], { env: cleanEnv({ GOTOOLCHAIN: 'local' }) }), 'remaining go version').stdout, `go version ${releases[1]} linux/amd64\n`);
    });
  });
});

// The mirror helper itself: the e2e test above and the benches rely on it
// speaking HTTP the way a real download host does.
describe('loopback mirror helper', () => {
  test('serves the index at both paths, HEAD, ranges, ETag revalidation; refuses traversal and dotfiles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govm-mirror-'));
    const m = await startMirror(dir);
    try {
      const body = Buffer.from('0123456789abcdef');
      writeFileSync(join(dir, 'go1.0.linux-amd64.tar.gz'), body);
      writeFileSync(join(dir, 'index.json'), '[]');
      writeFileSync(join(dir, '.secret'), 'x');
      const file = `${m.url}go1.0.linux-amd64.tar.gz`;
      assert.match(m.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);

      assert.equal(await (await fetch(m.indexUrl)).text(), '[]');
      assert.equal(await (await fetch(`${m.url}index.json`)).text(), '[]');

      const full = await fetch(file);
      assert.equal(full.status, 200);
      assert.equal(full.headers.get('content-length'), '16');
      assert.deepEqual(Buffer.from(await full.arrayBuffer()), body);
      const etag = full.headers.get('etag');
      assert.ok(etag);

      const head = await fetch(file, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), '16');

      const part = await fetch(file, { headers: { Range: 'bytes=10-' } });
      assert.equal(part.status, 206);
      assert.equal(part.headers.get('content-range'), 'bytes 10-15/16');
      assert.equal(await part.text(), 'abcdef');
      const tail = await fetch(file, { headers: { Range: 'bytes=-3' } });
      assert.equal(await tail.text(), 'def');
      assert.equal((await fetch(file, { headers: { Range: 'bytes=16-' } })).status, 416);
      const stale = await fetch(file, { headers: { Range: 'bytes=10-', 'If-Range': '"other"' } });
      assert.equal(stale.status, 200, 'a stale If-Range gets the whole file');
      await stale.arrayBuffer();

      assert.equal((await fetch(file, { headers: { 'If-None-Match': etag } })).status, 304);
      assert.equal((await fetch(`${m.url}..%2F..%2Fetc%2Fpasswd`)).status, 404);
      assert.equal((await fetch(`${m.url}.secret`)).status, 404);
      assert.equal((await fetch(`${m.url}missing.tar.gz`)).status, 404);
      assert.equal(m.hits()['/go1.0.linux-amd64.tar.gz'], 7);
    } finally {
      await m.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
