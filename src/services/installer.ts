// Installing toolchains: resolve → lock → (cached archive | one-pass download,
// hash and extract into a staging folder) → verify → rename into versions/.
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { GovmError } from '../errors.js';
import { parseSha256File } from '../domain/checksum.js';
import { archiveExtension, goPlatformOf, type GoPlatform } from '../domain/platform.js';
import { findArchive, type Release, type ReleaseFile } from '../domain/release-index.js';
import type { Settings } from '../domain/settings.js';
import { parseSpec, pickRelease, resolveSpec } from '../domain/spec.js';
import { createTarGzExtractor } from '../integrations/archive/tar.js';
import { extractArchive } from '../integrations/archive/zip.js';
import { syncShims } from '../integrations/shims/sync.js';
import { createProgress, type Progress } from '../integrations/terminal/progress.js';
import { downloadVerified, verifyFile } from '../sources/download.js';
import { createHttp, statusError, withRetries, type Http, type RetryPolicy } from '../sources/http.js';
import { loadIndex, retryPolicy } from '../sources/release-index.js';
import { loadSettings } from '../stores/config.js';
import { withLock } from '../stores/lock.js';
import { cleanLeftovers, createStaging, removeStaging } from '../stores/staging.js';
import { binPath, isInstalled, listInstalled, type Installed } from '../stores/versions.js';

export interface InstallOptions {
  /** Let specs match pre-releases. */
  all?: boolean;
  os?: string;
  arch?: string;
  /** Reinstall even when present. */
  force?: boolean;
}

export interface InstallResult {
  version: string;
  /** installed: new in versions/; present: was already there; downloaded: archive cached (foreign platform). */
  status: 'installed' | 'present' | 'downloaded';
  path: string;
  archive: string;
  /** network: downloaded now; cache: a verified cached archive was used. */
  source: 'network' | 'cache' | 'none';
  seconds: number;
}

interface Job {
  ctx: Context;
  settings: Settings;
  http: Http;
  policy: RetryPolicy;
  progress: Progress;
  platform: GoPlatform;
  native: boolean;
  downloadBase: string;
  force: boolean;
}

export function hostPlatform(ctx: Context): GoPlatform {
  return goPlatformOf(ctx.platform, ctx.arch);
}

export async function installSpecs(ctx: Context, specs: string[], opts: InstallOptions = {}): Promise<InstallResult[]> {
  const parsed = specs.map(parseSpec);
  const settings = await loadSettings(ctx);
  const host = hostPlatform(ctx);
  const platform = { os: opts.os ?? host.os, arch: opts.arch ?? host.arch };
  const native = platform.os === host.os && platform.arch === host.arch;
  await cleanLeftovers(ctx.layout);

  // Exact versions already installed need no index at all (offline-friendly).
  const installed = native && !opts.force ? await listInstalled(ctx.layout) : [];
  const quick = parsed.map((s) => (s.kind === 'exact' ? installed.find((i) => pickRelease(s, [{ ...i, stable: true }])) : undefined));
  const results: (InstallResult | undefined)[] = quick.map((i) =>
    i ? { version: i.name, status: 'present', path: i.root, archive: '', source: 'none', seconds: 0 } : undefined,
  );
  if (results.every(Boolean)) return results as InstallResult[];

  const index = await loadIndex(ctx, settings);
  const chosen = new Map<string, Release>();
  parsed.forEach((s, i) => {
    if (results[i]) return;
    const r = resolveSpec(s, index.releases, opts.all);
    chosen.set(r.version.name, r);
  });
  const http = createHttp({ env: ctx.env, insecure: settings.insecure, timeoutSeconds: settings.httpTimeout });
  const progress = await createProgress(ctx.out);
  const job: Job = {
    ctx, settings, http, progress, platform, native,
    policy: retryPolicy(ctx, settings),
    downloadBase: index.endpoints.downloadBase,
    force: opts.force ?? false,
  };
  try {
    const done = await mapLimit([...chosen.values()], Math.max(1, settings.jobs), (r) => installRelease(job, r));
    if (done.some((d) => d.status === 'installed')) await syncShims(ctx.layout, ctx.platform);
    const byName = new Map(done.map((d) => [d.version, d]));
    return [
      ...results.filter((r): r is InstallResult => r !== undefined),
      ...[...chosen.keys()].map((n) => byName.get(n)!),
    ];
  } finally {
    progress.stop();
  }
}

/** Returns the installed version a spec names, installing it first if needed (auto-install, matrix). */
export async function ensureInstalled(ctx: Context, spec: string, opts: InstallOptions = {}): Promise<Installed> {
  const s = parseSpec(spec);
  if (s.kind !== 'latest' && s.kind !== 'oldstable') {
    const have = pickRelease(s, (await listInstalled(ctx.layout)).map((i) => ({ ...i, stable: true })), true);
    if (have) return have;
  }
  const [res] = await installSpecs(ctx, [spec], opts);
  const name = res!.version;
  return (await listInstalled(ctx.layout)).find((i) => i.name === name)!;
}

