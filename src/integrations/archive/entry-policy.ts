// The safety rules every archive entry must pass before anything touches the
// disk. Pure: no fs, no process. The tar and zip extractors translate their
// entries into ArchiveEntry, ask EntryPolicy.check(), and write only what it
// accepts. Anything doubtful is REJECTED (E_UNSAFE_ARCHIVE naming the entry),
// never silently skipped: a genuine Go archive never contains any of it.
import { GovmError } from '../../errors.js';

export type EntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

/** An entry as the archive states it, before any check. */
export interface ArchiveEntry {
  /** Name exactly as stored (may contain `\`, `..`, a drive letter…). */
  name: string;
  kind: EntryKind;
  /** Raw type for messages when kind is 'other' (e.g. `CharacterDevice`). */
  typeName?: string;
  /** symlink: target as stored (relative to the link's folder); hardlink: archive path of the target. */
  linkTarget?: string;
  /** Permission bits as stored, if any. */
  mode?: number;
}

/** What may be written: a path relative to the extraction root (top folder stripped). */
export interface AcceptedEntry {
  /** `/`-separated, no `.`/`..`/empty segments, never empty. */
  rel: string;
  kind: 'file' | 'dir' | 'symlink' | 'hardlink';
  /** symlink: the target, `/`-separated; hardlink: `rel` of the target file. */
  linkTarget?: string;
  /** Normalised mode: 0o755 for folders and executable files, 0o644 otherwise. */
  mode: number;
}

/** A symlink after whole-archive resolution (see EntryPolicy.finish). */
export interface ResolvedSymlink {
  rel: string;
  target: string;
  /** Where it finally points, relative to the root ('' = the root itself). */
  resolved: string;
  /** What is at `resolved` in the archive, if anything. */
  resolvedKind: 'file' | 'dir' | 'hardlink' | undefined;
}

const MAX_LINK_HOPS = 40;

export function unsafeEntry(name: string, why: string): GovmError {
  return new GovmError('E_UNSAFE_ARCHIVE', `unsafe archive entry ${JSON.stringify(name)}: ${why}`, {
    hint: 'the archive is not a well-formed Go distribution (or was tampered with); nothing was installed',
  });
}

/** Case- and Unicode-folded key, so `Go/A` and `go/a` collide as they would on macOS/Windows. */
export function foldKey(rel: string): string {
  return rel.normalize('NFC').toLowerCase();
}

const DRIVE = /^[A-Za-z]:/;
const DOTS_ONLY = /^[. ]+$/;
/** Names Windows maps to devices (also with an extension) or silently rewrites (trailing dot/space). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9]|conin\$|conout\$)(\..*)?$/i;
const WINDOWS_TRIMMED = /[. ]$/;

/**
 * Splits an archive path into safe segments. `\` counts as a separator (it is
 * one on Windows), so `go\..\x` is traversal. Rejects absolute, drive, UNC and
 * NUL-containing paths, `..` segments, and segments Windows would silently
 * rewrite or treat specially (`...`, `.. `, `x.`, `x `, `:` = drive or
 * alternate data stream, device names such as `aux.go` or `NUL`).
 * `.` and empty segments (`go//x`, `./go/x`, trailing `/`) are dropped.
 */
export function splitEntryPath(name: string, label: string = name): string[] {
  const r = trySplitEntryPath(name);
  if (typeof r === 'string') throw unsafeEntry(label, r);
  return r;
}

