// Gathers doctor's facts from the real system: PATH, files, the resolved
// version and one run of the real `go env`. Process execution is injected so
// the Windows registry probe can be tested on Linux.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readFile, realpath, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { posix, win32 } from 'node:path';
import type { Context } from '../../context.js';
import {
  envFileValue,
  goDirective,
  type DoctorFacts,
  type FolderFact,
  type GoEnvFact,
  type GoOnPath,
  type ModuleFact,
  type ResolvedFact,
} from '../../domain/doctor.js';
import { detectShell } from '../../integrations/shells/shared.js';

export interface ExecResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}
export type Exec = (file: string, args: readonly string[], opts: { env: Record<string, string>; cwd: string; timeoutMs: number }) => Promise<ExecResult>;

export const realExec: Exec = (file, args, opts) =>
  new Promise((resolve) => {
    const child = spawn(file, [...args], { env: opts.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });

export interface ProbeDeps {
  readonly exec: Exec;
  readonly uid: number | undefined;
}

const real = async (p: string): Promise<string> => {
  try {
    return await realpath(p);
  } catch {
    return p;
  }
};

async function isExecutable(file: string, win: boolean): Promise<boolean> {
  try {
    const s = await stat(file);
    if (!s.isFile()) return false;
    if (!win) await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function pathEntries(ctx: Context): string[] {
  const win = ctx.platform === 'win32';
  const raw = win ? (ctx.env.Path ?? ctx.env.PATH ?? '') : (ctx.env.PATH ?? '');
  return raw.split(win ? ';' : ':').map((e) => (win ? e.replace(/^"(.*)"$/, '$1') : e)).filter((e) => e !== '');
}

async function goOnPath(ctx: Context, entries: readonly string[]): Promise<GoOnPath[]> {
  const win = ctx.platform === 'win32';
  const p = win ? win32 : posix;
  const names = win ? ['go.exe', 'go.cmd', 'go.bat'] : ['go'];
  const out: GoOnPath[] = [];
  for (const dir of entries) {
    for (const n of names) {
      if (await isExecutable(p.join(dir, n), win)) {
        out.push({ dir, realDir: await real(dir) });
        break;
      }
    }
  }
  return out;
}

async function resolved(ctx: Context): Promise<ResolvedFact> {
  const { resolveActive } = await import('../resolve.js');
  try {
    const a = await resolveActive(ctx);
    return {
      source: a.source,
      spec: a.source === 'system' ? undefined : a.spec,
      name: a.name,
      root: a.root,
      rootReal: a.root ? await real(a.root) : undefined,
      installed: a.installed,
      file: a.file,
    };
  } catch (e) {
    return { source: 'none', installed: false, error: (e as Error).message };
  }
}

async function goEnv(ctx: Context, deps: ProbeDeps, root: string): Promise<GoEnvFact> {
  const win = ctx.platform === 'win32';
  const p = win ? win32 : posix;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.env)) if (v !== undefined) env[k] = v;
  env.GOTOOLCHAIN = 'local'; // doctor itself must never trigger a download
  // A neutral folder: a go.mod in the working folder must not make `go env` fail or switch.
  const r = await deps.exec(p.join(root, 'bin', win ? 'go.exe' : 'go'), ['env', '-json', 'GOROOT', 'GOPATH', 'GOBIN', 'GOENV'], { env, cwd: tmpdir(), timeoutMs: 30_000 });
  if (r.code !== 0) return { ok: false, error: (r.stderr.trim().split('\n')[0] ?? '') || `exit ${r.code}` };
  try {
    const j = JSON.parse(r.stdout) as Record<string, string>;
    return { ok: true, goroot: j.GOROOT, gorootReal: j.GOROOT ? await real(j.GOROOT) : undefined, gopath: j.GOPATH, gobin: j.GOBIN, goenvFile: j.GOENV };
  } catch {
    return { ok: false, error: `unreadable output: ${r.stdout.slice(0, 80)}` };
  }
}

/** The nearest go.work or go.mod above the working folder (go.work first within a folder). */
async function moduleFact(ctx: Context): Promise<ModuleFact | undefined> {
  const { workingDir } = await import('../resolve.js');
  const p = ctx.platform === 'win32' ? win32 : posix;
  for (let d = workingDir(ctx), up = p.dirname(d); ; d = up, up = p.dirname(d)) {
    for (const name of ['go.work', 'go.mod']) {
      const file = p.join(d, name);
      const text = await readText(file);
      if (text !== undefined) return { file, goLine: goDirective(text) };
    }
    if (up === d) return undefined;
  }
}

async function folder(label: string, path: string): Promise<FolderFact> {
  try {
    const s = await stat(path);
    let writable = true;
    try {
      await access(path, constants.W_OK);
    } catch {
      writable = false;
    }
    return { label, path, exists: true, writable, mode: s.mode, uid: s.uid };
  } catch {
    return { label, path, exists: false, writable: false };
  }
}

/** Windows: a system-wide Go from the MSI (C:\Go, Program Files\Go) and its registry key. */
export async function windowsProbe(ctx: Pick<Context, 'env'>, deps: Pick<ProbeDeps, 'exec'>, exists: (p: string) => Promise<boolean>): Promise<{ installs: string[]; registry: string[] }> {
  const dirs = ['C:\\Go', ctx.env.ProgramFiles && win32.join(ctx.env.ProgramFiles, 'Go'), ctx.env['ProgramFiles(x86)'] && win32.join(ctx.env['ProgramFiles(x86)'], 'Go')]
    .filter((d): d is string => Boolean(d));
  const installs: string[] = [];
  for (const d of [...new Set(dirs)]) if (await exists(win32.join(d, 'bin', 'go.exe'))) installs.push(d);
  const registry: string[] = [];
  for (const key of ['HKLM\\SOFTWARE\\GoLang', 'HKCU\\SOFTWARE\\GoLang']) {
    const r = await deps.exec('reg', ['query', key], { env: {}, cwd: '.', timeoutMs: 10_000 });
    if (r.code === 0) registry.push(key);
  }
  return { installs, registry };
}

export async function gatherFacts(ctx: Context, deps: ProbeDeps): Promise<DoctorFacts> {
  const entries = pathEntries(ctx);
  const r = await resolved(ctx);
  const ge = r.root ? await goEnv(ctx, deps, r.root) : undefined;
  const win = ctx.platform === 'win32';
  const p = win ? win32 : posix;
  let goenvFile = ge?.goenvFile;
  if (!goenvFile && !win) {
    const base = ctx.env.XDG_CONFIG_HOME || p.join(ctx.env.HOME || homedir(), '.config');
    goenvFile = p.join(base, 'go', 'env');
  }
  const goenvText = goenvFile && goenvFile !== 'off' ? await readText(goenvFile) : undefined;
  const gorootEnv = r.root ? await readText(p.join(r.root, 'go.env')) : undefined;
  const wp = win ? await windowsProbe(ctx, deps, (f) => isExecutable(f, true)) : undefined;
  const L = ctx.layout;
  return {
    platform: ctx.platform,
    shell: detectShell(ctx.env, ctx.platform),
    shimsDir: L.shims,
    shimsDirReal: await real(L.shims),
    pathEntries: entries,
    goOnPath: await goOnPath(ctx, entries),
    env: ctx.env,
    resolved: r,
    goEnv: ge,
    goenvFileToolchain: goenvText === undefined ? undefined : envFileValue(goenvText, 'GOTOOLCHAIN'),
    gorootToolchain: gorootEnv === undefined ? undefined : envFileValue(gorootEnv, 'GOTOOLCHAIN'),
    module: await moduleFact(ctx),
    folders: await Promise.all([folder('home', L.root), folder('versions', L.versions), folder('shims', L.shims), folder('cache', L.cache)]),
    uid: deps.uid,
    windowsInstalls: wp?.installs,
    windowsRegistry: wp?.registry,
  };
}
