// The release index: fetched with conditional requests, cached with a TTL, and
// used from the cache (with a warning) when the network is down.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { resolveEndpoints, type Endpoints } from '../domain/mirrors.js';
import { parseReleaseIndex, type Release } from '../domain/release-index.js';
import type { Settings } from '../domain/settings.js';
import { GovmError } from '../errors.js';
import { writeFileAtomicSync } from '../stores/atomic-file.js';
import { createHttp, statusError, withRetries, type Http } from './http.js';

interface CacheEntry {
  url: string;
  fetchedAt: number;
  etag?: string;
  lastModified?: string;
  body: unknown;
}

export interface LoadedIndex {
  releases: Release[];
  endpoints: Endpoints;
  /** Where the releases came from. */
  origin: 'network' | 'revalidated' | 'cache' | 'stale-cache';
  fetchedAt: number;
}

export interface IndexOptions {
  /** Ignore the TTL and revalidate. */
  refresh?: boolean;
  http?: Http;
  now?: () => number;
}

const cacheFile = (ctx: Context, url: string): string =>
  join(ctx.layout.indexCache, `${createHash('sha256').update(url).digest('hex').slice(0, 16)}.json`);

async function readCache(path: string, url: string): Promise<CacheEntry | undefined> {
  try {
    const entry = JSON.parse(await readFile(path, 'utf8')) as CacheEntry;
    return entry.url === url ? entry : undefined;
  } catch {
    return undefined;
  }
}

export async function loadIndex(ctx: Context, settings: Settings, opts: IndexOptions = {}): Promise<LoadedIndex> {
  const endpoints = resolveEndpoints(settings.mirror, settings.indexUrl);
  const url = endpoints.indexUrl;
  const now = opts.now ?? Date.now;
  const path = cacheFile(ctx, url);
  const cached = await readCache(path, url);
  const fromCache = (entry: CacheEntry, origin: LoadedIndex['origin']): LoadedIndex => ({
    releases: parseReleaseIndex(entry.body),
    endpoints,
    origin,
    fetchedAt: entry.fetchedAt,
  });

  if (settings.offline) {
    if (cached) return fromCache(cached, 'cache');
    throw new GovmError('E_OFFLINE', 'offline and no cached release index', {
      hint: 'run once with network (or point GOVM_INDEX_URL at a file:// index) before going offline',
    });
  }
  if (cached && !opts.refresh && now() - cached.fetchedAt < settings.indexTtl * 1000) return fromCache(cached, 'cache');

  const http = opts.http ?? createHttp({ env: ctx.env, insecure: settings.insecure, timeoutSeconds: settings.httpTimeout });
  try {
    const entry = await withRetries('fetching the release index', retryPolicy(ctx, settings), async () => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (cached?.etag) headers['if-none-match'] = cached.etag;
      if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
      const res = await http.get(new URL(url), { headers });
      if (res.status === 304 && cached) {
        res.body.resume();
        return { ...cached, fetchedAt: now(), revalidated: true };
      }
      if (res.status !== 200) {
        res.body.resume();
        throw statusError(res.url, res.status);
      }
      const chunks: Buffer[] = [];
      for await (const c of res.body) chunks.push(c as Buffer);
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        throw new GovmError('E_INDEX_INVALID', `${url} did not return JSON`, {
          hint: 'GOVM_INDEX_URL / GOVM_MIRROR must serve a go.dev-style ?mode=json index',
        });
      }
      parseReleaseIndex(body); // validate before caching
      return { url, fetchedAt: now(), etag: res.header('etag'), lastModified: res.header('last-modified'), body, revalidated: false };
    });
    const { revalidated, ...toStore } = entry;
    writeFileAtomicSync(path, JSON.stringify(toStore));
    return fromCache(toStore, revalidated ? 'revalidated' : 'network');
  } catch (e) {
    if (cached && e instanceof GovmError && (e.code === 'E_NETWORK' || e.code === 'E_HTTP_STATUS')) {
      ctx.out.warn(`${e.message}; using the cached index from ${new Date(cached.fetchedAt).toISOString()}`);
      return fromCache(cached, 'stale-cache');
    }
    throw e;
  }
}

export async function loadReleases(ctx: Context, settings: Settings): Promise<Release[]> {
  return (await loadIndex(ctx, settings)).releases;
}

export function retryPolicy(ctx: Context, settings: Settings) {
  const base = Number(ctx.env.GOVM_RETRY_DELAY_MS ?? 500);
  return { retries: settings.retries, baseDelayMs: Number.isFinite(base) ? base : 500, log: (m: string) => ctx.out.info(m) };
}