/** splitEntryPath without throwing: the segments, or the reason they are unsafe. */
function trySplitEntryPath(name: string): string[] | string {
  if (name.length === 0) return 'empty path';
  if (name.includes('\0')) return 'path contains a NUL byte';
  const p = name.replace(/\\/g, '/');
  if (p.startsWith('/')) return 'absolute path';
  if (DRIVE.test(p)) return 'absolute path (drive letter)';
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') return "path contains a '..' segment";
    if (DOTS_ONLY.test(seg)) return `path segment ${JSON.stringify(seg)} is ambiguous on Windows`;
    if (seg.includes(':')) return `path segment ${JSON.stringify(seg)} contains ':' (drive or stream name)`;
    if (WINDOWS_DEVICE.test(seg)) return `path segment ${JSON.stringify(seg)} is a Windows device name`;
    if (WINDOWS_TRIMMED.test(seg)) return `path segment ${JSON.stringify(seg)} ends with a dot or space (Windows drops it)`;
    out.push(seg);
  }
  if (out.length === 0) return 'path names no file';
  if (name.includes('\\')) return 'path contains a backslash (not a valid separator in tar/zip)';
  return out;
}

/** Splits a symlink target; absolute targets are always rejected. Keeps `..` (resolved by the caller). */
function splitLinkTarget(target: string, label: string): string[] {
  if (target.length === 0) throw unsafeEntry(label, 'symlink has an empty target');
  if (target.includes('\0')) throw unsafeEntry(label, 'symlink target contains a NUL byte');
  const t = target.replace(/\\/g, '/');
  if (t.startsWith('/') || DRIVE.test(t)) throw unsafeEntry(label, `symlink target ${JSON.stringify(target)} is absolute`);
  const out: string[] = [];
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..' && (DOTS_ONLY.test(seg) || seg.includes(':'))) {
      throw unsafeEntry(label, `symlink target ${JSON.stringify(target)} has an ambiguous segment ${JSON.stringify(seg)}`);
    }
    out.push(seg);
  }
  return out;
}

/**
 * Lexically resolves a symlink target against the link's folder. Returns the
 * resolved segments (relative to the root) or throws when it climbs above the
 * root at any point.
 */
export function resolveLinkTarget(linkRel: string, target: string, label: string = linkRel): string[] {
  const out = linkRel.split('/').slice(0, -1);
  for (const seg of splitLinkTarget(target, label)) {
    if (seg === '..') {
      if (out.length === 0) throw unsafeEntry(label, `symlink target ${JSON.stringify(target)} points outside the extraction folder`);
      out.pop();
    } else out.push(seg);
  }
  return out;
}

/** Normalised permission bits: keep "executable", drop setuid/setgid/sticky/group-write. */
export function normaliseMode(kind: AcceptedEntry['kind'], mode: number | undefined): number {
  if (kind === 'dir') return 0o755;
  return mode !== undefined && (mode & 0o111) !== 0 ? 0o755 : 0o644;
}

type SeenKind = 'file' | 'dir' | 'symlink' | 'hardlink';

/**
 * Stateful checker for one archive (entries in archive order). It remembers
 * what each path is so it can refuse duplicates, writes through a symlink or
 * below a file, and hardlinks to anything but an earlier regular file.
 */
export class EntryPolicy {
  private readonly seen = new Map<string, SeenKind>();
  private readonly symlinks = new Map<string, { rel: string; target: string; name: string }>();
  private readonly order: string[] = [];

  constructor(readonly topDir: string = 'go') {}

