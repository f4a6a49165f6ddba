// JUnit XML: one <testsuite> per cell, one <testcase> per test (leaf tests;
// a package that failed without a failing test, e.g. a build failure, is a
// testcase of its own). A command that is not `go test` gives one testcase per
// cell: the command itself. Pure.
import { platformName } from '../matrix/cells.js';
import { leafTests, type TestRun } from '../matrix/test-events.js';
import type { CellOutcome, MatrixRun } from './model.js';

/** XML text: escaped, with characters XML 1.0 forbids removed. */
export function xmlEscape(s: string): string {
  return s
    .replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const secs = (ms: number): string => (ms / 1000).toFixed(3);

interface Case {
  classname: string;
  name: string;
  time: number; // seconds
  failure?: { message: string; text: string } | undefined;
  error?: { message: string; text: string } | undefined;
  skipped?: string | undefined;
}

function testCases(o: CellOutcome, run: TestRun): Case[] {
  const cases: Case[] = leafTests(run.tests).map((t) => ({
    classname: t.package,
    name: t.name,
    time: t.elapsed,
    failure: t.status === 'fail' ? { message: 'Failed', text: t.output } : undefined,
    skipped: t.status === 'skip' ? skipReason(t.output) : undefined,
  }));
  for (const p of run.packages) {
    const hasFailingTest = run.tests.some((t) => t.package === p.name && t.status === 'fail');
    if (p.status === 'fail' && !hasFailingTest) {
      cases.push({
        classname: p.name,
        name: p.buildFailed ? '[build failed]' : '[package failed]',
        time: p.elapsed,
        failure: { message: p.buildFailed ? 'build failed' : 'package failed', text: p.output },
      });
    }
  }
  // The command failed but go test reported nothing (setup failure: the output is in the log).
  if (o.status === 'fail' && !cases.some((c) => c.failure)) {
    cases.push({ classname: 'go test', name: '[command failed]', time: o.durationMs / 1000, failure: { message: `exit ${o.exitCode ?? '?'}`, text: o.logTail } });
  }
  return cases;
}

function skipReason(output: string): string {
  const m = /^\s+\S+\.go:\d+: (.*)$/m.exec(output);
  return m ? m[1]! : 'skipped';
}

function commandCase(o: CellOutcome, command: string): Case {
  if (o.status === 'cancelled') return { classname: o.cell.id, name: command, time: 0, skipped: o.error ?? 'cancelled' };
  if (o.error) return { classname: o.cell.id, name: command, time: o.durationMs / 1000, error: { message: o.error, text: o.logTail } };
  return {
    classname: o.cell.id,
    name: command,
    time: o.durationMs / 1000,
    failure: o.status === 'fail' ? { message: `exit ${o.exitCode ?? '?'}`, text: o.logTail } : undefined,
  };
}

function casesOf(o: CellOutcome, command: string): Case[] {
  if (o.status === 'cancelled' || o.error) return [commandCase(o, command)];
  return o.testRun ? testCases(o, o.testRun) : [commandCase(o, command)];
}

export function renderJUnit(run: MatrixRun): string {
  const command = run.command.join(' ');
  const suites = run.outcomes.map((o) => ({ o, cases: casesOf(o, command) }));
  const total = (f: (c: Case) => boolean) => suites.reduce((n, s) => n + s.cases.filter(f).length, 0);
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    `<testsuites name="govm matrix: ${xmlEscape(command)}" tests="${total(() => true)}" failures="${total((c) => !!c.failure)}" errors="${total((c) => !!c.error)}" skipped="${total((c) => c.skipped !== undefined)}" time="${secs(run.durationMs)}">`,
  );
  for (const { o, cases } of suites) {
    const n = (f: (c: Case) => boolean) => cases.filter(f).length;
    lines.push(
      `  <testsuite name="${xmlEscape(o.cell.label)}" id="${xmlEscape(o.cell.id)}" tests="${cases.length}" failures="${n((c) => !!c.failure)}" errors="${n((c) => !!c.error)}" skipped="${n((c) => c.skipped !== undefined)}" time="${secs(o.durationMs)}" timestamp="${run.startedAt.toISOString().replace(/\.\d+Z$/, '')}">`,
    );
    lines.push('    <properties>');
    lines.push(`      <property name="go.version" value="go${xmlEscape(o.cell.version)}"/>`);
    if (o.cell.platform) lines.push(`      <property name="platform" value="${xmlEscape(platformName(o.cell.platform))}"/>`);
    lines.push(`      <property name="mode" value="${run.mode}"/>`);
    if (o.image) lines.push(`      <property name="image" value="${xmlEscape(o.image)}"/>`);
    lines.push(`      <property name="exit.code" value="${o.exitCode ?? ''}"/>`);
    lines.push('    </properties>');
    for (const c of cases) {
      const open = `    <testcase classname="${xmlEscape(c.classname)}" name="${xmlEscape(c.name)}" time="${c.time.toFixed(3)}"`;
      if (c.failure) {
        lines.push(`${open}>`, `      <failure message="${xmlEscape(c.failure.message)}" type="failure">${xmlEscape(c.failure.text)}</failure>`, '    </testcase>');
      } else if (c.error) {
        lines.push(`${open}>`, `      <error message="${xmlEscape(c.error.message)}" type="error">${xmlEscape(c.error.text)}</error>`, '    </testcase>');
      } else if (c.skipped !== undefined) {
        lines.push(`${open}>`, `      <skipped message="${xmlEscape(c.skipped)}"/>`, '    </testcase>');
      } else {
        lines.push(`${open}/>`);
      }
    }
    lines.push(`    <system-out>${xmlEscape(o.logTail)}</system-out>`);
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
