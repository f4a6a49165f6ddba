// The install pipeline through the real CLI against a real local HTTP server
// that injects faults. Archives are synthetic toolchains shaped like official ones.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { cleanEnv, runGovm, type RunResult } from '../../helpers/cli.js';
import { indexJson, sha256, startFaultServer, type Fault, type FaultServer } from '../../helpers/fault-server.js';
import { fakeToolchainTarGz } from '../../helpers/toolchain-archive.js';

let good: Buffer;
let other: Buffer;
const FILE = 'go1.22.3.linux-amd64.tar.gz';
const OTHER = 'go1.21.9.linux-amd64.tar.gz';

before(async () => {
  [good, other] = await Promise.all([fakeToolchainTarGz({ version: '1.22.3' }), fakeToolchainTarGz({ version: '1.21.9' })]);
});

interface Setup {
  server: FaultServer;
  home: string;
  env: Record<string, string>;
  govm(...args: string[]): Promise<RunResult>;
  done(): Promise<void>;
}

/** A mirror whose index lists go1.22.3 and go1.21.9; `serve` overrides what is actually served. */
async function setup(opts: { serve?: Buffer; faults?: Fault[]; index?: string; env?: Record<string, string> } = {}): Promise<Setup> {
  const server = await startFaultServer();
  server.set('/index.json', {
    body: opts.index ?? indexJson([
      { version: '1.22.3', files: [{ filename: FILE, os: 'linux', arch: 'amd64', body: good }] },
      { version: '1.22rc1', stable: false, files: [] },
      { version: '1.21.9', files: [{ filename: OTHER, os: 'linux', arch: 'amd64', body: other }] },
    ]),
  });
  server.set(`/${FILE}`, { body: opts.serve ?? good, faults: opts.faults });
  server.set(`/${OTHER}`, { body: other });
  const home = await mkdtemp(join(tmpdir(), 'govm-home-'));
  const env = cleanEnv({
    GOVM_HOME: home,
    GOVM_INDEX_URL: `${server.url}index.json`,
    GOVM_RETRY_DELAY_MS: '10',
    GOVM_HTTP_TIMEOUT: '2',
    ...opts.env,
  });
  return {
    server, home, env,
    govm: (...args) => runGovm(args, { env, timeoutMs: 60_000 }),
    done: async () => {
      await server.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);

async function assertNothingInstalled(s: Setup): Promise<void> {
  assert.deepEqual(JSON.parse((await s.govm('ls', '--json')).stdout), []);
  assert.equal(await exists(join(s.home, 'versions', '1.22.3')), false);
  const tmp = await readdir(join(s.home, 'tmp')).catch(() => []);
  assert.deepEqual(tmp.filter((e) => e.includes('staging')), [], 'no staging folder is left behind');
  const dl = await readdir(join(s.home, 'cache', 'downloads')).catch(() => []);
  assert.deepEqual(dl.filter((f) => f.startsWith('go1.22.3')), [], 'no unverified archive is kept');
}

test('installs a minor line, runs its go, and reuses the verified cache', async () => {
  const s = await setup();
  try {
    const r = await s.govm('install', '1.22');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^1\.22\.3\tinstalled in/m);
    const goBin = join(s.home, 'versions', '1.22.3', 'bin', 'go');
    assert.equal(execFileSync(goBin, ['version'], { encoding: 'utf8' }).trim(), 'go version go1.22.3 linux/amd64');
    assert.ok(await exists(join(s.home, 'cache', 'downloads', FILE)), 'archive cached');

    const ls = JSON.parse((await s.govm('ls', '--json')).stdout) as { version: string; path: string }[];
    assert.deepEqual(ls.map((x) => x.version), ['1.22.3']);
    const remote = JSON.parse((await s.govm('ls-remote', '--json')).stdout) as { version: string; installed: boolean }[];
    assert.deepEqual(remote, [
      { version: '1.22.3', stable: true, installed: true },
      { version: '1.21.9', stable: true, installed: false },
    ]);
    const withPre = JSON.parse((await s.govm('ls-remote', '1.22', '--all', '--json')).stdout) as { version: string }[];
    assert.deepEqual(withPre.map((x) => x.version), ['1.22.3', '1.22rc1']);

    const again = await s.govm('install', '1.22.3');
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already installed/);
    // Reinstall after uninstall comes from the cache: no second download.
    assert.match((await s.govm('uninstall', '1.22.3')).stdout, /^removed 1\.22\.3 \(.*versions.1\.22\.3\)$/m);
    const fromCache = await s.govm('install', '1.22.3', '--json');
    assert.equal(fromCache.code, 0, fromCache.stderr);
    assert.equal((JSON.parse(fromCache.stdout) as { source: string }[])[0]!.source, 'cache');
    assert.equal(s.server.count(`/${FILE}`), 1, 'downloaded exactly once');
  } finally {
    await s.done();
  }
});

