// The matrix's results as every report format sees them, and the JSON model
// (`govm matrix --json`, report.json). Pure.
import { platformName, type Cell } from '../matrix/cells.js';
import { countTests, failures, type TestCounts, type TestRun } from '../matrix/test-events.js';

export type CellStatus = 'pass' | 'fail' | 'cancelled';

export interface CellOutcome {
  readonly cell: Cell;
  readonly status: CellStatus;
  /** The command's exit code; null when it never ran to the end (cancelled, engine error). */
  readonly exitCode: number | null;
  readonly durationMs: number;
  /** Path of the cell's full log. */
  readonly logFile: string;
  /** The end of the log (for HTML and JUnit); the file has it all. */
  readonly logTail: string;
  /** Present when the command was `go test` (run with -json). */
  readonly testRun?: TestRun | undefined;
  /** Why the cell could not run (install failed, image missing…). */
  readonly error?: string | undefined;
  /** The container image, for sandbox cells. */
  readonly image?: string | undefined;
}

export interface MatrixRun {
  readonly command: readonly string[];
  readonly mode: 'native' | 'sandbox';
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly jobs: number;
  readonly cores: number;
  readonly outcomes: readonly CellOutcome[];
}

export interface FailingTest {
  readonly package: string;
  /** Undefined: the package itself failed (build failure, panic outside a test). */
  readonly test: string | undefined;
  readonly failsOn: string[];
  readonly passesOn: string[];
}

export interface CellJson {
  id: string;
  label: string;
  version: string;
  platform: string | null;
  status: CellStatus;
  exitCode: number | null;
  durationMs: number;
  log: string;
  image?: string;
  error?: string;
  tests?: TestCounts;
  failures?: { package: string; test: string | null; buildFailed: boolean }[];
}

export interface MatrixReportJson {
  schema: 'govm.matrix/v1';
  command: string[];
  mode: 'native' | 'sandbox';
  startedAt: string;
  durationMs: number;
  jobs: number;
  cores: number;
  ok: boolean;
  summary: { cells: number; passed: number; failed: number; cancelled: number };
  cells: CellJson[];
  failingTests: { package: string; test: string | null; failsOn: string[]; passesOn: string[] }[];
}

export const runOk = (run: MatrixRun): boolean => run.outcomes.every((o) => o.status === 'pass');

/** The title of a test or of a package failure, for tables. */
export const testTitle = (f: { package: string; test: string | undefined }): string =>
  f.test === undefined ? `${f.package} (package)` : `${f.package}.${f.test}`;

/** Which tests failed on which cells, and on which cells they passed: the "works since" view. */
export function failingTests(run: MatrixRun): FailingTest[] {
  const byKey = new Map<string, FailingTest>();
  for (const o of run.outcomes) {
    if (!o.testRun) continue;
    for (const f of failures(o.testRun)) {
      const key = `${f.package}\u0000${f.test ?? ''}`;
      let ft = byKey.get(key);
      if (!ft) {
        ft = { package: f.package, test: f.test, failsOn: [], passesOn: [] };
        byKey.set(key, ft);
      }
      ft.failsOn.push(o.cell.id);
    }
  }
  for (const ft of byKey.values()) {
    for (const o of run.outcomes) {
      if (!o.testRun || ft.failsOn.includes(o.cell.id)) continue;
      const passed = ft.test === undefined
        ? o.testRun.packages.some((p) => p.name === ft.package && p.status === 'pass')
        : o.testRun.tests.some((t) => t.package === ft.package && t.name === ft.test && t.status === 'pass');
      if (passed) ft.passesOn.push(o.cell.id);
    }
  }
  return [...byKey.values()];
}

/** One line describing a cell's result: `3 passed, 1 failed`, `build failed`, `exit 2`. */
export function cellDetail(o: CellOutcome): string {
  if (o.status === 'cancelled') return o.error ?? 'cancelled';
  if (o.error) return o.error;
  if (o.testRun) {
    const c = countTests(o.testRun);
    const built = o.testRun.packages.filter((p) => p.buildFailed).length;
    const parts: string[] = [];
    if (c.passed) parts.push(`${c.passed} passed`);
    if (c.failed) parts.push(`${c.failed} failed`);
    if (c.skipped) parts.push(`${c.skipped} skipped`);
    if (built) parts.push(`${built} package${built > 1 ? 's' : ''} failed to build`);
    if (parts.length === 0 && o.status === 'fail') parts.push(`exit ${o.exitCode ?? '?'} (no test ran)`);
    if (parts.length === 0) parts.push('no tests');
    return parts.join(', ');
  }
  return o.status === 'pass' ? 'ok' : `exit ${o.exitCode ?? '?'}`;
}

export function toJsonReport(run: MatrixRun): MatrixReportJson {
  const count = (s: CellStatus) => run.outcomes.filter((o) => o.status === s).length;
  return {
    schema: 'govm.matrix/v1',
    command: [...run.command],
    mode: run.mode,
    startedAt: run.startedAt.toISOString(),
    durationMs: Math.round(run.durationMs),
    jobs: run.jobs,
    cores: run.cores,
    ok: runOk(run),
    summary: { cells: run.outcomes.length, passed: count('pass'), failed: count('fail'), cancelled: count('cancelled') },
    cells: run.outcomes.map((o) => {
      const c: CellJson = {
        id: o.cell.id,
        label: o.cell.label,
        version: o.cell.version,
        platform: o.cell.platform ? platformName(o.cell.platform) : null,
        status: o.status,
        exitCode: o.exitCode,
        durationMs: Math.round(o.durationMs),
        log: o.logFile,
      };
      if (o.image) c.image = o.image;
      if (o.error) c.error = o.error;
      if (o.testRun) {
        c.tests = countTests(o.testRun);
        c.failures = failures(o.testRun).map((f) => ({ package: f.package, test: f.test ?? null, buildFailed: f.buildFailed }));
      }
      return c;
    }),
    failingTests: failingTests(run).map((f) => ({ package: f.package, test: f.test ?? null, failsOn: f.failsOn, passesOn: f.passesOn })),
  };
}

/** Rows (versions) and columns (platforms) of the grid, in first-seen order. */
export function gridAxes(run: MatrixRun): { versions: string[]; platforms: string[] } {
  const versions: string[] = [];
  const platforms: string[] = [];
  for (const o of run.outcomes) {
    if (!versions.includes(o.cell.version)) versions.push(o.cell.version);
    const p = platformName(o.cell.platform);
    if (!platforms.includes(p)) platforms.push(p);
  }
  return { versions, platforms };
}

export function gridCell(run: MatrixRun, version: string, platform: string): CellOutcome | undefined {
  return run.outcomes.find((o) => o.cell.version === version && platformName(o.cell.platform) === platform);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s - m * 60)).padStart(2, '0')}s`;
}

export const STATUS_MARK: Record<CellStatus, string> = { pass: '✓', fail: '✗', cancelled: '–' };
