// `govm current`: the Go that runs here, and why. Kept apart from the other
// switching commands so the launcher's hot path loads no fs/promises.
import type { Context } from '../context.js';
import { describeOrigin } from '../domain/resolution.js';
import { resolveActive, type Active } from './resolve.js';

export interface CurrentReport {
  /** The installed (or system) version that runs, or null. */
  version: string | null;
  source: Active['source'];
  file: string | null;
  line: number | null;
  request: string | null;
  kind: Active['kind'] | null;
  installed: boolean;
  root: string | null;
  /** For a version that is not installed: what to run. */
  install: string | null;
}

export async function current(ctx: Context): Promise<{ report: CurrentReport; text: string }> {
  const a = await resolveActive(ctx);
  const report: CurrentReport = {
    version: a.name ?? null,
    source: a.source,
    file: a.file ?? null,
    line: a.line ?? null,
    request: a.request || null,
    kind: a.kind ?? null,
    installed: a.installed,
    root: a.root ?? null,
    install: a.installed || a.source === 'none' ? null : `govm install ${a.spec}`,
  };
  let text: string;
  if (a.source === 'none') text = 'none  (nothing selects a version and there is no go on PATH)';
  else if (a.source === 'system') text = `${a.name ?? 'system'}  (${describeOrigin(a)})`;
  else if (a.installed) text = `${a.name}  (${describeOrigin(a)})`;
  else {
    const what = a.kind === 'minimum' ? `go >= ${a.request}` : a.request;
    text = `${what}  (${describeOrigin(a)}; not installed: run govm install ${a.spec})`;
  }
  return { report, text };
}
