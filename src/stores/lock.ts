// Per-key locks (one per version being installed) shared by every govm process
// on the machine. A crashed holder stops refreshing its lock, which then goes
// stale and is taken over; nothing waits forever on a dead process.
import { mkdir } from 'node:fs/promises';
import lockfile from 'proper-lockfile';
import { GovmError } from '../errors.js';
import type { Layout } from './home.js';

const STALE_MS = 5000;
const UPDATE_MS = 1000;
const POLL_MS = 200;

export interface LockOptions {
  /** Called once if the lock is busy and we start waiting. */
  onWait?: () => void;
  onCompromised?: (e: Error) => void;
  /** Give up after this long (default: wait as long as the holder lives). */
  timeoutMs?: number;
}

function lockOpts(layout: Layout, key: string) {
  return {
    realpath: false,
    lockfilePath: `${layout.lockTarget(key)}.lock`,
    stale: STALE_MS,
    update: UPDATE_MS,
    retries: 0,
  };
}

/** Runs `fn` while holding the lock `key`. */
export async function withLock<T>(layout: Layout, key: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  await mkdir(layout.tmp, { recursive: true });
  const started = Date.now();
  let warned = false;
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lockfile.lock(layout.lockTarget(key), {
        ...lockOpts(layout, key),
        // The staging folder is private and the final step is one rename, so a
        // lock lost to a very slow machine is reported, not fatal.
        onCompromised: (e) => opts.onCompromised?.(e),
      });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      if (!warned) opts.onWait?.();
      warned = true;
      if (opts.timeoutMs !== undefined && Date.now() - started > opts.timeoutMs) {
        throw new GovmError('E_LOCK', `timed out waiting for another govm working on ${key}`, {
          hint: `if no govm is running, remove ${lockOpts(layout, key).lockfilePath}`,
        });
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

/** True when some live process holds `key` right now. */
export async function isLocked(layout: Layout, key: string): Promise<boolean> {
  try {
    return await lockfile.check(layout.lockTarget(key), lockOpts(layout, key));
  } catch {
    return false;
  }
}
