// One streaming pass: network → SHA-256 → cache file (→ optional extractor).
// Transient failures resume where they stopped (HTTP Range), and the bytes
// keep flowing into the same hash and extractor, so nothing is read twice.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { GovmError } from '../errors.js';
import { statusError, transientError, withRetries, type Http, type RetryPolicy } from './http.js';

export interface DownloadSpec {
  url: URL;
  /** Partial file; an existing one is resumed. */
  part: string;
  /** Where the verified file is renamed to. */
  dest: string;
  sha256: string;
  size: number | undefined;
  /** Receives every byte in order, from byte 0 (only allowed when no partial file exists). */
  sink?: Writable;
  onProgress?: (received: number, total: number | undefined) => void;
}

const write = (w: Writable, chunk: Buffer): Promise<void> | undefined =>
  w.write(chunk) ? undefined : new Promise<void>((resolve, reject) => {
    const onDrain = (): void => { w.off('error', onError); resolve(); };
    const onError = (e: Error): void => { w.off('drain', onDrain); reject(e); };
    w.once('drain', onDrain).once('error', onError);
  });

const close = (w: WriteStream): Promise<void> => new Promise((resolve, reject) => w.end((e?: Error | null) => (e ? reject(e) : resolve())));

async function hashExisting(path: string, hash: Hash): Promise<number> {
  let n = 0;
  try {
    for await (const c of createReadStream(path)) {
      hash.update(c as Buffer);
      n += (c as Buffer).length;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return n;
}

export async function downloadVerified(spec: DownloadSpec, http: Http, policy: RetryPolicy): Promise<void> {
  const hash = createHash('sha256');
  let received = await hashExisting(spec.part, hash);
  if (received > 0 && spec.sink) throw new Error('downloadVerified: a sink needs a download from byte 0');
  if (spec.size !== undefined && received > spec.size) {
    await rm(spec.part, { force: true });
    hash.destroy();
    return downloadVerified(spec, http, policy);
  }
  const file = createWriteStream(spec.part, { flags: 'a' });
  const what = `downloading ${spec.url.href}`;
  try {
    await withRetries(what, policy, async () => {
      if (spec.size !== undefined && received === spec.size) return;
      const headers: Record<string, string> = received > 0 ? { range: `bytes=${received}-` } : {};
      const res = await http.get(spec.url, { headers });
      if (res.status === 416 && received > 0) {
        res.body.resume();
        throw new GovmError('E_SIZE', `${spec.url.href} ends after ${received} bytes, but the index lists ${spec.size ?? 'more'}`, {
          hint: 'the mirror serves a different file than the index describes',
        });
      }
      if (res.status !== 200 && res.status !== 206) {
        res.body.resume();
        throw statusError(res.url, res.status);
      }
      // A server that ignores Range sends everything again: skip what we have.
      let skip = res.status === 200 ? received : 0;
      if (res.status === 206 && !res.header('content-range')?.startsWith(`bytes ${received}-`)) {
        res.body.resume();
        throw new GovmError('E_NETWORK', `${spec.url.href} answered a range request with the wrong range`);
      }
      for await (const raw of res.body) {
        let chunk = raw as Buffer;
        if (skip > 0) {
          if (chunk.length <= skip) { skip -= chunk.length; continue; }
          chunk = chunk.subarray(skip);
          skip = 0;
        }
        if (spec.size !== undefined && received + chunk.length > spec.size) {
          throw new GovmError('E_SIZE', `${spec.url.href} sent more than the ${spec.size} bytes the index lists`, {
            hint: 'the mirror serves a different file than the index describes',
          });
        }
        hash.update(chunk);
        received += chunk.length;
        const pending = [write(file, chunk), spec.sink && write(spec.sink, chunk)].filter(Boolean);
        if (pending.length) await Promise.all(pending);
        spec.onProgress?.(received, spec.size);
      }
      if (spec.size !== undefined && received < spec.size) {
        throw transientError(`connection closed after ${received} of ${spec.size} bytes`);
      }
    });
    await close(file);
  } catch (e) {
    await close(file).catch(() => undefined);
    // Keep a non-empty partial file for a later resume, unless its bytes are wrong.
    if (received === 0 || (e instanceof GovmError && e.code === 'E_SIZE')) await rm(spec.part, { force: true });
    throw e;
  }
  const digest = hash.digest('hex');
  if (digest !== spec.sha256) {
    await rm(spec.part, { force: true });
    throw new GovmError('E_CHECKSUM', `SHA-256 mismatch for ${spec.url.href}`, {
      hint: `expected ${spec.sha256}, got ${digest}; the file was deleted. The mirror or a proxy altered it`,
    });
  }
  await rename(spec.part, spec.dest);
}

/** Re-hashes a cached file; true when it still matches. */
export async function verifyFile(path: string, sha256: string): Promise<boolean> {
  try {
    await stat(path);
  } catch {
    return false;
  }
  const hash = createHash('sha256');
  await hashExisting(path, hash);
  return hash.digest('hex') === sha256;
}
