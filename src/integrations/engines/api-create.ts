// The Engine API's `POST /containers/create` for a sandbox: the same RunSpec
// buildRunArgs turns into `docker run` flags, turned into the body the docker
// CLI sends for those flags (a real-engine test compares `docker inspect` of
// both). Pure.
import { homeTmpfs, IN, workdirIn, type RunSpec } from './run-args.js';

export interface CreateRequest {
  /** The container's name (`?name=`). */
  readonly name: string;
  readonly body: CreateBody;
}

export interface CreateBody {
  Image: string;
  Cmd: string[];
  Env: string[];
  User?: string;
  WorkingDir: string;
  Labels: Record<string, string>;
  AttachStdin: boolean;
  AttachStdout: true;
  AttachStderr: true;
  OpenStdin: boolean;
  StdinOnce: boolean;
  Tty: false;
  HostConfig: {
    AutoRemove: true;
    Init: true;
    Mounts: { Type: 'bind'; Source: string; Target: string; ReadOnly: boolean }[];
    Tmpfs: Record<string, string>;
    NetworkMode: string;
    NanoCpus?: number;
    Memory?: number;
    PidsLimit?: number;
  };
}

/** `--memory` as the docker CLI reads it (go-units RAMInBytes: binary multiples, truncated). */
export function memoryBytes(v: string): number {
  const m = /^(\d+(?:\.\d+)?)([bkmgBKMG]?)$/.exec(v);
  if (!m) throw new Error(`not a memory size: ${v}`);
  const power = ' kmg'.indexOf((m[2] || ' ').toLowerCase().replace('b', ' '));
  return Math.trunc(Number(m[1]) * 1024 ** power);
}

/** `--cpus` in billionths of a CPU, exactly (the CLI refuses anything finer). */
export function nanoCpus(v: string): number {
  const [whole = '', frac = ''] = v.split('.');
  return Number(whole || '0') * 1e9 + Number(frac.padEnd(9, '0').slice(0, 9));
}

/** What `docker run` with buildRunArgs(s) would ask the daemon for; Docker only, never a terminal. */
export function createRequest(s: RunSpec): CreateRequest {
  if (s.engine !== 'docker' || s.tty) throw new Error('the Engine API path is for docker without a terminal');
  const l = s.limits ?? {};
  const pids = l.pidsLimit === undefined ? 0 : Number(l.pidsLimit);
  const stdin = s.interactive ?? false;
  return {
    name: s.name,
    body: {
      Image: s.image,
      Cmd: [...s.command],
      Env: Object.entries(s.env).map(([k, v]) => `${k}=${v}`),
      ...(s.user ? { User: s.user } : {}),
      WorkingDir: workdirIn(s),
      Labels: { ...s.labels },
      AttachStdin: stdin,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: stdin,
      StdinOnce: stdin,
      Tty: false,
      HostConfig: {
        AutoRemove: true,
        Init: true,
        Mounts: [
          { Type: 'bind', Source: s.projectRoot, Target: IN.src, ReadOnly: s.readOnlySrc ?? false },
          { Type: 'bind', Source: s.modCache, Target: IN.modCache, ReadOnly: false },
          { Type: 'bind', Source: s.buildCache, Target: IN.buildCache, ReadOnly: false },
        ],
        Tmpfs: { [IN.home]: homeTmpfs(s) },
        NetworkMode: l.network ?? 'default',
        ...(l.cpus !== undefined ? { NanoCpus: nanoCpus(l.cpus) } : {}),
        ...(l.memory !== undefined ? { Memory: memoryBytes(l.memory) } : {}),
        // The CLI leaves a zero limit out (the daemon's default).
        ...(pids !== 0 ? { PidsLimit: pids } : {}),
      },
    },
  };
}
