// The go.dev JSON index (`/dl/?mode=json&include=all`), validated into a model.
import { GovmError } from '../errors.js';
import { isSha256 } from './checksum.js';
import type { GoPlatform } from './platform.js';
import { archiveFilename } from './platform.js';
import { parseVersion, sortDescending, type GoVersion } from './version.js';

export type FileKind = 'archive' | 'installer' | 'source';

export interface ReleaseFile {
  readonly filename: string;
  readonly os: string;
  readonly arch: string;
  readonly sha256: string | undefined;
  readonly size: number | undefined;
  readonly kind: FileKind;
}

export interface Release {
  readonly version: GoVersion;
  readonly stable: boolean;
  readonly files: readonly ReleaseFile[];
}

const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/**
 * A file's kind as the index says it; a missing kind is told by the file name. An unknown
 * kind is not something govm knows how to install, so such a file is dropped rather than
 * treated as an archive.
 */
function kindOf(kind: string, filename: string): FileKind | undefined {
  if (kind === 'archive' || kind === 'installer' || kind === 'source') return kind;
  if (kind !== '') return undefined;
  if (filename.endsWith('.src.tar.gz')) return 'source';
  if (/\.(?:tar\.gz|zip)$/.test(filename)) return 'archive';
  if (/\.(?:pkg|msi)$/.test(filename)) return 'installer';
  return undefined;
}

/** Validates an index body. Unknown fields are ignored; entries with unparsable names are skipped. */
export function parseReleaseIndex(json: unknown): Release[] {
  if (!Array.isArray(json)) {
    throw new GovmError('E_INDEX_INVALID', 'the release index is not a JSON array', {
      hint: 'GOVM_INDEX_URL / GOVM_MIRROR must point at a go.dev-style ?mode=json index',
    });
  }
  const out: Release[] = [];
  for (const entry of json as unknown[]) {
    if (!entry || typeof entry !== 'object') continue;
    const e = entry as Record<string, unknown>;
    const version = parseVersion(str(e.version));
    if (!version) continue;
    const files: ReleaseFile[] = [];
    for (const f of Array.isArray(e.files) ? (e.files as unknown[]) : []) {
      if (!f || typeof f !== 'object') continue;
      const r = f as Record<string, unknown>;
      const filename = str(r.filename);
      if (!filename || filename.includes('/') || filename.includes('\\')) continue;
      const sha = str(r.sha256).toLowerCase();
      const kind = kindOf(str(r.kind), filename);
      if (!kind) continue;
      files.push({
        filename,
        os: str(r.os),
        arch: str(r.arch),
        sha256: isSha256(sha) ? sha : undefined,
        size: typeof r.size === 'number' && r.size > 0 ? r.size : undefined,
        kind,
      });
    }
    out.push({ version, stable: e.stable === true, files });
  }
  return sortDescending(out, (r) => r.version);
}

/** The archive of a release for a platform (`.tar.gz`, or `.zip` for Windows). */
export function findArchive(release: Release, platform: GoPlatform): ReleaseFile | undefined {
  const want = archiveFilename(release.version, platform);
  return (
    release.files.find((f) => f.kind === 'archive' && f.filename === want) ??
    release.files.find((f) => f.kind === 'archive' && f.os === platform.os && f.arch === platform.arch)
  );
}
