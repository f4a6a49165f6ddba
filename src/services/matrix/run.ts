// `govm matrix`: Go versions × platforms, natively or in sandboxes, at most
// --jobs at once, each cell with its own GOCACHE and log; then the table and
// the reports.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Context } from '../../context.js';
import { GovmError, isGovmError } from '../../errors.js';
import { autoVersions, expandCells, goLineOf, parseGoList, parsePlatformList, withTestJson, type Cell } from '../../domain/matrix/cells.js';
import type { CellOutcome, MatrixRun } from '../../domain/reports/model.js';
import type { Settings } from '../../domain/settings.js';
import { exeSuffix } from '../../domain/platform.js';
import { Supervisor } from '../../integrations/engines/container.js';
import { sandboxEnv } from '../../integrations/engines/run-args.js';
import type { Engine } from '../../integrations/engines/engine.js';
import { loadSettings } from '../../stores/config.js';
import { workingDir } from '../resolve.js';
import { cacheDirs, chooseVersion, engineFor, findProject, identity, imageFor, limitsOf, planContainer, type Project, type SandboxOptions, type VersionChoice } from '../sandbox/prepare.js';
import { cellNotRun, runCell, type CellHandle, type CellPlan } from './cell.js';
import { MatrixProgress } from './progress.js';
import { appendStepSummary, writeReports } from './reports.js';

export interface MatrixOptions extends SandboxOptions {
  goList: string[];
  platform?: string[] | undefined;
  sandbox?: boolean | undefined;
  jobs?: number | undefined;
  failFast?: boolean | undefined;
  report?: string | undefined;
}

export interface MatrixResult {
  run: MatrixRun;
  logDir: string;
  reportFiles: string[];
  interrupted: NodeJS.Signals | undefined;
}

/** `--go auto`: go.mod's (or go.work's) go line to the newest release, newest patch per minor. */
async function autoSpecs(ctx: Context, settings: Settings, project: Project): Promise<string[]> {
  let text: string | undefined;
  let file = '';
  for (const name of ['go.work', 'go.mod']) {
    file = join(project.root, name);
    text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) break;
  }
  if (text === undefined) throw new GovmError('E_VERSION_FILE', `--go auto needs a go.mod (none in ${project.root} or above)`, { hint: 'list versions instead: --go 1.21,1.22' });
  const line = goLineOf(text);
  if (!line) throw new GovmError('E_VERSION_FILE', `${file} has no go line`, { hint: 'add one (go 1.21), or list versions with --go' });
  const { loadReleases } = await import('../../sources/release-index.js');
  return autoVersions(line, await loadReleases(ctx, settings)).map((r) => r.version.name);
}

async function logDirFor(ctx: Context, report: string | undefined, started: Date): Promise<string> {
  if (report) return join(report, 'logs');
  const base = join(ctx.layout.cache, 'matrix');
  // Keep the last few runs' logs.
  const old = (await readdir(base).catch(() => [] as string[])).filter((n) => /^\d{8}T\d{6}/.test(n)).sort();
  for (const n of old.slice(0, Math.max(0, old.length - 9))) await rm(join(base, n), { recursive: true, force: true });
  return join(base, `${started.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '')}-${process.pid}`);
}