test('installs several versions in parallel', async () => {
  const s = await setup();
  try {
    const r = await s.govm('install', '1.22', '1.21.9', '--json');
    assert.equal(r.code, 0, r.stderr);
    const res = JSON.parse(r.stdout) as { version: string; status: string }[];
    assert.deepEqual(res.map((x) => [x.version, x.status]), [['1.22.3', 'installed'], ['1.21.9', 'installed']]);
    assert.deepEqual((JSON.parse((await s.govm('ls', '--json')).stdout) as { version: string }[]).map((x) => x.version), ['1.22.3', '1.21.9']);
  } finally {
    await s.done();
  }
});

test('corrupted bytes: checksum mismatch deletes the file and installs nothing', async () => {
  const bad = Buffer.from(good);
  bad[bad.length >> 1] = bad[bad.length >> 1]! ^ 0xff;
  const s = await setup({ serve: bad });
  try {
    const r = await s.govm('install', '1.22.3');
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /SHA-256 mismatch .*\[E_CHECKSUM\]/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    await assertNothingInstalled(s);
  } finally {
    await s.done();
  }
});

test('wrong size: a file shorter than the index says is refused', async () => {
  const s = await setup({ serve: good.subarray(0, good.length - 1000) });
  try {
    const r = await s.govm('install', '1.22.3');
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /\[E_SIZE\]/);
    await assertNothingInstalled(s);
  } finally {
    await s.done();
  }
});

test('wrong size: a file longer than the index says is refused as soon as it overflows', async () => {
  const s = await setup({ serve: Buffer.concat([good, Buffer.alloc(5000, 1)]) });
  try {
    const r = await s.govm('install', '1.22.3');
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /more than the \d+ bytes .*\[E_SIZE\]/);
    await assertNothingInstalled(s);
  } finally {
    await s.done();
  }
});

test('a truncated connection is resumed with a Range request', async () => {
  const s = await setup({ faults: [{ kind: 'truncate', afterBytes: 300_000, times: 1 }] });
  try {
    const r = await s.govm('install', '1.22.3');
    assert.equal(r.code, 0, r.stderr);
    const reqs = s.server.log.filter((l) => l.path === `/${FILE}`);
    assert.equal(reqs.length, 2);
    assert.equal(reqs[1]!.status, 206);
    assert.match(reqs[1]!.range ?? '', /^bytes=\d+-$/);
    assert.ok(Number(/\d+/.exec(reqs[1]!.range!)![0]) >= 300_000 - 65536, 'resumed near the cut, not from 0');
    assert.ok(await exists(join(s.home, 'versions', '1.22.3', 'bin', 'go')));
  } finally {
    await s.done();
  }
});

test('a server that ignores Range still yields a correct install', async () => {
  const s = await setup({ faults: [{ kind: 'truncate', afterBytes: 200_000, times: 1 }, { kind: 'noRange' }] });
  try {
    const r = await s.govm('install', '1.22.3');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(s.server.log.filter((l) => l.path === `/${FILE}`).map((l) => l.status), [200, 200]);
  } finally {
    await s.done();
  }
});

test('HTTP 500 twice, then success: retried with back-off', async () => {
  const s = await setup({ faults: [{ kind: 'status', status: 500, times: 2 }] });
  try {
    const r = await s.govm('install', '1.22.3');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(s.server.log.filter((l) => l.path === `/${FILE}`).map((l) => l.status), [500, 500, 200]);
    assert.match(r.stderr, /HTTP 500; retrying/);
  } finally {
    await s.done();
  }
});

test('HTTP 404 is final: no retry', async () => {
  const s = await setup({ faults: [{ kind: 'status', status: 404, times: 99 }] });
  try {
    const r = await s.govm('install', '1.22.3');
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /HTTP 404 \[E_HTTP_STATUS\]/);
    assert.equal(s.server.count(`/${FILE}`), 1);
    await assertNothingInstalled(s);
  } finally {
    await s.done();
  }
});

test('a stalled server times out and the download resumes', async () => {
  const s = await setup({ faults: [{ kind: 'stall', afterBytes: 100_000, times: 1 }], env: { GOVM_HTTP_TIMEOUT: '1' } });
  try {
    const r = await s.govm('install', '1.22.3');
    assert.equal(r.code, 0, r.stderr);
    const reqs = s.server.log.filter((l) => l.path === `/${FILE}`);
    assert.deepEqual(reqs.map((l) => l.status), [200, 206]);
  } finally {
    await s.done();
  }
});

