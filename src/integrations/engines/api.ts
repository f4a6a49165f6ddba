// A shortcut for the hot path of `govm sandbox run`: the Docker Engine API on
// its local unix socket (a few ms a request) instead of a CLI process (15–25 ms
// to start). Used only when the CLI would talk to that same socket and add
// nothing of its own (docker, no DOCKER_HOST other than unix://, no context,
// no proxies in config.json; GOVM_DOCKER_API=0 turns it off). Anything
// unexpected returns `undefined` and the caller falls back to the CLI, which
// also gives the proper error messages. Containers: api-run.ts.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Engine } from './engine.js';

export type ApiInspect = { found: true; id: string; labels: Record<string, string> } | { found: false };

/** The daemon socket the docker CLI would use, when it is a plain local unix socket. */
export function localDockerSocket(engine: Engine, platform: NodeJS.Platform): string | undefined {
  if (engine.kind !== 'docker' || platform === 'win32') return undefined;
  const env = engine.env;
  if (env.GOVM_DOCKER_API === '0' || env.DOCKER_CONTEXT || env.DOCKER_TLS_VERIFY || env.DOCKER_CERT_PATH) return undefined;
  const host = env.DOCKER_HOST;
  if (host && !host.startsWith('unix://')) return undefined;
  const configDir = env.DOCKER_CONFIG ?? (env.HOME ? join(env.HOME, '.docker') : undefined);
  if (configDir) {
    try {
      const cfg = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { currentContext?: string; proxies?: unknown };
      if (cfg.currentContext && cfg.currentContext !== 'default') return undefined;
      // The CLI puts configured proxies into every container's environment: let it.
      if (cfg.proxies !== undefined) return undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    }
  }
  return host ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

export interface ApiResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * One HTTP/1.0 exchange over the socket, or undefined when the answer is not
 * the plain one expected (then the caller uses the CLI). HTTP/1.0 keeps the
 * answer simple: no keep-alive and no chunked body, just the headers and the
 * body up to the close. The request side stays open until then: the daemon
 * cancels a request whose client has half-closed (`/wait` would answer
 * "context canceled"). node:http would do the same in ~15 ms more on a cold
 * start (it is this hot path's single largest cost). No timeout by default:
 * `/wait` lasts as long as the container.
 */
export function apiRequest(
  socketPath: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  opts: { body?: unknown; timeoutMs?: number } = {},
): Promise<ApiResponse | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const sock = connect(socketPath);
    let failed = false;
    const fail = (): void => {
      failed = true;
      sock.destroy();
      resolve(undefined);
    };
    if (opts.timeoutMs !== undefined) sock.setTimeout(opts.timeoutMs, fail);
    sock.on('error', fail);
    sock.on('data', (d: Buffer) => chunks.push(d));
    // 'end' (all of the answer is in) comes a turn or two before 'close'.
    const done = (): void => {
      sock.destroy();
      resolve(failed ? undefined : parseResponse(Buffer.concat(chunks)));
    };
    sock.on('end', done);
    sock.on('close', done);
    const body = opts.body === undefined ? '' : JSON.stringify(opts.body);
    const type = opts.body === undefined ? '' : 'Content-Type: application/json\r\n';
    sock.write(`${method} ${path} HTTP/1.0\r\nHost: docker\r\nUser-Agent: govm\r\n${type}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

/** A complete HTTP/1.x response, or undefined. */
export function parseResponse(raw: Buffer): ApiResponse | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!status) return undefined;
  const body = raw.subarray(end + 4);
  const headers: Record<string, string> = {};
  for (const h of lines) {
    const i = h.indexOf(':');
    if (i > 0) headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  const te = headers['transfer-encoding'];
  if (te !== undefined && te.toLowerCase() !== 'identity') return undefined;
  const length = headers['content-length'];
  if (length !== undefined && Number(length) !== body.length) return undefined;
  return { status: Number(status[1]), headers, body: body.toString('utf8') };
}

/** The daemon's own words for a failed request (`{"message": …}`), else the status. */
export function apiMessage(res: ApiResponse): string {
  try {
    const m = (JSON.parse(res.body) as { message?: unknown }).message;
    if (typeof m === 'string' && m !== '') return m;
  } catch {
    // not JSON
  }
  return res.body.trim() || `HTTP ${res.status}`;
}

/** GET /images/{name}/json; undefined when the API could not answer (then use the CLI). */
export async function apiInspectImage(socketPath: string, ref: string, timeoutMs = 2000): Promise<ApiInspect | undefined> {
  // Image references need no escaping in the path (the CLI sends them as they are).
  if (!/^[A-Za-z0-9._/:@-]+$/.test(ref)) return undefined;
  const res = await apiRequest(socketPath, 'GET', `/images/${ref}/json`, { timeoutMs });
  if (!res) return undefined;
  const { status, body } = res;
  if (status === 404) return { found: false };
  if (status !== 200) return undefined;
  try {
    const j = JSON.parse(body) as { Id?: string; Config?: { Labels?: Record<string, string> | null } };
    return typeof j.Id === 'string' ? { found: true, id: j.Id, labels: j.Config?.Labels ?? {} } : undefined;
  } catch {
    return undefined;
  }
}
