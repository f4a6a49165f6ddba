// Streaming, checked extraction of a Go .tar.gz: bytes in (gzip sniffed by
// node-tar), files out, the top `go/` folder stripped. Every entry passes
// EntryPolicy first; node-tar's own hardening (no `..`, no writing through
// links, strict mode) stays on underneath as a second line.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { Unpack, type ReadEntry } from 'tar';
import { GovmError, isGovmError } from '../../errors.js';
import { EntryPolicy, type ArchiveEntry, type EntryKind } from './entry-policy.js';
import { createSymlinks } from './links.js';

export interface ExtractOptions {
  /** The archive's single top folder, stripped on extraction. Default `go`. */
  topDir?: string;
}

export interface ExtractResult {
  /** Files and links written (folders not counted). */
  files: number;
}

const KIND: Record<string, EntryKind> = {
  File: 'file',
  OldFile: 'file',
  ContiguousFile: 'file',
  Directory: 'dir',
  GNUDumpDir: 'dir',
  SymbolicLink: 'symlink',
  Link: 'hardlink',
};

function toArchiveEntry(e: ReadEntry): ArchiveEntry {
  const kind = KIND[e.type] ?? 'other';
  return { name: e.path, kind, typeName: e.type, linkTarget: e.linkpath, mode: e.mode };
}

/** Maps whatever node-tar, zlib or fs emitted to a GovmError. */
function toGovmError(e: unknown): GovmError {
  if (isGovmError(e)) return e;
  const err = e as NodeJS.ErrnoException & { tarCode?: string; entry?: { path?: string }; path?: string };
  const where = err.entry?.path ? ` (entry ${JSON.stringify(err.entry.path)})` : '';
  switch (err.tarCode) {
    case 'TAR_ENTRY_UNSUPPORTED':
      return new GovmError('E_UNSAFE_ARCHIVE', `unsafe archive entry${where}: ${err.message}`, { cause: e });
    case 'TAR_ENTRY_ERROR':
      if (err.code && !String(err.code).startsWith('TAR_') && err.name !== 'SymlinkError') break; // an fs error
      return new GovmError('E_UNSAFE_ARCHIVE', `unsafe archive entry${where}: ${err.message}`, { cause: e });
    case 'TAR_ENTRY_INVALID':
    case 'TAR_BAD_ARCHIVE':
    case 'TAR_ABORT':
      return new GovmError('E_ARCHIVE', `corrupt or truncated archive${where}: ${err.message}`, {
        hint: 'the download may be incomplete; remove it from the cache and try again',
        cause: e,
      });
  }
  if (err.code && /^E[A-Z]+$/.test(err.code) && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') {
    return new GovmError('E_FS', `cannot extract archive${where}: ${err.message}`, { cause: e });
  }
  return new GovmError('E_ARCHIVE', `cannot extract archive${where}: ${err.message}`, { cause: e });
}

/**
 * A Writable taking the raw .tar.gz (or plain .tar) bytes. Entries are checked,
 * the top folder stripped and written below `dest` (created if missing).
 * `done` resolves once every file is on disk (the stream's 'finish' comes
 * after it, so a `pipeline()` into this stream also means "extracted");
 * it rejects on the first unsafe entry (E_UNSAFE_ARCHIVE naming it), a
 * corrupt/truncated stream (E_ARCHIVE), an fs failure (E_FS), or when the
 * stream is destroyed early. On rejection `dest` holds a partial tree: the
 * caller extracts into a staging folder and removes it.
 */
export function createTarGzExtractor(dest: string, opts: ExtractOptions = {}): { stream: Writable; done: Promise<ExtractResult> } {
  const root = resolve(dest);
  const policy = new EntryPolicy(opts.topDir ?? 'go');
  let files = 0;
  let failure: GovmError | undefined;
  let settled = false;
  let resolveDone!: (r: ExtractResult) => void;
  let rejectDone!: (e: GovmError) => void;
  const done = new Promise<ExtractResult>((res, rej) => {
    resolveDone = res;
    rejectDone = rej;
  });
  done.catch(() => {}); // callers may only watch the stream; never an unhandled rejection
  const drainWaiters: Array<() => void> = [];

  const unpack = new Unpack({
    cwd: root,
    strict: true,
    preserveOwner: false,
    // Modes come from EntryPolicy (0o755/0o644), applied through the process umask like tar(1).
    filter: (_path: string, entry: ReadEntry | unknown) => {
      if (failure) return false;
      const e = entry as ReadEntry;
      try {
        const ok = policy.check(toArchiveEntry(e));
        if (!ok) return false; // the top folder itself
        if (ok.kind === 'symlink') return false; // created after everything else, see links.ts
        e.path = ok.rel;
        e.mode = ok.mode;
        if (ok.kind === 'hardlink') e.linkpath = ok.linkTarget;
        if (ok.kind !== 'dir') files++;
        return true;
      } catch (err) {
        fail(err);
        return false;
      }
    },
  });

  function fail(err: unknown): void {
    if (settled) return;
    failure = toGovmError(err);
    settled = true;
    rejectDone(failure);
    for (const w of drainWaiters.splice(0)) w();
    // Stop node-tar from parsing further; its own 'error' is then ignored.
    try {
      unpack.abort(failure);
    } catch {
      /* already aborted */
    }
    if (!stream.destroyed) stream.destroy(failure);
  }

  unpack.on('error', (err: unknown) => fail(err));
  unpack.on('drain', () => {
    for (const w of drainWaiters.splice(0)) w();
  });
  unpack.on('close', () => {
    if (settled) return;
    void (async () => {
      const links = policy.finish();
      await createSymlinks(root, links);
      files += links.length;
      if (files === 0) throw new GovmError('E_ARCHIVE', `the archive holds no files under "${policy.topDir}/"`);
      return { files };
    })().then(
      (r) => {
        if (settled) return;
        settled = true;
        resolveDone(r);
      },
      (err: unknown) => fail(err),
    );
  });

  const stream = new Writable({
    highWaterMark: 1 << 20,
    construct(cb) {
      mkdir(root, { recursive: true }).then(
        () => cb(),
        (e: unknown) => cb(toGovmError(e)),
      );
    },
    write(chunk: Buffer, _enc, cb) {
      if (failure) return cb(failure);
      if (unpack.write(chunk)) return cb();
      drainWaiters.push(() => cb(failure));
    },
    final(cb) {
      if (failure) return cb(failure);
      unpack.end();
      done.then(
        () => cb(),
        (e: unknown) => cb(e as Error),
      );
    },
    destroy(err, cb) {
      if (!settled) {
        fail(err ?? new GovmError('E_ARCHIVE', 'archive stream closed before the end of the archive'));
      }
      cb(err ?? null);
    },
  });

  // Failures are reported through `done` (and to pipeline()/write callbacks);
  // a consumer that only writes must not crash on an unobserved 'error'.
  stream.on('error', () => {});
  return { stream, done };
}