test('retries are bounded: a server that always fails gives a network error', async () => {
  const s = await setup({ faults: [{ kind: 'status', status: 503, times: 99 }], env: { GOVM_RETRIES: '2' } });
  try {
    const r = await s.govm('install', '1.22.3');
    assert.equal(r.code, 4);
    assert.equal(s.server.count(`/${FILE}`), 3);
    await assertNothingInstalled(s);
  } finally {
    await s.done();
  }
});

test('an index without sha256 falls back to the .sha256 file beside the archive', async () => {
  const index = indexJson([{ version: '1.22.3', files: [{ filename: FILE, os: 'linux', arch: 'amd64', body: good, sha256: null }] }]);
  const s = await setup({ index });
  try {
    s.server.set(`/${FILE}.sha256`, { body: sha256(good) });
    const r = await s.govm('install', '1.22.3');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(s.server.count(`/${FILE}.sha256`), 1);
    // …and a sidecar that disagrees with the bytes is a checksum failure.
    await s.govm('uninstall', '1.22.3');
    await s.govm('cache', 'clean');
    s.server.set(`/${FILE}.sha256`, { body: `${'0'.repeat(64)}  ${FILE}\n` });
    const bad = await s.govm('install', '1.22.3');
    assert.equal(bad.code, 5, bad.stderr);
    assert.match(bad.stderr, /\[E_CHECKSUM\]/);
  } finally {
    await s.done();
  }
});

test('plain http:// to a non-loopback host is refused without GOVM_INSECURE', async () => {
  const s = await setup({ env: { GOVM_INDEX_URL: 'http://mirror.invalid/index.json' } });
  try {
    const r = await s.govm('ls-remote');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /refusing plain http:\/\/ to mirror\.invalid \[E_INSECURE_URL\]/);
    assert.match(r.stderr, /GOVM_INSECURE=1/);
  } finally {
    await s.done();
  }
});

test('the index is cached: fresh within the TTL, revalidated with a conditional request, used when the network is down', async () => {
  const s = await setup();
  try {
    assert.equal((await s.govm('ls-remote')).code, 0);
    assert.equal((await s.govm('ls-remote')).code, 0);
    assert.equal(s.server.count('/index.json'), 1, 'second call served from cache');
    const revalidate = await runGovm(['ls-remote'], { env: { ...s.env, GOVM_INDEX_TTL: '0' } });
    assert.equal(revalidate.code, 0, revalidate.stderr);
    assert.deepEqual(s.server.log.filter((l) => l.path === '/index.json').map((l) => l.status), [200, 304]);
    await s.server.close();
    const offline = await runGovm(['ls-remote', '--json'], { env: { ...s.env, GOVM_INDEX_TTL: '0', GOVM_RETRIES: '0' } });
    assert.equal(offline.code, 0, offline.stderr);
    assert.match(offline.stderr, /using the cached index from \d{4}-/);
    assert.equal((JSON.parse(offline.stdout) as unknown[]).length, 2);
  } finally {
    await s.done();
  }
});

test('GOVM_OFFLINE without a cached index is a clear error', async () => {
  const s = await setup({ env: { GOVM_OFFLINE: '1' } });
  try {
    const r = await s.govm('install', '1.22');
    assert.equal(r.code, 4);
    assert.match(r.stderr, /offline and no cached release index \[E_OFFLINE\]/);
    assert.equal(s.server.log.length, 0);
  } finally {
    await s.done();
  }
});

test('specs: unknown versions name the nearest ones; malformed specs are usage errors', async () => {
  const s = await setup();
  try {
    const missing = await s.govm('install', '1.22.9');
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /no Go release matches '1\.22\.9' \[E_VERSION_NOT_FOUND\]\n\s+hint: nearest: 1\.22\.3/);
    const pre = await s.govm('install', '1.22rc1');
    assert.equal(pre.code, 3, 'a pre-release with no archive for this platform');
    const bad = await s.govm('install', 'banana');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /malformed version spec 'banana' \[E_SPEC_MALFORMED\]/);
  } finally {
    await s.done();
  }
});

test('uninstall says what it removed, and refuses what is not installed', async () => {
  const s = await setup();
  try {
    assert.equal((await s.govm('install', '1.21.9')).code, 0);
    const json = await s.govm('uninstall', '1.21.9', '--json');
    assert.deepEqual(JSON.parse(json.stdout), [{ version: '1.21.9', path: join(s.home, 'versions', '1.21.9'), wasGlobal: false }]);
    const again = await s.govm('uninstall', '1.21.9');
    assert.equal(again.code, 3);
    assert.match(again.stderr, /go 1\.21\.9 is not installed \[E_NOT_INSTALLED\]/);
  } finally {
    await s.done();
  }
});
