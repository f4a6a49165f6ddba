// `govm matrix` with real toolchains, natively and in real sandboxes: a module
// that needs a newer standard library passes on the newer versions and fails
// on the oldest; the grid, JUnit, HTML, JSON, Markdown and exit code say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { prereq } from '../../helpers/prereq.js';
import { GOVM_BIN, runGovm } from '../../helpers/cli.js';
import { baseImagePresent, containersFor, dockerReachable, govmEnv, makeHome, makeProject, toolchains, USER_FLAGS } from '../sandbox/env.js';

const TIMEOUT = { timeout: 20 * 60_000 };

interface ReportJson {
  ok: boolean;
  summary: { cells: number; passed: number; failed: number; cancelled: number };
  cells: { id: string; status: string; exitCode: number | null; durationMs: number; log: string; tests?: { total: number; passed: number; failed: number } }[];
}

function tmp(t: import('node:test').TestContext, prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

test('native matrix 1.19/1.21/1.22: slices is missing on 1.19 → that cell fails, the others pass; exit 9; every report', TIMEOUT, async (t) => {
  const tcs = toolchains(['1.19', '1.21', '1.22']);
  if (!prereq(t, tcs !== undefined, 'Debian Go 1.19, 1.21 and 1.22 are needed')) return;
  const home = makeHome(t, tcs!);
  const proj = makeProject(t, 'stdslices');
  const out = tmp(t, 'govm-matrix-report-');
  const summary = join(out, 'step-summary.md');
  writeFileSync(summary, '# earlier step\n');
  const r = await runGovm(['matrix', '--go', '1.19,1.21', '--go', '1.22', '--report', out, '--', 'go', 'test', './...'], {
    cwd: proj,
    env: govmEnv(home, { GITHUB_STEP_SUMMARY: summary }),
  });
  assert.equal(r.code, 9, r.stderr);
  assert.match(r.stderr, /1 of 3 matrix cells failed \[E_CELLS_FAILED\]/);
  // The table on stdout.
  assert.match(r.stdout, /^CELL\s+RESULT\s+DURATION\s+DETAIL$/m);
  assert.match(r.stdout, /^go1\.19\.8\s+✗ fail\s+\S+\s+exit 1 \(no test ran\)$/m);
  assert.match(r.stdout, /^go1\.21\.13\s+✓ pass\s+\S+\s+3 passed$/m);
  assert.match(r.stdout, /^go1\.22\.12\s+✓ pass\s+\S+\s+3 passed$/m);
  // JSON report.
  const j = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportJson;
  assert.equal(j.ok, false);
  assert.deepEqual(j.summary, { cells: 3, passed: 2, failed: 1, cancelled: 0 });
  assert.deepEqual(j.cells.map((c) => [c.id, c.status, c.exitCode]), [['go1.19.8', 'fail', 1], ['go1.21.13', 'pass', 0], ['go1.22.12', 'pass', 0]]);
  // Each cell has its own log; the failing one says why.
  assert.match(readFileSync(join(out, 'logs', 'go1.19.8.log'), 'utf8'), /package slices is not in GOROOT/);
  assert.match(readFileSync(join(out, 'logs', 'go1.22.12.log'), 'utf8'), /--- PASS: TestHas\/present|ok\s+example\.com\/stdslices/);
  // JUnit: a testsuite per cell, per-test cases.
  const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
  assert.equal((junit.match(/<testsuite /g) ?? []).length, 3);
  assert.match(junit, /<testsuite name="go1\.19\.8" id="go1\.19\.8" tests="1" failures="1"/);
  assert.match(junit, /<testsuite name="go1\.22\.12" id="go1\.22\.12" tests="3" failures="0" errors="0" skipped="0"/);
  assert.match(junit, /<testcase classname="example\.com\/stdslices" name="TestHas\/absent"/);
  // HTML: the grid and the logs.
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.match(html, /<td class="fail" data-cell="go1\.19\.8">/);
  assert.match(html, /<td class="pass" data-cell="go1\.21\.13">/);
  assert.match(html, /<td class="pass" data-cell="go1\.22\.12">/);
  assert.match(html, /package slices is not in GOROOT/);
  // Markdown, also appended to the GitHub step summary.
  const md = readFileSync(join(out, 'summary.md'), 'utf8');
  assert.match(md, /❌ 1 of 3 cells failed/);
  assert.equal(readFileSync(summary, 'utf8'), `# earlier step\n${md}`);
});

test('--platform cells cross-compile; --json prints the report; --fail-fast cancels the rest', TIMEOUT, async (t) => {
  const tcs = toolchains(['1.19', '1.22']);
  if (!prereq(t, tcs !== undefined, 'Debian Go 1.19 and 1.22 are needed')) return;
  const home = makeHome(t, tcs!);
  const proj = makeProject(t, 'stdslices');
  const r = await runGovm(['matrix', '--go', '1.22', '--platform', 'linux/amd64,windows/amd64,darwin/arm64', '--json', '--', 'go', 'build', './...'], { cwd: proj, env: govmEnv(home) });
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as ReportJson;
  assert.deepEqual(j.cells.map((c) => [c.id, c.status]), [
    ['go1.22.12-linux-amd64', 'pass'], ['go1.22.12-windows-amd64', 'pass'], ['go1.22.12-darwin-arm64', 'pass'],
  ]);
  const ff = await runGovm(['matrix', '--go', '1.19,1.22', '--jobs', '1', '--fail-fast', '--json', '--', 'go', 'vet', './...'], { cwd: proj, env: govmEnv(home) });
  assert.equal(ff.code, 9, ff.stderr);
  const jf = JSON.parse(ff.stdout) as ReportJson;
  assert.deepEqual(jf.cells.map((c) => c.status), ['fail', 'cancelled']);
});

test('--go auto: from go.mod\'s go line to the newest release, one per minor (index from a loopback server)', TIMEOUT, async (t) => {
  const tcs = toolchains(['1.21', '1.22', '1.23']);
  if (!prereq(t, tcs !== undefined, 'Debian Go 1.21, 1.22 and 1.23 are needed')) return;
  const home = makeHome(t, tcs!);
  const proj = makeProject(t, 'randv2'); // go 1.21
  const names = ['1.23.5', '1.23.4', '1.22.12', '1.22.0', '1.21.13', '1.21.0', '1.20.14', '1.19.8', '1.24rc1'];
  const index = names.map((v) => ({
    version: `go${v}`,
    stable: !v.includes('rc'),
    files: [{ filename: `go${v}.linux-amd64.tar.gz`, os: 'linux', arch: 'amd64', version: `go${v}`, sha256: 'a'.repeat(64), size: 1, kind: 'archive' }],
  }));
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(index)));
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  t.after(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dl/?mode=json&include=all`;
  const r = await runGovm(['matrix', '--go', 'auto', '--json', '--', 'go', 'test', './...'], { cwd: proj, env: govmEnv(home, { GOVM_OFFLINE: undefined, GOVM_INDEX_URL: url }) });
  const j = JSON.parse(r.stdout) as ReportJson;
  assert.deepEqual(j.cells.map((c) => [c.id, c.status]), [['go1.21.13', 'fail'], ['go1.22.12', 'pass'], ['go1.23.5', 'pass']]);
  assert.equal(r.code, 9);
});

function sandboxReady(t: import('node:test').TestContext, minors: string[]) {
  if (!prereq(t, dockerReachable(), 'no reachable Docker engine (scripts/ci/docker.sh starts one)')) return undefined;
  if (!prereq(t, baseImagePresent(), 'base image debian:bookworm-slim missing (scripts/ci/docker.sh imports one)')) return undefined;
  const tcs = toolchains(minors);
  if (!prereq(t, tcs !== undefined, `Debian Go ${minors.join(', ')} are needed`)) return undefined;
  return tcs;
}

test('sandbox matrix over three real versions: math/rand/v2 is missing on 1.21 → grid, JUnit, HTML, exit 9', TIMEOUT, async (t) => {
  const tcs = sandboxReady(t, ['1.21', '1.22', '1.23']);
  if (!tcs) return;
  const home = makeHome(t, tcs);
  const proj = makeProject(t, 'randv2');
  const out = tmp(t, 'govm-matrix-sbx-');
  const r = await runGovm(['matrix', '--sandbox', '--local', '--go', '1.21,1.22,1.23', '--jobs', '2', '--report', out, ...USER_FLAGS, '--', 'go', 'test', './...'], { cwd: proj, env: govmEnv(home) });
  assert.equal(r.code, 9, r.stderr);
  assert.match(r.stdout, /^go1\.21\.13\s+✗ fail/m);
  assert.match(r.stdout, /^go1\.22\.12\s+✓ pass\s+\S+\s+2 passed$/m);
  assert.match(r.stdout, /^go1\.23\.5\s+✓ pass\s+\S+\s+2 passed$/m);
  const j = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportJson & { mode: string };
  assert.equal(j.mode, 'sandbox');
  assert.deepEqual(j.cells.map((c) => [c.id, c.status, c.tests?.passed]), [['go1.21.13', 'fail', 0], ['go1.22.12', 'pass', 2], ['go1.23.5', 'pass', 2]]);
  assert.match(readFileSync(join(out, 'logs', 'go1.21.13.log'), 'utf8'), /package math\/rand\/v2 is not in (GOROOT|std)/);
  const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
  assert.equal((junit.match(/<testsuite /g) ?? []).length, 3);
  assert.match(junit, /<property name="image" value="govm-local\/go:1\.23\.5-debian-bookworm-slim"\/>/);
  assert.match(junit, /<testcase classname="example\.com\/randv2" name="TestRollCovers"/);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.match(html, /<td class="fail" data-cell="go1\.21\.13">/);
  assert.match(html, /<td class="pass" data-cell="go1\.23\.5">/);
  assert.deepEqual(containersFor(proj), [], 'no container left behind');
});

test('a second run of the same sandbox cell is faster (warm GOCACHE under GOVM_HOME)', TIMEOUT, async (t) => {
  const tcs = sandboxReady(t, ['1.22']);
  if (!tcs) return;
  const home = makeHome(t, tcs);
  const proj = makeProject(t, 'randv2');
  const runOnce = async () => {
    const r = await runGovm(['matrix', '--sandbox', '--local', '--go', '1.22', '--json', ...USER_FLAGS, '--', 'go', 'test', './...'], { cwd: proj, env: govmEnv(home) });
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as ReportJson).cells[0]!;
  };
  await runGovm(['sandbox', 'image', 'build', '1.22'], { env: govmEnv(home) }); // image build is not cell time
  const cold = await runOnce();
  const warm = await runOnce();
  assert.ok(warm.durationMs < cold.durationMs, `warm ${warm.durationMs}ms < cold ${cold.durationMs}ms`);
  assert.match(readFileSync(warm.log, 'utf8'), /ok\s+example\.com\/randv2\s+\(cached\)/);
});

test('Ctrl-C during a sandbox matrix stops every cell and leaves no container', TIMEOUT, async (t) => {
  const tcs = sandboxReady(t, ['1.22', '1.23']);
  if (!tcs) return;
  const home = makeHome(t, tcs);
  const proj = makeProject(t, 'randv2');
  for (const v of ['1.22', '1.23']) await runGovm(['sandbox', 'image', 'build', v], { env: govmEnv(home) });
  const child = spawn(process.execPath, [GOVM_BIN, 'matrix', '--sandbox', '--local', '--go', '1.22,1.23', '--jobs', '2', '--json', ...USER_FLAGS, '--', 'sleep', '300'], {
    cwd: proj, env: govmEnv(home), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  t.after(() => child.kill('SIGKILL'));
  for (let i = 0; i < 240 && containersFor(proj, false).length < 2; i++) await sleep(250);
  assert.equal(containersFor(proj, false).length, 2, `two cells running; stderr: ${stderr}`);
  child.kill('SIGINT');
  assert.equal(await exited, 130, stderr);
  assert.deepEqual(containersFor(proj), []);
  const j = JSON.parse(stdout) as ReportJson;
  assert.deepEqual(j.cells.map((c) => c.status), ['cancelled', 'cancelled']);
});
