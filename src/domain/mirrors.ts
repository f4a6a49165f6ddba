// Where the index and the archives come from. Checksums always come from the
// index, never from a files-only mirror.
import { GovmError } from '../errors.js';

export interface Endpoints {
  /** The go.dev-style JSON index. */
  readonly indexUrl: string;
  /** Archives are fetched from `${downloadBase}${filename}`. */
  readonly downloadBase: string;
}

const OFFICIAL_INDEX = 'https://go.dev/dl/?mode=json&include=all';
const CHINA_INDEX = 'https://golang.google.cn/dl/?mode=json&include=all';

export const MIRROR_PRESETS: Record<string, Endpoints & { describe: string }> = {
  official: { indexUrl: OFFICIAL_INDEX, downloadBase: 'https://dl.google.com/go/', describe: 'go.dev index, dl.google.com files' },
  china: { indexUrl: CHINA_INDEX, downloadBase: 'https://golang.google.cn/dl/', describe: 'golang.google.cn index and files' },
  aliyun: { indexUrl: CHINA_INDEX, downloadBase: 'https://mirrors.aliyun.com/golang/', describe: 'files from Aliyun, index from golang.google.cn' },
  ustc: { indexUrl: CHINA_INDEX, downloadBase: 'https://mirrors.ustc.edu.cn/golang/', describe: 'files from USTC, index from golang.google.cn' },
  nju: { indexUrl: CHINA_INDEX, downloadBase: 'https://mirrors.nju.edu.cn/golang/', describe: 'files from NJU, index from golang.google.cn' },
};

/**
 * A mirror is a preset name or a base URL that serves `<base>?mode=json&include=all`
 * and `<base><filename>` (the shape of go.dev/dl/). An explicit index URL wins for the
 * index; files then come from the index URL's folder unless a mirror is also set.
 */
export function resolveEndpoints(mirror: string, indexUrl: string | undefined): Endpoints {
  // Own keys only (`toString` is no preset), and a fresh object so callers cannot alter a preset.
  const preset = Object.hasOwn(MIRROR_PRESETS, mirror) ? MIRROR_PRESETS[mirror] : undefined;
  let base: Endpoints;
  if (preset) {
    base = { indexUrl: preset.indexUrl, downloadBase: preset.downloadBase };
  } else {
    const url = parseUrl(mirror, 'GOVM_MIRROR');
    const dir = url.href.endsWith('/') ? url.href : `${url.href}/`;
    base = { indexUrl: `${dir}?mode=json&include=all`, downloadBase: dir };
  }
  if (!indexUrl) return base;
  const idx = parseUrl(indexUrl, 'GOVM_INDEX_URL');
  const downloadBase = preset && mirror === 'official' ? new URL('.', idx).href : base.downloadBase;
  return { indexUrl: idx.href, downloadBase };
}

function parseUrl(s: string, what: string): URL {
  try {
    const u = new URL(s);
    if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'file:') return u;
  } catch {
    // fall through
  }
  throw new GovmError('E_CONFIG', `${what} '${s}' is neither a preset (${Object.keys(MIRROR_PRESETS).join(', ')}) nor an http(s) URL`);
}

/** Plain HTTP is allowed only to loopback, or with GOVM_INSECURE=1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export function assertTransportAllowed(url: URL, insecure: boolean): void {
  if (url.protocol === 'https:' || url.protocol === 'file:') return;
  if (url.protocol === 'http:' && (insecure || isLoopbackHost(url.hostname))) return;
  throw new GovmError('E_INSECURE_URL', `refusing plain ${url.protocol}// to ${url.host}`, {
    hint: 'use https://, a loopback mirror, or set GOVM_INSECURE=1 if you accept unauthenticated transport',
  });
}
