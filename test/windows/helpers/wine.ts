// Runs real Windows programs (node.exe + the govm bundle, go.exe, cmd) under
// Wine for the Windows lane. The lane is described by lane.env, written by
// scripts/ci/windows.sh and loaded into the environment by test/windows/run.mjs.
//
// Wine quirks handled here (see README "Windows"):
//   - a Windows node.exe whose stdio are Linux pipes fails with EBADF, so every
//     program gets files for stdin/stdout/stderr;
//   - Wine takes %LOCALAPPDATA% and %USERPROFILE% from the profile named by
//     $USER: USER="govm ci" gives C:\users\govm ci\AppData\Local (a space);
//   - Wine builds the Windows PATH from its registry; WINEPATH prepends to it;
//   - node.exe's fetch() needs the test-only keep-alive preload.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Lane {
  readonly prefix: string;
  readonly node: string;
  readonly toolchains: string;
  readonly archives: readonly string[];
  readonly preload: string;
  readonly profile: string;
}

export function loadLane(env: Readonly<Record<string, string | undefined>> = process.env): Lane | undefined {
  const { GOVM_WIN_PREFIX, GOVM_WIN_NODE, GOVM_WIN_TOOLCHAINS, GOVM_WIN_ARCHIVES, GOVM_WIN_PRELOAD } = env;
  if (!GOVM_WIN_PREFIX || !GOVM_WIN_NODE || !GOVM_WIN_TOOLCHAINS || !GOVM_WIN_ARCHIVES || !GOVM_WIN_PRELOAD) return undefined;
  if (!existsSync(join(GOVM_WIN_PREFIX, 'system.reg')) || !existsSync(GOVM_WIN_NODE)) return undefined;
  return {
    prefix: GOVM_WIN_PREFIX,
    node: GOVM_WIN_NODE,
    toolchains: GOVM_WIN_TOOLCHAINS,
    archives: GOVM_WIN_ARCHIVES.split(',').filter(Boolean),
    preload: GOVM_WIN_PRELOAD,
    profile: env.GOVM_WIN_PROFILE || 'govm ci',
  };
}

export const GOVM_BUNDLE = fileURLToPath(new URL('../../../dist/govm.cjs', import.meta.url));

/** The Windows path of a Linux path: C:\… inside drive_c, else Z:\… (Wine's root drive). */
export function toWin(lane: Lane, linuxPath: string): string {
  const p = resolve(linuxPath);
  const driveC = join(lane.prefix, 'drive_c');
  const rel = relative(driveC, p);
  if (!rel.startsWith('..') && !rel.startsWith('/')) return `C:\\${rel.split('/').join('\\')}`.replace(/\\$/, '');
  return `Z:${p.split('/').join('\\')}`;
}

/** The Linux path of a C:\ path (inside the prefix). */
export function fromWin(lane: Lane, winPath: string): string {
  const m = /^[cC]:\\?(.*)$/.exec(winPath);
  if (!m) throw new Error(`not a C: path: ${winPath}`);
  return join(lane.prefix, 'drive_c', ...m[1]!.split('\\').filter(Boolean));
}

/** The profile's %LOCALAPPDATA% as Windows and Linux paths. */
export function localAppData(lane: Lane): { win: string; linux: string } {
  const win = `C:\\users\\${lane.profile}\\AppData\\Local`;
  return { win, linux: fromWin(lane, win) };
}

export interface WineResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface WineOptions {
  /** Linux folder to start in (Wine maps it to C:\… or Z:\…). */
  cwd?: string;
  /** Variables for the Windows environment (besides Wine's own). */
  env?: Record<string, string>;
  /** Windows folders put first on PATH (WINEPATH). */
  path?: string[];
  input?: string;
  timeoutMs?: number;
}

/**
 * Runs a Windows program (a Windows path, or a Linux path to an .exe) under Wine.
 * Wine itself sometimes loses its wineserver connection ("wine client error:0:
 * recvmsg: Connection reset by peer"): that failure is Wine's, not the program's,
 * so such a run is tried again (twice at most, and said so on stderr).
 */
export async function wine(lane: Lane, program: string, args: readonly string[], o: WineOptions = {}): Promise<WineResult> {
  for (let attempt = 0; ; attempt++) {
    const r = await wineOnce(lane, program, args, o);
    if (r.code === 0 || !/^wine client error:/m.test(r.stderr) || attempt >= 2) return r;
    process.stderr.write(`# wine lost its wineserver (${r.stderr.trim().split('\n')[0]}); running ${program} again\n`);
    await new Promise((res) => setTimeout(res, 500));
  }
}

function wineOnce(lane: Lane, program: string, args: readonly string[], o: WineOptions): Promise<WineResult> {
  const dir = mkdtempSync(join(tmpdir(), 'govm-wine-io-'));
  writeFileSync(join(dir, 'in'), o.input ?? '');
  const fds = [openSync(join(dir, 'in'), 'r'), openSync(join(dir, 'out'), 'w'), openSync(join(dir, 'err'), 'w')];
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    USER: lane.profile,
    LOGNAME: lane.profile,
    LANG: 'C.UTF-8',
    WINEPREFIX: lane.prefix,
    WINEDEBUG: '-all',
    WINEDLLOVERRIDES: 'bcryptprimitives=n,b;winemenubuilder.exe=d',
    DISPLAY: '',
    NO_COLOR: '1',
    ...(o.path && o.path.length > 0 ? { WINEPATH: o.path.join(';') } : {}),
    ...o.env,
  };
  const started = Date.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn('wine', [program, ...args], { cwd: o.cwd, env, stdio: fds, detached: true });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, o.timeoutMs ?? 120_000);
    const done = (code: number | null): void => {
      clearTimeout(timer);
      fds.forEach((fd) => closeSync(fd));
      const r = {
        code,
        stdout: readFileSync(join(dir, 'out'), 'utf8').replace(/\r\n/g, '\n'),
        stderr: readFileSync(join(dir, 'err'), 'utf8').replace(/\r\n/g, '\n'),
        ms: Date.now() - started,
      };
      rmSync(dir, { recursive: true, force: true });
      resolveRun(r);
    };
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => done(code));
  });
}

/** Runs the govm bundle with the Windows node.exe (plus the test-only keep-alive preload). */
export function govm(lane: Lane, args: readonly string[], o: WineOptions = {}): Promise<WineResult> {
  return wine(lane, lane.node, ['-r', toWin(lane, lane.preload), toWin(lane, GOVM_BUNDLE), ...args], o);
}

/** `cmd /c LINE`: the line is written to a .bat file and run, so Linux-side quoting never touches it. */
export function cmd(lane: Lane, lines: string[], o: WineOptions & { dir: string }): Promise<WineResult> {
  const bat = join(o.dir, `run-${process.pid}-${Date.now()}.bat`);
  writeFileSync(bat, ['@echo off', ...lines, ''].join('\r\n'));
  return wine(lane, 'cmd', ['/c', toWin(lane, bat)], o);
}
