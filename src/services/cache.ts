// The caches under $GOVM_HOME/cache: list and clean.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from '../context.js';

export interface CacheEntry {
  file: string;
  path: string;
  bytes: number;
  kind: 'archive' | 'partial' | 'index' | 'code';
}

async function entries(dir: string, kind: (name: string) => CacheEntry['kind'] | undefined): Promise<CacheEntry[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: CacheEntry[] = [];
  for (const file of names.sort()) {
    const k = kind(file);
    if (!k) continue;
    const path = join(dir, file);
    out.push({ file, path, bytes: (await stat(path)).size, kind: k });
  }
  return out;
}

export async function listCache(ctx: Context): Promise<CacheEntry[]> {
  return [
    ...(await entries(ctx.layout.downloads, (f) => (f.endsWith('.part') ? 'partial' : 'archive'))),
    ...(await entries(ctx.layout.indexCache, (f) => (f.endsWith('.json') ? 'index' : undefined))),
    ...(await entries(ctx.layout.codeCache, (f) => (f.endsWith('.bin') ? 'code' : undefined))),
  ];
}

export async function cleanCache(ctx: Context, what: { index?: boolean; downloads?: boolean }): Promise<CacheEntry[]> {
  const all = await listCache(ctx);
  const both = !what.index && !what.downloads;
  // The code cache goes only with everything else.
  const picked: Record<CacheEntry['kind'], boolean> = { archive: !!what.downloads, partial: !!what.downloads, index: !!what.index, code: false };
  const doomed = all.filter((e) => both || picked[e.kind]);
  await Promise.all(doomed.map((e) => rm(e.path, { force: true })));
  return doomed;
}
