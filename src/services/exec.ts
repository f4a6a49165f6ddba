// `govm exec [spec] -- cmd args…`: one command with a given (or the resolved)
// Go. The child gets that GOROOT/bin first on PATH, GOROOT set, and
// GOTOOLCHAIN=local unless the user set GOTOOLCHAIN. Signals are forwarded and
// the exit status is the child's own (a child killed by a signal kills govm
// with the same signal, so shells see 128+n).
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { posix, win32 } from 'node:path';
import type { Context } from '../context.js';
import { GovmError } from '../errors.js';
import { checkPlainSpec } from '../domain/version-files.js';
import { noVersionError, notInstalledError, resolveActive, type Active } from './resolve.js';

/** Splits what follows `exec` into an optional spec and the command. */
export function splitExecArgs(raw: readonly string[]): { spec: string | undefined; command: string[] } {
  if (raw[0] === '--') return { spec: undefined, command: raw.slice(1) };
  if (raw[1] === '--') return { spec: raw[0], command: raw.slice(2) };
  if (raw.length > 1 && raw[0] !== undefined && looksLikeSpec(raw[0])) return { spec: raw[0], command: raw.slice(1) };
  return { spec: undefined, command: [...raw] };
}

function looksLikeSpec(s: string): boolean {
  try {
    checkPlainSpec(s.toLowerCase(), 'argument', 0);
    return true;
  } catch {
    return false;
  }
}

/** The environment a command runs with under an active version. */
export function execEnv(
  env: Readonly<Record<string, string | undefined>>,
  active: Pick<Active, 'root' | 'source'>,
  platform: NodeJS.Platform,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  if (active.source === 'system' || !active.root) return out;
  const win = platform === 'win32';
  const p = win ? win32 : posix;
  const pathKey = win ? (Object.keys(out).find((k) => k.toUpperCase() === 'PATH') ?? 'Path') : 'PATH';
  const bin = p.join(active.root, 'bin');
  const rest = (out[pathKey] ?? '').split(win ? ';' : ':').filter((d) => d !== '' && d !== bin);
  out[pathKey] = [bin, ...rest].join(win ? ';' : ':');
  out.GOROOT = active.root;
  if (!out.GOTOOLCHAIN) out.GOTOOLCHAIN = 'local';
  return out;
}

async function activeFor(ctx: Context, spec: string | undefined): Promise<Active> {
  let a = await resolveActive(ctx, { spec });
  if (a.source === 'none') throw noVersionError();
  if (a.installed) return a;
  const { loadSettings } = await import('../stores/config.js');
  if (!(await loadSettings(ctx)).autoInstall) throw notInstalledError(a);
  const { ensureInstalled } = await import('./installer.js');
  await ensureInstalled(ctx, a.spec);
  a = await resolveActive(ctx, { spec });
  if (!a.installed) throw notInstalledError(a);
  return a;
}

const FORWARD: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'SIGWINCH'];

/** Runs the command; resolves with its exit code (or re-raises its signal on govm itself). */
export async function execCommand(ctx: Context, spec: string | undefined, command: string[]): Promise<number> {
  if (command.length === 0) {
    throw new GovmError('E_USAGE', 'nothing to run', { hint: 'govm exec [version] -- <command> [args…]' });
  }
  const active = await activeFor(ctx, spec);
  const env = execEnv(ctx.env, active, ctx.platform);
  // Handlers first: a signal that arrives between spawn() and their set-up
  // (a loaded machine can deschedule us right there) must not kill govm.
  let child: ChildProcess | undefined;
  const handlers = new Map<NodeJS.Signals, () => void>();
  for (const sig of ctx.platform === 'win32' ? (['SIGINT', 'SIGTERM'] as NodeJS.Signals[]) : FORWARD) {
    const h = (): void => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill(sig);
    };
    handlers.set(sig, h);
    process.on(sig, h);
  }
  child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env, cwd: ctx.cwd });
  const unhook = (): void => {
    for (const [sig, h] of handlers) process.off(sig, h);
  };
  const started = child;
  return new Promise<number>((resolve, reject) => {
    started.on('error', (e: NodeJS.ErrnoException) => {
      unhook();
      reject(
        new GovmError('E_USAGE', `cannot run '${command[0]}': ${e.code === 'ENOENT' ? 'command not found' : e.message}`, {
          exitCode: e.code === 'ENOENT' ? 127 : 126,
        }),
      );
    });
    started.on('exit', (code, signal) => {
      unhook();
      if (signal) {
        // Die the way the child died, so our parent sees the same status; if this
        // signal does not end Node (SIGPIPE is ignored), exit 128+n like a shell.
        process.kill(process.pid, signal);
        resolve(128 + (constants.signals[signal] ?? 0));
        return;
      }
      resolve(code ?? 1);
    });
  });
}
