// HTTP(S) and file: GETs through undici, with proxies from the environment,
// manual redirects (each hop is checked: no downgrade to plain HTTP), and an
// inactivity timeout so a stalled server becomes a retryable error.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { EnvHttpProxyAgent, request } from 'undici';
import { assertTransportAllowed } from '../domain/mirrors.js';
import { GovmError } from '../errors.js';

export interface HttpResponse {
  readonly status: number;
  readonly url: URL;
  header(name: string): string | undefined;
  readonly body: Readable;
}

export interface GetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface Http {
  get(url: URL, opts?: GetOptions): Promise<HttpResponse>;
}

export interface HttpOptions {
  env: Readonly<Record<string, string | undefined>>;
  insecure: boolean;
  /** Seconds without a byte (headers or body) before the request fails. */
  timeoutSeconds: number;
}

const MAX_REDIRECTS = 5;
const USER_AGENT = 'govm (+https://github.com/govm/govm)';

export function createHttp(opts: HttpOptions): Http {
  const pick = (...names: string[]): string | undefined => names.map((n) => opts.env[n]).find((v) => v);
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: pick('HTTP_PROXY', 'http_proxy'),
    httpsProxy: pick('HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'),
    noProxy: pick('NO_PROXY', 'no_proxy'),
    headersTimeout: opts.timeoutSeconds * 1000,
    bodyTimeout: opts.timeoutSeconds * 1000,
    connectTimeout: opts.timeoutSeconds * 1000,
  });

  async function get(start: URL, o: GetOptions = {}): Promise<HttpResponse> {
    let url = start;
    for (let hop = 0; ; hop++) {
      assertTransportAllowed(url, opts.insecure);
      if (url.protocol === 'file:') return getFile(url, o);
      const res = await request(url, {
        method: 'GET',
        dispatcher,
        signal: o.signal,
        headers: { 'user-agent': USER_AGENT, ...o.headers },
      });
      const location = res.headers.location;
      if (res.statusCode >= 300 && res.statusCode < 400 && res.statusCode !== 304 && typeof location === 'string') {
        res.body.resume();
        if (hop >= MAX_REDIRECTS) throw new GovmError('E_NETWORK', `too many redirects from ${start.href}`);
        url = new URL(location, url);
        continue;
      }
      const body = res.body as unknown as Readable;
      return {
        status: res.statusCode,
        url,
        body,
        header: (name) => {
          const v = res.headers[name.toLowerCase()];
          return Array.isArray(v) ? v[0] : v;
        },
      };
    }
  }
  return { get };
}

/** file: URLs, for air-gapped mirrors on a disk or share. Honours `Range: bytes=N-`. */
async function getFile(url: URL, o: GetOptions): Promise<HttpResponse> {
  const path = fileURLToPath(url);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    const { Readable } = await import('node:stream');
    return { status: 404, url, body: Readable.from([]), header: () => undefined };
  }
  const m = /^bytes=(\d+)-$/.exec(o.headers?.range ?? o.headers?.Range ?? '');
  const from = m ? Number(m[1]) : 0;
  const headers: Record<string, string> = { 'content-length': String(size - from) };
  if (m) headers['content-range'] = `bytes ${from}-${size - 1}/${size}`;
  return {
    status: m ? 206 : 200,
    url,
    body: createReadStream(path, { start: from }),
    header: (name) => headers[name.toLowerCase()],
  };
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENOTFOUND',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Connection-level failures worth another try. */
export function isTransientNetworkError(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string }; name?: string; transient?: boolean };
  if (err.transient !== undefined) return err.transient;
  return TRANSIENT_CODES.has(err.code ?? '') || TRANSIENT_CODES.has(err.cause?.code ?? '') || err.name === 'SocketError';
}

/** 5xx, 408 and 429 are worth another try; other statuses are final. */
export const isTransientStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429;

/** A failure that another attempt may cure (a cut connection, a short body). */
export function transientError(message: string): Error {
  return Object.assign(new Error(message), { transient: true });
}

export function statusError(url: URL, status: number): GovmError {
  const err = new GovmError('E_HTTP_STATUS', `${url.href} answered HTTP ${status}`, {
    hint: status === 404 ? 'the mirror does not have this file; check GOVM_MIRROR' : undefined,
  });
  return Object.assign(err, { status, transient: isTransientStatus(status) });
}

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  log?: (msg: string) => void;
}

/** Runs `fn`, retrying transient failures with exponential back-off and jitter. */
export async function withRetries<T>(what: string, policy: RetryPolicy, fn: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (!isTransientNetworkError(e) || attempt >= policy.retries) throw wrapNetwork(e, what);
      const delay = Math.min(8000, policy.baseDelayMs * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      policy.log?.(`${what}: ${describe(e)}; retrying in ${Math.round(delay)} ms (${attempt + 1}/${policy.retries})`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

function describe(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return err.code && !String(err.message).includes(err.code) ? `${err.code}: ${err.message}` : String(err.message ?? e);
}

export function wrapNetwork(e: unknown, what: string): unknown {
  if (e instanceof GovmError) return e;
  return new GovmError('E_NETWORK', `${what} failed: ${describe(e)}`, {
    cause: e,
    hint: 'check the connection, HTTPS_PROXY/NO_PROXY, or use a mirror (GOVM_MIRROR=china) or GOVM_OFFLINE=1',
  });
}
