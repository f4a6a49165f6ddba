// Progress bars appear only on a TTY: run govm under a real pseudo-terminal
// (util-linux `script`) and through plain pipes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, GOVM_BIN, run, runGovm } from '../../helpers/cli.js';
import { indexJson, startFaultServer } from '../../helpers/fault-server.js';
import { fakeToolchainTarGz } from '../../helpers/toolchain-archive.js';
import { prereq } from '../../helpers/prereq.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

test('a progress bar on a TTY, plain log lines on a pipe', async (t) => {
  if (!prereq(t, hasScript, 'util-linux `script` (a pseudo-terminal) is not installed')) return;
  const FILE = 'go1.22.3.linux-amd64.tar.gz';
  const body = await fakeToolchainTarGz({ version: '1.22.3', payload: 400_000, files: 8 });
  const server = await startFaultServer({
    '/index.json': { body: indexJson([{ version: '1.22.3', files: [{ filename: FILE, os: 'linux', arch: 'amd64', body }] }]) },
    [`/${FILE}`]: { body, faults: [{ kind: 'slow', chunk: 64 * 1024, delayMs: 30 }] },
  });
  const home = await mkdtemp(join(tmpdir(), 'govm-tty-'));
  try {
    const env = cleanEnv({ GOVM_HOME: home, GOVM_INDEX_URL: `${server.url}index.json`, TERM: 'xterm' });
    // Async: the mirror runs in this process, so the event loop must stay free.
    const tty = await run('script', ['-qec', `'${process.execPath}' '${GOVM_BIN}' install 1.22.3`, '/dev/null'], { env, timeoutMs: 60_000 });
    assert.equal(tty.code, 0, tty.stdout);
    assert.match(tty.stdout, /[█░]+ \d+% \| [\d.]+\/\d+ MB \| go1\.22\.3\.linux-amd64\.tar\.gz/, 'a bar was drawn');

    await runGovm(['uninstall', '1.22.3'], { env });
    await runGovm(['cache', 'clean'], { env });
    const piped = await runGovm(['install', '1.22.3'], { env, timeoutMs: 60_000 });
    assert.equal(piped.code, 0, piped.stderr);
    assert.doesNotMatch(piped.stderr, /[█░\x1b]/, 'no bar and no escape codes on a pipe');
    assert.match(piped.stderr, /^downloading go1\.22\.3\.linux-amd64\.tar\.gz \(0\.\d MB\)$/m);
    assert.doesNotMatch(piped.stdout, /downloading/, 'logs stay on stderr');
  } finally {
    await server.close();
    await rm(home, { recursive: true, force: true });
  }
});
