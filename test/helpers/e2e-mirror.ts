// A loopback Go download mirror for e2e tests and benches: a static file server
// on 127.0.0.1 (ephemeral port) over a folder made by scripts/ci/toolchains.sh
// (go<V>.<os>-<arch>.tar.gz, their .sha256 files, index.json). It serves the
// index where go.dev does (`/?mode=json&include=all`) and at `/index.json`, and
// files with Content-Length, HEAD, single Range requests (206/416) and
// ETag/If-None-Match (304), streamed from disk. It counts requests per path so a
// test can prove that something was NOT downloaded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync, type Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface Mirror {
  /** `http://127.0.0.1:PORT/`, with the trailing slash (a GOVM_MIRROR value). */
  readonly url: string;
  /** `http://127.0.0.1:PORT/?mode=json&include=all` (a GOVM_INDEX_URL value). */
  readonly indexUrl: string;
  close(): Promise<void>;
  /** Requests served so far (any status, HEAD included), keyed by path without the query. */
  hits(): Record<string, number>;
  /** Bytes of bodies sent so far, keyed by path. */
  bytes(): Record<string, number>;
}

/** The mirror folder announced by .ci/run (GOVM_E2E_MIRROR_DIR), else the CI cache's if it holds an index. */
export function e2eMirrorDir(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  if (env.GOVM_E2E_MIRROR_DIR) return env.GOVM_E2E_MIRROR_DIR;
  const dir = join(env.GOVM_CI_CACHE || '/var/cache/govm-ci', 'toolchains');
  return existsSync(join(dir, 'index.json')) ? dir : undefined;
}

const etagOf = (st: Stats): string => `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;

function contentType(path: string): string {
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.sha256')) return 'text/plain; charset=utf-8';
  if (path.endsWith('.zip')) return 'application/zip';
  return 'application/octet-stream';
}

/** Parses `bytes=a-b`, `bytes=a-`, `bytes=-n` against a size; undefined when unsatisfiable, null when not a single range. */
function parseRange(header: string, size: number): { start: number; end: number } | undefined | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return undefined;
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return undefined;
  return { start, end };
}

export function startMirror(dir: string): Promise<Mirror> {
  const root = resolve(dir);
  const hits: Record<string, number> = {};
  const sent: Record<string, number> = {};

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path: string;
    try {
      path = decodeURIComponent(u.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    hits[path] = (hits[path] ?? 0) + 1;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const rel = path === '/' && u.searchParams.get('mode') === 'json' ? 'index.json' : path.replace(/^\/+/, '');
    const file = resolve(root, rel);
    let st: Stats | undefined;
    if (rel !== '' && !rel.split('/').some((p) => p.startsWith('.')) && file.startsWith(root + sep)) {
      try {
        st = statSync(file);
      } catch {
        st = undefined;
      }
    }
    if (!st || !st.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    const etag = etagOf(st);
    const common = {
      ETag: etag,
      'Last-Modified': st.mtime.toUTCString(),
      'Accept-Ranges': 'bytes',
      'Content-Type': contentType(file),
    };
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
      res.writeHead(304, { ETag: etag }).end();
      return;
    }
    let start = 0;
    let end = st.size - 1;
    let status = 200;
    const rangeHeader = req.headers.range;
    const ifRange = req.headers['if-range'];
    if (rangeHeader && (!ifRange || ifRange === etag)) {
      const r = parseRange(rangeHeader, st.size);
      if (r === undefined) {
        res.writeHead(416, { ...common, 'Content-Range': `bytes */${st.size}` }).end();
        return;
      }
      if (r) {
        ({ start, end } = r);
        status = 206;
      }
    }
    const length = st.size === 0 ? 0 : end - start + 1;
    res.writeHead(status, {
      ...common,
      'Content-Length': String(length),
      ...(status === 206 ? { 'Content-Range': `bytes ${start}-${end}/${st.size}` } : {}),
    });
    if (req.method === 'HEAD' || length === 0) {
      res.end();
      return;
    }
    const stream = createReadStream(file, { start, end });
    stream.on('data', (chunk) => (sent[path] = (sent[path] ?? 0) + chunk.length));
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 1000;
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/`;
      resolveStart({
        url,
        indexUrl: `${url}?mode=json&include=all`,
        hits: () => ({ ...hits }),
        bytes: () => ({ ...sent }),
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
