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
    'if [ "$1" = image ] && [ "$2" = inspect ]; then printf "sha256:1234\\t{}\\n"; exit 0; fi',
    'if [ "$1" = run ]; then for a in "$@"; do printf "%s\\n" "$a"; done >> "$log"; echo ---- >> "$log"; exit 7; fi',
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
  // The same through commander (the real bundle), and through the launcher for a line it leaves to commander.
  const viaCli = await run(process.execPath, [GOVM_BIN.replace(/govm\.cjs$/, 'govm.mjs'), 'sandbox', 'run', ...line], { cwd: s.proj, env });
  assert.equal(viaCli.code, 7, viaCli.stderr);
  const [a, b] = calls(s.log);
  assert.ok(a && b);
  assert.deepEqual(a, b, 'the same engine call either way');
  assert.deepEqual(a.slice(-5), ['go', 'test', '-run', 'X Y', './...'], 'the command, unchanged');
  assert.ok(a.includes('--cpus') && a.includes('--network') && a.includes('--workdir'), a.join(' '));
  assert.equal(a[a.indexOf('--workdir') + 1], '/workspace/sub', 'the working folder relative to the module root');

  // Not plain (no `--`): the launcher hands over to the ESM bundle, which this copy lacks.
  const handed = await run(process.execPath, [s.bin, 'sandbox', 'run', '--go', '1.22.3', 'go', 'version'], { cwd: s.proj, env });
  assert.notEqual(handed.code, 7);
  assert.match(handed.stderr, /govm\.mjs/);
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
