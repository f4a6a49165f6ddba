// Replacing a small file whole: written beside it, then renamed over it, so a
// reader sees the old content or the new, never a part. The one way govm
// writes its settings, version files, hints, caches, shims and reports.
// Synchronous: the files are small, and the hot paths (`govm current`,
// `govm sandbox run`) must not load node:fs/promises for them.
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface AtomicWriteOptions {
  /** Permission bits, applied whatever the umask (shims must be executable). */
  readonly mode?: number;
}

export function writeFileAtomicSync(file: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data, opts.mode === undefined ? undefined : { mode: opts.mode });
    if (opts.mode !== undefined) chmodSync(tmp, opts.mode);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
