// `docker run` / `podman run` argument building, and the environment allowlist.
// Pure: every input (uid, paths, host env) comes in as a parameter.
import { GovmError } from '../../errors.js';
import type { EngineKind } from './engine.js';

/** The only host variables forwarded into a sandbox (plus explicit `-e`). */
export const ENV_ALLOWLIST = [
  'GOFLAGS', 'GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE',
  'CGO_ENABLED', 'GOOS', 'GOARCH', 'GOEXPERIMENT',
] as const;

/** Where things live inside the container. */
export const IN = {
  src: '/workspace',
  home: '/home/govm',
  modCache: '/govm/cache/go-mod',
  buildCache: '/govm/cache/go-build',
  goroot: '/usr/local/go',
} as const;

export interface Limits {
  cpus?: string | undefined;
  memory?: string | undefined;
  pidsLimit?: string | undefined;
  network?: string | undefined;
}

export interface RunSpec {
  readonly engine: EngineKind;
  readonly name: string;
  readonly image: string;
  /** Host folder mounted at /workspace. */
  readonly projectRoot: string;
  /** The working folder relative to the project root, '/'-separated ('' for the root). */
  readonly workdir: string;
  /** `uid:gid` to run as; undefined: the image's user (hosts without uids). */
  readonly user?: string | undefined;
  /** True when the engine itself runs rootless (podman as non-root): keep the host identity with keep-id. */
  readonly rootless?: boolean;
  readonly modCache: string;
  readonly buildCache: string;
  /** Final container environment (already filtered: see sandboxEnv). */
  readonly env: Readonly<Record<string, string>>;
  readonly limits?: Limits;
  readonly readOnlySrc?: boolean;
  readonly interactive?: boolean;
  readonly tty?: boolean;
  /** `--pull never` (Docker ≥ 20.10, Podman): fail at once when the image is not on the engine. */
  readonly pullNever?: boolean;
  readonly labels?: Readonly<Record<string, string>>;
  readonly command: readonly string[];
}

const CPUS = /^(?:\d+(?:\.\d+)?|\.\d+)$/;
const MEMORY = /^\d+(?:\.\d+)?[bkmgBKMG]?$/;
const PIDS = /^-?\d+$/;
const NETWORK = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** Rejects malformed resource flags before they reach the engine (which would fail less clearly). */
export function checkLimits(l: Limits): void {
  const bad = (flag: string, v: string, example: string) => {
    throw new GovmError('E_USAGE', `invalid ${flag} '${v}'`, { hint: `e.g. ${flag} ${example}` });
  };
  // Finer than a billionth of a CPU: the docker CLI refuses it ("value is too precise").
  const tooFine = (v: string) => (v.split('.')[1] ?? '').replace(/0+$/, '').length > 9;
  if (l.cpus !== undefined && (!CPUS.test(l.cpus) || Number(l.cpus) <= 0 || tooFine(l.cpus))) bad('--cpus', l.cpus, '2 or 1.5');
  if (l.memory !== undefined && !MEMORY.test(l.memory)) bad('--memory', l.memory, '2g or 512m');
  if (l.pidsLimit !== undefined && !PIDS.test(l.pidsLimit)) bad('--pids-limit', l.pidsLimit, '512');
  if (l.network !== undefined && !NETWORK.test(l.network)) bad('--network', l.network, 'none, bridge or host');
}

/** `-v` source:target[:ro] — Windows drive paths keep their colon, so use --mount. */
function mount(src: string, dst: string, readOnly = false): string[] {
  if (src.includes(',')) throw new GovmError('E_USAGE', `cannot mount a path containing a comma: ${src}`);
  return ['--mount', `type=bind,source=${src},target=${dst}${readOnly ? ',readonly' : ''}`];
}

/**
 * The options of the tmpfs HOME: writable and owned by the sandbox user (a HOME
 * of `/` breaks Go's caches and git). Docker's tmpfs takes uid=/gid=; Podman
 * refuses them, so its HOME is world-writable (sticky).
 */
