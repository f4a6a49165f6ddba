// The images sandboxes ran on, per engine endpoint: $GOVM_HOME/cache/sandbox-images.json.
// A hint, never a proof: when an image was seen, `govm sandbox run` starts the
// container at once and checks the image alongside (services/sandbox/run.ts);
// when not, it checks (and builds or pulls) first. A lost or stale entry costs
// one slow start, nothing else, so concurrent writers need no lock: each write
// replaces the file whole (rename), and the last one wins.
import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from './atomic-file.js';
import type { Layout } from './home.js';

type Seen = Record<string, Record<string, string>>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The file's entries; anything not shaped as written is left out. */
function read(layout: Layout): Seen {
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(layout.seenImages, 'utf8'));
  } catch {
    return {};
  }
  const seen: Seen = {};
  if (!isRecord(v)) return seen;
  for (const [endpoint, refs] of Object.entries(v)) {
    if (!isRecord(refs)) continue;
    const kept = Object.entries(refs).filter((e): e is [string, string] => typeof e[1] === 'string');
    if (kept.length) seen[endpoint] = Object.fromEntries(kept);
  }
  return seen;
}

function write(layout: Layout, seen: Seen): void {
  try {
    writeFileAtomicSync(layout.seenImages, `${JSON.stringify(seen, null, 1)}\n`);
  } catch {
    // A hint that cannot be kept is only a slower next start.
  }
}

export function seenImage(layout: Layout, endpoint: string, ref: string): boolean {
  return typeof read(layout)[endpoint]?.[ref] === 'string';
}

/** Notes that `ref` was on the engine and usable (when: for people reading the file). */
export function rememberImage(layout: Layout, endpoint: string, ref: string, now = new Date()): void {
  const seen = read(layout);
  (seen[endpoint] ??= {})[ref] = now.toISOString();
  write(layout, seen);
}

export function forgetImage(layout: Layout, endpoint: string, ref: string): void {
  const seen = read(layout);
  const refs = seen[endpoint];
  if (refs?.[ref] === undefined) return;
  delete refs[ref];
  if (Object.keys(refs).length === 0) delete seen[endpoint];
  write(layout, seen);
}
