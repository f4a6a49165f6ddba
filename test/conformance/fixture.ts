// Builds one conformance case on disk: a GOVM_HOME with real toolchains
// (symlinks to Debian's GOROOTs) and synced shims, a project tree, and the
// environment every code path is run with. Part of the shared conformance
// kit: the shell-hook tests build their fixtures with this too.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { syncShims } from '../../src/integrations/shims/sync.js';
import { Layout } from '../../src/stores/home.js';
import { cleanEnv, GOVM_BIN } from '../helpers/cli.js';
import { SYSTEM_GO, TOOLCHAINS, type ConformanceCase, type Expect } from './cases.js';

export interface BuiltCase {
  /** GOVM_HOME (has a space and non-ASCII characters). */
  readonly home: string;
  readonly shims: string;
  /** The project root the case's files are relative to. */
  readonly project: string;
  /** Absolute folder to run in. */
  readonly cwd: string;
  /** The environment to run every code path with (PATH: shims first, then the system Go when asked). */
  readonly env: Record<string, string>;
  /** Absolute form of expect.file (`$GLOBAL` → $GOVM_HOME/version). */
  readonly expectFile: string | undefined;
}

/** True when every toolchain the table needs is installed on this machine. */
export function toolchainsPresent(): boolean {
  return Object.values(TOOLCHAINS).every((root) => existsSync(join(root, 'bin', 'go')));
}

export const toolchainsReason = `Debian Go toolchains ${Object.values(TOOLCHAINS).join(', ')} (scripts/ci/packages.sh)`;

/** A temp root whose path has spaces and non-ASCII characters. */
export async function makeTmp(prefix = 'govm conf ü-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A GOVM_HOME with every TOOLCHAINS entry installed (symlinked) and shims synced. */
export async function buildHome(home: string): Promise<void> {
  const layout = new Layout(home);
  await mkdir(layout.versions, { recursive: true });
  for (const [name, root] of Object.entries(TOOLCHAINS)) {
    if (!existsSync(layout.version(name))) await symlink(root, layout.version(name));
  }
  await syncShims(layout, 'linux', { govm: { node: process.execPath, cli: GOVM_BIN } });
}

export function expectedFile(c: ConformanceCase, built: Pick<BuiltCase, 'home' | 'project'>): string | undefined {
  const e: Expect = c.expect;
  const f = 'file' in e ? e.file : 'malformed' in e ? e.malformed : undefined;
  if (f === undefined || f === 'GOVM_GO_VERSION') return f;
  if (f === '$GLOBAL') return join(built.home, 'version');
  return join(built.project, f);
}

/**
 * Creates `tmp/<n> home ñ/` and `tmp/<n> projet é/` for the case. `n` keeps
 * several cases apart in one tmp folder.
 */
export async function buildCase(tmp: string, c: ConformanceCase, n = 0): Promise<BuiltCase> {
  const home = join(tmp, `${n} home ñ`);
  const project = join(tmp, `${n} projet é`, 'root dir');
  await rm(home, { recursive: true, force: true });
  await rm(dirname(project), { recursive: true, force: true });
  await buildHome(home);
  await mkdir(project, { recursive: true });
  for (const [rel, text] of Object.entries(c.files ?? {})) {
    const f = join(project, rel);
    await mkdir(dirname(f), { recursive: true });
    await writeFile(f, text);
  }
  if (c.global !== undefined) await writeFile(join(home, 'version'), c.global);
  const cwd = join(project, c.cwd ?? '');
  await mkdir(cwd, { recursive: true });
  const pathDirs = [join(home, 'shims')];
  if (c.system) {
    const sys = join(tmp, `${n} system bin`);
    await mkdir(sys, { recursive: true });
    const go = join(sys, 'go');
    if (!existsSync(go)) await symlink(join(TOOLCHAINS[SYSTEM_GO]!, 'bin', 'go'), go);
    pathDirs.push(sys);
  }
  // A folder with nothing in it stands for the rest of PATH, so no host `go` leaks in.
  const empty = join(tmp, 'empty bin');
  await mkdir(empty, { recursive: true });
  pathDirs.push(empty);
  const env = cleanEnv({ GOVM_HOME: home, PATH: pathDirs.join(':'), PWD: cwd, ...c.env });
  const built = { home, shims: join(home, 'shims'), project, cwd, env, expectFile: undefined as string | undefined };
  built.expectFile = expectedFile(c, built);
  return built;
}

/** What `go version` prints for a version name on this machine. */
export const goVersionLine = (name: string): RegExp => new RegExp(`^go version go${name.replace(/\./g, '\\.')} linux/`);
