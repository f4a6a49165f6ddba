// govm global / use / current / which / exec through the real CLI, with real toolchains.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanEnv, GOVM_BIN } from '../../helpers/cli.js';
import { prereq } from '../../helpers/prereq.js';
import { buildHome, makeTmp, toolchainsPresent, toolchainsReason } from '../../conformance/fixture.js';
import { govmQuiet } from '../../conformance/run.js';

let tmp = '';
let home = '';
let proj = '';
let env: Record<string, string> = {};
before(async () => {
  tmp = await makeTmp('govm cmds ü-');
  home = join(tmp, 'home ñ');
  proj = join(tmp, 'proj é', 'deep');
  await mkdir(proj, { recursive: true });
  if (toolchainsPresent()) await buildHome(home);
  const empty = join(tmp, 'empty');
  await mkdir(empty, { recursive: true });
  env = cleanEnv({ GOVM_HOME: home, PATH: `${join(home, 'shims')}:${empty}:/usr/bin:/bin`, PWD: proj });
});
after(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const govm = (args: string[], extra: Record<string, string> = {}, cwd = proj) =>
  govmQuiet(args, { cwd, env: { ...env, PWD: cwd, ...extra } });

test('global: set, print, explain, unset', async (t) => {
  if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
  const none = await govm(['global']);
  assert.equal(none.code, 3);
  const set = await govm(['global', 'go1.22']);
  assert.equal(set.code, 0, set.stderr);
  assert.equal(readFileSync(join(home, 'version'), 'utf8'), '1.22\n');
  assert.equal((await govm(['global'])).stdout, '1.22\n');
  const cur = await govm(['current']);
  assert.equal(cur.stdout, `1.22.12  (from ${join(home, 'version')})\n`);
  const bad = await govm(['global', '$(id)']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /E_VERSION_FILE/);
  const missing = await govm(['global', '1.18']);
  assert.equal(missing.code, 0);
  assert.match(missing.stderr, /not installed yet; run: govm install 1\.18/);
  assert.equal((await govm(['global', '--unset'])).code, 0);
  assert.equal((await govm(['global'])).code, 3);
});

test('use (and its alias local) writes .go-version here; current explains it', async (t) => {
  if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
  const r = await govm(['use', '1.21']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(proj, '.go-version'), 'utf8'), '1.21\n');
  assert.equal((await govm(['current'])).stdout, `1.21.13  (from ${join(proj, '.go-version')})\n`);
  const j = JSON.parse((await govm(['current', '--json'])).stdout);
  assert.deepEqual(
    { version: j.version, source: j.source, file: j.file, line: j.line, request: j.request, kind: j.kind, installed: j.installed },
    { version: '1.21.13', source: 'file', file: join(proj, '.go-version'), line: 1, request: '1.21', kind: 'exact', installed: true },
  );
  assert.equal((await govm(['local', '1.19.8'])).code, 0);
  assert.equal(readFileSync(join(proj, '.go-version'), 'utf8'), '1.19.8\n');
  assert.equal((await govm(['use'])).code, 2, 'a version is required');
  assert.equal((await govm(['use', '--unset'])).code, 0);
  const missing = await govm(['current'], { GOVM_GO_VERSION: '1.20' });
  assert.equal(missing.stdout, '1.20  (from GOVM_GO_VERSION; not installed: run govm install 1.20)\n');
});

test('which names the real binary', async (t) => {
  if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
  const r = await govm(['which', 'gofmt'], { GOVM_GO_VERSION: '1.23' });
  assert.equal(r.stdout, `${join(home, 'versions', '1.23.5', 'bin', 'gofmt')}\n`, r.stderr);
  const nope = await govm(['which', 'nosuch'], { GOVM_GO_VERSION: '1.23' });
  assert.equal(nope.code, 3);
  const missing = await govm(['which', 'go'], { GOVM_GO_VERSION: '1.18' });
  assert.equal(missing.code, 127);
  assert.match(missing.stderr, /run: govm install 1\.18/);
});

test('exec: given version, PATH/GOROOT/GOTOOLCHAIN, with and without --', async (t) => {
  if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
  const script = 'echo "$GOROOT"; command -v go; echo "$GOTOOLCHAIN"; go version';
  const r = await govm(['exec', '1.19', '--', 'sh', '-c', script], { GOROOT: '/stale' });
  const root = join(home, 'versions', '1.19.8');
  assert.equal(r.stdout, `${root}\n${root}/bin/go\nlocal\ngo version go1.19.8 linux/amd64\n`, r.stderr);
  const own = await govm(['exec', '1.19', 'sh', '-c', 'echo "$GOTOOLCHAIN"'], { GOTOOLCHAIN: 'go1.19.8' });
  assert.equal(own.stdout, 'go1.19.8\n', 'the user\'s GOTOOLCHAIN is kept; the spec works without --');
  await writeFile(join(proj, 'go.mod'), 'module x\n\ngo 1.22\n');
  const resolved = await govm(['exec', '--', 'go', 'env', 'GOVERSION']);
  assert.equal(resolved.stdout, 'go1.22.12\n', resolved.stderr);
  const passthrough = await govm(['exec', '--', 'sh', '-c', 'echo "$@"', 'x', '--help', '-V', '--']);
  assert.equal(passthrough.stdout, '--help -V --\n', 'options after the command belong to the command');
  await rm(join(proj, 'go.mod'));
});

test('exec: exit codes propagate exactly; a command that is not there is 127', async (t) => {
  if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
  for (const code of [0, 1, 42, 255]) {
    const r = await govm(['exec', '1.21', '--', 'sh', '-c', `exit ${code}`]);
    assert.equal(r.code, code);
  }
  const missing = await govm(['exec', '1.21', '--', 'no-such-command-xyz']);
  assert.equal(missing.code, 127);
  const notInstalled = await govm(['exec', '1.18', '--', 'go', 'version']);
  assert.equal(notInstalled.code, 127);
  assert.match(notInstalled.stderr, /^govm: Go 1\.18 is not installed; run: govm install 1\.18 \[E_NOT_INSTALLED\]/);
});

test('exec: a child killed by a signal kills govm with it; signals sent to govm reach the child', async (t) => {
  if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
  const self = await govm(['exec', '1.21', '--', 'sh', '-c', 'kill -TERM $$']);
  assert.equal(self.code, null);
  assert.equal(self.signal, 'SIGTERM');

  const child = spawn(process.execPath, [GOVM_BIN, 'exec', '1.21', '--', 'sh', '-c', 'trap "echo got-term; exit 7" TERM; echo ready; while :; do sleep 0.05; done'], {
    cwd: proj,
    env: { ...env, PATH: env.PATH! },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a failure below can't leave the loop running
  });
  t.after(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  let out = '';
  const ready = new Promise<void>((res) => child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (out.includes('ready')) res();
  }));
  await ready;
  child.kill('SIGTERM');
  const [code] = await new Promise<[number | null, string | null]>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`govm exec did not end after SIGTERM; output so far: ${out}`)), 30_000);
    child.on('close', (c, s) => {
      clearTimeout(timer);
      res([c, s]);
    });
  });
  assert.equal(code, 7, 'the child trapped the forwarded TERM and chose its exit code');
  assert.match(out, /got-term/);
});