async function installRelease(job: Job, release: Release): Promise<InstallResult> {
  const { ctx } = job;
  const name = release.version.name;
  const started = performance.now();
  const file = findArchive(release, job.platform);
  if (!file) {
    throw new GovmError('E_NO_ARTIFACT', `go${name} has no archive for ${job.platform.os}/${job.platform.arch}`, {
      hint: 'pick another version, or --os/--arch for another platform',
    });
  }
  const result = (status: InstallResult['status'], source: InstallResult['source'], path: string): InstallResult => ({
    version: name, status, source, path, archive: file.filename, seconds: (performance.now() - started) / 1000,
  });
  const dest = ctx.layout.version(name);
  if (job.native && !job.force && (await isInstalled(ctx.layout, name))) return result('present', 'none', dest);

  const sha256 = file.sha256 ?? (await fetchSidecarSha(job, file));
  const url = new URL(file.filename, job.downloadBase);
  const cached = ctx.layout.download(file.filename);
  await mkdir(ctx.layout.downloads, { recursive: true });

  return withLock(ctx.layout, name, async () => {
    if (job.native && !job.force && (await isInstalled(ctx.layout, name))) return result('present', 'none', dest);
    const fromCache = await verifyFile(cached, sha256);
    if (!job.native) {
      if (!fromCache) await fetchToCache(job, file, url, sha256);
      return result('downloaded', fromCache ? 'cache' : 'network', cached);
    }
    await removeStaging(ctx.layout, name);
    const staging = await createStaging(ctx.layout, name);
    try {
      const part = `${cached}.part`;
      const partExists = await stat(part).then(() => true, () => false);
      if (fromCache) {
        await extractArchive(cached, staging);
      } else if (archiveExtension(job.platform.os) === 'tar.gz' && !partExists) {
        await downloadAndExtract(job, file, url, sha256, staging);
      } else {
        // A zip can't be extracted before its end arrives; a resumed partial file
        // is completed first, then extracted from disk.
        await fetchToCache(job, file, url, sha256);
        await extractArchive(cached, staging);
      }
      await assertGoroot(staging, name, job.platform.os);
      await promote(ctx, staging, dest);
    } catch (e) {
      await rm(staging, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
      throw e;
    }
    return result('installed', fromCache ? 'cache' : 'network', dest);
  }, {
    onWait: () => ctx.out.info(`waiting for another govm installing ${name}…`),
    onCompromised: (e) => ctx.out.warn(`the install lock of ${name} went stale (${e.message}); continuing`),
  });
}

async function fetchToCache(job: Job, file: ReleaseFile, url: URL, sha256: string): Promise<void> {
  const task = job.progress.task(file.filename, file.size);
  const cached = job.ctx.layout.download(file.filename);
  await downloadVerified(
    { url, part: `${cached}.part`, dest: cached, sha256, size: file.size, onProgress: (r, t) => task.update(r, t) },
    job.http,
    job.policy,
  );
  task.done(`downloaded and verified ${file.filename}`);
}

async function downloadAndExtract(job: Job, file: ReleaseFile, url: URL, sha256: string, staging: string): Promise<void> {
  const task = job.progress.task(file.filename, file.size);
  const cached = job.ctx.layout.download(file.filename);
  const extractor = createTarGzExtractor(staging);
  try {
    await downloadVerified(
      { url, part: `${cached}.part`, dest: cached, sha256, size: file.size, sink: extractor.stream as NodeJS.WritableStream & import('node:stream').Writable, onProgress: (r, t) => task.update(r, t) },
      job.http,
      job.policy,
    );
    extractor.stream.end();
    await extractor.done;
  } catch (e) {
    (extractor.stream as import('node:stream').Writable).destroy();
    const extractError = await extractor.done.then(() => undefined, (x: unknown) => x);
    throw extractError instanceof GovmError && extractError.code === 'E_UNSAFE_ARCHIVE' ? extractError : e;
  }
  task.done(`downloaded, verified and extracted ${file.filename}`);
}

async function fetchSidecarSha(job: Job, file: ReleaseFile): Promise<string> {
  const url = new URL(`${file.filename}.sha256`, job.downloadBase);
  return withRetries(`fetching ${url.href}`, job.policy, async () => {
    const res = await job.http.get(url);
    if (res.status !== 200) {
      res.body.resume();
      throw statusError(res.url, res.status);
    }
    let text = '';
    for await (const c of res.body) {
      text += (c as Buffer).toString('utf8');
      if (text.length > 4096) break;
    }
    return parseSha256File(text, file.filename);
  });
}

async function assertGoroot(root: string, name: string, os: string): Promise<void> {
  try {
    await stat(binPath(root, 'go', os));
  } catch {
    throw new GovmError('E_ARCHIVE', `the archive of go${name} has no go/bin/go`, { hint: 'the mirror serves something else than a Go toolchain' });
  }
}

/** Renames the staging folder into place; a forced reinstall swaps the old one out first. */
async function promote(ctx: Context, staging: string, dest: string): Promise<void> {
  await mkdir(ctx.layout.versions, { recursive: true });
  const old = join(ctx.layout.tmp, `replaced-${process.pid}-${Date.now()}`);
  const hadOld = await rename(dest, old).then(() => true, (e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return false;
    throw e;
  });
  await rename(staging, dest);
  if (hadOld) await rm(old, { recursive: true, force: true });
}

export async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const errors: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!);
      } catch (e) {
        errors.push(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
  return out;
}
