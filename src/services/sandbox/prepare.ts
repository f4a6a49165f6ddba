// What `sandbox run`, `sandbox shell` and `matrix --sandbox` share: the engine,
// the image for a version (official or --local), the project mount, the
// identity and the host cache folders.
import { chownSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Context } from '../../context.js';
import { GovmError } from '../../errors.js';
import type { Settings } from '../../domain/settings.js';
import { findEngine, type Engine } from '../../integrations/engines/engine.js';
import { ensureLocalImage, ensurePulled, inspectImage, localImageRef, localImageVerdict, officialImage } from '../../integrations/engines/images.js';
import type { LaunchPlan } from '../../integrations/engines/launch.js';
import { buildRunArgs, checkLimits, containerName, sandboxEnv, type Limits, type RunSpec } from '../../integrations/engines/run-args.js';

export interface SandboxOptions {
  go?: string | undefined;
  engine?: string | undefined;
  local?: boolean | undefined;
  base?: string | undefined;
  variant?: string | undefined;
  env?: string[] | undefined;
  cpus?: string | undefined;
  memory?: string | undefined;
  pidsLimit?: string | undefined;
  network?: string | undefined;
  readOnlySrc?: boolean | undefined;
  /** `uid:gid` to run as instead of the host user's. */
  user?: string | undefined;
}

export interface Project {
  /** Host folder mounted at /workspace. */
  readonly root: string;
  /** Working folder relative to it, '/'-separated. */
  readonly workdir: string;
}

// The small file-system steps of a sandbox's start are synchronous: a few
// stats and mkdirs cost less than their promise round trips, and
// `govm sandbox run` has a speed target.
const isFile = (p: string): boolean => statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;

/** The folder with go.work (outermost wins over a module inside it), else the nearest go.mod, else `cwd`. */
export function findProject(cwd: string): Project {
  let mod: string | undefined;
  let work: string | undefined;
  for (let d = cwd, up = dirname(d); ; d = up, up = dirname(d)) {
    if (!work && isFile(join(d, 'go.work'))) work = d;
    if (!mod && isFile(join(d, 'go.mod'))) mod = d;
    if (work || up === d) break;
  }
  const root = work ?? mod ?? cwd;
  return { root, workdir: relative(root, cwd).split(sep).join('/') };
}

export function engineFor(ctx: Context, settings: Settings, opts: SandboxOptions): Engine {
  return findEngine({ choice: opts.engine ?? settings.containerEngine, env: ctx.env, platform: ctx.platform });
}

export function limitsOf(opts: SandboxOptions): Limits {
  const l: Limits = { cpus: opts.cpus, memory: opts.memory, pidsLimit: opts.pidsLimit, network: opts.network };
  checkLimits(l);
  return l;
}

/** `uid:gid` the sandbox runs as: --user, else the host user's (none on hosts without uids). */
export function identity(opts: SandboxOptions): string | undefined {
  if (opts.user !== undefined) {
    if (!/^\d+(?::\d+)?$/.test(opts.user)) throw new GovmError('E_USAGE', `invalid --user '${opts.user}'`, { hint: 'write it as UID:GID, e.g. 1000:1000' });
    return opts.user.includes(':') ? opts.user : `${opts.user}:${opts.user}`;
  }
  if (typeof process.getuid !== 'function' || typeof process.getgid !== 'function') return undefined;
  return `${process.getuid()}:${process.getgid()}`;
}

/**
 * Host cache folders, created by govm so they belong to the user (a folder the
 * engine creates is root's). When govm runs as root for another sandbox user,
 * the folders are handed to that user.
 */
export function cacheDirs(ctx: Context, buildCache: string, user: string | undefined): { modCache: string; buildCache: string } {
  const modCache = ctx.layout.modCache;
  for (const d of [modCache, buildCache]) mkdirSync(d, { recursive: true });
  const [uid, gid] = (user ?? '').split(':').map(Number);
  if (user && typeof process.getuid === 'function' && process.getuid() === 0 && uid !== 0 && Number.isInteger(uid)) {
    for (const d of [modCache, buildCache]) {
      if (statSync(d).uid !== uid) chownSync(d, uid!, gid ?? uid!);
    }
  }
  return { modCache, buildCache };
}

export interface VersionChoice {
  /** Version name: `1.22.12`. */
  readonly name: string;
  /** GOROOT on the host (needed for --local). */
  readonly root?: string | undefined;
}

/**
 * Resolves the version to run: --go, else what `govm current` would say. A
 * --local sandbox needs the toolchain installed (installed on demand); an
 * official image only needs the exact release name.
 */
