// Running one matrix cell (natively or in a sandbox): its own log, its
// go test -json stream parsed as it arrives, its outcome.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Cell } from '../../domain/matrix/cells.js';
import { TestEventParser } from '../../domain/matrix/test-events.js';
import type { CellOutcome } from '../../domain/reports/model.js';
import type { Supervisor } from '../../integrations/engines/container.js';

export interface CellPlan {
  readonly cell: Cell;
  readonly cmd: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly cwd?: string | undefined;
  /** Container name for sandbox cells. */
  readonly container?: string | undefined;
  readonly image?: string | undefined;
  /** Parse stdout as `go test -json`. */
  readonly json: boolean;
  readonly logFile: string;
  /** The command line as the user wrote it (for the log header). */
  readonly display: string;
}

const TAIL = 256 * 1024;

export interface CellHandle {
  /** Set once the child runs: lets fail-fast stop it. */
  child?: import('node:child_process').ChildProcess;
}

export async function runCell(sup: Supervisor, plan: CellPlan, handle: CellHandle, isCancelled: () => string | undefined): Promise<CellOutcome> {
  const started = performance.now();
  const log = createWriteStream(plan.logFile);
  let logError: Error | undefined;
  // A log that cannot be written must not take the run down: the tail is still kept.
  log.on('error', (e) => (logError ??= e));
  let tail = '';
  const write = (s: string) => {
    if (s === '') return;
    log.write(s);
    tail = (tail + s).slice(-TAIL);
  };
  write(`# govm matrix: ${plan.cell.label}${plan.image ? ` in ${plan.image}` : ''}\n# $ ${plan.display}\n`);
  const parser = plan.json ? new TestEventParser() : undefined;
  const { child, exit } = sup.spawn(plan.cmd, plan.args, {
    env: plan.env,
    cwd: plan.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    container: plan.container,
    tty: false,
  });
  handle.child = child;
  const readers: Promise<unknown>[] = [];
  if (child.stdout) {
    const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
    rl.on('line', (line) => write(parser ? parser.push(line) : `${line}\n`));
    readers.push(once(rl, 'close'));
  }
  if (child.stderr) {
    child.stderr.setEncoding('utf8').on('data', (d: string) => write(d));
    readers.push(once(child.stderr, 'close').catch(() => undefined));
  }
  const { code } = await exit;
  await Promise.all(readers).catch(() => undefined);
  const durationMs = performance.now() - started;
  const cancelled = isCancelled();
  write(`# exit ${code} after ${(durationMs / 1000).toFixed(1)}s${cancelled ? ` (${cancelled})` : ''}\n`);
  if (logError) tail += `# govm: cannot write ${plan.logFile}: ${logError.message}\n`;
  log.end();
  await once(log, 'close').catch(() => undefined);
  const testRun = parser?.finish();
  const failed = code !== 0 || (testRun?.packages.some((p) => p.status === 'fail') ?? false);
  return {
    cell: plan.cell,
    status: cancelled ? 'cancelled' : failed ? 'fail' : 'pass',
    exitCode: code,
    durationMs,
    logFile: plan.logFile,
    logTail: tail,
    testRun,
    error: cancelled,
    image: plan.image,
  };
}

/** A cell that could not start (toolchain or image unavailable, cancelled before it ran). */
export function cellNotRun(cell: Cell, status: 'fail' | 'cancelled', reason: string, logFile: string, image?: string): CellOutcome {
  return { cell, status, exitCode: null, durationMs: 0, logFile, logTail: `${reason}\n`, error: reason, image };
}
