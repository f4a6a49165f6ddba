// Removing installed versions: always says what was removed, never silently skips.
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { GovmError } from '../errors.js';
import { parseSpec, specMatches } from '../domain/spec.js';
import { syncShims } from '../integrations/shims/sync.js';
import { withLock } from '../stores/lock.js';
import { listInstalled } from '../stores/versions.js';

export interface Removed {
  version: string;
  path: string;
  /** The global default still names it. */
  wasGlobal: boolean;
}

export async function uninstall(ctx: Context, specs: string[]): Promise<Removed[]> {
  const installed = await listInstalled(ctx.layout);
  const targets = specs.map((raw) => {
    const spec = parseSpec(raw);
    const hits = installed.filter((i) => specMatches(spec, i.version));
    if (spec.kind !== 'exact' && hits.length > 1) {
      throw new GovmError('E_USAGE', `'${raw}' matches several installed versions: ${hits.map((h) => h.name).join(', ')}`, {
        hint: 'name the exact version to remove',
      });
    }
    const hit = spec.kind === 'exact' || spec.kind === 'minor' || spec.kind === 'major' ? hits[0] : undefined;
    if (!hit) {
      throw new GovmError('E_NOT_INSTALLED', `go ${raw} is not installed`, {
        exitCode: 3,
        hint: installed.length ? `installed: ${installed.map((i) => i.name).join(', ')}` : 'nothing is installed',
      });
    }
    return hit;
  });
  const globalSpec = (await readFile(ctx.layout.globalFile, 'utf8').catch(() => '')).trim();
  const removed: Removed[] = [];
  for (const t of new Map(targets.map((t) => [t.name, t])).values()) {
    await withLock(ctx.layout, t.name, async () => {
      // Rename first so the version disappears at once, then delete at leisure.
      const trash = join(ctx.layout.tmp, `removed-${t.name}-${process.pid}-${Date.now()}`);
      await rename(t.root, trash);
      await rm(trash, { recursive: true, force: true });
    });
    const wasGlobal = globalSpec !== '' && specMatches(parseSpec(globalSpec), t.version);
    removed.push({ version: t.name, path: t.root, wasGlobal });
  }
  await syncShims(ctx.layout, ctx.platform);
  return removed;
}
