// The launcher's fast paths run from V8's code cache (stores/code-cache.ts)
// through the real CLI: made by the first `govm current`, used by the next
// with the same answer, replaced when broken, never created without a
// GOVM_HOME, and listed and cleaned by `govm cache`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, runGovm } from '../../helpers/cli.js';

function setup(t: import('node:test').TestContext): { home: string; proj: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'govm-code-cache-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const home = join(dir, 'home');
  const proj = join(dir, 'proj');
  mkdirSync(proj);
  writeFileSync(join(proj, '.go-version'), '1.22.3\n');
  return { home, proj, env: cleanEnv({ GOVM_HOME: home, GOVM_DEBUG: '1', GOVM_OFFLINE: '1' }) };
}

const status = (stderr: string): string | undefined => /govm: code cache: (\w+)/.exec(stderr)?.[1];

test('`govm current` makes the code cache once, then runs from it with the same answer', async (t) => {
  const s = setup(t);
  mkdirSync(s.home);
  const first = await runGovm(['current', '--json'], { cwd: s.proj, env: s.env });
  assert.equal(status(first.stderr), 'none', first.stderr);
  const files = readdirSync(join(s.home, 'cache', 'v8'));
  assert.equal(files.length, 1);
  assert.match(files[0]!, new RegExp(`^[0-9a-f]{16}-${process.version.replace(/\./g, '\\.')}-${process.arch}-current\\.bin$`));
  const second = await runGovm(['current', '--json'], { cwd: s.proj, env: s.env });
  assert.equal(status(second.stderr), 'accepted', second.stderr);
  assert.equal(second.code, first.code);
  assert.equal(second.stdout, first.stdout);
  assert.equal(JSON.parse(second.stdout).request, '1.22.3');

  // Broken (truncated by a full disk, say): rejected, the same answer, then replaced.
  const file = join(s.home, 'cache', 'v8', files[0]!);
  writeFileSync(file, 'garbage');
  const broken = await runGovm(['current', '--json'], { cwd: s.proj, env: s.env });
  assert.equal(status(broken.stderr), 'rejected', broken.stderr);
  assert.equal(broken.stdout, first.stdout);
  assert.equal(status((await runGovm(['current', '--json'], { cwd: s.proj, env: s.env })).stderr), 'accepted');

  // `govm cache` lists it as code, and cleans it only when cleaning everything.
  const ls = await runGovm(['cache', 'ls', '--json'], { env: s.env });
  assert.deepEqual(JSON.parse(ls.stdout).map((e: { kind: string; file: string }) => [e.kind, e.file]), [['code', files[0]]]);
  await runGovm(['cache', 'clean', '--downloads', '--index'], { env: s.env });
  assert.deepEqual(readdirSync(join(s.home, 'cache', 'v8')), files);
  const cleaned = await runGovm(['cache', 'clean', '--json'], { env: s.env });
  assert.equal(JSON.parse(cleaned.stdout).length, 1, cleaned.stdout);
  assert.deepEqual(readdirSync(join(s.home, 'cache', 'v8')), []);
});

test('without a GOVM_HOME folder, `govm current` writes nothing', async (t) => {
  const s = setup(t);
  const r = await runGovm(['current'], { cwd: s.proj, env: s.env });
  assert.equal(status(r.stderr), 'off', r.stderr);
  assert.match(r.stdout, /1\.22\.3/);
  assert.deepEqual(readdirSync(join(s.home, '..')).sort(), ['proj']);
});
