// Markdown summary (GitHub's step summary, PR comments): verdict, the grid,
// and the failing tests per version. Pure.
import { failures } from '../matrix/test-events.js';
import { STATUS_MARK, cellDetail, failingTests, formatDuration, gridAxes, gridCell, runOk, testTitle, type MatrixRun } from './model.js';

/** Text safe inside a Markdown table cell. */
export function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/([<>`*_[\]])/g, '\\$1');
}

export function renderMarkdown(run: MatrixRun): string {
  const ok = runOk(run);
  const failed = run.outcomes.filter((o) => o.status !== 'pass').length;
  const lines: string[] = [];
  lines.push(`### govm matrix: \`${run.command.join(' ').replace(/`/g, "'")}\``);
  lines.push('');
  lines.push(
    ok
      ? `✅ all ${run.outcomes.length} cells passed (${run.mode}, ${formatDuration(run.durationMs)})`
      : `❌ ${failed} of ${run.outcomes.length} cells failed (${run.mode}, ${formatDuration(run.durationMs)})`,
  );
  lines.push('');
  const { versions, platforms } = gridAxes(run);
  const heads = platforms.map((p) => (p === '' ? 'result' : p));
  lines.push(`| Go | ${heads.map(mdCell).join(' | ')} |`);
  lines.push(`|---|${heads.map(() => '---').join('|')}|`);
  for (const v of versions) {
    const cells = platforms.map((p) => {
      const o = gridCell(run, v, p);
      return o ? `${STATUS_MARK[o.status]} ${mdCell(cellDetail(o))} (${formatDuration(o.durationMs)})` : '';
    });
    lines.push(`| go${mdCell(v)} | ${cells.join(' | ')} |`);
  }
  const ft = failingTests(run);
  if (ft.length > 0) {
    lines.push('');
    lines.push('#### Failing tests');
    lines.push('');
    lines.push('| Test | Fails on | Passes on |');
    lines.push('|---|---|---|');
    for (const f of ft) {
      lines.push(`| ${mdCell(testTitle(f))} | ${mdCell(f.failsOn.join(', '))} | ${mdCell(f.passesOn.join(', ') || '—')} |`);
    }
  }
  // Failed cells with no failing test to point at (build/setup failures, plain commands): show the log's end.
  const broken = run.outcomes.filter((o) => o.status === 'fail' && (!o.testRun || failures(o.testRun).every((f) => f.test === undefined)));
  if (broken.length > 0) {
    lines.push('');
    for (const o of broken) {
      lines.push(`<details><summary>${mdCell(o.cell.label)}: ${mdCell(cellDetail(o))}</summary>`);
      lines.push('');
      lines.push('```');
      lines.push(lastLines(o.logTail, 30).replace(/```/g, "'''"));
      lines.push('```');
      lines.push('');
      lines.push('</details>');
    }
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}

function lastLines(s: string, n: number): string {
  const lines = s.replace(/\n+$/, '').split('\n');
  return lines.slice(-n).join('\n');
}
