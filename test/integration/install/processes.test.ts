// Real processes: two installs of one version racing, and an install killed
// with SIGKILL in the middle of extraction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, GOVM_BIN, runGovm } from '../../helpers/cli.js';
import { indexJson, startFaultServer } from '../../helpers/fault-server.js';
import { fakeToolchainTarGz } from '../../helpers/toolchain-archive.js';

const FILE = 'go1.22.3.linux-amd64.tar.gz';

async function slowMirror() {
  const body = await fakeToolchainTarGz({ version: '1.22.3', payload: 2_000_000, files: 200 });
  const server = await startFaultServer({
    '/index.json': { body: indexJson([{ version: '1.22.3', files: [{ filename: FILE, os: 'linux', arch: 'amd64', body }] }]) },
    [`/${FILE}`]: { body, faults: [{ kind: 'slow', chunk: 32 * 1024, delayMs: 25 }] },
  });
  const home = await mkdtemp(join(tmpdir(), 'govm-proc-'));
  const env = cleanEnv({ GOVM_HOME: home, GOVM_INDEX_URL: `${server.url}index.json`, GOVM_RETRY_DELAY_MS: '10' });
  return { server, home, env, cleanup: async () => { await server.close(); await rm(home, { recursive: true, force: true }); } };
}

const stagingDirs = async (home: string): Promise<string[]> =>
  (await readdir(join(home, 'tmp')).catch(() => [] as string[])).filter((e) => e.includes('.staging-'));

test('two processes installing the same version both succeed with exactly one download and extraction', async () => {
  const m = await slowMirror();
  try {
    const [a, b] = await Promise.all([
      runGovm(['install', '1.22.3', '--json'], { env: m.env, timeoutMs: 60_000 }),
      runGovm(['install', '1.22.3', '--json'], { env: m.env, timeoutMs: 60_000 }),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const statuses = [a, b].map((r) => (JSON.parse(r.stdout) as { status: string }[])[0]!.status).sort();
    assert.deepEqual(statuses, ['installed', 'present'], 'one extracted, the other found it done');
    assert.equal(m.server.count(`/${FILE}`), 1, 'one download');
    assert.match(a.stderr + b.stderr, /waiting for another govm installing 1\.22\.3/);
    assert.deepEqual(await stagingDirs(m.home), []);
  } finally {
    await m.cleanup();
  }
});

test('SIGKILL mid-extraction: nothing half-installed is listed, leftovers are cleaned, the next install resumes', async () => {
  const m = await slowMirror();
  try {
    const child = spawn(process.execPath, [GOVM_BIN, 'install', '1.22.3'], { env: m.env, stdio: 'ignore' });
    // Wait until extraction has written files into the staging folder.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const dirs = await stagingDirs(m.home);
      const files = dirs.length ? await readdir(join(m.home, 'tmp', dirs[0]!, 'src', 'pkg')).catch(() => []) : [];
      if (files.length >= 5) break;
      assert.ok(Date.now() < deadline, 'extraction never started');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    assert.equal((await stagingDirs(m.home)).length, 1, 'the killed run left its staging folder');

    const ls = await runGovm(['ls', '--json'], { env: m.env });
    assert.deepEqual(JSON.parse(ls.stdout), [], 'nothing half-installed is listed');

    // Once the dead holder's lock is stale (≤ 5 s), any run cleans up.
    const again = await runGovm(['install', '1.22.3', '--json'], { env: m.env, timeoutMs: 60_000 });
    assert.equal(again.code, 0, again.stderr);
    assert.equal((JSON.parse(again.stdout) as { status: string }[])[0]!.status, 'installed');
    assert.deepEqual(await stagingDirs(m.home), [], 'leftovers cleaned');
    const reqs = m.server.log.filter((l) => l.path === `/${FILE}`);
    assert.equal(reqs.length, 2);
    assert.equal(reqs[1]!.status, 206, 'the partial download was resumed, not restarted');
    const ls2 = JSON.parse((await runGovm(['ls', '--json'], { env: m.env })).stdout) as { version: string }[];
    assert.deepEqual(ls2.map((v) => v.version), ['1.22.3']);
  } finally {
    await m.cleanup();
  }
});

test("the prompt hook's stamp files of exited shells are cleaned, live ones kept", async () => {
  const home = await mkdtemp(join(tmpdir(), 'govm-stamps-'));
  try {
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(home, 'tmp'), { recursive: true });
    const dead = spawn('true');
    await new Promise((r) => dead.once('exit', r));
    await writeFile(join(home, 'tmp', `hook-${dead.pid}`), '');
    await writeFile(join(home, 'tmp', `hook-${process.pid}`), '');
    const r = await runGovm(['ls'], { env: cleanEnv({ GOVM_HOME: home }) });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await readdir(join(home, 'tmp')), [`hook-${process.pid}`]);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
