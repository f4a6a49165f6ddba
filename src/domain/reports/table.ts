// The terminal table printed after a matrix (stdout), and the failing tests
// per version. Pure; colour comes in as functions (identity when disabled).
import { STATUS_MARK, cellDetail, failingTests, formatDuration, runOk, testTitle, type CellStatus, type MatrixRun } from './model.js';

export interface Paint {
  green(s: string): string;
  red(s: string): string;
  dim(s: string): string;
}

export const noPaint: Paint = { green: (s) => s, red: (s) => s, dim: (s) => s };

/** Visible width: ANSI colour codes take no columns. */
const width = (s: string): number => [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));

export function renderTable(run: MatrixRun, paint: Paint = noPaint): string {
  const colour = (st: CellStatus, s: string) => (st === 'pass' ? paint.green(s) : st === 'fail' ? paint.red(s) : paint.dim(s));
  const rows = run.outcomes.map((o) => [
    o.cell.label,
    colour(o.status, `${STATUS_MARK[o.status]} ${o.status}`),
    formatDuration(o.durationMs),
    cellDetail(o),
  ]);
  const head = ['CELL', 'RESULT', 'DURATION', 'DETAIL'];
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd();
  const out = [line(head), ...rows.map(line)];
  const ft = failingTests(run);
  if (ft.length > 0) {
    out.push('', 'failing tests:');
    for (const f of ft) {
      const passes = f.passesOn.length ? `; passes on ${f.passesOn.join(', ')}` : '';
      out.push(`  ${testTitle(f)}: fails on ${f.failsOn.join(', ')}${passes}`);
    }
  }
  const failed = run.outcomes.filter((o) => o.status !== 'pass').length;
  out.push(
    '',
    runOk(run)
      ? paint.green(`all ${run.outcomes.length} cells passed in ${formatDuration(run.durationMs)}`)
      : paint.red(`${failed} of ${run.outcomes.length} cells failed (${formatDuration(run.durationMs)})`),
  );
  return `${out.join('\n')}\n`;
}
