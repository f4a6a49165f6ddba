// Builders for synthetic — including malicious — Go archives. They write tar
// headers and zip records by hand, so they can carry names and types that
// normal writers refuse (`../x`, `C:\x`, device files, duplicate entries,
// links pointing anywhere). Used by the archive tests and by install tests
// that serve them from a local HTTP server.
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

export type EntryType = 'file' | 'dir' | 'symlink' | 'link' | 'chardev' | 'blockdev' | 'fifo';

export interface SynthEntry {
  /** Stored exactly as given (no normalisation). */
  name: string;
  type?: EntryType; // default 'file'
  body?: string | Buffer;
  /** Target of a symlink (relative to its folder) or hardlink (archive path). */
  linkname?: string;
  /** Permission bits; default 0o644 for files, 0o755 for folders, 0o777 for symlinks. */
  mode?: number;
  /** Seconds since the epoch; default 1700000000. */
  mtime?: number;
  /** zip only: the uncompressed size written in the headers (a lie, for fault injection). */
  declaredSize?: number;
}

const TAR_TYPE: Record<EntryType, string> = {
  file: '0',
  link: '1',
  symlink: '2',
  chardev: '3',
  blockdev: '4',
  dir: '5',
  fifo: '6',
};

function defaultMode(e: SynthEntry): number {
  if (e.mode !== undefined) return e.mode;
  const t = e.type ?? 'file';
  return t === 'dir' ? 0o755 : t === 'symlink' ? 0o777 : 0o644;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function tarHeader(name: string, typeflag: string, size: number, mode: number, mtime: number, linkname = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(mode & 0o7777, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtime, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii'); // checksum placeholder
  h.write(typeflag, 156, 'ascii');
  h.write(linkname, 157, 100, 'utf8');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  if (typeflag === '3' || typeflag === '4') {
    h.write(octal(1, 8), 329, 'ascii');
    h.write(octal(3, 8), 337, 'ascii');
  }
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

function pad512(b: Buffer): Buffer[] {
  const rest = b.length % 512;
  return rest === 0 ? [b] : [b, Buffer.alloc(512 - rest)];
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

/** An uncompressed tar (ustar headers; a pax header when a name or target exceeds 100 bytes). */
export function makeTar(entries: SynthEntry[]): Buffer {
  const out: Buffer[] = [];
  for (const e of entries) {
    const type = e.type ?? 'file';
    const body = type === 'file' ? Buffer.from(e.body ?? '') : Buffer.alloc(0);
    const linkname = e.linkname ?? '';
    const mtime = e.mtime ?? 1700000000;
    if (Buffer.byteLength(e.name) > 100 || Buffer.byteLength(linkname) > 100) {
      const pax = Buffer.from(paxRecord('path', e.name) + (linkname ? paxRecord('linkpath', linkname) : ''));
      out.push(tarHeader('PaxHeader', 'x', pax.length, 0o644, mtime), ...pad512(pax));
    }
    out.push(tarHeader(e.name, TAR_TYPE[type], body.length, defaultMode(e), mtime, linkname));
    if (body.length) out.push(...pad512(body));
  }
  out.push(Buffer.alloc(1024));
  return Buffer.concat(out);
}

export function makeTarGz(entries: SynthEntry[]): Buffer {
  return gzipSync(makeTar(entries));
}

const S_IF: Record<EntryType, number> = {
  file: 0o100000,
  dir: 0o040000,
  symlink: 0o120000,
  chardev: 0o020000,
  blockdev: 0o060000,
  fifo: 0o010000,
  link: 0o100000, // zip has no hardlinks: stored as a plain file
};

export interface ZipOptions {
  /** 'unix' (default) stores modes in the external attributes; 'dos' stores none. */
  madeBy?: 'unix' | 'dos';
  /** Deflate bodies (default) or store them. */
  method?: 'deflate' | 'store';
  /** Set the UTF-8 name flag (general purpose bit 11). Default true; false stores raw bytes unflagged. */
  utf8Flag?: boolean;
}

/** A zip written record by record: local headers, data, central directory, end record. */
export function makeZip(entries: SynthEntry[], opts: ZipOptions = {}): Buffer {
  const madeBy = opts.madeBy ?? 'unix';
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const type = e.type ?? 'file';
    const name = Buffer.from(e.name, 'utf8');
    const raw = type === 'symlink' ? Buffer.from(e.linkname ?? '') : type === 'file' || type === 'link' ? Buffer.from(e.body ?? '') : Buffer.alloc(0);
    const deflate = (opts.method ?? 'deflate') === 'deflate' && raw.length > 0;
    const data = deflate ? deflateRawSync(raw) : raw;
    const crc = crc32(raw) >>> 0;
    const method = deflate ? 8 : 0;
    const flags = opts.utf8Flag === false ? 0 : 0x800; // names are UTF-8
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x5821, 12); // date 2024-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    const size = e.declaredSize ?? raw.length;
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, data);

    const ext = madeBy === 'unix' ? ((S_IF[type] | (defaultMode(e) & 0o7777)) << 16) >>> 0 : type === 'dir' ? 0x10 : 0;
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(((madeBy === 'unix' ? 3 : 0) << 8) | 20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(0, 12);
    cd.writeUInt16LE(0x5821, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt16LE(0, 30); // extra
    cd.writeUInt16LE(0, 32); // comment
    cd.writeUInt16LE(0, 34); // disk
    cd.writeUInt16LE(0, 36); // internal attrs
    cd.writeUInt32LE(ext, 38);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += local.length + name.length + data.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, end]);
}

/** A small, well-formed Go-like tree: top folder `go/`, an executable `go/bin/go`, sources. */
export function goTree(version = 'go1.22.5'): SynthEntry[] {
  return [
    { name: 'go/', type: 'dir' },
    { name: 'go/VERSION', body: `${version}\ntime 2024-07-02T17:00:00Z\n` },
    { name: 'go/go.env', body: 'GOPROXY=https://proxy.golang.org,direct\nGOTOOLCHAIN=auto\n' },
    { name: 'go/bin/', type: 'dir' },
    { name: 'go/bin/go', body: `#!/bin/sh\necho "go version ${version} linux/amd64"\n`, mode: 0o755 },
    { name: 'go/bin/gofmt', body: '#!/bin/sh\nexit 0\n', mode: 0o755 },
    { name: 'go/src/', type: 'dir' },
    { name: 'go/src/fmt/print.go', body: 'package fmt\n' },
    { name: 'go/pkg/tool/linux_amd64/compile', body: '#!/bin/sh\nexit 0\n', mode: 0o755 },
  ];
}
