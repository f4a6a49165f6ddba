// Keeps $GOVM_HOME/shims in step with the programs of installed versions.
// The installer, `govm uninstall` and `govm config set` call it after every
// change: shims bake the settings they cannot read at run time (autoInstall;
// a shim cannot parse JSON) and the way to start govm for uncommon paths.
//
//   shims/.govm         marker + how to start govm: line 1 node, line 2 dist/govm.cjs
//                       (empty lines: use `govm` from PATH). A folder holding
//                       `.govm` is never taken for the system Go.
//   shims/<program>     POSIX sh shims (posix.ts), or <program>.cmd on Windows (windows.ts)
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { coerceSetting } from '../../domain/settings.js';
import { writeFileAtomicSync } from '../../stores/atomic-file.js';
import { readConfigFile } from '../../stores/config.js';
import type { Layout } from '../../stores/home.js';
import { withLock } from '../../stores/lock.js';
import { listInstalled } from '../../stores/versions.js';
import { posixShim } from './posix.js';
import { windowsShim, windowsShimName } from './windows.js';
import { syncNativeShims } from './winshim/native.js';

/** Programs that always get a shim, installed or not (system fallback, auto-install). */
export const BASE_PROGRAMS = ['go', 'gofmt'] as const;
export const MARKER = '.govm';

const PROGRAM = /^[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/;

export interface SyncOptions {
  /** How shims start govm; default: this process's node and govm.cjs (when running from the bundle). */
  readonly govm?: { readonly node: string; readonly cli: string } | null;
}

/** The node + CLI script of the running govm, when it runs from its bundle (dist/govm.cjs). */
export function currentGovm(): { node: string; cli: string } | undefined {
  const script = process.argv[1];
  if (!script) return undefined;
  try {
    const cli = realpathSync(script);
    return /govm\.[cm]?js$/.test(basename(cli)) ? { node: process.execPath, cli } : undefined;
  } catch {
    return undefined;
  }
}

/** Program names found in any installed version's bin/ (plus go and gofmt), sorted. */
export async function shimPrograms(layout: Layout, platform: NodeJS.Platform): Promise<string[]> {
  const names = new Set<string>(BASE_PROGRAMS);
  for (const v of await listInstalled(layout)) {
    let entries: string[];
    try {
      entries = await readdir(join(v.root, 'bin'));
    } catch {
      continue;
    }
    for (const e of entries) {
      const name = platform === 'win32' ? e.replace(/\.exe$/i, '') : e;
      if (platform === 'win32' && name === e) continue; // only executables on Windows
      if (PROGRAM.test(name)) names.add(name);
    }
  }
  return [...names].sort();
}

async function readOr(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Rewrites the shims folder; serialised across processes (parallel installs all call it). */
export async function syncShims(layout: Layout, platform: NodeJS.Platform, opts: SyncOptions = {}): Promise<void> {
  await withLock(layout, 'shims', () => syncUnlocked(layout, platform, opts));
}

async function syncUnlocked(layout: Layout, platform: NodeJS.Platform, opts: SyncOptions): Promise<void> {
  const config = await readConfigFile(layout).catch(() => ({}) as Record<string, unknown>);
  let autoInstall = false;
  try {
    autoInstall = coerceSetting('autoInstall', config.autoInstall, 'config.json') === true;
  } catch {
    // an invalid value is reported by `govm config`; shims just do not auto-install
  }
  const govm = opts.govm === null ? undefined : (opts.govm ?? currentGovm());
  const programs = await shimPrograms(layout, platform);
  await mkdir(layout.shims, { recursive: true });
  writeFileAtomicSync(join(layout.shims, MARKER), govm ? `${govm.node}\n${govm.cli}\n` : '\n\n', { mode: 0o644 });

  // Windows: native <program>.exe shims (winshim/) when an installed Go can build them; else .cmd.
  const native = platform === 'win32' ? await syncNativeShims(layout, programs) : undefined;
  const wanted = new Map<string, string>();
  for (const program of programs) {
    if (native) continue;
    if (platform === 'win32') {
      wanted.set(windowsShimName(program), windowsShim({ home: layout.root, program, autoInstall, govm }));
    } else {
      wanted.set(program, posixShim({ home: layout.root, program, autoInstall, govm }));
    }
  }
  for (const [name, text] of wanted) {
    const file = join(layout.shims, name);
    if ((await readOr(file)) !== text) writeFileAtomicSync(file, text, { mode: 0o755 });
  }
  // Remove stale shims (a program no installed version has any more) and leftovers.
  for (const name of await readdir(layout.shims)) {
    if (name === MARKER || wanted.has(name) || native?.has(name)) continue;
    // A running .exe (renamed aside by winshim/native.ts) cannot be removed on Windows: next sync does it.
    await rm(join(layout.shims, name), { force: true, recursive: true }).catch((e: NodeJS.ErrnoException) => {
      if (platform !== 'win32' || (e.code !== 'EPERM' && e.code !== 'EBUSY')) throw e;
    });
  }
}
