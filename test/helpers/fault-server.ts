// A real HTTP server on 127.0.0.1 that serves in-memory files and injects
// faults: error statuses, cut connections, stalls, ignored Range headers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHash } from 'node:crypto';

export type Fault =
  /** Answer `status` to the first `times` requests. */
  | { kind: 'status'; status: number; times: number }
  /** Send `afterBytes` of the body, then destroy the socket (first `times` requests). */
  | { kind: 'truncate'; afterBytes: number; times: number }
  /** Send `afterBytes`, then go silent (first `times` requests). */
  | { kind: 'stall'; afterBytes: number; times: number }
  /** Send the body in `chunk`-byte pieces with `delayMs` between them. */
  | { kind: 'slow'; chunk: number; delayMs: number }
  /** Ignore Range headers: always answer 200 with the whole body. */
  | { kind: 'noRange' };

export interface Route {
  body: Buffer | string;
  faults?: Fault[];
  contentType?: string;
}

export interface LoggedRequest {
  path: string;
  range: string | undefined;
  status: number;
}

export interface FaultServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  log: LoggedRequest[];
  count(path: string): number;
  set(path: string, route: Route): void;
  close(): Promise<void>;
}

export async function startFaultServer(routes: Record<string, Route> = {}): Promise<FaultServer> {
  const table = new Map(Object.entries(routes));
  const served = new Map<string, number>();
  const log: LoggedRequest[] = [];
  const sockets = new Set<Socket>();

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = table.get(path);
    const n = served.get(path) ?? 0;
    served.set(path, n + 1);
    const record = (status: number): void => {
      log.push({ path, range: req.headers.range, status });
    };
    if (!route) {
      record(404);
      res.writeHead(404).end('not found');
      return;
    }
    const faults = route.faults ?? [];
    const statusFault = faults.find((f): f is Extract<Fault, { kind: 'status' }> => f.kind === 'status' && n < f.times);
    if (statusFault) {
      record(statusFault.status);
      res.writeHead(statusFault.status).end('injected');
      return;
    }
    const body = Buffer.from(route.body);
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      record(304);
      res.writeHead(304, { etag }).end();
      return;
    }
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const honourRange = m && !faults.some((f) => f.kind === 'noRange');
    if (honourRange) {
      start = Number(m[1]);
      if (start >= body.length) {
        record(416);
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
    }
    const status = honourRange ? 206 : 200;
    record(status);
    const headers: Record<string, string | number> = {
      'content-length': body.length - start,
      'content-type': route.contentType ?? 'application/octet-stream',
      'accept-ranges': 'bytes',
      etag,
    };
    if (honourRange) headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
    res.writeHead(status, headers);
    const part = body.subarray(start);
    const cut = faults.find((f): f is Extract<Fault, { kind: 'truncate' | 'stall' }> => (f.kind === 'truncate' || f.kind === 'stall') && n < f.times);
    const slow = faults.find((f): f is Extract<Fault, { kind: 'slow' }> => f.kind === 'slow');
    if (slow && !cut) {
      let at = 0;
      const tick = (): void => {
        if (res.destroyed) return;
        const next = part.subarray(at, at + slow.chunk);
        at += next.length;
        if (at >= part.length) res.end(next);
        else res.write(next, () => setTimeout(tick, slow.delayMs));
      };
      tick();
      return;
    }
    if (!cut) {
      res.end(part);
      return;
    }
    res.write(part.subarray(0, cut.afterBytes), () => {
      if (cut.kind === 'truncate') setTimeout(() => res.socket?.destroy(), 20);
      // 'stall': keep the socket open and send nothing more.
    });
  };

  const server = createServer(handle);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    log,
    count: (p) => log.filter((l) => l.path === p).length,
    set: (p, r) => void table.set(p, r),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** A go.dev-style index listing the given archives. */
export function indexJson(entries: { version: string; stable?: boolean; files: { filename: string; body?: Buffer; os: string; arch: string; sha256?: string | null; size?: number }[] }[]): string {
  return JSON.stringify(
    entries.map((e) => ({
      version: `go${e.version}`,
      stable: e.stable ?? true,
      files: e.files.map((f) => ({
        filename: f.filename,
        os: f.os,
        arch: f.arch,
        version: `go${e.version}`,
        sha256: f.sha256 === null ? '' : f.sha256 ?? (f.body ? sha256(f.body) : ''),
        size: f.size ?? f.body?.length ?? 0,
        kind: 'archive',
      })),
    })),
  );
}