export function homeTmpfs(s: RunSpec): string {
  const [uid, gid] = (s.user ?? '').split(':');
  const owned = Boolean(s.user && uid && s.engine === 'docker');
  return `rw,exec,${owned ? `mode=0755,uid=${uid},gid=${gid ?? uid}` : 'mode=1777'}`;
}

/** The working folder inside the container: the host's, relative to the project root. */
export function workdirIn(s: RunSpec): string {
  const wd = s.workdir.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  return wd ? `${IN.src}/${wd}` : IN.src;
}

export function buildRunArgs(s: RunSpec): string[] {
  const a: string[] = ['run', '--rm', '--init', '--name', s.name];
  if (s.pullNever) a.push('--pull', 'never');
  if (s.interactive) a.push('-i');
  if (s.tty) a.push('-t');
  for (const [k, v] of Object.entries(s.labels ?? {})) a.push('--label', `${k}=${v}`);
  if (s.rootless && s.engine === 'podman') a.push('--userns=keep-id');
  else if (s.user) a.push('--user', s.user);
  a.push('--tmpfs', `${IN.home}:${homeTmpfs(s)}`);
  a.push(...mount(s.projectRoot, IN.src, s.readOnlySrc));
  a.push(...mount(s.modCache, IN.modCache));
  a.push(...mount(s.buildCache, IN.buildCache));
  a.push('--workdir', workdirIn(s));
  const l = s.limits ?? {};
  if (l.cpus !== undefined) a.push('--cpus', l.cpus);
  if (l.memory !== undefined) a.push('--memory', l.memory);
  if (l.pidsLimit !== undefined) a.push('--pids-limit', l.pidsLimit);
  if (l.network !== undefined) a.push('--network', l.network);
  for (const [k, v] of Object.entries(s.env)) a.push('--env', `${k}=${v}`);
  a.push(s.image, ...s.command);
  return a;
}

/**
 * The container's environment: govm's own settings (HOME, caches,
 * GOTOOLCHAIN=local, no VCS stamping), the allowlisted host variables, then the
 * explicit `-e KEY=VALUE` / `-e KEY` (from the host) entries, which win.
 */
export function sandboxEnv(host: Readonly<Record<string, string | undefined>>, explicit: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {
    HOME: IN.home,
    GOMODCACHE: IN.modCache,
    GOCACHE: IN.buildCache,
    GOTOOLCHAIN: 'local',
  };
  for (const k of ENV_ALLOWLIST) {
    const v = host[k];
    if (v !== undefined && v !== '') env[k] = v;
  }
  for (const e of explicit) {
    const i = e.indexOf('=');
    const key = i === -1 ? e : e.slice(0, i);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new GovmError('E_USAGE', `invalid -e '${e}'`, { hint: 'write -e KEY=VALUE, or -e KEY to pass the host\'s value' });
    }
    if (i !== -1) env[key] = e.slice(i + 1);
    else if (host[key] !== undefined) env[key] = host[key]!;
  }
  env.GOFLAGS = withBuildVcsOff(env.GOFLAGS);
  return env;
}

/** VCS stamping fails on a bind-mounted repository owned by another uid: turn it off unless the user chose. */
export function withBuildVcsOff(goflags: string | undefined): string {
  const flags = (goflags ?? '').split(/\s+/).filter((f) => f !== '');
  if (flags.some((f) => f.startsWith('-buildvcs'))) return flags.join(' ');
  return [...flags, '-buildvcs=false'].join(' ');
}

/** `govm-<purpose>-<version>-<random>`: lowercase, [a-z0-9_.-], unique per run. */
export function containerName(purpose: string, version: string, random: string): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
  return ['govm', clean(purpose), clean(version), clean(random)].filter((p) => p !== '').join('-');
}
