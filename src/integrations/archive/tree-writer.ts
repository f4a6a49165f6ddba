// Writes accepted archive entries below one root with bounded concurrency and
// exact bookkeeping, so that a failed extraction can stop every write and
// report only once nothing is touching the disk any more (the caller then
// deletes its staging folder without racing late writes).
import { createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A readable source of one file body: a Node stream or node-tar's ReadEntry (minipass). */
export interface BodySource {
  pipe(dest: NodeJS.WritableStream): unknown;
  on(event: 'error', fn: (e: unknown) => void): unknown;
}

export class TreeWriter {
  private readonly dirs = new Map<string, Promise<unknown>>();
  private readonly files = new Map<string, Promise<void>>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly kills = new Set<() => void>();
  private waiters: Array<() => void> = [];
  private firstError: unknown;
  private stopped = false;

  /** `onError` hears the first write error at once (so the caller can stop early). */
  constructor(
    readonly root: string,
    private readonly onError: (e: unknown) => void = () => {},
    private readonly maxInflight = 32,
  ) {}

  abs(rel: string): string {
    return join(this.root, ...rel.split('/'));
  }

  /** The first write error, if any (writes after it are refused). */
  get error(): unknown {
    return this.firstError;
  }

  /** Resolves when another write may start (fewer than maxInflight running). */
  slot(): Promise<void> {
    if (this.inflight.size < this.maxInflight || this.stopped) return Promise.resolve();
    return new Promise((res) => this.waiters.push(res));
  }

  dir(rel: string): Promise<unknown> {
    return this.mkdirAbs(this.abs(rel));
  }

  private mkdirAbs(abs: string): Promise<unknown> {
    let p = this.dirs.get(abs);
    if (!p) {
      p = mkdir(abs, { recursive: true, mode: 0o755 });
      this.dirs.set(abs, p);
    }
    return p;
  }

  /**
   * Writes `src` to rel (exclusive create: never into something already
   * there, such as a planted link). `mtime` is applied if given; `label`
   * (the entry's name in the archive) tags a write error.
   */
  file(rel: string, mode: number, src: BodySource | (() => Promise<BodySource>), mtime?: Date, label = rel): void {
    const abs = this.abs(rel);
    const job = (async () => {
      await this.mkdirAbs(dirname(abs));
      if (this.stopped) throw new Error('extraction stopped');
      const source = typeof src === 'function' ? await src() : src;
      if (this.stopped) {
        (source as { destroy?: () => void }).destroy?.();
        throw new Error('extraction stopped');
      }
      await new Promise<void>((res, rej) => {
        const ws = createWriteStream(abs, { flags: 'wx', mode });
        let finished = false;
        const kill = (): void => {
          ws.destroy();
          (source as { destroy?: () => void }).destroy?.();
        };
        this.kills.add(kill);
        ws.on('finish', () => (finished = true));
        ws.on('error', rej);
        source.on('error', (e: unknown) => {
          rej(e);
          ws.destroy();
        });
        ws.on('close', () => {
          this.kills.delete(kill);
          if (finished) res();
          else rej(new Error(`writing ${rel} was interrupted`));
        });
        source.pipe(ws);
      });
      if (mtime) await utimes(abs, mtime, mtime);
    })();
    this.files.set(rel, job);
    this.track(job, label);
  }

  /** Hard link rel -> targetRel once the target is written; copies where links are refused. */
  hardlink(rel: string, targetRel: string, label = rel): void {
    const abs = this.abs(rel);
    const target = this.abs(targetRel);
    const job = (async () => {
      await this.files.get(targetRel);
      await this.mkdirAbs(dirname(abs));
      if (this.stopped) throw new Error('extraction stopped');
      try {
        await link(target, abs);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
        await copyFile(target, abs);
      }
    })();
    this.files.set(rel, job);
    this.track(job, label);
  }

  private track(job: Promise<void>, label: string): void {
    const tracked: Promise<void> = job.then(
      () => {
        this.release(tracked);
      },
      (e: unknown) => {
        if (this.firstError === undefined && !this.stopped) {
          this.firstError = Object.assign(e as object, { entry: label });
          this.onError(this.firstError);
        }
        this.release(tracked);
      },
    );
    this.inflight.add(tracked);
  }

  private release(p: Promise<void>): void {
    this.inflight.delete(p);
    if (this.inflight.size < this.maxInflight) for (const w of this.waiters.splice(0)) w();
  }

  /** Waits for every started write; rejects with the first write error. */
  async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
    if (this.firstError !== undefined) throw this.firstError;
  }

  /** Interrupts every write in progress and waits until none is left. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.waiters.splice(0)) w();
    for (const k of [...this.kills]) k();
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }
}
