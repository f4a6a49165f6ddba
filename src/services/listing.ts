// `govm ls` and `govm ls-remote`.
import { readFile } from 'node:fs/promises';
import type { Context } from '../context.js';
import { filterReleases, parseSpec, pickRelease } from '../domain/spec.js';
import { isPrerelease } from '../domain/version.js';
import { loadIndex } from '../sources/release-index.js';
import { loadSettings } from '../stores/config.js';
import { cleanLeftovers } from '../stores/staging.js';
import { listInstalled } from '../stores/versions.js';

export interface InstalledRow {
  version: string;
  path: string;
  /** The global default resolves to this version. */
  global: boolean;
}

export async function listVersions(ctx: Context): Promise<InstalledRow[]> {
  await cleanLeftovers(ctx.layout);
  const installed = await listInstalled(ctx.layout);
  const globalSpec = (await readFile(ctx.layout.globalFile, 'utf8').catch(() => '')).trim();
  let globalName: string | undefined;
  try {
    if (globalSpec) globalName = pickRelease(parseSpec(globalSpec), installed.map((i) => ({ ...i, stable: !isPrerelease(i.version) })), true)?.name;
  } catch {
    globalName = undefined; // a malformed global file is reported by `govm current`/doctor
  }
  return installed.map((i) => ({ version: i.name, path: i.root, global: i.name === globalName }));
}

export interface RemoteRow {
  version: string;
  stable: boolean;
  installed: boolean;
}

export async function listRemote(ctx: Context, spec: string | undefined, opts: { all?: boolean; refresh?: boolean }): Promise<RemoteRow[]> {
  const parsed = spec === undefined ? undefined : parseSpec(spec);
  const settings = await loadSettings(ctx);
  const [index, installed] = await Promise.all([loadIndex(ctx, settings, { refresh: opts.refresh }), listInstalled(ctx.layout)]);
  if (index.origin === 'cache' && settings.offline) ctx.out.info(`offline: index cached ${new Date(index.fetchedAt).toISOString()}`);
  const have = new Set(installed.map((i) => i.name));
  return filterReleases(parsed, index.releases, opts.all).map((r) => ({
    version: r.version.name,
    stable: r.stable,
    installed: have.has(r.version.name),
  }));
}
