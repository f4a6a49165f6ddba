// `govm sandbox run [options] -- CMD…` is answered by the launcher without the
// ESM bundle and commander, and calls the engine exactly as the full CLI does.
// The engine is a recording stand-in for the docker CLI: no daemon needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cleanEnv, GOVM_BIN, run } from '../../helpers/cli.js';

function setup(t: import('node:test').TestContext): { bin: string; fake: string; log: string; home: string; proj: string } {
  const dir = mkdtempSync(join(tmpdir(), 'govm-launcher-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const log = join(dir, 'calls.log');
  const fake = join(dir, 'engine', 'docker');
  mkdirSync(dirname(fake));
  // `image inspect` finds every image; `run` records its arguments (one per line) and exits 7.
  writeFileSync(fake, [
    '#!/bin/sh',
    `log='${log}'`,
    // FAKE_DAEMON=down: image checks find no daemon; `run` then takes its time, as a real one would.
    'if [ "$1" = image ] && [ "$2" = inspect ]; then',
    '  if [ "$FAKE_DAEMON" = down ]; then echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1; fi',
    '  printf "sha256:1234\\t{}\\n"; exit 0',
    'fi',
    'if [ "$1" = run ]; then for a in "$@"; do printf "%s\\n" "$a"; done >> "$log"; echo ---- >> "$log"; [ "$FAKE_DAEMON" = down ] && exec sleep 30; exit 7; fi',
    'if [ "$1" = rm ]; then echo "rm $*" >> "$log.rm"; exit 0; fi',
    'echo "unexpected: $*" >&2; exit 99',
  ].join('\n'));
  chmodSync(fake, 0o755);
  // The launcher alone: the ESM bundle's entry removed, so only the fast path can work.
  const dist = join(dir, 'dist');
  cpSync(dirname(GOVM_BIN), dist, { recursive: true });
  rmSync(join(dist, 'govm.mjs'));
  const home = join(dir, 'home');
  const proj = join(dir, 'proj', 'sub');
  mkdirSync(proj, { recursive: true });
  writeFileSync(join(dir, 'proj', 'go.mod'), 'module example.com/p\n\ngo 1.22\n');
  return { bin: join(dist, 'govm.cjs'), fake, log, home, proj };
}

const calls = (log: string): string[][] =>
  readFileSync(log, 'utf8').split('----\n').filter(Boolean).map((c) => c.trimEnd().split('\n').map((a) => a.replace(/^govm-run-1\.22\.3-[0-9a-f]{6}$/, 'govm-run-1.22.3-NAME')));

test('a plain `sandbox run … -- CMD` runs from the launcher alone, like the full CLI', async (t) => {
  const s = setup(t);
  // DOCKER_HOST to a socket that does not exist: image checks go through the CLI stand-in.
  const env = cleanEnv({ GOVM_HOME: s.home, GOVM_CONTAINER_ENGINE: s.fake, DOCKER_HOST: `unix://${join(s.home, 'no.sock')}`, GOVM_OFFLINE: '1' });
  const line = ['--go', '1.22.3', '--cpus', '1.5', '-e', 'GOFLAGS=-mod=mod', '--network', 'none', '--', 'go', 'test', '-run', 'X Y', './...'];
  const fast = await run(process.execPath, [s.bin, 'sandbox', 'run', ...line], { cwd: s.proj, env });
  assert.equal(fast.code, 7, fast.stderr);
  // The same through commander (the real bundle), from the same start: the image not seen before.
  rmSync(join(s.home, 'cache', 'sandbox-images.json'));
  const viaCli = await run(process.execPath, [GOVM_BIN.replace(/govm\.cjs$/, 'govm.mjs'), 'sandbox', 'run', ...line], { cwd: s.proj, env });
  assert.equal(viaCli.code, 7, viaCli.stderr);
  // Now seen: started at once, the image checked alongside.
  const again = await run(process.execPath, [s.bin, 'sandbox', 'run', ...line], { cwd: s.proj, env });
  assert.equal(again.code, 7, again.stderr);
  const [a, b, c] = calls(s.log);
  assert.ok(a && b && c);
  assert.deepEqual(a, b, 'the same engine call either way');
  assert.deepEqual(c, [...a.slice(0, 5), '--pull', 'never', ...a.slice(5)], 'a seen image: --pull never, nothing else changes');
  assert.deepEqual(a.slice(-5), ['go', 'test', '-run', 'X Y', './...'], 'the command, unchanged');
  assert.ok(a.includes('--cpus') && a.includes('--network') && a.includes('--workdir'), a.join(' '));
  assert.equal(a[a.indexOf('--workdir') + 1], '/workspace/sub', 'the working folder relative to the module root');

  // Not plain (no `--`): the launcher hands over to the ESM bundle, which this copy lacks.
  const handed = await run(process.execPath, [s.bin, 'sandbox', 'run', '--go', '1.22.3', 'go', 'version'], { cwd: s.proj, env });
  assert.notEqual(handed.code, 7);
  assert.match(handed.stderr, /govm\.mjs/);
});

test('a seen image whose check fails (no daemon): the started engine CLI is stopped, its container removed, the error reported', async (t) => {
  const s = setup(t);
  const env = cleanEnv({ GOVM_HOME: s.home, GOVM_CONTAINER_ENGINE: s.fake, DOCKER_HOST: `unix://${join(s.home, 'no.sock')}`, GOVM_OFFLINE: '1' });
  const line = ['sandbox', 'run', '--go', '1.22.3', '--', 'go', 'version'];
  assert.equal((await run(process.execPath, [s.bin, ...line], { cwd: s.proj, env })).code, 7, 'seen once');
  const started = Date.now();
  const r = await run(process.execPath, [s.bin, ...line], { cwd: s.proj, env: { ...env, FAKE_DAEMON: 'down' }, timeoutMs: 20_000 });
  assert.equal(r.code, 8, r.stderr);
  assert.match(r.stderr, /daemon is not reachable.*\[E_ENGINE_UNREACHABLE\]/);
  assert.ok(Date.now() - started < 10_000, 'the engine CLI was stopped, not waited for');
  const rm = readFileSync(`${s.log}.rm`, 'utf8');
  assert.match(rm, /^rm rm -f govm-run-1\.22\.3-[0-9a-f]{6}$/m, 'its container removed');
});

test('launcher fast path: errors are rendered as everywhere else (code, hint, exit code, no stack)', async (t) => {
  const s = setup(t);
  const env = cleanEnv({ GOVM_HOME: s.home, GOVM_CONTAINER_ENGINE: join(s.home, 'no-such-engine') });
  const r = await run(process.execPath, [s.bin, 'sandbox', 'run', '--go', '1.22.3', '--', 'go', 'version'], { cwd: s.proj, env });
  assert.equal(r.code, 8, r.stderr);
  assert.match(r.stderr, /container engine .*no-such-engine does not exist .*\[E_ENGINE_MISSING\]/);
  assert.match(r.stderr, /hint:/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  const bad = await run(process.execPath, [s.bin, 'sandbox', 'run', '--cpus', 'lots', '--', 'go', 'version'], { cwd: s.proj, env });
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /--cpus/);
});
