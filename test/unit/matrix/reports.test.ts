// Every report format, from a matrix built out of real recorded go test -json
// streams: go1.19 fails to build the module (slices is missing), go1.22 has
// failing tests, go1.23 passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeCell } from '../../../src/domain/matrix/cells.js';
import { parseTestStream } from '../../../src/domain/matrix/test-events.js';
import { renderHtml } from '../../../src/domain/reports/html.js';
import { renderJUnit, xmlEscape } from '../../../src/domain/reports/junit.js';
import { mdCell, renderMarkdown } from '../../../src/domain/reports/markdown.js';
import { failingTests, toJsonReport, type CellOutcome, type MatrixRun } from '../../../src/domain/reports/model.js';
import { renderTable } from '../../../src/domain/reports/table.js';
import { checkXml } from './xml.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/matrix/${name}`, import.meta.url), 'utf8');

function outcome(version: string, file: string, exitCode: number, extra: Partial<CellOutcome> = {}): CellOutcome {
  const run = parseTestStream(fixture(`${file}.jsonl`));
  return {
    cell: makeCell(version),
    status: exitCode === 0 ? 'pass' : 'fail',
    exitCode,
    durationMs: 1234,
    logFile: `/logs/go${version}.log`,
    logTail: fixture(`${file}.jsonl`).length ? '(json)\n' : fixture(`${file}.stderr`),
    testRun: run,
    ...extra,
  };
}

const RUN: MatrixRun = {
  command: ['go', 'test', './...'],
  mode: 'sandbox',
  startedAt: new Date('2026-01-02T03:04:05.000Z'),
  durationMs: 4321,
  jobs: 2,
  cores: 2,
  outcomes: [
    outcome('1.19.8', 'go1.19-build-failed', 1),
    outcome('1.22.12', 'go1.22-mixed', 1),
    outcome('1.23.5', 'go1.23-stdslices-pass', 0),
  ],
};

const BUILD_RUN: MatrixRun = {
  command: ['go', 'build', './...'],
  mode: 'native',
  startedAt: new Date('2026-01-02T03:04:05.000Z'),
  durationMs: 2000,
  jobs: 4,
  cores: 2,
  outcomes: [
    { cell: makeCell('1.21.13', { os: 'linux', arch: 'amd64' }), status: 'pass', exitCode: 0, durationMs: 900, logFile: '/l/a.log', logTail: '' },
    { cell: makeCell('1.21.13', { os: 'windows', arch: 'amd64' }), status: 'fail', exitCode: 1, durationMs: 800, logFile: '/l/b.log', logTail: 'x.go:3: undefined: syscall.Kill <&>\n' },
    { cell: makeCell('1.22.12', { os: 'linux', arch: 'amd64' }), status: 'cancelled', exitCode: null, durationMs: 0, logFile: '/l/c.log', logTail: '', error: 'cancelled by --fail-fast' },
    { cell: makeCell('1.22.12', { os: 'windows', arch: 'amd64' }), status: 'fail', exitCode: null, durationMs: 0, logFile: '/l/d.log', logTail: '', error: 'image golang:1.22.12 is not available' },
  ],
};

test('failing tests per version: fails on / passes on', () => {
  const ft = failingTests(RUN).map((f) => [f.package, f.test, f.failsOn, f.passesOn]);
  assert.deepEqual(ft, [
    ['example.com/mixed/calc', 'TestSub', ['go1.22.12'], []],
    ['example.com/mixed/calc', 'TestTable/#02', ['go1.22.12'], []],
  ]);
});

test('JSON report: summary, per-cell counts, failures, stable schema', () => {
  const j = toJsonReport(RUN);
  assert.equal(j.schema, 'govm.matrix/v1');
  assert.equal(j.ok, false);
  assert.deepEqual(j.summary, { cells: 3, passed: 1, failed: 2, cancelled: 0 });
  assert.deepEqual(j.cells.map((c) => [c.id, c.status, c.exitCode, c.tests]), [
    ['go1.19.8', 'fail', 1, { total: 0, passed: 0, failed: 0, skipped: 0 }],
    ['go1.22.12', 'fail', 1, { total: 7, passed: 4, failed: 2, skipped: 1 }],
    ['go1.23.5', 'pass', 0, { total: 3, passed: 3, failed: 0, skipped: 0 }],
  ]);
  assert.deepEqual(j.cells[1]!.failures, [
    { package: 'example.com/mixed/calc', test: 'TestSub', buildFailed: false },
    { package: 'example.com/mixed/calc', test: 'TestTable/#02', buildFailed: false },
  ]);
  assert.equal(j.startedAt, '2026-01-02T03:04:05.000Z');
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(j)));
});

test('JUnit: one testsuite per cell, a testcase per leaf test, failures/skips counted', () => {
  const xml = renderJUnit(RUN);
  checkXml(xml);
  const suites = [...xml.matchAll(/<testsuite name="([^"]+)" id="[^"]+" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g)].map((m) => m.slice(1));
  assert.deepEqual(suites, [
    ['go1.19.8', '1', '1', '0', '0'], // the setup failure becomes one failed case
    ['go1.22.12', '7', '2', '0', '1'], // leaf tests only; passing/skipped packages add no case
    ['go1.23.5', '3', '0', '0', '0'],
  ]);
  assert.match(xml, /<testsuites name="govm matrix: go test \.\/\.\.\." tests="11" failures="3" errors="0" skipped="1"/);
  assert.match(xml, /<property name="go.version" value="go1.22.12"\/>/);
  assert.match(xml, /<testcase classname="example.com\/mixed\/calc" name="TestSub" time="0.000">\n\s+<failure message="Failed" type="failure">=== RUN   TestSub\n\s+calc_test.go:14: Sub\(5, 3\) = 8, want 2/);
  assert.match(xml, /<testcase classname="example.com\/mixed\/calc" name="TestSkipped" time="0.000">\n\s+<skipped message="not on this machine"\/>/);
  assert.match(xml, /name="\[command failed\]"[\s\S]*package slices is not in GOROOT/);
});

