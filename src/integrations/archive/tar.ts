// Streaming, checked extraction of a Go .tar.gz: bytes in, files out, the top
// `go/` folder stripped. node-tar's Parser (strict) does the tar/pax/gzip
// decoding; every entry passes EntryPolicy before TreeWriter writes it. We do
// the writing ourselves (not node-tar's Unpack) so that on failure we can stop
// every write and reject only when nothing touches the disk any more.
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { GovmError, isGovmError } from '../../errors.js';
import { EntryPolicy, type ArchiveEntry, type EntryKind } from './entry-policy.js';
import { createSymlinks } from './links.js';
import { TreeWriter } from './tree-writer.js';

export interface ExtractOptions {
  /** The archive's single top folder, stripped on extraction. Default `go`. */
  topDir?: string;
}

export interface ExtractResult {
  /** Files and links written (folders not counted). */
  files: number;
}

/**
 * Zip-bomb guard: refuse a stream once it has inflated to more than
 * MAX_RATIO × the compressed bytes seen plus INFLATE_GRACE. Go archives
 * inflate ~4×; bytes are extracted before the download's checksum is known.
 */
export const MAX_RATIO = 100;
export const INFLATE_GRACE = 64 << 20;

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
  return { name: e.path, kind: KIND[e.type] ?? 'other', typeName: e.type, linkTarget: e.linkpath, mode: e.mode };
}

/** Maps what node-tar, zlib or fs raised to a GovmError. */
export function tarError(e: unknown): GovmError {
  if (isGovmError(e)) return e;
  const err = e as NodeJS.ErrnoException & { tarCode?: string; entry?: string | { path?: string } };
  const name = typeof err.entry === 'string' ? err.entry : err.entry?.path;
  const where = name ? ` (entry ${JSON.stringify(name)})` : '';
  if (err.tarCode) {
    return new GovmError('E_ARCHIVE', `corrupt or truncated archive${where}: ${err.message}`, {
      hint: 'the download may be incomplete; remove it from the cache and try again',
      cause: e,
    });
  }
  if (err.code && /^E[A-Z]+$/.test(err.code)) {
    return new GovmError('E_FS', `cannot extract archive${where}: ${err.message}`, { cause: e });
  }
  return new GovmError('E_ARCHIVE', `cannot extract archive${where}: ${err.message}`, { cause: e });
}

/**
 * A Writable taking the raw .tar.gz (or plain .tar) bytes. Entries are checked,
 * the top folder stripped and written below `dest` (created if missing).
 * `done` resolves once every file is on disk; the stream's 'finish' comes
 * after it, so a finished `pipeline()` into this stream also means
 * "extracted". `done` rejects on the first unsafe entry (E_UNSAFE_ARCHIVE
 * naming it), a corrupt/truncated stream (E_ARCHIVE), an fs failure (E_FS), or
 * when the stream is destroyed early — and only after every write has stopped.
 * On rejection `dest` holds a partial tree: extract into a staging folder and
 * remove it. Errors are reported through `done` (and pipeline()/write
 * callbacks); the stream never crashes the process with an unobserved 'error'.
 */
