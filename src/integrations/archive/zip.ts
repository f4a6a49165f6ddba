// Checked extraction of a Go .zip (the Windows archives). Zips are read from
// disk (their directory is at the end). Same rules as tar via EntryPolicy;
// file names are decoded here (not by yauzl) so that every unsafe name is
// reported as E_UNSAFE_ARCHIVE naming the entry instead of a generic error.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import yauzl from 'yauzl';
import { GovmError, isGovmError } from '../../errors.js';
import { EntryPolicy, type ArchiveEntry, type EntryKind } from './entry-policy.js';
import { createSymlinks } from './links.js';
import { TreeWriter } from './tree-writer.js';
import { createTarGzExtractor, INFLATE_GRACE, MAX_RATIO, type ExtractOptions, type ExtractResult } from './tar.js';

const MAX_SYMLINK_TARGET = 4096;
const MAX_INFLIGHT = 8;

const S_IFMT = 0o170000;

/**
 * The entry's name. Per the spec an unflagged name is CP437, but Unix zip
 * tools (Info-ZIP under a non-UTF-8 locale) store raw UTF-8 bytes without
 * the flag; like unzip(1) on Unix we read those as UTF-8 when they are valid.
 */
function entryName(e: yauzl.Entry): string {
  const raw = e.fileNameRaw;
  const flagged = (e.generalPurposeBitFlag & 0x800) !== 0;
  const unicodeField = e.extraFields.some((f) => f.id === 0x7075);
  if (!flagged && !unicodeField && e.versionMadeBy >> 8 === 3 && isUtf8(raw)) return raw.toString('utf8');
  return yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, raw, e.extraFields, true);
}
const UNIX_TYPES: Record<number, [EntryKind, string]> = {
  0o100000: ['file', 'file'],
  0o040000: ['dir', 'folder'],
  0o120000: ['symlink', 'symlink'],
  0o020000: ['other', 'character device'],
  0o060000: ['other', 'block device'],
  0o010000: ['other', 'FIFO'],
  0o140000: ['other', 'socket'],
};

/** What the entry is, from its name and external attributes (Unix high word, or DOS bits). */
function entryKind(e: yauzl.Entry, name: string): { kind: EntryKind; typeName: string; mode: number | undefined } {
  const madeByUnix = e.versionMadeBy >> 8 === 3;
  const unixMode = madeByUnix ? e.externalFileAttributes >>> 16 : 0;
  const fmt = unixMode & S_IFMT;
  if (fmt !== 0) {
    const [kind, typeName] = UNIX_TYPES[fmt] ?? ['other', `type 0o${fmt.toString(8)}`];
    if (kind === 'file' && name.endsWith('/')) return { kind: 'dir', typeName: 'folder', mode: unixMode };
    return { kind, typeName, mode: unixMode };
  }
  const isDir = name.endsWith('/') || (e.externalFileAttributes & 0x10) !== 0;
  return { kind: isDir ? 'dir' : 'file', typeName: isDir ? 'folder' : 'file', mode: madeByUnix ? unixMode : undefined };
}

function toGovmError(e: unknown, entry?: string): GovmError {
  if (isGovmError(e)) return e;
  const err = e as NodeJS.ErrnoException;
  const where = entry ? ` (entry ${JSON.stringify(entry)})` : '';
  if (err.code && /^E[A-Z]+$/.test(err.code)) {
    return new GovmError('E_FS', `cannot extract archive${where}: ${err.message}`, { cause: e });
  }
  return new GovmError('E_ARCHIVE', `corrupt or unsupported zip archive${where}: ${err.message}`, {
    hint: 'the download may be incomplete; remove it from the cache and try again',
    cause: e,
  });
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((res, rej) => {
    yauzl.open(path, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, zip) =>
      err ? rej(toGovmError(err)) : res(zip),
    );
  });
}

