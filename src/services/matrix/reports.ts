// Writing the matrix's reports: --report DIR (report.json, junit.xml,
// report.html, summary.md) and the GitHub step summary.
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from '../../domain/reports/html.js';
import { renderJUnit } from '../../domain/reports/junit.js';
import { renderMarkdown } from '../../domain/reports/markdown.js';
import { toJsonReport, type MatrixRun } from '../../domain/reports/model.js';
import { writeFileAtomicSync } from '../../stores/atomic-file.js';

export const REPORT_FILES = { json: 'report.json', junit: 'junit.xml', html: 'report.html', markdown: 'summary.md' } as const;

export async function writeReports(dir: string, run: MatrixRun): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    [REPORT_FILES.json, `${JSON.stringify(toJsonReport(run), null, 2)}\n`],
    [REPORT_FILES.junit, renderJUnit(run)],
    [REPORT_FILES.html, renderHtml(run)],
    [REPORT_FILES.markdown, renderMarkdown(run)],
  ];
  for (const [name, text] of files) writeFileAtomicSync(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}

/** GitHub Actions: the Markdown summary is appended to $GITHUB_STEP_SUMMARY. */
export async function appendStepSummary(file: string, run: MatrixRun): Promise<void> {
  await appendFile(file, renderMarkdown(run));
}
