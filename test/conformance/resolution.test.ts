// Same answer everywhere: every row of cases.ts against `govm current --json`
// (the TS resolver through the real CLI), the POSIX shims run by real dash,
// real bash and zsh in sh emulation, and `govm exec -- go version`, with real Go toolchains.
import { describe, test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../helpers/cli.js';
import { govmQuiet as runGovm, runQuiet as run } from './run.js';
import { prereq } from '../helpers/prereq.js';
import { CASES, type ConformanceCase } from './cases.js';
import { buildCase, goVersionLine, makeTmp, toolchainsPresent, toolchainsReason, type BuiltCase } from './fixture.js';

/** Shells that run the sh shim: dash (Debian's /bin/sh), bash, and zsh in sh emulation (the hook's mode). */
const SHELLS: readonly { name: string; args: string[] }[] = [
  { name: 'dash', args: [] },
  { name: 'bash', args: [] },
  { name: 'zsh', args: ['--emulate', 'sh'] },
];
/** Absolute path of a shell (the case's PATH holds only shims and the system Go). */
export const shellPath = (sh: string): string | undefined => [`/bin/${sh}`, `/usr/bin/${sh}`].find((p) => existsSync(p));
const bundleBuilt = existsSync(new URL('../../dist/govm.cjs', import.meta.url));

let tmp = '';
before(async () => {
  tmp = await makeTmp();
});
after(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const show = (r: RunResult): string => `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

function checkGoRun(c: ConformanceCase, b: BuiltCase, r: RunResult, path: string): void {
  const e = c.expect;
  if ('run' in e) {
    assert.equal(r.code, 0, `${path}: ${show(r)}`);
    assert.match(r.stdout, goVersionLine(e.run), `${path}: ${show(r)}`);
  } else if ('missing' in e) {
    assert.equal(r.code, 127, `${path}: ${show(r)}`);
    assert.ok(r.stderr.includes(`run: govm install ${e.missing}`), `${path} names the install command: ${show(r)}`);
    if (b.expectFile && path.startsWith('shim')) {
      assert.ok(r.stderr.includes(b.expectFile), `${path} names the file: ${show(r)}`);
    }
    if (path.startsWith('shim')) assert.equal(r.stderr.trimEnd().split('\n').length, 1, `${path}: one line: ${show(r)}`);
    assert.equal(r.stdout, '');
  } else if ('malformed' in e) {
    assert.equal(r.code, 2, `${path}: ${show(r)}`);
    const where = e.line ? `${b.expectFile}:${e.line}: ` : `${b.expectFile}: `;
    assert.ok(r.stderr.includes(where), `${path} names '${where}': ${show(r)}`);
    assert.equal(r.stdout, '');
  } else {
    assert.equal(r.code, path.startsWith('shim') ? 127 : 3, `${path}: ${show(r)}`);
    assert.match(r.stderr, /no Go version is selected/);
  }
}

function checkCurrent(c: ConformanceCase, b: BuiltCase, r: RunResult): void {
  const e = c.expect;
  if ('malformed' in e) return checkGoRun(c, b, r, 'current');
  if ('none' in e) {
    assert.equal(r.code, 3, show(r));
    assert.equal(JSON.parse(r.stdout).source, 'none');
    return;
  }
  assert.equal(r.code, 0, show(r));
  const j = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(j.source, e.source, show(r));
  if ('run' in e) {
    assert.equal(j.version, e.run, show(r));
    assert.equal(j.installed, true);
    if (e.source === 'system') assert.ok(String(j.file).endsWith('/go'), show(r));
    else if (e.source !== 'env') assert.equal(j.root, join(b.home, 'versions', e.run));
    if (e.line !== undefined) assert.equal(j.line, e.line, show(r));
  } else {
    assert.equal(j.installed, false, show(r));
    assert.equal(j.version, null);
    assert.equal(j.install, `govm install ${e.missing}`, show(r));
  }
  if (b.expectFile && e.source !== 'env') assert.equal(j.file, b.expectFile, show(r));
}

// Cases are independent (own home and project folders), so several run at once.
describe('resolution conformance', { concurrency: 4 }, () => CASES.forEach((c, n) => {
  test(`conformance: ${c.name}`, async (t) => {
    if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
    if (!prereq(t, bundleBuilt, 'dist/govm.cjs (npm run build)')) return;
    const b = await buildCase(tmp, c, n);
    const opts = { cwd: b.cwd, env: b.env, timeoutMs: 60_000 };

    await t.test('govm current --json', async () => {
      checkCurrent(c, b, await runGovm(['current', '--json'], opts));
    });
    for (const { name: sh, args } of SHELLS) {
      await t.test(`shim under ${sh}`, async (tt) => {
        const shell = shellPath(sh);
        if (!prereq(tt, shell !== undefined, `${sh} (apt)`)) return;
        checkGoRun(c, b, await run(shell!, [...args, join(b.shims, 'go'), 'version'], opts), `shim/${sh}`);
        const e = c.expect;
        if ('run' in e && e.source !== 'system') {
          // GOROOT is the version's folder (a stale GOROOT is overridden) and Go never downloads.
          const env = await run(shell!, [...args, join(b.shims, 'go'), 'env', 'GOROOT'], opts);
          assert.equal(env.stdout.trim(), join(b.home, 'versions', e.run), show(env));
        }
      });
    }
    await t.test('govm exec -- go version', async () => {
      checkGoRun(c, b, await runGovm(['exec', '--', 'go', 'version'], opts), 'exec');
    });
    if (c.mustNotCreate) {
      assert.equal(existsSync(join(b.cwd, c.mustNotCreate)), false, 'nothing from a version file was evaluated');
      assert.equal(existsSync(join(b.project, c.mustNotCreate)), false, 'nothing from a version file was evaluated');
    }
  });
}));