  /** Returns what to write, `null` for the top folder itself, or throws E_UNSAFE_ARCHIVE. */
  check(e: ArchiveEntry): AcceptedEntry | null {
    const segs = splitEntryPath(e.name);
    if (segs[0] !== this.topDir) {
      throw unsafeEntry(e.name, `not under the archive's top folder "${this.topDir}/"`);
    }
    if (e.kind === 'other') {
      throw unsafeEntry(e.name, `${e.typeName ?? 'special'} entries (devices, FIFOs, …) are not allowed`);
    }
    if (segs.length === 1) {
      if (e.kind === 'dir') return null;
      throw unsafeEntry(e.name, `the top folder "${this.topDir}/" must be a folder, not a ${e.kind}`);
    }
    const relSegs = segs.slice(1);
    const rel = relSegs.join('/');
    const kind = e.kind;

    // Every parent must be a folder (existing or implied), never a link or file.
    for (let i = 1; i < relSegs.length; i++) {
      const parent = relSegs.slice(0, i).join('/');
      const key = foldKey(parent);
      const k = this.seen.get(key);
      if (k === 'symlink') throw unsafeEntry(e.name, `would be written through the symlink ${JSON.stringify(this.symlinks.get(key)?.name ?? parent)}`);
      if (k === 'file' || k === 'hardlink') throw unsafeEntry(e.name, `its parent ${JSON.stringify(parent)} is a file`);
      if (k === undefined) this.seen.set(key, 'dir');
    }
    const key = foldKey(rel);
    const prev = this.seen.get(key);
    if (prev !== undefined && !(prev === 'dir' && kind === 'dir')) {
      throw unsafeEntry(e.name, `duplicate entry: the path was already extracted as a ${prev === 'dir' ? 'folder' : prev}`);
    }

    const accepted: AcceptedEntry = { rel, kind, mode: normaliseMode(kind, e.mode) };
    if (kind === 'hardlink') {
      if (e.linkTarget === undefined) throw unsafeEntry(e.name, 'hardlink without a target');
      const tsegs = trySplitEntryPath(e.linkTarget);
      if (typeof tsegs === 'string') {
        throw unsafeEntry(e.name, `hardlink target ${JSON.stringify(e.linkTarget)} is unsafe: ${tsegs}`);
      }
      if (tsegs[0] !== this.topDir || tsegs.length < 2) {
        throw unsafeEntry(e.name, `hardlink target ${JSON.stringify(e.linkTarget)} points outside the extraction folder`);
      }
      const trel = tsegs.slice(1).join('/');
      const tk = this.seen.get(foldKey(trel));
      if (tk !== 'file' && tk !== 'hardlink') {
        throw unsafeEntry(e.name, `hardlink target ${JSON.stringify(e.linkTarget)} is not a regular file extracted earlier`);
      }
      accepted.linkTarget = trel;
    } else if (kind === 'symlink') {
      if (e.linkTarget === undefined) throw unsafeEntry(e.name, 'symlink without a target');
      resolveLinkTarget(rel, e.linkTarget, e.name); // lexical check now; full check in finish()
      accepted.linkTarget = e.linkTarget.replace(/\\/g, '/');
      this.symlinks.set(key, { rel, target: accepted.linkTarget, name: e.name });
    }
    this.seen.set(key, kind);
    this.order.push(key);
    return accepted;
  }

  /**
   * Re-checks every symlink once the whole archive is known, following the
   * other symlinks of the archive the way the OS would (`a -> sub/../..` is
   * fine lexically but escapes if `sub` is itself a link). Throws on escape
   * or a loop; returns the links in archive order with their final targets.
   */
  finish(): ResolvedSymlink[] {
    const out: ResolvedSymlink[] = [];
    for (const key of this.order) {
      const link = this.symlinks.get(key);
      if (!link) continue;
      const resolved = this.resolveThroughLinks(link);
      const rk = resolved === '' ? 'dir' : this.seen.get(foldKey(resolved));
      out.push({ rel: link.rel, target: link.target, resolved, resolvedKind: rk === 'symlink' ? undefined : rk });
    }
    return out;
  }

  private resolveThroughLinks(link: { rel: string; target: string; name: string }): string {
    const cur = link.rel.split('/').slice(0, -1);
    const queue = splitLinkTarget(link.target, link.name);
    let hops = 0;
    while (queue.length > 0) {
      const seg = queue.shift()!;
      if (seg === '..') {
        if (cur.length === 0) {
          throw unsafeEntry(link.name, `symlink target ${JSON.stringify(link.target)} points outside the extraction folder (through other links)`);
        }
        cur.pop();
        continue;
      }
      cur.push(seg);
      const via = this.symlinks.get(foldKey(cur.join('/')));
      if (via) {
        if (++hops > MAX_LINK_HOPS) throw unsafeEntry(link.name, 'symlink loop');
        cur.pop();
        queue.unshift(...splitLinkTarget(via.target, via.name));
      }
    }
    return cur.join('/');
  }
}
