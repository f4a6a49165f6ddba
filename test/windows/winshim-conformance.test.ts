// The native shim (src/integrations/shims/winshim, shipped for Windows) against
// THE conformance table (test/conformance/cases.ts), on Linux: the same Go
// source built for linux with Debian's Go stands in for the sh shim in each
// fixture home. The Windows build of the same source is exercised under Wine
// by test/windows/lane/*. Also checks that source.ts (the copy in the bundle)
// is not stale.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '../helpers/cli.js';
import { prereq } from '../helpers/prereq.js';
import { CASES } from '../conformance/cases.js';
import { buildCase, goVersionLine, makeTmp, toolchainsPresent, toolchainsReason } from '../conformance/fixture.js';
import { WINSHIM_FILES } from '../../src/integrations/shims/winshim/source.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const GO = '/usr/lib/go-1.22/bin/go';
let shimBin = '';
let buildErr = '';
let tmp = '';

before(async () => {
  tmp = await makeTmp('govm winshim ü-');
  if (!existsSync(GO)) return;
  // Build from the bundled copy (source.ts), i.e. exactly what govm compiles on Windows.
  const src = mkdtempSync(join(tmpdir(), 'winshim-src-'));
  for (const [name, text] of Object.entries(WINSHIM_FILES)) writeFileSync(join(src, name), text);
  shimBin = join(src, 'govm-shim');
  const r = spawnSync(GO, ['build', '-trimpath', '-o', shimBin, '.'], {
    cwd: src,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: src, GOCACHE: join(tmpdir(), 'govm-winshim-gocache'), GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOPROXY: 'off', CGO_ENABLED: '0' },
  });
  if (r.status !== 0) buildErr = `${r.stdout}${r.stderr}`;
});
after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('source.ts carries the current Go files (bundle copy is not stale)', () => {
  const r = spawnSync(process.execPath, [join(repo, 'scripts/windows/gen-winshim-source.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('the native shim builds with go vet clean for windows and linux', (t) => {
  if (!prereq(t, existsSync(GO), 'Debian Go 1.22 (scripts/ci/packages.sh)')) return;
  assert.equal(buildErr, '');
  const dir = join(repo, 'src/integrations/shims/winshim');
  for (const goos of ['windows', 'linux']) {
    const r = spawnSync(GO, ['vet', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, GOOS: goos, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOPROXY: 'off', HOME: tmpdir(), GOCACHE: join(tmpdir(), 'govm-winshim-gocache') } });
    assert.equal(r.status, 0, `go vet (${goos}): ${r.stdout}${r.stderr}`);
  }
});

/** A child with stdin closed from the start (no EPIPE race with a shim that exits at once). */
function run(cmd: string, args: string[], o: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<RunResult> {
  const r = spawnSync(cmd, args, { cwd: o.cwd, env: o.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: o.timeoutMs });
  return Promise.resolve({ code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr });
}

const show = (r: RunResult): string => `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

CASES.forEach((c, n) => {
  test(`native shim conformance: ${c.name}`, async (t) => {
    if (!prereq(t, toolchainsPresent() && existsSync(GO), toolchainsReason)) return;
    assert.equal(buildErr, '', 'shim build');
    const b = await buildCase(tmp, c, n);
    copyFileSync(shimBin, join(b.shims, 'go')); // replaces the sh shim: same home, same marker
    const r = await run(join(b.shims, 'go'), ['version'], { cwd: b.cwd, env: b.env, timeoutMs: 60_000 });
    const e = c.expect;
    if ('run' in e) {
      assert.equal(r.code, 0, show(r));
      assert.match(r.stdout, goVersionLine(e.run), show(r));
      if (e.source !== 'system') {
        const env = await run(join(b.shims, 'go'), ['env', 'GOROOT'], { cwd: b.cwd, env: b.env, timeoutMs: 60_000 });
        assert.equal(env.stdout.trim(), join(b.home, 'versions', e.run), `GOROOT is the version's folder: ${show(env)}`);
      }
    } else if ('missing' in e) {
      assert.equal(r.code, 127, show(r));
      assert.ok(r.stderr.includes(`run: govm install ${e.missing}`), show(r));
      if (b.expectFile) assert.ok(r.stderr.includes(b.expectFile), `names the file: ${show(r)}`);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line: ${show(r)}`);
      assert.equal(r.stdout, '');
    } else if ('malformed' in e) {
      assert.equal(r.code, 2, show(r));
      const where = e.line ? `${b.expectFile}:${e.line}: ` : `${b.expectFile}: `;
      assert.ok(r.stderr.includes(where), `names '${where}': ${show(r)}`);
      assert.equal(r.stdout, '');
    } else {
      assert.equal(r.code, 127, show(r));
      assert.match(r.stderr, /no Go version is selected/);
    }
    if (c.mustNotCreate) assert.ok(!existsSync(join(b.project, c.mustNotCreate)), 'nothing was evaluated');
  });
});
