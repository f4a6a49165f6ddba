// Installed toolchains: `versions/<name>/` folders. Only complete, verified
// installs are ever renamed into place, so whatever is listed here is usable.
// Sync calls: a handful of tiny reads on `govm current`'s hot path, where
// thread-pool round trips and loading fs/promises cost more than they save.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseVersion, sortDescending, type GoVersion } from '../domain/version.js';
import { exeSuffix } from '../domain/platform.js';
import type { Layout } from './home.js';

export interface Installed {
  /** Folder name and canonical version name, e.g. `1.22.12`. */
  readonly name: string;
  readonly version: GoVersion;
  /** The GOROOT. */
  readonly root: string;
}

/** Installed versions, newest first. Folders whose name is not a Go version are ignored. */
export async function listInstalled(layout: Layout): Promise<Installed[]> {
  let names: string[];
  try {
    names = readdirSync(layout.versions);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: Installed[] = [];
  for (const name of names) {
    const version = parseVersion(name);
    if (!version || version.name !== name) continue;
    out.push({ name, version, root: layout.version(name) });
  }
  return sortDescending(out, (i) => i.version);
}

export async function isInstalled(layout: Layout, name: string): Promise<boolean> {
  try {
    return statSync(layout.version(name)).isDirectory();
  } catch {
    return false;
  }
}

/** Path of a program inside an installed GOROOT (`go`, `gofmt`, …). */
export const binPath = (root: string, program: string, os: string): string =>
  join(root, 'bin', `${program}${exeSuffix(os)}`);