function openEntry(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<Readable> {
  return new Promise((res, rej) => zip.openReadStream(e, (err, s) => (err ? rej(err) : res(s))));
}

async function readSmall(zip: yauzl.ZipFile, e: yauzl.Entry, name: string): Promise<string> {
  if (e.uncompressedSize > MAX_SYMLINK_TARGET) {
    throw new GovmError('E_UNSAFE_ARCHIVE', `unsafe archive entry ${JSON.stringify(name)}: symlink target is too long`);
  }
  const chunks: Buffer[] = [];
  for await (const c of await openEntry(zip, e)) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Extracts a .zip file with the same rules as the tar extractor; `dest` is created if missing. */
export async function extractZip(zipPath: string, dest: string, opts: ExtractOptions = {}): Promise<ExtractResult> {
  const writer = new TreeWriter(resolve(dest));
  try {
    writer.dir('');
  } catch (e) {
    throw toGovmError(e);
  }
  const zip = await openZip(zipPath);
  const policy = new EntryPolicy(opts.topDir ?? 'go');
  const inflight = new Set<Promise<void>>();
  const reading = new Set<Readable>();
  let writeError: { err: unknown; name: string } | undefined;
  let stopped = false;
  let files = 0;
  let declared = 0;
  let current: string | undefined;

  // Entries are read concurrently (yauzl reads by offset); each body is written synchronously as it inflates.
  const copy = async (e: yauzl.Entry, rel: string, mode: number, name: string): Promise<void> => {
    const rs = await openEntry(zip, e);
    if (stopped) return void rs.destroy();
    reading.add(rs);
    const sink = writer.file(rel, mode, name);
    await new Promise<void>((res, rej) => {
      let ended = false;
      rs.on('data', (c: Buffer) => {
        try {
          sink.write(c);
        } catch (err) {
          rej(err);
          rs.destroy();
        }
      });
      rs.on('end', () => {
        ended = true;
        try {
          sink.close(e.getLastModDate());
          res();
        } catch (err) {
          rej(err);
        }
      });
      rs.on('error', rej);
      rs.on('close', () => {
        reading.delete(rs);
        sink.abandon();
        if (ended || stopped) res();
        else rej(new Error('the entry ended early'));
      });
    });
  };
  const stop = async (): Promise<void> => {
    stopped = true;
    for (const rs of reading) rs.destroy();
    await Promise.allSettled([...inflight]);
    writer.abandonAll();
  };

  try {
    for await (const e of zip.eachEntry()) {
      if (writeError) break;
      const name = entryName(e);
      current = name;
      declared += e.uncompressedSize; // yauzl checks each body against its declared size
      if (declared > MAX_RATIO * zip.fileSize + INFLATE_GRACE) {
        throw new GovmError('E_UNSAFE_ARCHIVE', `unsafe archive entry ${JSON.stringify(name)}: the zip inflates to over ${MAX_RATIO}× its size`);
      }
      const { kind, typeName, mode } = entryKind(e, name);
      const entry: ArchiveEntry = { name, kind, typeName, mode };
      if (kind === 'symlink') entry.linkTarget = await readSmall(zip, e, name);
      const ok = policy.check(entry);
      if (!ok) continue;
      if (ok.kind === 'dir') {
        writer.dir(ok.rel);
        continue;
      }
      if (ok.kind !== 'file') continue; // symlinks: created at the end (zips carry no hardlinks)
      files++;
      const job: Promise<void> = copy(e, ok.rel, ok.mode, name)
        .catch((err: unknown) => void (writeError ??= { err, name }))
        .finally(() => inflight.delete(job));
      inflight.add(job);
      while (inflight.size >= MAX_INFLIGHT) await Promise.race(inflight);
    }
    while (inflight.size > 0) await Promise.race(inflight);
    if (writeError) throw writeError.err;
    const links = policy.finish();
    await createSymlinks(writer.root, links);
    files += links.length;
    if (files === 0) throw new GovmError('E_ARCHIVE', `the archive holds no files under "${policy.topDir}/"`);
    return { files };
  } catch (err) {
    await stop(); // leave nothing writing behind us
    if (writeError) throw toGovmError(writeError.err, writeError.name);
    throw toGovmError(err, current);
  } finally {
    zip.close();
  }
}

async function looksLikeZip(path: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new GovmError('E_FS', `cannot read archive ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    const b = Buffer.alloc(4);
    const { bytesRead } = await fh.read(b, 0, 4, 0);
    if (bytesRead === 4) return b.readUInt32LE(0) === 0x04034b50 || b.readUInt32LE(0) === 0x06054b50;
    return /\.zip$/i.test(path);
  } finally {
    await fh.close();
  }
}

/** Extracts a .zip or .tar(.gz) file into `dest`, stripping the top folder, with every safety check. */
export async function extractArchive(archivePath: string, dest: string, opts: ExtractOptions = {}): Promise<ExtractResult> {
  if (await looksLikeZip(archivePath)) return extractZip(archivePath, dest, opts);
  const { stream, done } = createTarGzExtractor(dest, opts);
  // A failed pipeline destroys the stream, so `done` carries the (mapped) error.
  await pipeline(createReadStream(archivePath), stream).catch(() => undefined);
  return await done;
}
