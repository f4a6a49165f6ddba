// A shortcut for the hot path of `govm sandbox run`: image inspection through
// the Docker Engine API on its local unix socket (a few ms) instead of a CLI
// process (tens of ms). Used only when the CLI would talk to that same socket
// (docker, no DOCKER_HOST other than unix://, no context); anything unexpected
// returns `undefined` and the caller falls back to the CLI, which also gives
// the proper error messages.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Engine } from './engine.js';

export type ApiInspect = { found: true; id: string; labels: Record<string, string> } | { found: false };

/** The daemon socket the docker CLI would use, when it is a plain local unix socket. */
export function localDockerSocket(engine: Engine, platform: NodeJS.Platform): string | undefined {
  if (engine.kind !== 'docker' || platform === 'win32') return undefined;
  const env = engine.env;
  if (env.DOCKER_CONTEXT || env.DOCKER_TLS_VERIFY || env.DOCKER_CERT_PATH) return undefined;
  const host = env.DOCKER_HOST;
  if (host && !host.startsWith('unix://')) return undefined;
  const configDir = env.DOCKER_CONFIG ?? (env.HOME ? join(env.HOME, '.docker') : undefined);
  if (configDir) {
    try {
      const cfg = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { currentContext?: string };
      if (cfg.currentContext && cfg.currentContext !== 'default') return undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    }
  }
  return host ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

/**
 * One HTTP/1.0 exchange over the socket: `[status, body]`, or undefined when
 * the answer is not the plain one expected (then the caller uses the CLI).
 * HTTP/1.0 keeps the answer simple: no keep-alive and no chunked body, just
 * the headers and the body up to the close. node:http would do the same in
 * ~15 ms more on a cold start (it is this hot path's single largest cost).
 */
function socketGet(socketPath: string, path: string, timeoutMs = 2000): Promise<[number, string] | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const sock = connect(socketPath);
    sock.setTimeout(timeoutMs, () => sock.destroy());
    sock.on('error', () => resolve(undefined));
    sock.on('data', (d: Buffer) => chunks.push(d));
    // 'end' (all of the answer is in) comes a turn or two before 'close'.
    const done = (): void => resolve(parseResponse(Buffer.concat(chunks)));
    sock.on('end', done);
    sock.on('close', done);
    sock.end(`GET ${path} HTTP/1.0\r\nHost: docker\r\nUser-Agent: govm\r\n\r\n`);
  });
}

/** `[status, body]` of a complete HTTP/1.x response, or undefined. */
export function parseResponse(raw: Buffer): [number, string] | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...headers] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!status) return undefined;
  const body = raw.subarray(end + 4);
  for (const h of headers) {
    const [name = '', value = ''] = h.split(/:\s*/, 2);
    const n = name.toLowerCase();
    if (n === 'transfer-encoding' && value.toLowerCase() !== 'identity') return undefined;
    if (n === 'content-length' && Number(value) !== body.length) return undefined;
  }
  return [Number(status[1]), body.toString('utf8')];
}

/** GET /images/{name}/json; undefined when the API could not answer (then use the CLI). */
export async function apiInspectImage(socketPath: string, ref: string, timeoutMs = 2000): Promise<ApiInspect | undefined> {
  // Image references need no escaping in the path (the CLI sends them as they are).
  if (!/^[A-Za-z0-9._/:@-]+$/.test(ref)) return undefined;
  const res = await socketGet(socketPath, `/images/${ref}/json`, timeoutMs);
  if (!res) return undefined;
  const [status, body] = res;
  if (status === 404) return { found: false };
  if (status !== 200) return undefined;
  try {
    const j = JSON.parse(body) as { Id?: string; Config?: { Labels?: Record<string, string> | null } };
    return typeof j.Id === 'string' ? { found: true, id: j.Id, labels: j.Config?.Labels ?? {} } : undefined;
  } catch {
    return undefined;
  }
}