export function createTarGzExtractor(dest: string, opts: ExtractOptions = {}): { stream: Writable; done: Promise<ExtractResult> } {
  const writer = new TreeWriter(resolve(dest));
  const policy = new EntryPolicy(opts.topDir ?? 'go');
  let files = 0;
  let failure: GovmError | undefined;
  let finished = false;
  let endPhase: Promise<unknown> | undefined; // creating links, the only async fs work
  let resolveDone!: (r: ExtractResult) => void;
  let rejectDone!: (e: GovmError) => void;
  const done = new Promise<ExtractResult>((res, rej) => {
    resolveDone = res;
    rejectDone = rej;
  });
  done.catch(() => {}); // callers may watch only the stream: never an unhandled rejection
  const drainWaiters: Array<() => void> = [];
  const wakeWriters = (): void => {
    for (const w of drainWaiters.splice(0)) w();
  };

  const parser = new Parser({ strict: true });

  function fail(err: unknown, entry?: string): void {
    if (failure || finished) return;
    if (entry !== undefined && !isGovmError(err) && err instanceof Error) Object.assign(err, { entry });
    const f = (failure = tarError(err));
    try {
      parser.abort(f); // stop decoding; its own resulting 'error' is ignored
    } catch {
      /* already aborted */
    }
    writer.abandonAll();
    inflater?.destroy();
    wakeWriters();
    if (!stream.destroyed) stream.destroy(f);
    void Promise.resolve(endPhase)
      .catch(() => {})
      .then(() => rejectDone(f));
  }

  parser.on('entry', (e: ReadEntry) => {
    if (failure) return void e.resume();
    const name = e.path;
    try {
      const ok = policy.check(toArchiveEntry(e));
      if (ok === null || ok.kind === 'symlink') return void e.resume(); // top folder; links come last (links.ts)
      if (ok.kind === 'dir') {
        writer.dir(ok.rel);
        return void e.resume();
      }
      files++;
      if (ok.kind === 'hardlink') {
        writer.hardlink(ok.rel, ok.linkTarget!);
        return void e.resume();
      }
      const sink = writer.file(ok.rel, ok.mode, name);
      const mtime = e.mtime;
      e.on('data', (chunk: Buffer) => {
        if (failure) return;
        try {
          sink.write(chunk);
        } catch (err) {
          fail(err, name);
        }
      });
      e.on('end', () => {
        if (failure) return;
        try {
          sink.close(mtime);
        } catch (err) {
          fail(err, name);
        }
      });
    } catch (err) {
      e.resume();
      fail(err, name);
    }
  });
  parser.on('error', (err: unknown) => fail(err));
  parser.on('drain', wakeWriters);
  parser.on('end', () => {
    if (failure) return;
    endPhase = (async () => {
      const links = policy.finish();
      await createSymlinks(writer.root, links);
      files += links.length;
      if (files === 0) throw new GovmError('E_ARCHIVE', `the archive holds no files under "${policy.topDir}/"`);
      return { files };
    })();
    endPhase.then(
      (r) => {
        if (failure) return;
        finished = true;
        resolveDone(r as ExtractResult);
      },
      (err: unknown) => {
        endPhase = undefined;
        fail(err);
      },
    );
  });

  // Input stage. gzip is inflated by a node:zlib stream, which runs on the
  // thread pool, so inflating overlaps with parsing and writing on the main
  // thread (node-tar would inflate synchronously on the main thread).
  let inflater: Gunzip | null | undefined; // undefined: not sniffed yet; null: plain tar
  let head: Buffer | undefined;
  let compressedIn = 0;
  let inflatedOut = 0;

  const toParser = (chunk: Buffer, cb: (e?: Error | null) => void): void => {
    if (parser.write(chunk)) return cb();
    drainWaiters.push(() => cb(failure));
  };
  const startInflater = (): Gunzip => {
    const z = createGunzip({ chunkSize: 128 * 1024 });
    z.on('data', (d: Buffer) => {
      if (failure) return;
      inflatedOut += d.length;
      if (inflatedOut > MAX_RATIO * compressedIn + INFLATE_GRACE) {
        return fail(new GovmError('E_UNSAFE_ARCHIVE', `unsafe archive: it inflates to over ${MAX_RATIO}× its size`));
      }
      if (!parser.write(d)) {
        z.pause();
        drainWaiters.push(() => z.resume());
      }
    });
    z.on('end', () => {
      if (!failure) parser.end();
    });
    z.on('error', (e: Error) =>
      fail(new GovmError('E_ARCHIVE', `corrupt or truncated archive: gzip: ${e.message}`, { hint: 'the download may be incomplete; remove it from the cache and try again', cause: e })),
    );
    z.on('drain', wakeWriters);
    return z;
  };

  const stream = new Writable({
    highWaterMark: 1 << 20,
    construct(cb) {
      try {
        writer.dir('');
        cb();
      } catch (e) {
        cb(tarError(e));
      }
    },
    write(input: Buffer, _enc, cb) {
      if (failure) return cb(failure);
      let chunk = input;
      if (inflater === undefined) {
        chunk = head ? Buffer.concat([head, input]) : input;
        if (chunk.length < 2) {
          head = chunk;
          return cb();
        }
        head = undefined;
        inflater = chunk[0] === 0x1f && chunk[1] === 0x8b ? startInflater() : null;
      }
      if (inflater === null) return toParser(chunk, cb);
      compressedIn += chunk.length;
      if (inflater.write(chunk)) return cb();
      drainWaiters.push(() => cb(failure));
    },
    final(cb) {
      if (failure) return cb(failure);
      if (inflater) inflater.end();
      else if (head) parser.end(head);
      else parser.end();
      done.then(
        () => cb(),
        (e: unknown) => cb(e as Error),
      );
    },
    destroy(err, cb) {
      if (!failure && !finished) fail(err ?? new GovmError('E_ARCHIVE', 'the archive stream was closed before the end of the archive'));
      inflater?.destroy();
      cb(err ?? null);
    },
  });
  stream.on('error', () => {});
  return { stream, done };
}
