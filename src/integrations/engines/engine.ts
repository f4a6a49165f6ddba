// Container engines (Docker, Podman) through their CLIs: finding one, calling
// it, and telling "not installed" from "daemon unreachable" from "image missing".
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { basename, delimiter, isAbsolute, join } from 'node:path';
import { GovmError } from '../../errors.js';

export type EngineKind = 'docker' | 'podman';

export interface Engine {
  readonly kind: EngineKind;
  /** The CLI to run (absolute path). */
  readonly bin: string;
  /** Environment the CLI runs with (the host's: DOCKER_HOST, DOCKER_CONFIG, CONTAINER_HOST…). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface FindEngineInput {
  /** `auto`, `docker`, `podman`, or a path to either CLI. */
  readonly choice: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
}

const KINDS: EngineKind[] = ['docker', 'podman'];

export function kindOf(bin: string): EngineKind {
  return basename(bin).toLowerCase().includes('podman') ? 'podman' : 'docker';
}

/** First executable `name` on PATH. */
export function which(name: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string | undefined {
  const win = platform === 'win32';
  const path = (win ? (env.Path ?? env.PATH) : env.PATH) ?? '';
  const exts = win ? ['.exe', '.cmd', ''] : [''];
  for (const dir of path.split(win ? ';' : delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const cand = join(dir, name + ext);
      if (isExecutable(cand, win)) return cand;
    }
  }
  return undefined;
}

function isExecutable(p: string, win: boolean): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    if (!win) accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findEngine({ choice, env, platform }: FindEngineInput): Engine {
  const want = (choice || 'auto').trim();
  if (want === 'auto') {
    for (const k of KINDS) {
      const bin = which(k, env, platform);
      if (bin) return { kind: k, bin, env };
    }
    throw new GovmError('E_ENGINE_MISSING', 'no container engine found: neither docker nor podman is on PATH', {
      hint: 'install Docker or Podman, or set GOVM_CONTAINER_ENGINE to the CLI\'s path; `govm matrix` without --sandbox needs no engine',
    });
  }
  if (isAbsolute(want) || want.includes('/') || want.includes('\\')) {
    if (isExecutable(want, platform === 'win32')) return { kind: kindOf(want), bin: want, env };
    throw new GovmError('E_ENGINE_MISSING', `container engine ${want} does not exist or is not executable`, {
      hint: 'fix --engine / GOVM_CONTAINER_ENGINE (docker, podman, auto, or a path to the CLI)',
    });
  }
  if (!KINDS.includes(want as EngineKind)) {
    throw new GovmError('E_USAGE', `unknown container engine '${want}'`, { hint: 'use docker, podman, auto, or a path to the CLI' });
  }
  const bin = which(want, env, platform);
  if (!bin) {
    throw new GovmError('E_ENGINE_MISSING', `${want} is not installed (not on PATH)`, {
      hint: `install ${want}, or pick the other engine with --engine / GOVM_CONTAINER_ENGINE`,
    });
  }
  return { kind: want as EngineKind, bin, env };
}

/**
 * Which engine instance a CLI talks to, as far as its environment tells: the
 * CLI and the variables that point it at a daemon, service or context. Two
 * equal endpoints see the same images.
 */
export function endpointOf(engine: Engine): string {
  const vars = engine.kind === 'docker' ? ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG'] : ['CONTAINER_HOST', 'CONTAINER_CONNECTION', 'CONTAINERS_CONF', 'CONTAINERS_STORAGE_CONF'];
  return [engine.bin, ...vars.map((v) => `${v}=${engine.env[v] ?? ''}`)].join(' ');
}

export interface CallResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the engine CLI to completion, capturing its output. */
export function engineCall(engine: Engine, args: readonly string[], opts: { input?: string } = {}): Promise<CallResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(engine.bin, args, {
      env: engine.env as NodeJS.ProcessEnv,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => reject(new GovmError('E_ENGINE_MISSING', `cannot run ${engine.bin}: ${e.message}`, { cause: e })));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // the CLI may exit before reading: EPIPE is not our failure
      child.stdin.end(opts.input);
    }
  });
}

const UNREACHABLE = [
  /Cannot connect to the Docker daemon/i,
  /Is the docker daemon running/i,
  /error during connect/i,
  /permission denied while trying to connect/i,
  /Cannot connect to Podman/i,
  /unable to connect to Podman/i,
  /connect: no such file or directory/i,
  /connect: connection refused/i,
];

const NO_SUCH_IMAGE = [/No such image/i, /image not known/i, /Unable to find image/i, /manifest unknown/i, /not found: manifest/i, /repository does not exist/i, /pull access denied/i];

export const isUnreachable = (stderr: string): boolean => UNREACHABLE.some((r) => r.test(stderr));
export const isNoSuchImage = (stderr: string): boolean => NO_SUCH_IMAGE.some((r) => r.test(stderr));

/** The first meaningful line of an engine's error output. */
export function firstLine(stderr: string): string {
  return stderr.split('\n').map((l) => l.trim()).find((l) => l !== '' && !/^DEPRECATED|^WARNING/i.test(l)) ?? stderr.trim();
}

export function unreachableError(engine: Engine, stderr: string): GovmError {
  return new GovmError('E_ENGINE_UNREACHABLE', `${engine.kind} is installed but its daemon is not reachable: ${firstLine(stderr)}`, {
    hint: engine.kind === 'docker'
      ? 'start the Docker daemon (or Docker Desktop), check DOCKER_HOST, and that you may use its socket'
      : 'start the Podman service/machine (podman machine start) and check CONTAINER_HOST',
  });
}

/**
 * Turns a failed engine call into the right error: the daemon is unreachable,
 * or (anything else) the image could not be had: E_IMAGE_MISSING, exit 8.
 */
export function engineFailure(engine: Engine, what: string, r: CallResult, hint?: string): GovmError {
  if (isUnreachable(r.stderr)) return unreachableError(engine, r.stderr);
  return new GovmError('E_IMAGE_MISSING', `${engine.kind} ${what} failed (exit ${r.code}): ${firstLine(r.stderr)}`, { hint });
}