export async function runMatrix(ctx: Context, opts: MatrixOptions, command: readonly string[]): Promise<MatrixResult> {
  if (command.length === 0) throw new GovmError('E_USAGE', 'no command to run in the matrix', { hint: 'govm matrix --go 1.21,1.22 -- go test ./...' });
  const sandbox = opts.sandbox ?? false;
  if (sandbox) {
    limitsOf(opts);
    identity(opts);
    sandboxEnv(ctx.env, opts.env ?? []);
  }
  const goList = parseGoList(opts.goList);
  const platforms = parsePlatformList(opts.platform ?? []);
  const cores = availableParallelism();
  const jobs = opts.jobs ?? cores;
  if (!Number.isInteger(jobs) || jobs < 1) throw new GovmError('E_USAGE', `invalid --jobs '${opts.jobs}'`, { hint: 'a whole number ≥ 1' });
  const settings = await loadSettings(ctx);
  const cwd = workingDir(ctx);
  const project = findProject(cwd);
  const engine = sandbox ? engineFor(ctx, settings, opts) : undefined;

  // Versions: installed on demand for native and --local cells; official images need only the name.
  const specs = goList === 'auto' ? await autoSpecs(ctx, settings, project) : goList;
  const needRoot = !sandbox || (opts.local ?? false);
  const versions: VersionChoice[] = [];
  for (const s of specs) {
    const v = await chooseVersion(ctx, s, needRoot);
    if (!versions.some((x) => x.name === v.name)) versions.push(v);
  }
  const cells = expandCells(versions.map((v) => v.name), platforms);
  const { argv, json } = withTestJson(command);
  const started = new Date();
  const logDir = await logDirFor(ctx, opts.report, started);
  await mkdir(logDir, { recursive: true });

  // Sandbox images, one per version, before any cell starts (a build is not a cell's time).
  const images = new Map<string, string | GovmError>();
  if (sandbox && engine) {
    for (const v of versions) {
      try {
        images.set(v.name, (await imageFor(ctx, engine, settings, opts, v)).ref);
      } catch (e) {
        if (isGovmError(e) && e.code === 'E_IMAGE_MISSING') images.set(v.name, e);
        else throw e;
      }
    }
  }

  const progress = new MatrixProgress(ctx.out, cells);
  let stopping: string | undefined;
  const sup = new Supervisor(engine, 10_000, () => {
    stopping ??= 'interrupted';
  });
  const handles = new Map<string, CellHandle>();
  const stoppedCells = new Set<string>();
  const outcomes = new Map<string, CellOutcome>();
  const user = sandbox ? identity(opts) : undefined;
  const t0 = performance.now();

  const runOne = async (cell: Cell): Promise<CellOutcome> => {
    const logFile = join(logDir, `${cell.id}.log`);
    const v = versions.find((x) => x.name === cell.version)!;
    if (stopping) {
      await writeFile(logFile, `# not run: ${stopping}\n`);
      return cellNotRun(cell, 'cancelled', `not run: ${stopping}`, logFile);
    }
    const cache = cell.platform ? ctx.layout.buildCache(`${cell.version}-${cell.platform.os}-${cell.platform.arch}`) : ctx.layout.buildCache(cell.version);
    let plan: CellPlan;
    if (sandbox && engine) {
      const image = images.get(cell.version)!;
      if (typeof image !== 'string') {
        await writeFile(logFile, `# ${image.message}\n${image.hint ? `# hint: ${image.hint}\n` : ''}`);
        return cellNotRun(cell, 'fail', image.message, logFile);
      }
      plan = sandboxPlan(ctx, engine, opts, { cell, image, project, user, caches: cacheDirs(ctx, cache, user), argv, json, logFile, display: command.join(' ') });
    } else {
      await mkdir(cache, { recursive: true });
      plan = nativePlan(ctx, v, cell, { cwd, cache, argv, json, logFile, display: command.join(' ') });
    }
    const handle: CellHandle = {};
    handles.set(cell.id, handle);
    progress.started(cell);
    const outcome = await runCell(sup, plan, handle, () => (stoppedCells.has(cell.id) || sup.interrupted ? stopping : undefined));
    handles.delete(cell.id);
    return outcome;
  };

  const onOutcome = (o: CellOutcome) => {
    outcomes.set(o.cell.id, o);
    progress.finished(o);
    if (o.status === 'fail' && opts.failFast && !stopping) {
      stopping = `cancelled by --fail-fast after ${o.cell.label} failed`;
      for (const [id, h] of handles) {
        if (h.child) {
          stoppedCells.add(id);
          sup.stop(h.child);
        }
      }
    }
  };

  try {
    await pool(cells, jobs, async (c) => onOutcome(await runOne(c)));
  } finally {
    progress.stop();
    await sup.close();
  }

  const run: MatrixRun = {
    command: [...command],
    mode: sandbox ? 'sandbox' : 'native',
    startedAt: started,
    durationMs: performance.now() - t0,
    jobs,
    cores,
    outcomes: cells.map((c) => outcomes.get(c.id)!),
  };
  const reportFiles = opts.report ? await writeReports(opts.report, run) : [];
  if (ctx.env.GITHUB_STEP_SUMMARY) await appendStepSummary(ctx.env.GITHUB_STEP_SUMMARY, run).catch((e: Error) => ctx.out.warn(`cannot append to GITHUB_STEP_SUMMARY: ${e.message}`));
  return { run, logDir, reportFiles, interrupted: sup.interrupted };
}

function nativePlan(ctx: Context, v: VersionChoice, cell: Cell, p: { cwd: string; cache: string; argv: string[]; json: boolean; logFile: string; display: string }): CellPlan {
  const root = v.root!;
  const exe = exeSuffix(ctx.platform === 'win32' ? 'windows' : 'linux');
  const pathKey = ctx.platform === 'win32' ? (Object.keys(ctx.env).find((k) => k.toUpperCase() === 'PATH') ?? 'Path') : 'PATH';
  const env: NodeJS.ProcessEnv = {
    ...ctx.env,
    GOROOT: root,
    [pathKey]: `${join(root, 'bin')}${delimiter}${ctx.env[pathKey] ?? ''}`,
    GOTOOLCHAIN: 'local',
    GOCACHE: p.cache,
    GOVM_GO_VERSION: cell.version,
  };
  if (cell.platform) {
    env.GOOS = cell.platform.os;
    env.GOARCH = cell.platform.arch;
  }
  const [first, ...rest] = p.argv;
  const cmd = first === 'go' ? join(root, 'bin', `go${exe}`) : first!;
  return { cell, cmd, args: rest, env, cwd: p.cwd, json: p.json, logFile: p.logFile, display: p.display };
}

function sandboxPlan(
  ctx: Context,
  engine: Engine,
  opts: SandboxOptions,
  p: { cell: Cell; image: string; project: Project; user: string | undefined; caches: { modCache: string; buildCache: string }; argv: string[]; json: boolean; logFile: string; display: string },
): CellPlan {
  const extraEnv: Record<string, string> = p.cell.platform ? { GOOS: p.cell.platform.os, GOARCH: p.cell.platform.arch } : {};
  const plan = planContainer({
    ctx, engine, image: p.image, version: p.cell.id.replace(/^go/, ''), purpose: 'matrix', project: p.project, user: p.user,
    caches: p.caches, opts, extraEnv, interactive: false, tty: false, command: p.argv,
  });
  return { cell: p.cell, cmd: engine.bin, args: plan.args, env: engine.env as NodeJS.ProcessEnv, container: plan.name, image: p.image, json: p.json, logFile: p.logFile, display: p.display };
}

/** Runs `fn` over items with at most `limit` at once, in order of items. */
async function pool<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