test('JUnit: a plain command is one case per cell; engine errors are <error>, cancelled cells <skipped>', () => {
  const xml = renderJUnit(BUILD_RUN);
  checkXml(xml);
  assert.equal((xml.match(/<testsuite /g) ?? []).length, 4);
  assert.match(xml, /<property name="platform" value="windows\/amd64"\/>/);
  assert.match(xml, /<failure message="exit 1" type="failure">x.go:3: undefined: syscall.Kill &lt;&amp;&gt;/);
  assert.match(xml, /<error message="image golang:1.22.12 is not available"/);
  assert.match(xml, /<skipped message="cancelled by --fail-fast"\/>/);
  assert.match(xml, /tests="4" failures="1" errors="1" skipped="1"/);
});

test('xmlEscape: markup and characters XML forbids', () => {
  const cases: [string, string][] = [
    ['a<b>&"c"', 'a&lt;b&gt;&amp;&quot;c&quot;'],
    ['bell\u0007 nul\u0000 esc\x1b[31mred\x1b[0m', 'bell nul esc' + 'red'],
    ['tab\tnewline\n', 'tab\tnewline\n'],
  ];
  for (const [input, want] of cases) assert.equal(xmlEscape(input), want);
});

test('HTML: self-contained page with the grid, the failing tests per version, and every cell log', () => {
  const html = renderHtml(RUN);
  assert.match(html, /^<!DOCTYPE html>/);
  assert.doesNotMatch(html, /<script|<link |src="http|href="http/);
  assert.match(html, /<td class="fail" data-cell="go1.19.8"><a href="#cell-go1.19.8">✗/);
  assert.match(html, /<td class="pass" data-cell="go1.23.5"><a href="#cell-go1.23.5">✓ 3 passed/);
  assert.match(html, /<h2>Failing tests<\/h2>.*<code>example.com\/mixed\/calc.TestSub<\/code><\/td><td class="cancelled">–<\/td><td class="fail">✗<\/td><td class="cancelled">–<\/td>/s);
  for (const id of ['go1.19.8', 'go1.22.12', 'go1.23.5']) assert.match(html, new RegExp(`<section id="cell-${id.replace(/\./g, '\\.')}">`));
  assert.match(html, /package slices is not in GOROOT/);
  assert.match(html, /2 of 3 cells failed/);
});

test('HTML escapes everything that comes from logs and names', () => {
  const html = renderHtml(BUILD_RUN);
  assert.match(html, /syscall.Kill &lt;&amp;&gt;/);
  assert.doesNotMatch(html, /Kill <&>/);
  assert.match(html, /<th>linux\/amd64<\/th><th>windows\/amd64<\/th>/);
});

test('Markdown: verdict, grid of versions × platforms, failing tests, logs of failed commands', () => {
  const md = renderMarkdown(RUN);
  assert.match(md, /^### govm matrix: `go test \.\/\.\.\.`\n\n❌ 2 of 3 cells failed \(sandbox, 4\.3s\)/);
  assert.match(md, /\| Go \| result \|\n\|---\|---\|\n\| go1\.19\.8 \| ✗ exit 1 \(no test ran\) \(1\.2s\) \|/);
  assert.match(md, /\| go1\.22\.12 \| ✗ 4 passed, 2 failed, 1 skipped \(1\.2s\) \|/);
  assert.match(md, /#### Failing tests\n\n\| Test \| Fails on \| Passes on \|\n\|---\|---\|---\|\n\| example\.com\/mixed\/calc\.TestSub \| go1\.22\.12 \| — \|/);
  assert.match(md, /<details><summary>go1\.19\.8: exit 1 \(no test ran\)<\/summary>\n\n```\n[\s\S]*package slices is not in GOROOT/);
  assert.doesNotMatch(md, /<summary>go1\.22\.12/, 'cells with failing tests are listed in the table, not as logs');
  const md2 = renderMarkdown(BUILD_RUN);
  assert.match(md2, /\| Go \| linux\/amd64 \| windows\/amd64 \|/);
  assert.match(md2, /<details><summary>go1\.21\.13 windows\/amd64: exit 1<\/summary>\n\n```\nx\.go:3: undefined: syscall\.Kill <&>\n```/);
});

test('mdCell keeps a table intact', () => {
  assert.equal(mdCell('a|b\nc'), 'a\\|b c');
  assert.equal(mdCell('<x>'), '\\<x\\>');
});

test('terminal table: cells, ✓/✗, durations, failing tests, verdict', () => {
  const t = renderTable(RUN);
  const lines = t.split('\n');
  assert.match(lines[0]!, /^CELL\s+RESULT\s+DURATION\s+DETAIL$/);
  assert.match(lines[1]!, /^go1\.19\.8\s+✗ fail\s+1\.2s\s+exit 1 \(no test ran\)$/);
  assert.match(lines[3]!, /^go1\.23\.5\s+✓ pass\s+1\.2s\s+3 passed$/);
  assert.match(t, /failing tests:\n  example\.com\/mixed\/calc\.TestSub: fails on go1\.22\.12\n/);
  assert.match(t, /2 of 3 cells failed \(4\.3s\)\n$/);
  // Columns line up.
  assert.equal(lines[1]!.indexOf('✗'), lines[3]!.indexOf('✓'));
});
