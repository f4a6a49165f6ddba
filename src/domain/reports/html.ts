// A self-contained HTML page (inline CSS, no script, no external resource):
// the grid, the failing tests per version, and each cell's log. Pure.
import { leafTests } from '../matrix/test-events.js';
import { STATUS_MARK, cellDetail, failingTests, formatDuration, gridAxes, gridCell, runOk, testTitle, type CellOutcome, type MatrixRun } from './model.js';

export function htmlEscape(s: string): string {
  return s
    .replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem;color:#1b1f23;background:#fff}
h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:2rem}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}
td.pass{background:#dafbe1}td.fail{background:#ffebe9}td.cancelled{background:#eaeef2;color:#57606a}
td.pass a,td.fail a,td.cancelled a{color:inherit;text-decoration:none;display:block}
.verdict.pass{color:#1a7f37}.verdict.fail{color:#cf222e}
pre{background:#f6f8fa;border:1px solid #d0d7de;padding:.6rem;overflow:auto;max-height:32rem;white-space:pre-wrap}
details{margin:.4rem 0}summary{cursor:pointer}
.muted{color:#57606a}
`;

export function renderHtml(run: MatrixRun): string {
  const ok = runOk(run);
  const command = run.command.join(' ');
  const failed = run.outcomes.filter((o) => o.status !== 'pass').length;
  const verdict = ok
    ? `all ${run.outcomes.length} cells passed`
    : `${failed} of ${run.outcomes.length} cells failed`;
  const parts: string[] = [];
  parts.push('<!DOCTYPE html>');
  parts.push('<html lang="en"><head><meta charset="utf-8">');
  parts.push('<meta name="viewport" content="width=device-width,initial-scale=1">');
  parts.push(`<title>govm matrix: ${htmlEscape(command)}</title>`);
  parts.push(`<style>${CSS}</style></head><body>`);
  parts.push(`<h1>govm matrix: <code>${htmlEscape(command)}</code></h1>`);
  parts.push(
    `<p class="verdict ${ok ? 'pass' : 'fail'}"><strong>${ok ? '✓' : '✗'} ${htmlEscape(verdict)}</strong> ` +
      `<span class="muted">— ${run.mode}, ${run.jobs} job${run.jobs > 1 ? 's' : ''} on ${run.cores} core${run.cores > 1 ? 's' : ''}, ` +
      `${formatDuration(run.durationMs)}, started ${htmlEscape(run.startedAt.toISOString())}</span></p>`,
  );
  parts.push(grid(run));
  parts.push(failingSection(run));
  parts.push('<h2>Cells</h2>');
  for (const o of run.outcomes) parts.push(cellSection(o));
  parts.push('</body></html>');
  return `${parts.join('\n')}\n`;
}

function grid(run: MatrixRun): string {
  const { versions, platforms } = gridAxes(run);
  const rows: string[] = ['<h2>Grid</h2>', '<table class="grid"><thead><tr><th>Go</th>'];
  for (const p of platforms) rows.push(`<th>${htmlEscape(p === '' ? 'result' : p)}</th>`);
  rows.push('</tr></thead><tbody>');
  for (const v of versions) {
    rows.push(`<tr><th>go${htmlEscape(v)}</th>`);
    for (const p of platforms) {
      const o = gridCell(run, v, p);
      if (!o) {
        rows.push('<td></td>');
        continue;
      }
      rows.push(
        `<td class="${o.status}" data-cell="${htmlEscape(o.cell.id)}"><a href="#cell-${htmlEscape(o.cell.id)}">` +
          `${STATUS_MARK[o.status]} ${htmlEscape(cellDetail(o))} <span class="muted">${formatDuration(o.durationMs)}</span></a></td>`,
      );
    }
    rows.push('</tr>');
  }
  rows.push('</tbody></table>');
  return rows.join('');
}

function failingSection(run: MatrixRun): string {
  const ft = failingTests(run);
  if (ft.length === 0) return '';
  const ids = run.outcomes.filter((o) => o.testRun).map((o) => o.cell);
  const out: string[] = ['<h2>Failing tests</h2>', '<table class="failing"><thead><tr><th>Test</th>'];
  for (const c of ids) out.push(`<th>${htmlEscape(c.label)}</th>`);
  out.push('</tr></thead><tbody>');
  for (const f of ft) {
    out.push(`<tr><td><code>${htmlEscape(testTitle(f))}</code></td>`);
    for (const c of ids) {
      const st = f.failsOn.includes(c.id) ? 'fail' : f.passesOn.includes(c.id) ? 'pass' : 'cancelled';
      out.push(`<td class="${st}">${st === 'fail' ? '✗' : st === 'pass' ? '✓' : '–'}</td>`);
    }
    out.push('</tr>');
  }
  out.push('</tbody></table>');
  return out.join('');
}

function cellSection(o: CellOutcome): string {
  const out: string[] = [];
  out.push(`<section id="cell-${htmlEscape(o.cell.id)}">`);
  out.push(
    `<h3>${STATUS_MARK[o.status]} ${htmlEscape(o.cell.label)} <span class="muted">— ${htmlEscape(cellDetail(o))}, ` +
      `${formatDuration(o.durationMs)}${o.exitCode !== null ? `, exit ${o.exitCode}` : ''}${o.image ? `, image ${htmlEscape(o.image)}` : ''}</span></h3>`,
  );
  if (o.testRun) {
    const failing = leafTests(o.testRun.tests).filter((t) => t.status === 'fail');
    for (const t of failing) {
      out.push(`<details open><summary>✗ <code>${htmlEscape(`${t.package}.${t.name}`)}</code></summary><pre>${htmlEscape(t.output)}</pre></details>`);
    }
    for (const p of o.testRun.packages.filter((p) => p.status === 'fail' && !failing.some((t) => t.package === p.name))) {
      out.push(`<details open><summary>✗ <code>${htmlEscape(p.name)}</code> ${p.buildFailed ? 'build failed' : 'failed'}</summary><pre>${htmlEscape(p.output)}</pre></details>`);
    }
  }
  out.push(`<details${o.status === 'fail' && !o.testRun ? ' open' : ''}><summary>log <span class="muted">(${htmlEscape(o.logFile)})</span></summary><pre>${htmlEscape(o.logTail)}</pre></details>`);
  out.push('</section>');
  return out.join('\n');
}
