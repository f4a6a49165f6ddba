// Which Go runs here: the I/O around domain/resolution.ts (the folder walk,
// the version files, installed versions, the system Go, the index if needed).
// Reads are synchronous on purpose: `govm current` is on a hot-ish path and
// a handful of small reads is faster than promise round trips.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, posix, win32 } from 'node:path';
import type { Context } from '../context.js';
import { GovmError } from '../errors.js';
import { exeSuffix } from '../domain/platform.js';
import {
  ancestors,
  findRequest,
  installSpec,
  needsIndex,
  pickAvailable,
  pickInstalled,
  type Request,
  type Source,
} from '../domain/resolution.js';
import type { Release } from '../domain/release-index.js';
import { parseVersion } from '../domain/version.js';
import { listInstalled } from '../stores/versions.js';

export interface Active {
  /** What was asked for (`1.22`, `1.21.3`, `latest`); for the system Go, `system`; for none, ''. */
  readonly request: string;
  readonly kind: 'exact' | 'minimum' | undefined;
  /** The spec `govm install` is given when not installed (a minimum's minor line, else the request). */
  readonly spec: string;
  /** Installed version name (`1.21.13`), or the system Go's version when known. */
  readonly name?: string | undefined;
  /** The GOROOT. */
  readonly root?: string | undefined;
  readonly source: Source;
  /** The version file (or, for the system Go, the `go` binary found on PATH). */
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  readonly installed: boolean;
  /** When not installed and the index was consulted: the release `govm install <spec>` would fetch. */
  readonly available?: string | undefined;
}

export interface ResolveOptions {
  /** An explicit spec (`govm exec 1.19 …`, `govm env 1.22`): first in the order. */
  readonly spec?: string | undefined;
  /** Consult the release index when nothing installed matches (to name what would be installed). Default false. */
  readonly lookup?: boolean;
  /** Release list to use instead of loading the index (tests). */
  readonly releases?: readonly Release[];
}

/** The working folder as the shell and Go see it: $PWD when it names the same folder (keeps symlinked paths). */
export function workingDir(ctx: Pick<Context, 'cwd' | 'env'>): string {
  const pwd = ctx.env.PWD;
  if (pwd && isAbsolute(pwd) && pwd !== ctx.cwd) {
    try {
      const a = statSync(pwd);
      const b = statSync(ctx.cwd);
      if (a.dev === b.dev && a.ino === b.ino) return pwd;
    } catch {
      // fall through
    }
  }
  return ctx.cwd;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw new GovmError('E_FS', `cannot read ${file}: ${(e as Error).message}`);
  }
}

/** The request alone (no installed versions, no index): what `govm current` explains. */
export function findActiveRequest(ctx: Context, spec?: string): Request | undefined {
  const p = ctx.platform === 'win32' ? win32 : posix;
  return findRequest({
    arg: spec,
    env: ctx.env.GOVM_GO_VERSION,
    dirs: ancestors(workingDir(ctx), p.dirname),
    join: p.join,
    read: readText,
    globalFile: ctx.layout.globalFile,
  });
}

async function releasesFor(ctx: Context, opts: ResolveOptions): Promise<readonly Release[]> {
  if (opts.releases) return opts.releases;
  const [{ loadSettings }, { loadReleases }] = await Promise.all([
    import('../stores/config.js'),
    import('../sources/release-index.js'),
  ]);
  return loadReleases(ctx, await loadSettings(ctx));
}

export async function resolveActive(ctx: Context, opts: ResolveOptions = {}): Promise<Active> {
  const req = findActiveRequest(ctx, opts.spec);
  if (!req) return systemOrNone(ctx);
  const base = { request: req.spec, kind: req.kind, spec: installSpec(req), source: req.source, file: req.file, line: req.line };
  const installed = await listInstalled(ctx.layout);
  const releases = needsIndex(req) ? await releasesFor(ctx, opts) : undefined;
  const hit = pickInstalled(req, installed, releases);
  if (hit) return { ...base, name: hit.name, root: hit.root, installed: true };
  let available: string | undefined;
  if (opts.lookup || releases) {
    try {
      available = pickAvailable(req, releases ?? (await releasesFor(ctx, opts)))?.version.name;
    } catch (e) {
      if (needsIndex(req)) throw e;
      ctx.out.warn(`cannot tell which release '${base.spec}' means: ${(e as Error).message}`);
    }
  }
  return { ...base, installed: false, available };
}

/** The first `program` on PATH that is not a govm shim (a folder holding the `.govm` marker). */
export function findOnPath(ctx: Pick<Context, 'env' | 'platform' | 'layout'>, program: string): string | undefined {
  const win = ctx.platform === 'win32';
  const p = win ? win32 : posix;
  const pathVar = win ? (ctx.env.Path ?? ctx.env.PATH ?? '') : (ctx.env.PATH ?? '');
  const sep = win ? ';' : delimiter === ';' ? ':' : delimiter;
  const exe = `${program}${exeSuffix(win ? 'windows' : 'linux')}`;
  for (const raw of pathVar.split(sep)) {
    const dir = raw === '' ? '.' : win ? raw.replace(/^"(.*)"$/, '$1') : raw;
    if (p.resolve(dir) === p.resolve(ctx.layout.shims)) continue;
    if (isFile(p.join(dir, '.govm'))) continue;
    const cand = p.join(dir, exe);
    if (isFile(cand)) return cand;
  }
  return undefined;
}

function isFile(f: string): boolean {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
}

function systemOrNone(ctx: Context): Active {
  const go = findOnPath(ctx, 'go');
  if (!go) return { request: '', kind: undefined, spec: '', source: 'none', installed: false };
  let root: string | undefined;
  let name: string | undefined;
  try {
    const r = dirname(dirname(realpathSync(go)));
    const first = readText(join(r, 'VERSION'))?.split('\n')[0]?.trim();
    const v = first ? parseVersion(first) : undefined;
    if (v) {
      root = r;
      name = v.name;
    }
  } catch {
    // a go we cannot inspect is still the system Go
  }
  return { request: 'system', kind: undefined, spec: 'system', name, root, source: 'system', file: go, installed: true };
}

/** The real program a shim would run: `<GOROOT>/bin/<program>` or the system one. */
export function programPath(ctx: Context, active: Active, program: string): string | undefined {
  if (active.source === 'system') return program === 'go' ? active.file : findOnPath(ctx, program);
  if (!active.root) return undefined;
  const p = ctx.platform === 'win32' ? win32 : posix;
  const f = p.join(active.root, 'bin', `${program}${exeSuffix(ctx.platform === 'win32' ? 'windows' : 'linux')}`);
  return isFile(f) ? f : undefined;
}

/** The one-line error for a version that is not installed (the shim prints the same words). */
export function notInstalledError(active: Active): GovmError {
  const from = active.file ? ` (from ${active.file})` : active.source === 'env' ? ' (from GOVM_GO_VERSION)' : '';
  const what = active.kind === 'minimum' ? `go >= ${active.request}` : `Go ${active.request}`;
  return new GovmError('E_NOT_INSTALLED', `${what}${from} is not installed; run: govm install ${active.spec}`, {
    hint: 'or set GOVM_AUTO_INSTALL=1 (govm config set autoInstall true) to install on first use',
  });
}

export function noVersionError(): GovmError {
  return new GovmError('E_NO_VERSION', 'no Go version is selected here and there is no go on PATH', {
    hint: 'run: govm global <version> (or govm use <version> in a project)',
  });
}