export async function chooseVersion(ctx: Context, spec: string | undefined, local: boolean): Promise<VersionChoice> {
  const { resolveActive, noVersionError } = await import('../resolve.js');
  const active = await resolveActive(ctx, { spec, lookup: !local });
  if (active.source === 'none') throw noVersionError();
  if (active.source === 'system') {
    if (!active.name) throw noVersionError();
    if (local) {
      throw new GovmError('E_NOT_INSTALLED', `--local builds from a toolchain govm installed; the active Go is the system's (${active.file ?? 'go'})`, {
        hint: `run: govm install ${active.name} (or pass --go VERSION)`,
      });
    }
    return { name: active.name };
  }
  if (active.installed && active.name) return { name: active.name, root: active.root };
  if (local) {
    const { ensureInstalled } = await import('../installer.js');
    const inst = await ensureInstalled(ctx, active.spec);
    return { name: inst.name, root: inst.root };
  }
  const name = active.available ?? (/^\d+\.\d+\.\d+$/.test(active.request) ? active.request : undefined);
  if (!name) {
    throw new GovmError('E_VERSION_NOT_FOUND', `cannot tell which release '${active.request}' is without the release index`, {
      hint: 'name an exact version (--go 1.22.3), or use --local with an installed toolchain',
    });
  }
  return { name };
}

export interface ImageChoice {
  readonly ref: string;
  readonly built: boolean;
}

/** The base image a --local sandbox is built over. */
export const localBase = (settings: Settings, opts: SandboxOptions): string => opts.base ?? settings.sandboxBase;

/** The image a sandbox for `v` runs: the local one for --local, else the official one. */
export function expectedImage(settings: Settings, opts: SandboxOptions, v: VersionChoice): string {
  return opts.local ? localImageRef(v.name, localBase(settings, opts)) : officialImage(v.name, opts.variant, settings.dockerRegistry);
}

/**
 * Why expectedImage cannot be used as it is on the engine now, or undefined
 * when it can: what imageFor would have to pull or build. Pulls and builds nothing.
 */
export async function imageVerdict(engine: Engine, settings: Settings, opts: SandboxOptions, v: VersionChoice): Promise<string | undefined> {
  if (opts.local) return localImageVerdict(engine, v.name, localBase(settings, opts));
  const ref = expectedImage(settings, opts, v);
  return (await inspectImage(engine, ref)) ? undefined : `${ref} is not on the engine any more`;
}

/** Makes sure the image for `v` is on the engine: pulled (official) or built (--local) when needed. */
export async function imageFor(ctx: Context, engine: Engine, settings: Settings, opts: SandboxOptions, v: VersionChoice): Promise<ImageChoice> {
  const log = { info: (l: string) => ctx.out.info(l) };
  if (opts.local) {
    if (!v.root) throw new GovmError('E_NOT_INSTALLED', `go${v.name} is not installed`, { hint: `run: govm install ${v.name}` });
    const img = await ensureLocalImage(engine, {
      version: v.name, goroot: v.root, base: localBase(settings, opts), offline: settings.offline, tmp: ctx.layout.tmp, log,
    });
    return { ref: img.ref, built: img.built };
  }
  const ref = expectedImage(settings, opts, v);
  await ensurePulled(engine, ref, {
    offline: settings.offline,
    log,
    hint: `use --local to build the image from an installed toolchain (govm install ${v.name}), or set GOVM_DOCKER_REGISTRY to a reachable mirror`,
  });
  return { ref, built: false };
}

/**
 * Six hex digits that keep concurrent sandboxes' names apart (a clash is an
 * engine error, never a wrong container). Not node:crypto: see images.ts.
 */
function nameSuffix(): string {
  return Math.floor(Math.random() * 0x1000000).toString(16).padStart(6, '0');
}

/** A container ready to start (integrations/engines/launch.ts). */
export type ContainerPlan = LaunchPlan;

export function planContainer(inp: {
  ctx: Context;
  engine: Engine;
  image: string;
  version: string;
  purpose: string;
  project: Project;
  user: string | undefined;
  caches: { modCache: string; buildCache: string };
  opts: SandboxOptions;
  extraEnv?: Record<string, string>;
  interactive: boolean;
  tty: boolean;
  /** `--pull never`: the image must be on the engine already. */
  pullNever?: boolean;
  command: readonly string[];
}): ContainerPlan {
  const name = containerName(inp.purpose, inp.version, nameSuffix());
  const env = { ...sandboxEnv(inp.ctx.env, inp.opts.env ?? []), ...inp.extraEnv };
  const rootless = inp.engine.kind === 'podman' && typeof process.getuid === 'function' && process.getuid() !== 0;
  const spec: RunSpec = {
    engine: inp.engine.kind,
    name,
    image: inp.image,
    projectRoot: inp.project.root,
    workdir: inp.project.workdir,
    user: inp.user,
    rootless,
    modCache: inp.caches.modCache,
    buildCache: inp.caches.buildCache,
    env,
    limits: limitsOf(inp.opts),
    readOnlySrc: inp.opts.readOnlySrc ?? false,
    interactive: inp.interactive,
    tty: inp.tty,
    pullNever: inp.pullNever ?? false,
    labels: { 'io.govm.sandbox': inp.purpose },
    command: inp.command,
  };
  return { name, args: buildRunArgs(spec), spec };
}
