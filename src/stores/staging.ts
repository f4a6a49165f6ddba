// Staging folders under $GOVM_HOME/tmp, on the same file system as versions/,
// so finishing an install is one rename. Leftovers of killed runs are removed
// when no live process holds their version's lock.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Layout } from './home.js';
import { isLocked } from './lock.js';

const SUFFIX = '.staging-';

export async function createStaging(layout: Layout, name: string): Promise<string> {
  await mkdir(layout.tmp, { recursive: true });
  return mkdtemp(join(layout.tmp, `${name}${SUFFIX}`));
}

/** Removes staging folders of `name` (call while holding its lock). */
export async function removeStaging(layout: Layout, name: string): Promise<number> {
  const entries = await readdir(layout.tmp).catch(() => [] as string[]);
  const mine = entries.filter((e) => e.startsWith(`${name}${SUFFIX}`));
  await Promise.all(mine.map((e) => rm(join(layout.tmp, e), { recursive: true, force: true })));
  return mine.length;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes every leftover staging folder whose version is not being installed
 * right now, and the `hook-<pid>` stamps of shells that have exited.
 */
export async function cleanLeftovers(layout: Layout): Promise<string[]> {
  const entries = await readdir(layout.tmp).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const e of entries) {
    const hook = /^hook-(\d+)$/.exec(e);
    if (hook && !alive(Number(hook[1]))) {
      await rm(join(layout.tmp, e), { force: true });
      removed.push(e);
      continue;
    }
    const at = e.indexOf(SUFFIX);
    if (at <= 0) continue;
    if (await isLocked(layout, e.slice(0, at))) continue;
    await rm(join(layout.tmp, e), { recursive: true, force: true });
    removed.push(e);
  }
  return removed;
}
