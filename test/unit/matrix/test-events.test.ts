// go test -json parsing against streams recorded from real Debian Go toolchains
// (test/fixtures/matrix/*.jsonl, made from test/fixtures/matrix/modules/*).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { countTests, failures, leafTests, parseTestStream, TestEventParser } from '../../../src/domain/matrix/test-events.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/matrix/${name}`, import.meta.url), 'utf8');

test('recorded go1.22 stream: every test, subtest and package with its status', () => {
  const run = parseTestStream(fixture('go1.22-mixed.jsonl'));
  const status = Object.fromEntries(run.tests.map((t) => [`${t.package.replace('example.com/mixed/', '')}.${t.name}`, t.status]));
  assert.deepEqual(status, {
    'calc.TestAdd': 'pass',
    'calc.TestSub': 'fail',
    'calc.TestTable': 'fail',
    'calc.TestTable/#00': 'pass',
    'calc.TestTable/#01': 'pass',
    'calc.TestTable/#02': 'fail',
    'calc.TestSkipped': 'skip',
    'greet.TestHello': 'pass',
  });
  const pkgs = Object.fromEntries(run.packages.map((p) => [p.name.replace('example.com/mixed/', ''), [p.status, p.buildFailed]]));
  assert.deepEqual(pkgs, { calc: ['fail', false], greet: ['pass', false], nothing: ['skip', false] });
  const sub = run.tests.find((t) => t.name === 'TestSub')!;
  assert.match(sub.output, /calc_test\.go:14: Sub\(5, 3\) = 8, want 2/);
  assert.match(sub.output, /--- FAIL: TestSub/);
  assert.match(run.packages.find((p) => p.name.endsWith('/greet'))!.output, /^ok\s+example\.com\/mixed\/greet/m);
});

test('counts are of leaf tests: a parent with subtests is not counted twice', () => {
  const run = parseTestStream(fixture('go1.22-mixed.jsonl'));
  assert.deepEqual(countTests(run), { total: 7, passed: 4, failed: 2, skipped: 1 });
  assert.deepEqual(leafTests(run.tests).map((t) => t.name).sort(), ['TestAdd', 'TestHello', 'TestSkipped', 'TestSub', 'TestTable/#00', 'TestTable/#01', 'TestTable/#02']);
  assert.deepEqual(failures(run).map((f) => f.test), ['TestSub', 'TestTable/#02']);
});

test('push returns the human text of each line (what plain go test prints)', () => {
  const p = new TestEventParser();
  const text = fixture('go1.22-mixed.jsonl').split('\n').filter(Boolean).map((l) => p.push(l)).join('');
  assert.match(text, /=== RUN   TestAdd\n    calc_test\.go:6: adding\n--- PASS: TestAdd/);
  assert.match(text, /FAIL\texample\.com\/mixed\/calc/);
  assert.match(text, /printing from a test\n/);
  assert.doesNotMatch(text, /"Action"/);
});

const buildCases = [
  { name: 'go1.21: build failure as plain text on stdout', file: 'go1.21-build-error.jsonl' },
  { name: 'go1.23: build failure as JSON events', file: 'go1.23-build-error.jsonl' },
];
for (const c of buildCases) {
  test(`${c.name} → the package failed to build, no test ran`, () => {
    const run = parseTestStream(fixture(c.file));
    assert.equal(run.tests.length, 0);
    assert.deepEqual(run.packages.map((p) => [p.name, p.status, p.buildFailed]), [['example.com/broken', 'fail', true]]);
    assert.deepEqual(failures(run).map((f) => [f.package, f.test, f.buildFailed]), [['example.com/broken', undefined, true]]);
  });
}

test('go1.19 setup failure: nothing on stdout, so nothing parsed (the exit code decides)', () => {
  const run = parseTestStream(fixture('go1.19-build-failed.jsonl'));
  assert.deepEqual(run, { packages: [], tests: [] });
  assert.match(fixture('go1.19-build-failed.stderr'), /package slices is not in GOROOT/);
});

test('passing stream: all pass, subtests included', () => {
  const run = parseTestStream(fixture('go1.23-stdslices-pass.jsonl'));
  assert.deepEqual(countTests(run), { total: 3, passed: 3, failed: 0, skipped: 0 });
  assert.deepEqual(run.packages.map((p) => p.status), ['pass']);
});

const edge: { name: string; lines: string[]; want: Record<string, string> }[] = [
  {
    name: 'a test that never finished (panic/timeout) counts as failed',
    lines: [
      '{"Action":"run","Package":"p","Test":"TestHang"}',
      '{"Action":"output","Package":"p","Test":"TestHang","Output":"panic: test timed out\\n"}',
      '{"Action":"fail","Package":"p","Elapsed":600}',
    ],
    want: { TestHang: 'fail' },
  },
  {
    name: 'Go 1.24 build-output/build-fail events and FailedBuild',
    lines: [
      '{"ImportPath":"p [p.test]","Action":"build-output","Output":"./x.go:1: bad\\n"}',
      '{"ImportPath":"p [p.test]","Action":"build-fail"}',
      '{"Action":"start","Package":"p"}',
      '{"Action":"output","Package":"p","Output":"FAIL\\tp [build failed]\\n"}',
      '{"Action":"fail","Package":"p","Elapsed":0,"FailedBuild":"p [p.test]"}',
    ],
    want: {},
  },
  {
    name: 'garbage and partial JSON lines are kept as output, not fatal',
    lines: ['not json', '{"Action":', '{"Action":"run","Package":"p","Test":"TestA"}', '{"Action":"pass","Package":"p","Test":"TestA","Elapsed":0.01}'],
    want: { TestA: 'pass' },
  },
];
for (const c of edge) {
  test(c.name, () => {
    const run = parseTestStream(c.lines.join('\n'));
    assert.deepEqual(Object.fromEntries(run.tests.map((t) => [t.name, t.status])), c.want);
  });
}

test('Go 1.24 FailedBuild attaches the build output to the package', () => {
  const run = parseTestStream(edge[1]!.lines.join('\n'));
  const p = run.packages[0]!;
  assert.equal(p.buildFailed, true);
  assert.match(p.output, /x\.go:1: bad/);
});
